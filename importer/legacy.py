"""Vietnamese text in the encodings offices still have: Windows-1258 (a base letter followed
by a combining tone mark) and TCVN3 (the ".VnTime" fonts' single bytes, which arrive as
Latin-1 letters such as "Kª ho¹ch"). `decode_legacy` finds which one a file that is not
UTF-8 is written in; `repair_tcvn3` reads a UTF-8 text that still carries TCVN3 letters (a
copy out of an old Word file). Either is told in a note of the draft.

Which encoding it is is decided by counting the common words of the language in each
reading: the right one reads as Vietnamese, the wrong one as noise.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata

# TCVN3 (TCVN 5712:1993, the "ABC" fonts): each Vietnamese letter with its marks is one
# byte, read here as the Latin-1 character it arrives as. Capitals with tone marks use the
# same bytes in a capitals font (".VnTimeH"), so they read as lower case.
_TCVN3_LETTERS = {
    "a": "µ¸¶·¹",
    "ă": "»¾¼½Æ",
    "â": "ÇÊÈÉË",
    "e": "ÌÐÎÏÑ",
    "ê": "ÒÕÓÔÖ",
    "i": "×ÝØÜÞ",
    "o": "ßãáâä",
    "ô": "åèæçé",
    "ơ": "êíëìî",
    "u": "ïóñòô",
    "ư": "õøö÷ù",
    "y": "úýûüþ",
}
_TONES = ("\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # huyền sắc hỏi ngã nặng
_TCVN3_PLAIN = {"¨": "ă", "©": "â", "ª": "ê", "«": "ô", "¬": "ơ", "\u00ad": "ư", "®": "đ"}
_TCVN3_CAPITALS = {"¡": "Ă", "¢": "Â", "£": "Ê", "¤": "Ô", "¥": "Ơ", "¦": "Ư", "§": "Đ"}


def _tcvn3_table() -> dict[int, str]:
    table = {ord(k): v for k, v in {**_TCVN3_PLAIN, **_TCVN3_CAPITALS}.items()}
    for base, codes in _TCVN3_LETTERS.items():
        for code, tone in zip(codes, _TONES, strict=True):
            table[ord(code)] = unicodedata.normalize("NFC", base + tone)
    return table


TCVN3 = _tcvn3_table()
_COMMON = re.compile(
    r"\b(?:của|và|các|ngày|tháng|năm|được|thi|đua|những|trong|cho|với|người|đơn|vị|theo|"
    r"thực|hiện|báo|cáo|tỉnh|huyện|xã|về)\b",
    re.I,
)


def vietnamese_score(text: str) -> int:
    """How many common Vietnamese words ``text`` has."""
    return len(_COMMON.findall(text))


def from_tcvn3(text: str) -> str:
    return unicodedata.normalize("NFC", text.translate(TCVN3))


def decode_legacy(data: bytes) -> tuple[str, str] | None:
    """The text and the encoding's name of bytes that are not UTF-8, when one of the
    legacy encodings reads them as Vietnamese; None otherwise."""
    readings = []
    with contextlib.suppress(UnicodeDecodeError):  # bytes Windows-1258 leaves undefined
        readings.append((unicodedata.normalize("NFC", data.decode("cp1258")), "Windows-1258"))
    readings.append((from_tcvn3(data.decode("latin-1")), "TCVN3"))
    best = max(readings, key=lambda r: vietnamese_score(r[0]))
    words = len(best[0].split())
    return best if words and vietnamese_score(best[0]) >= max(3, words // 25) else None


def repair_tcvn3(text: str) -> str | None:
    """A UTF-8 text whose letters are TCVN3's, converted; None when it is not one."""
    marked = sum(1 for c in text if ord(c) in TCVN3)
    if marked < 20 or marked < len(text) // 200:
        return None
    converted = from_tcvn3(text)
    if vietnamese_score(converted) > 2 * vietnamese_score(text) + 2:
        return converted
    return None
