"""Text as documents come: normalised, cut into paragraphs and sentences, and folded for
matching.

Copies of directives arrive NFD or NFC, with non-breaking spaces, Windows line ends,
Markdown emphasis from a converter, and page breaks that split a sentence in two. `clean`
fixes the characters; `paragraphs` rejoins what a page break split and keeps, for every
paragraph, the line it starts on so that a draft can say where an event was read.

`plain` folds text for matching (no diacritics, lower case, 'y' read as 'i', punctuation as
spaces) *one character for one character*, so an offset found in the folded text is the
same offset in the original.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from importer import tables, unmarked

_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u3000\t\v\f"), " ")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–]\s*)?(?:trang\s+)?\d{1,3}(?:\s*/\s*\d{1,3})?(?:\s*[-–])?\s*$", re.I
)
_TERMINAL = tuple('.:;!?)”"’…')


def clean(raw: str) -> str:
    """NFC, one kind of line end and of space, no invisible characters or emphasis marks."""
    text = unicodedata.normalize("NFC", raw).replace("\r\n", "\n").replace("\r", "\n")
    text = "\n".join(map(tables.tab_cells, text.split("\n")))
    text = text.translate(_SPACES).translate(_INVISIBLE)
    text = _HORNED_O_SLIP.sub(lambda m: _HORNED_O[m.group()], text)
    text = _SOUTHERN_SEND.sub(lambda m: m.group()[0] + "ửi", text)
    text = _ARROWED_DAYS.sub(r"\1-\2", _RUN_TOGETHER_YEAR.sub(r"\1/\2/\3", text))
    text = _RUN_INTO_A_WORD.sub(" ", text)
    if unmarked.unmarked(text):
        text = unmarked.restored(text)  # "Hoi nghi … vao ngay 20/12": the marks given back
    lines = tables.rows_as_sentences([_unemphasised(line) for line in text.split("\n")])
    return "\n".join(re.sub(r" {2,}", " ", line).strip() for line in lines)


# Vietnamese writes no "o" after "ư" without its horn ("ươ", as in "trước", "được"): "trưóc",
# "đưọc" are typing slips of "trước", "được", put right one letter for one so offsets hold
_HORNED_O = dict(zip("oóòỏõọOÓÒỎÕỌ", "ơớờởỡợƠỚỜỞỠỢ", strict=True))
_HORNED_O_SLIP = re.compile(r"(?<=[ưƯ])[oóòỏõọOÓÒỎÕỌ]")
# the South spells "gửi" (to send) "gởi": every rule on what is sent reads "gửi", so the
# variant is read as it, letter for letter (same length: offsets hold)
_SOUTHERN_SEND = re.compile(r"\b[gG]ởi\b")

# days a page joined with an arrow ("ngày 17->18/9"), and a month run into its year, the slash
# between them lost ("18/092015"): read as written by hand, "17-18/9", "18/09/2015"
_ARROWED_DAYS = re.compile(r"(?<![\d/.])(\d{1,2})\s*->\s*(\d{1,2})\s*(?=/)")
_RUN_TOGETHER_YEAR = re.compile(
    r"(?<![\d/.])(\d{1,2})\s*/\s*(0[1-9]|1[0-2])((?:19|20)\d{2})(?![\d/])"
)

# a copy that lost the space before a deadline's wording ("… đại biểu Hội đồng nhân dânchậm
# nhất là ngày 4 tháng 3"): no Vietnamese syllable runs on into "chậm", "muộn" or "trễ", so the
# space is put back where a letter stands right before "chậm nhất", "muộn nhất", "trễ nhất"
_RUN_INTO_A_WORD = re.compile(r"(?<=[^\W\d_])(?=(?:chậm|muộn|trễ)\s+nhất\b)")


def _unemphasised(line: str) -> str:
    """Markdown emphasis off ("**…**", "*…*"); a "* " bullet becomes "- "."""
    line = line.replace("**", "").replace("__", "")
    if line.lstrip().startswith("* "):
        line = "- " + line.lstrip()[2:]
    return line.replace("*", "")


@dataclass
class Paragraph:
    """A paragraph of the cleaned text and the (1-based) line it starts on."""

    text: str
    line: int
    index: int = 0
    sentences: list[Sentence] = field(default_factory=list)

    @property
    def is_heading(self) -> bool:
        """A short line that announces what follows ("1. Thời gian phát động:")."""
        text = self.text
        if len(text) > 160:
            return False
        letters = [c for c in text if c.isalpha()]
        upper = letters and sum(c.isupper() for c in letters) / len(letters) > 0.7
        return bool(upper or text.endswith(":") or not text.endswith(_TERMINAL))


@dataclass
class Sentence:
    """A sentence of a paragraph; ``start`` is its offset in the paragraph's text."""

    text: str
    start: int
    paragraph: Paragraph

    @property
    def line(self) -> int:
        return self.paragraph.line


