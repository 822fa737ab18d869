"""How a unit is told: a channel-neutral `Notice`, e-mail over SMTP, the file outbox, and
the templates that word them.

- `notifiers.base` — the Notice and the Transport interface, `make_transport`;
- `notifiers.wording` — a Notice in words (one tree of Jinja2 templates under
  ``templates/``, worded through the `translations` catalog in the notice's language), with
  `notifiers.phrases` for dates, days left and document references;
- `notifiers.message` — the words as the exact bytes of an e-mail message;
- `notifiers.addresses` — addresses and display names that cannot inject headers;
- `notifiers.email` — SMTP; `notifiers.outbox` — .eml files in a folder.

Imports `config` and `translations` only: it is handed notices, never the calendar's or
scheduler's tables.
"""
