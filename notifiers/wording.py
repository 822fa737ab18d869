"""A notice in words: its subject, text body and HTML body, from the Jinja2 templates.

Templates live in ``templates/``, one tree for every language: ``<kind>.subject.txt``,
``<kind>.txt`` and ``<kind>.html`` for each kind of notice (reminder, digest, overdue,
late_list; receipt, returned and accepted, about a report a unit sent, share ``_answer``),
and the partials they include (names starting with ``_``). Their words are
English msgids (``{{ _("…") }}``, ``{{ ngettext(…) }}``) translated by the house catalog
(`translations`) in the notice's language, chosen when the notice is rendered. HTML
templates are autoescaped, text templates are not (they are never read as HTML). Undefined
names fail loudly, in the tests rather than in an inbox.

Templates see ``notice``; ``items`` (its deadlines by effective day), split into ``late``
and ``upcoming``; ``office`` (who writes); ``has_ics``; ``for_office`` (a late list, whose
items carry no "Đã gửi báo cáo" link); ``say`` (`notifiers.phrases.Phrases`); ``tag``,
the markup a sentence puts around its emphasised words (``strong``, ``red``, ``end``: tags
in HTML, nothing in text, so that both bodies share one msgid); and, in HTML, ``subject``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from notifiers.addresses import one_line
from notifiers.base import ANSWER_KINDS, Notice, Recipient
from notifiers.phrases import Phrases
from translations import current_language, translations, using

TEMPLATES = Path(__file__).resolve().parent / "templates"
TEXT_TAGS = {"strong": "", "red": "", "end": ""}
HTML_TAGS = {
    "strong": Markup("<strong>"),
    "red": Markup('<strong style="color:#b71c1c;">'),
    "end": Markup("</strong>"),
}


@dataclass(frozen=True)
class Wording:
    subject: str  # one line, NFC
    text: str
    html: str


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        extensions=["jinja2.ext.i18n"],
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(enabled_extensions=("html",), default=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    # One environment for every language: the callables read the language of the notice
    # being rendered (`word` sets it), so the compiled templates are shared.
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=lambda message: translations(current_language()).gettext(message),
        ngettext=lambda one, many, n: translations(current_language()).ngettext(one, many, n),
        newstyle=True,
    )
    return env


def word(notice: Notice, office: str) -> Wording:
    """Render the three parts of ``notice``; ``office`` signs when the notice names no
    office (the sender's display name)."""
    _check_content(notice)
    _check_links(notice)
    shaped = _shape(notice)
    if shaped is not None:
        shape, values = shaped
        drafted = _drafted(shape, office)
        if drafted is not None:
            return _filled(drafted, values)
    return rendered(notice, office)


def rendered(notice: Notice, office: str) -> Wording:
    """``notice`` rendered on its own, no draft used (what a draft filled in must equal)."""
    subject, text, html = _render(notice, office)
    return Wording(subject=subject, text=_tidy(text), html=html)


def _render(notice: Notice, office: str) -> tuple[str, str, str]:
    """The subject (on one line), the text as the template writes it (untidied) and the
    HTML."""
    env = environment()
    context = _context(notice, office)

    def render(suffix: str, tags: dict[str, str]) -> str:
        template = env.get_template(f"{notice.kind}{suffix}")
        return template.render({**context, "tag": tags})

    with using(notice.language):
        subject = one_line(render(".subject.txt", TEXT_TAGS))
        context["subject"] = subject
        text = render(".txt", TEXT_TAGS)
        html = render(".html", HTML_TAGS)
    return subject, text, html


# --- drafts: one rendering for every unit told the same --------------------------------
#
# A morning's reminders about one deadline differ from one unit to the next only in the
# unit's name and its two links (its "Đã gửi báo cáo" link, its calendar's). Templates only
# print those (escaped in HTML) or test whether a link is there, so the notice is rendered
# once with a placeholder for each, and each unit's message fills them in: the same text as
# a rendering of its own (tests/test_notifiers_wording.py compares the two), for a small
# part of the cost. Placeholders are private-use characters no real text carries.

_NAME = "\ue000name\ue001"
_FEED = "\ue000feed\ue001"
_WEBCAL = "\ue000webcal\ue001"
_DRAFTS = 256  # distinct drafts kept: a run's deadlines × days left × languages


def _submit(number: int) -> str:
    return f"\ue000submit{number}\ue001"


def _shape(notice: Notice) -> tuple[Notice, dict[str, str]] | None:
    """``notice`` with a placeholder for each value of its unit's own, and those values;
    None for an answer about one unit's report (never the same twice)."""
    if notice.answer is not None:
        return None
    values = {_NAME: notice.to.name}
    feed = notice.feed_url
    if notice.feed_url:
        feed, values[_FEED], values[_WEBCAL] = _FEED, notice.feed_url, _webcal(notice.feed_url)
    items = []
    for number, item in enumerate(notice.items):
        if item.submit_url:
            values[_submit(number)] = item.submit_url
        items.append(replace(item, submit_url=_submit(number)) if item.submit_url else item)
    shape = replace(
        notice,
        to=Recipient("", _NAME, ()),
        message_id="",
        items=tuple(items),
        feed_url=feed,
        reply_to=None,
    )
    return shape, values


@dataclass(frozen=True)
class _Draft:
    subject: str
    text: str  # as rendered
    tidy: str  # tidied
    html: str


@lru_cache(maxsize=_DRAFTS)
def _drafted(shape: Notice, office: str) -> _Draft | None:
    """The rendering of a shaped notice; None when its subject holds a placeholder (the
    subject is put on one line, which filling in could not redo)."""
    subject, text, html = _render(shape, office)
    if "\ue000" in subject:
        return None
    return _Draft(subject, text, _tidy(text), html)


def _filled(draft: _Draft, values: dict[str, str]) -> Wording:
    """The draft with the values in. Values on one line, without blanks at their ends
    and not all dashes (the signature's "-- " keeps its blank) go into the tidied text as
    they are (tidying again would not change it); others into the text as rendered,
    tidied after."""
    plain = all(
        v.strip("-") and v == v.strip() and len(v.splitlines()) == 1 for v in values.values()
    )
    text, html = draft.tidy if plain else draft.text, draft.html
    for placeholder, value in values.items():
        text = text.replace(placeholder, value)
        html = html.replace(placeholder, str(escape(value)))
    return Wording(draft.subject, text if plain else _tidy(text), html)


def _context(notice: Notice, office: str) -> dict[str, Any]:
    items = sorted(notice.items, key=lambda item: (item.effective_date, item.title))
    return {
        "notice": notice,
        "items": items,
        "late": [item for item in items if item.days_left < 0],
        "upcoming": [item for item in items if item.days_left >= 0],
        "office": notice.office or office,
        "has_ics": bool(notice.attachments) or any(item.ics for item in items),
        "webcal": _webcal(notice.feed_url) if notice.feed_url else None,
        "for_office": notice.kind == "late_list",
        "say": Phrases(notice.language),
    }


def _check_content(notice: Notice) -> None:
    if notice.kind == "calendar_link":
        if not notice.feed_url:
            raise ValueError(f"calendar link {notice.message_id} carries no link")
    elif notice.kind == "late_list":
        if not notice.late_lists:
            raise ValueError(f"late list {notice.message_id} names no deadline")
    elif not notice.items:
        raise ValueError(f"{notice.kind} {notice.message_id} names no deadline")
    if (notice.kind in ANSWER_KINDS) != (notice.answer is not None):
        raise ValueError(f"{notice.kind} {notice.message_id}: an answer goes with its kinds only")


def _check_links(notice: Notice) -> None:
    upload_url = notice.answer.upload_url if notice.answer else None
    for link in [notice.feed_url, upload_url, *(item.submit_url for item in notice.items)]:
        _check_link(link)


def _webcal(link: str) -> str:
    """The webcal:// form of a feed link (Apple Calendar and Outlook subscribe from it)."""
    if link == _FEED:
        return _WEBCAL
    return "webcal://" + link.partition("://")[2]


def _check_link(link: str | None) -> None:
    """Links become ``href``s: web addresses only (no ``javascript:``), on one line."""
    if link is None:
        return
    if not link.startswith(("https://", "http://")) or one_line(link) != link or " " in link:
        raise ValueError(f"{link!r} is not a web address to put in a message")


def _tidy(text: str) -> str:
    """Trailing blanks off (but the "-- " signature mark), at most one empty line in a
    row, one final newline."""
    lines = [line if line == "-- " else line.rstrip() for line in text.splitlines()]
    tidy: list[str] = []
    for line in lines:
        if line or (tidy and tidy[-1]):
            tidy.append(line)
    while tidy and not tidy[-1]:
        tidy.pop()
    return "\n".join(tidy) + "\n"
