"""The house catalog is complete: every msgid marked in the code and the templates (pages,
e-mails, CLI, importer, feeds' labels) has its Vietnamese in ``thidua.po``, which parses,
holds no fuzzy or empty entry and no entry nothing uses, keeps each msgid's placeholders,
and is NFC text with its diacritics.

The msgids are found as ``pybabel extract`` finds them: Babel's Python extractor and
Jinja2's (``jinja2.ext.babel_extract``), over the project's own folders.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po

from translations import po_path, translations

ROOT = Path(__file__).resolve().parent.parent
ROOMS = (
    "calendars",
    "config",
    "importer",
    "notifiers",
    "scheduler",
    "submissions",
    "thidua",
    "translations",
)
JINJA = "jinja2.ext:babel_extract"
JINJA_OPTIONS = {"extensions": "jinja2.ext.i18n", "trim_blocks": "true", "lstrip_blocks": "true"}
METHODS = [
    ("templates/**.html", JINJA),
    ("templates/**.txt", JINJA),
    ("**.py", "python"),
]
# gettext's own names, `NC_` (a msgid with its context, translated later with pgettext),
# `NN_` (a singular and its plural, translated later with ngettext: Click's messages)
# `said` (a message kept to be shown later, perhaps in another language)
# and the pages' helper that translates for a request (its msgid is the second argument).
KEYWORDS = {
    **DEFAULT_KEYWORDS,
    "NC_": ((1, "c"), 2),
    "NN_": (1, 2),
    "translate": (2,),
    "said": None,
    "t": None,
}
PLACEHOLDER = re.compile(r"%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?[sdrfxX]")

Key = tuple[str | None, str]  # (context, msgid)


def _extracted(room: str) -> Iterator[tuple[str, Key, str | None]]:
    options = {pattern: JINJA_OPTIONS for pattern, method in METHODS if method == JINJA}
    for filename, line, message, _comments, context in extract_from_dir(
        ROOT / room, METHODS, options, KEYWORDS, strip_comment_tags=True
    ):
        singular, plural = message if isinstance(message, tuple) else (message, None)
        if singular:  # `_(variable)`: the msgid is marked where the value is made
            yield f"{room}/{filename}:{line}", (context, singular), plural


@cache
def used() -> dict[Key, str]:
    """Every msgid of the code and the templates, with the first place it is used."""
    found: dict[Key, str] = {}
    for room in ROOMS:
        for where, key, _plural in _extracted(room):
            found.setdefault(key, where)
    return found


@cache
def catalog() -> Catalog:
    with po_path("vi").open("rb") as po:
        return read_po(po, locale="vi", domain="thidua")


def entries() -> dict[Key, tuple[str, ...]]:
    """(context, msgid) → the msgids and the msgstrs of each entry of the .po."""
    found = {}
    for message in catalog():
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        found[(message.context, ids[0])] = (*ids, *strings)
    return found


def test_the_extraction_finds_every_room() -> None:
    places = {where.split("/")[0] for where in used().values()}
    assert {"thidua", "notifiers", "calendars", "importer", "translations"} <= places
    assert len(used()) > 600


def test_every_msgid_has_a_vietnamese_translation() -> None:
    vi = translations("vi")
    missing = []
    for (context, msgid), where in sorted(used().items(), key=lambda item: item[1]):
        text = vi.pgettext(context, msgid) if context else vi.gettext(msgid)
        if text == msgid and not _translated_as_itself(context, msgid):
            missing.append(f"{where}: {msgid!r}")
    assert missing == []


def _translated_as_itself(context: str | None, msgid: str) -> bool:
    """An entry whose Vietnamese is the msgid (a placeholder-only phrase, a name)."""
    message = catalog().get(msgid, context=context)
    return message is not None and bool(message.string)


def test_the_catalog_parses_with_no_fuzzy_empty_or_duplicate_entry() -> None:
    text = po_path("vi").read_text("utf-8")
    keys = re.findall(r'^(?:msgctxt "(.*)"\n)?msgid "(.+)"$', text, re.MULTILINE)
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    assert duplicates == []
    assert "#, fuzzy" not in text
    for (_context, msgid), texts in entries().items():
        strings = texts[1:] if len(texts) == 2 else texts[2:]
        assert all(strings), f"empty translation of {msgid!r}"
        for text in strings:  # blanks at the ends as the msgid has them
            assert _ends(text) == _ends(msgid), f"blanks around the Vietnamese of {msgid!r}"


def _ends(text: str) -> tuple[str, str]:
    return text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]


def test_no_entry_is_left_over() -> None:
    unused = sorted(f"{key[1]!r}" for key in entries() if key not in used())
    assert unused == []


def test_translations_keep_the_placeholders() -> None:
    for (_context, msgid), texts in entries().items():
        ids, strings = (texts[:1], texts[1:]) if len(texts) == 2 else (texts[:2], texts[2:])
        wanted = {name for text in ids for name in PLACEHOLDER.findall(text)}
        for text in strings:
            assert set(PLACEHOLDER.findall(text)) == wanted, msgid
            assert text.count("%") == len(PLACEHOLDER.findall(text)), msgid


def test_translations_are_nfc_vietnamese() -> None:
    texts = [text for values in entries().values() for text in values]
    for text in texts:
        assert unicodedata.is_normalized("NFC", text), text
    joined = " ".join(texts)
    for word in ("Đăng nhập", "Tổng quan", "Phong trào", "Đơn vị", "hạn cuối", "ngày nghỉ"):
        assert word in joined