def paragraphs(text: str) -> list[Paragraph]:
    """Non-empty lines as paragraphs; page numbers go. A line is joined to the next when a
    page break or a copy's hard wrap cut a sentence: it has no closing punctuation and the
    next line goes on in lower case, or it breaks inside a date ("(03/02/1930 -" then
    "03/02/2031)"), or the text is hard-wrapped (a copy out of a PDF: most lines end near
    one width without punctuation) and the line runs to that width."""
    lines = text.split("\n")
    width = _wrap_width(lines)
    result: list[Paragraph] = []
    previous, blank = "", False
    for number, line in enumerate(lines, start=1):
        if not line or _page_number(line, previous):
            blank = blank or not line
            continue
        if result and _continues(previous, line, None if blank else width):
            result[-1].text += (
                "" if previous.endswith(("/", "-")) and line[0].isdigit() else " "
            ) + line
        else:
            result.append(Paragraph(line, number))
        previous, blank = line, False
    for i, paragraph in enumerate(result):
        paragraph.index = i
        paragraph.sentences = split_sentences(paragraph)
    return result


_WEEKDAY = re.compile(r"^\s*(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật)\W*$", re.I)


def _page_number(line: str, previous: str) -> bool:
    """ "- 2 -", "Trang 3", "2/5" (page 2 of 5); not "21/5" (no page 21 of 5), nor a day under
    its weekday ("Thứ ba" then "22/5") in a schedule."""
    match = _PAGE_NUMBER.match(line)
    if not match:
        return False
    numbers = [int(n) for n in re.findall(r"\d+", line)]
    if len(numbers) == 2 and numbers[0] > numbers[1]:
        return False
    return not _WEEKDAY.match(previous)


_DATE_OPEN = re.compile(r"(?:\d[/.]|\d\s*[-–]|\b(?:ngày|tháng|năm|từ|đến|mùng|mồng))\s*$", re.I)
# a time of day or an hour that a date follows ("chiều 28/9", "lúc 8 giờ"), and a line that
# opens on a date or an hour
_TIME_OPEN = re.compile(r"\b(?:sáng|chiều|trưa|tối|đêm|lúc|hạn|trước|vào)\s*$", re.I)
_DATE_OR_HOUR = re.compile(r"^\d{1,2}\s*(?:[/.-]\s*\d{1,2}\b|h\b|h\d|giờ)", re.I)
_DATE_GOES_ON = re.compile(r"^[-–]\s*\d{1,2}\s*[/.-]\s*\d")
# the words an administrative document opens a paragraph with
_OPENER = re.compile(r"^(?:Căn\s+cứ|Thực\s+hiện|Kính\s+gửi|Về\s+việc|V/v|Nơi\s+nhận)\b", re.I)
_LIST_START = re.compile(r"^\s*(?:[-–•+*]|\(?\d+(?:\.\d+)*[.)]|[a-zđ]\)|[IVX]+\.)\s", re.I)


# a line that opens with a short capitalised label and a colon ("Học kỳ II: …", "Địa điểm: …")
_LABELLED = re.compile(r"^[A-ZĐÀ-Ỹ][^:.;,]{0,40}:\s")


