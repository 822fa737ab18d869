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

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from notifiers.addresses import one_line
from notifiers.base import ANSWER_KINDS, Notice
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
    env = environment()
    context = _context(notice, office)

    def render(suffix: str, tags: dict[str, str]) -> str:
        template = env.get_template(f"{notice.kind}{suffix}")
        return template.render({**context, "tag": tags})

    with using(notice.language):
        subject = one_line(render(".subject.txt", TEXT_TAGS))
        context["subject"] = subject
        text = _tidy(render(".txt", TEXT_TAGS))
        html = render(".html", HTML_TAGS)
    return Wording(subject=subject, text=text, html=html)


def _context(notice: Notice, office: str) -> dict[str, Any]:
    items = sorted(notice.items, key=lambda item: (item.effective_date, item.title))
    upload_url = notice.answer.upload_url if notice.answer else None
    for link in [notice.feed_url, upload_url, *(item.submit_url for item in items)]:
        _check_link(link)
    return {
        "notice": notice,
        "items": items,
        "late": [item for item in items if item.days_left < 0],
        "upcoming": [item for item in items if item.days_left >= 0],
        "office": notice.office or office,
        "has_ics": bool(notice.attachments) or any(item.ics for item in items),
        "webcal": _webcal(notice.feed_url),
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


def _webcal(link: str | None) -> str | None:
    """The webcal:// form of a feed link (Apple Calendar and Outlook subscribe from it)."""
    return "webcal://" + link.partition("://")[2] if link else None


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
