"""How a unit is told: a channel-neutral `Notice`, e-mail over SMTP, the file outbox, and
the templates that word them.

Imports `config` only: it is handed notices, never the calendar's or scheduler's tables.
"""