# a title written before a name ("TP. Pleiku", "PGS. TS. …"): its full stop ends no sentence, so a
# hard wrap right after it may still cut one
_TITLE_STOP = re.compile(r"(?:^|[\s(“])(?:TP|Tp|tp|TS|ThS|PGS|GS|Đ/c|đ/c)\.$")


# a closing quote or bracket with no full stop before it ("… với chủ đề “…bền vững”" then "sẽ được
# tổ chức …"): a name closed mid-sentence, which a lower-case next line goes on from
_CLOSED_MID = re.compile(r"(?<![.!?…:;])[”\"’)]$")


def _ends(previous: str, line: str) -> bool:
    """Whether ``previous`` ends its sentence by its last character."""
    if _TITLE_STOP.search(previous):
        return False
    if _CLOSED_MID.search(previous) and line[0].islower() and not _LIST_START.match(line):
        return False
    return previous.endswith(_TERMINAL)


def _continues(previous: str, line: str, width: int | None) -> bool:
    if _ends(previous, line) and not _wrapped_clause(previous, line, width):
        return False
    if line[0].islower():
        return True
    if line[0].isdigit() and _DATE_OPEN.search(previous):
        return True  # a break inside a date
    if _DATE_OR_HOUR.match(line) and _TIME_OPEN.search(previous):
        return True  # "( chiều" then "28/9 )": a break between a time of day and its date
    if _DATE_GOES_ON.match(line) and previous[-1:].isdigit():
        return True  # "(11/6/1948" then "- 11/6/2025)"
    if width is None or not _wrapped(previous, line, width):
        return False
    if _LIST_START.match(line) and not _dash_pushed_down(previous, line, width):
        return False
    if _LABELLED.match(line):
        return False  # "Thi học kỳ I: từ 02/01 - 15/01": an item of a list, not a wrapped line
    if _OPENER.match(line):
        return False
    if _upper(previous) and not _upper(line):
        return False  # a title in capitals, then the text under it
    return not _upper(line)


