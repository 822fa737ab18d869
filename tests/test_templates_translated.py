"""No page or e-mail template shows a word that does not come from the catalog.

`tests/test_translations.py` checks that every marked msgid has its Vietnamese; this checks
the other half: that nothing shown is left unmarked. Each template's text is read with its
Jinja2 parts, ``{% trans %}`` blocks, markup, scripts and styles taken out; what remains is
what a reader would see untranslated, and it must hold no word (letters), only punctuation,
digits and the few names that are the same in every language.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE_DIRS = (ROOT / "thidua" / "templates", ROOT / "notifiers" / "templates")
TRANS_BLOCK = re.compile(r"\{%-?\s*(?:trans|pluralize)\b.*?\{%-?\s*endtrans\s*-?%\}", re.S)
JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
MARKUP = re.compile(r"<(script|style)\b.*?</\1>|<!--.*?-->|<[^>]*>", re.S)
# What a macro emits inside a tag (an attribute) or as a link's path is not read.
ATTRIBUTE = re.compile(r"""[\w-]+="[^"]*"?|[\w-]+='[^']*'?""")
PATH = re.compile(r"(?:/[\w-]+)+/?|#[\w-]+")
WORD = re.compile(r"[^\W\d_]{2,}")
# Names, not words: the same in Vietnamese and English.
SAME_IN_EVERY_LANGUAGE = {"webcal"}


def templates() -> list[Path]:
    return sorted(p for d in TEMPLATE_DIRS for p in d.iterdir() if p.suffix in {".html", ".txt"})


def shown_untranslated(source: str, markup: bool) -> list[str]:
    text = JINJA.sub(" ", TRANS_BLOCK.sub(" ", source))
    if markup:
        text = MARKUP.sub(" ", text)
    text = PATH.sub(" ", ATTRIBUTE.sub(" ", html.unescape(text)))
    return [w for w in WORD.findall(text) if w.lower() not in SAME_IN_EVERY_LANGUAGE]


def test_there_are_templates_of_pages_and_mails() -> None:
    names = {p.parent.parent.name for p in templates()}
    assert names == {"thidua", "notifiers"}
    assert len(templates()) > 40


@pytest.mark.parametrize("path", templates(), ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_a_template_shows_only_catalog_text(path: Path) -> None:
    words = shown_untranslated(path.read_text(encoding="utf-8"), markup=path.suffix == ".html")
    assert not words, f"{path.name} shows words that are not in the catalog: {words}"


@pytest.mark.parametrize(
    ("source", "markup", "words"),
    [
        ('<p>{{ _("Due") }} Hạn chót</p>', True, ["Hạn", "chót"]),
        ("<p>{{ _('Due') }}: {{ day }}</p>", True, []),
        ('<a href="/units/{{ u.code }}" title="{{ _(\'Unit\') }}">{{ u.name }}</a>', True, []),
        ("{% trans %}Sent today{% endtrans %}\nDear unit,", False, ["Dear", "unit"]),
        ("<script>const a = 1;</script><!-- note -->", True, []),
    ],
)
def test_the_check_finds_words_outside_the_catalog(
    source: str, markup: bool, words: list[str]
) -> None:
    assert shown_untranslated(source, markup) == words