def _upper(text: str) -> bool:
    """Mostly capitals: a title or a heading."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.7


def _wrapped(previous: str, line: str, width: int) -> bool:
    """Whether a text hard-wrapped at ``width`` broke ``previous`` only because ``line``'s
    first word did not fit on it. A wrap fills a line greedily, so a line the next word would
    have fitted on ended there of itself (a title, a list's item), however long it is; a
    short line is a wrap's only before a long word ("(01/04/1975-01/04/2023);"). A tenth of
    the width is left as slack: a PDF's font is proportional, its lines hold more or fewer
    letters as their letters are narrow or wide."""
    if _table_row(previous) or _table_row(line):
        return False
    first = line.split(" ", 1)[0]
    return len(previous) >= 0.5 * width and len(previous) + 1 + len(first) > 0.9 * width


def _table_row(line: str) -> bool:
    """A table's row as a converter writes it ("| a | b | c |"): whole, never wrapped."""
    return line.count(" | ") >= 2


def _dash_pushed_down(previous: str, line: str, width: int) -> bool:
    """A dash inside a sentence ("Phòng Văn hóa – Xã hội") that a wrap put at a line's
    start: the line before runs to the width itself, so not even the dash fitted on it; not
    a list's labelled item ("- Thành phần: …")."""
    after = line[1:].lstrip() + " "  # "- Mời dự:" alone on its line is labelled too
    return line[0] in "-–" and len(previous) + 2 > width and not _LABELLED.match(after)


def _wrapped_clause(previous: str, line: str, width: int | None) -> bool:
    """A clause's ";" that a hard wrap left at a line's end, the sentence going on in lower
    case ("…trong nhà trường;" then "nâng cao chất lượng…"), rather than a list's item; or
    a colon inside a quoted name."""
    if width is None or len(previous) < 0.75 * width or not _wrapped(previous, line, width):
        return False
    if previous.endswith(";"):
        return line[0].islower()
    # "… chiến dịch “Chuyển đổi số:" then "Nhanh hơn, …”": a colon inside a quoted name
    return previous.endswith(":") and previous.count("“") > previous.count("”")


def _wrap_width(lines: list[str]) -> int | None:
    """The width a hard-wrapped text is cut at, or None when it is not hard-wrapped: most of
    its long lines (short ones are a list's items, a table's cells, headings) end near one
    width without punctuation."""
    lines = [line for line in lines if not _table_row(line)]
    lengths = sorted(len(line) for line in lines if len(line) >= 20)
    if not lengths:
        return None
    width = lengths[max(int(len(lengths) * 0.9) - 1, 0)]
    if width > 200:
        return None  # paragraphs are whole lines
    near = [
        line
        for line in lines
        if len(line) >= 0.75 * width and not line.endswith(_TERMINAL) and len(line) <= width + 5
    ]
    if len(lengths) < 5 or (len(lengths) < 8 and width < 50):
        return None  # a few lines alike: a schedule's items, a table copied cell by cell
    long = [length for length in lengths if length >= 0.5 * width]
    return width if len(near) >= 3 and len(near) >= 0.4 * len(long) else None


_ABBREVIATIONS = {"tp", "ô", "bà", "ts", "ths", "pgs", "gs", "st", "v.v", "tt", "đ/c", "đc"}
_BOUNDARY = re.compile(r"[.!?…]+[\"”’)]*\s+")


def split_sentences(paragraph: Paragraph) -> list[Sentence]:
    """Sentences end at . ! ? … before a capital, a digit or an opening quote; list markers
    ("1.", "II.", "a.") and abbreviations ("TP.", "Ô.") do not end one."""
    text, sentences, start = paragraph.text, [], 0
    for match in _BOUNDARY.finditer(text):
        after = text[match.end() : match.end() + 1]
        if not after or not (after.isupper() or after.isdigit() or after in '“"(-–'):
            continue
        token = text[start : match.start()].rsplit(" ", 1)[-1].lstrip('("“')
        if _is_marker(token) or token.casefold() in _ABBREVIATIONS:
            continue
        sentences.append(Sentence(text[start : match.end()].rstrip(), start, paragraph))
        start = match.end()
    if start < len(text):
        sentences.append(Sentence(text[start:], start, paragraph))
    return sentences


def _is_marker(token: str) -> bool:
    bare = token.strip("(*-")
    return bool(re.fullmatch(r"(?:\d{1,2}(?:\.\d{1,2})*|[IVXLC]{1,5}|[a-zđA-Z])", bare))


# --- folding for matching -------------------------------------------------------------


def _fold_char(char: str) -> str:
    if char in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", char)[0].lower()
    if base == "y":
        return "i"
    return base if base.isalnum() else " "


_FOLD_TABLE: dict[str, str] = {}


def plain(text: str) -> str:
    """Diacritics off, lower case, 'y' as 'i', punctuation as spaces; same length as the
    (NFC) input, so offsets carry over."""
    out = []
    for char in text:
        folded = _FOLD_TABLE.get(char)
        if folded is None:
            folded = _FOLD_TABLE[char] = _fold_char(char) if len(char) == 1 else " "
        out.append(folded)
    return "".join(out)


# How far back a phrase that qualifies a date is looked for: bounded, so that reading a
# sentence costs time in proportion to its length however many dates it holds.
LOOK_BACK = 240


def before(text: str, end: int, width: int = LOOK_BACK) -> str:
    """The ``width`` characters of ``text`` before ``end``."""
    return text[max(0, end - width) : end]


def words(text: str) -> list[str]:
    """The folded words of ``text``."""
    return plain(text).split()


def phrase_pattern(name: str) -> str:
    """A regex (over `plain` text) that finds ``name`` whatever its spacing and marks."""
    return r"\b" + r"\s+".join(re.escape(w) for w in words(name)) + r"\b"


def ascii_words(text: str) -> list[str]:
    """Words without diacritics, lower case ("Thủy" → "thuy")."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", " ", bare).split()


def slug(text: str, limit: int = 6) -> str:
    """A code from words: "Báo cáo sơ kết" → ``bao-cao-so-ket``."""
    return "-".join(ascii_words(text)[:limit])[:60].strip("-") or "su-kien"


def sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def shorten(text: str, limit: int = 240) -> str:
    text = " ".join(text[: 4 * limit].split())  # a long sentence is not split whole
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
