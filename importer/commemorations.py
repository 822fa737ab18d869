"""Commemorations: "94 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2024)",
"(3.2.1930 - 3.2.2025)", "Ngày Nhà giáo Việt Nam 20/11", and days named without a date
("70 năm Chiến thắng Điện Biên Phủ"), found through the national catalog
(`config.catalog.anniversaries`, names and aliases matched without regard to case, marks
or spacing). Days of the lunar calendar ("Giỗ Tổ Hùng Vương, 10/3 âm lịch") are noted as
such. A day the catalog does not know is taken when the text gives its founding day and
anniversary ("20 năm Ngày thành lập Khu kinh tế (15/3/2004 - 15/3/2024)"), or when a
celebrated "Ngày …" stands beside its day and month ("Hưởng ứng Ngày Sức khỏe tâm thần thế giới
(10/10)"): dated by that day alone, its founding year counted back when the text counts its
years ("kỷ niệm 70 năm Ngày truyền thống ngành Xây dựng 29/4"). A news lead after such a name
("… ngành Bưu điện ĐNO - Ngày 13/8, …") dates what follows, not the day. A title that counts
a day's years ("Kỷ niệm 77 năm ngày Truyền thống ngành …") dates it by the day and month the body
writes beside its name ("15/8 Ngày truyền thống ngành …"). A count of years to a day written
as lunar days of can-chi years ("839 năm ngày húy … (Ngày 12 tháng 6 năm Kỷ Hợi … – Ngày 12
tháng 6 năm Mậu Tuất …)") is kept on that lunar day's solar day, flagged lunar.

Inconsistencies are kept as written and flagged for review: a count that contradicts the
dates ("36 năm … (22/12/1944 - 22/12/2025)"), a founding day other than the catalog's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from calendars import anniversaries as anniv
from config.catalog import Anniversary, anniversaries
from config.dates import vn_date
from importer import lunar_days
from importer.breaks import in_a_break
from importer.context import Context
from importer.dates import Range, When, cited, mentions, ranges
from importer.model import Commemoration, Review
from importer.text import (
    LOOK_BACK,
    Sentence,
    before,
    phrase_pattern,
    plain,
    sentence_case,
    slug,
    words,
)
from translations import N_
from translations import gettext as _

# the words that say a day is celebrated; "hưởng ứng" (joining in: "Hưởng ứng Ngày Quốc tế Hạnh
# phúc"), and "nhân" (on the occasion of) right before the name ("các hoạt động nhân Ngày …")
_TRIGGER = re.compile(
    r"\b(?:chao mung|ki niem|huong toi|huong ung|nhan dip|lap thanh tich|mung|nhan(?=\s*$))\b"
)
_COUNT_BEFORE = re.compile(r"\b(\d{1,3})\s+nam\s+(?:ngai\s+)?$")
_OPEN = re.compile(r"^\s*[-–:,]?\s*\(?\s*(?:ngai\s+)?$")
_YEARS_ONLY = re.compile(r"^\s*\(\s*(\d{4})\s*[-–—]\s*(\d{4})\s*\)")
_LUNAR = re.compile(r"\bam\s+lich\b")
_SOLAR = re.compile(r"\s*\)?\s*(?:theo\s+)?dương\s+lịch\b", re.I)
_ANOTHER_BODY = re.compile(r"\s+(?:bo|uy|vien|doan)\b")
_NAME_TAIL = re.compile(r"[^;,.:()\d]{1,60}?\(?\s*")


@dataclass(frozen=True)
class _Match:
    start: int
    end: int
    anniversary: Anniversary
    inserted: bool = False  # words set in the name ("… vẻ vang của ngành …"): titled by the catalog


# the kinds of a body's day, as folded words: "truyền thống", "thành lập"
_KINDS_OF_DAY = (words("truyền thống"), words("thành lập"))


@lru_cache(maxsize=1)
def _catalog_patterns() -> list[tuple[re.Pattern[str], Anniversary]]:
    patterns = []
    for entry in anniversaries().values():
        for name in entry.names:
            folded = words(name)
            while folded and folded[-1].isdigit():  # "Ngày Quốc tế Phụ nữ 8/3": the date is
                folded = folded[:-1]  # read as a date, not as part of the name
            # "Ngày …": the word is optional in text, unless what follows is two words or
            # fewer, a common phrase without it ("Ngày Trái đất" is not "Giờ Trái đất")
            ngay = r"(?:\bngai\s+)?"
            if folded and folded[0] == "ngai":
                folded = folded[1:]
                ngay = r"\bngai\s+" if len(folded) <= 2 else ngay
            if len(folded) < 2:
                continue
            body = _month_either_way(phrase_pattern(" ".join(folded)))
            patterns.append((re.compile(ngay + body), entry, len(folded)))
            if folded[:2] in _KINDS_OF_DAY and len(folded) > 3:
                # "ngày truyền thống vẻ vang của ngành Tổ chức nhà nước": a word or two and
                # "của" between the kind of day and whose it is, after a written "Ngày"
                rest = phrase_pattern(" ".join(folded[2:]))
                inserted = r"(?P<ins>(?:\s+\w+){0,2}?\s+cua)\s+"
                head = rf"\bngai\s+{folded[0]}\s+{folded[1]}"
                patterns.append((re.compile(head + inserted + rest[2:]), entry, len(folded)))
    patterns.sort(key=lambda p: -p[2])
    return [(pattern, entry) for pattern, entry, _ in patterns]


# a month in a day's name, in words or in figures: "Cách mạng Tháng Tám" is "Cách mạng Tháng 8"
# (folded words: "thang tam")
_MONTH_WORDS = {
    "gieng": 1, "hai": 2, "ba": 3, "tu": 4, "nam": 5, "sau": 6, "bay": 7, "tam": 8,
    "chin": 9, "muoi": 10, "chap": 12,
}  # fmt: skip


def _month_either_way(body: str) -> str:
    """A name's pattern that finds its month written in words or in figures."""
    return re.sub(
        # the word ends the name or another follows ("… tháng Tám thành công"); not "Mười Một"
        r"thang\\s\+(\w+)(?=\\b|\\s\+)(?!\\s\+(?:mot|hai)\b)",
        lambda m: (
            rf"thang\s+(?:{m[1]}|0?{_MONTH_WORDS[m[1]]})\b" if m[1] in _MONTH_WORDS else m.group()
        ),
        body,
    )


def names_a_day_at(folded: str, at: int) -> bool:
    """Whether a catalog day's name begins at ``at`` of folded text ("Lễ Giỗ Tổ Hùng Vương":
    the holiday itself, not a ceremony held on it)."""
    return catalog_day_at(folded, at) is not None


def catalog_day_at(folded: str, at: int) -> Anniversary | None:
    """The catalog day whose name begins at ``at`` of folded text, the longest name first."""
    patterns = _catalog_patterns()
    return next((entry for pattern, entry in patterns if pattern.match(folded, at)), None)


def catalog_matches(folded: str) -> list[_Match]:
    """Catalog names in folded text, longest first where they overlap; a name that goes on
    with another name of the same day ("… ái quốc - Ngày truyền thống thi đua yêu nước")
    is one match."""
    found: list[_Match] = []
    for pattern, entry in _catalog_patterns():
        for m in pattern.finditer(folded):
            if _ANOTHER_BODY.match(folded, m.end()) and folded.endswith("dang", 0, m.end()):
                continue  # "Ngày thành lập Đảng bộ tỉnh …" is not the Party's day
            if not any(f.start < m.end() and m.start() < f.end for f in found):
                found.append(_Match(m.start(), m.end(), entry, bool(m.groupdict().get("ins"))))
    found.sort(key=lambda f: f.start)
    merged: list[_Match] = []
    for match in found:
        if (
            merged
            and merged[-1].anniversary.code == match.anniversary.code
            and re.fullmatch(r"\s*[-–]?\s*", folded[merged[-1].end : match.start])
        ):
            merged[-1] = _Match(merged[-1].start, match.end, match.anniversary)
        else:
            merged.append(match)
    return merged


def extract(ctx: Context) -> list[Commemoration]:
    found: list[Commemoration] = []
    for sentence in ctx.sentences():
        text, folded = sentence.text, plain(sentence.text)
        whens = mentions(text)
        spans = ranges(text, whens)
        named = catalog_matches(folded)
        for match in named:
            if cited(text, match.start):
                continue
            item = _from_catalog(ctx, sentence, match, whens, spans)
            if item is None:
                continue
            if _the_holiday_of_a_break(text, match, item, _own_spans(match, named, spans)):
                ctx.note(_(_HOLIDAY_OF_A_BREAK, title=item.title), sentence)
                continue
            if _held_before(ctx, text, match.start, item.day):
                ctx.note(
                    _(
                        "%(title)s (%(day)s) was held before the document: not an event",
                        title=item.title,
                        day=vn_date(item.day),
                    ),
                    sentence,
                )
                continue
            found.append(item)
            if (review := _review_on_the_day(text, folded, match, item)) is not None:
                ctx.spans.append(review)
        found.extend(_own_days(ctx, sentence, spans, whens))
        found.extend(_named_days(ctx, sentence, whens))
        found.extend(_bare_days(ctx, sentence, whens, spans))
        found.extend(_lunar_counted_days(ctx, sentence))
    found.extend(_counted_by_the_title(ctx, found))
    return _merged(found)


# a title that counts the years of a day it names without a date: "Kỷ niệm 77 năm ngày Truyền
# thống ngành …"
_TITLE_COUNTS = re.compile(
    r"\b(?:kỷ\s+niệm|chào\s+mừng|mừng|hướng\s+tới)\s+(?P<n>\d{1,3})\s+năm\s+"
    r"(?P<name>[Nn]gày\s+[^()\[\]:;,.–—\-\d]{4,100})",
    re.I,
)


def _counted_by_the_title(ctx: Context, found: list[Commemoration]) -> list[Commemoration]:
    """A day the catalog does not know whose years the title counts ("Kỷ niệm 77 năm ngày
    Truyền thống ngành …") and whose day and month the body writes beside its name ("15/8
    Ngày truyền thống ngành …", "ngày 15/8 trở thành Ngày truyền thống ngành …"): this year's
    anniversary, its founding day the count of years before."""
    title = _TITLE_COUNTS.search(ctx.title or "")
    if title is None or not ctx.year_known or catalog_matches(plain(title["name"])):
        return []
    # ("… ngành Dự trữ năm 2036": the year is not the name's)
    name = re.sub(r"\s+(?:năm|lần\s+thứ)$", "", " ".join(title["name"].split()), flags=re.I)
    years = int(title["n"])
    if len(words(name)) < 3 or any(item.years == years for item in found):
        return []  # the count read already, beside the day's dates
    pattern = re.compile(phrase_pattern(name))
    for sentence in ctx.sentences():
        for match in pattern.finditer(plain(sentence.text)):
            when = _day_beside(sentence.text, match)
            if when is None or cited(sentence.text, when.start):
                continue
            try:
                origin = date(when.year, when.month, when.day) if when.year else None
                day = date(ctx.year, when.month, when.day)
            except ValueError:
                continue
            if origin is not None and origin.year + years != ctx.year:
                continue  # a full date that is not the founding day the count gives
            return [
                Commemoration(
                    title=_written_name(name),
                    source=ctx.source(sentence, sentence.text),
                    review=["not in the national catalog: dated by its day, counted by the title"],
                    paragraph=sentence.paragraph.index,
                    day=day,
                    origin=origin or _counted_back(day, years),
                    years=years,
                    year_written=True,
                )
            ]
    return []


def _day_beside(text: str, name: re.Match[str]) -> When | None:
    """The day and month written beside a day's name: just before it ("15/8 Ngày …", "ngày
    15/8 trở thành Ngày …") or just after it ("Ngày … (15/8)")."""
    for when in mentions(text):
        if not when.is_day or when.day is None:
            continue
        if when.end <= name.start() and re.fullmatch(
            r"\s*(?:[-–:]\s*|trở\s+thành\s+|là\s+)?", text[when.end : name.start()], re.I
        ):
            return when
        if (
            when.start >= name.end()
            and re.fullmatch(r"\s*[-–:(]?\s*(?:ngày\s+)?", text[name.end() : when.start], re.I)
            and not _opens_a_lead(text, when)
        ):
            return when
    return None


def _from_catalog(
    ctx: Context,
    sentence: Sentence,
    match: _Match,
    whens: list[When],
    spans: list[Range],
) -> Commemoration | None:
    text, folded = sentence.text, plain(sentence.text)
    entry = match.anniversary
    count_match = _COUNT_BEFORE.search(before(folded, match.start, 20))
    count = int(count_match[1]) if count_match else None
    start = max(0, match.start - 20) + count_match.start() if count_match else match.start
    after = text[match.end : match.end + 60]
    span = next(
        (
            r
            for r in spans
            if r.start >= match.end and _OPEN.match(plain(text[match.end : r.start]))
        ),
        None,
    )
    if span is None and entry.origin is not None:
        # the name goes on past the catalog's ("Ngày Quốc khánh nước CHXHCN Việt Nam
        # (02/9/1945 - 02/9/2025)"): the founding day says the dates are this day's
        span = next(
            (
                r
                for r in spans
                if r.anniversary
                and r.start >= match.end
                and _NAME_TAIL.fullmatch(text[match.end : r.start])
                and (r.first.day, r.first.month) == (entry.origin.day, entry.origin.month)
            ),
            None,
        )
    single = next(
        (
            w
            for w in whens
            if w.start >= match.end and w.is_day and _OPEN.match(plain(text[match.end : w.start]))
        ),
        None,
    )
    if single is not None and _another_day(entry, single):
        single = None  # "Ngày Pháp luật (13/8/2018)": a date that is not this day's
    single = single or _set_as(text, match, whens)
    years_only = _YEARS_ONLY.match(after)
    # "chính sách, pháp luật của Nhà nước" names no day, whatever is celebrated before it
    triggered = not _common_noun(text, match) and bool(
        _celebrated(before(folded, match.start), before(text, match.start))
        or _LUNAR.search(plain(after))
    )
    bare = count is None and span is None and single is None and not triggered
    count = _recalled_count(ctx, folded, entry, whens) if bare else count
    if count is None and span is None and single is None and not triggered:
        return None
    review: list[str] = []
    lunar = entry.lunar is not None or bool(_LUNAR.search(plain(after)))
    name = _written_name(text[match.start : match.end])
    origin = entry.origin
    if span is not None and span.anniversary:
        origin, day = span.first.first(), span.last.last()
        review += _range_doubts(count, origin, day)
        if entry.origin and entry.origin != origin:
            review.append(
                f"the catalog dates {entry.name} from {vn_date(entry.origin)}, "
                f"the text from {vn_date(origin)}"
            )
        end = span.end
        written = True
    elif single is not None and (not lunar or _SOLAR.match(text, single.end)):
        # a lunar day with its solar day given ("mùng 10 tháng 3 âm lịch (ngày 06/4/2036 dương
        # lịch)") is dated by the solar day
        day = _single_day(ctx, entry, single, count, review)
        end = match.end if _opens_a_break(single, spans) else single.end
        written = single.year is not None or (count is not None and entry.origin is not None)
    else:
        undated = _undated_day(ctx, entry, count, years_only, review)
        if undated is None:
            if entry.lunar is not None:
                ctx.note(
                    _(
                        "%(name)s: a day of the lunar calendar; give its solar day in the file",
                        name=name,
                    ),
                    sentence,
                )
            else:
                ctx.note(
                    _(
                        "%(name)s: %(count)s năm falls far from the text's year; not taken",
                        name=name,
                        count=count,
                    ),
                    sentence,
                )
            return None
        day = undated
        end = match.end + (years_only.end() if years_only else 0)
        written = bool(years_only) or (count is not None and entry.origin is not None)
    if lunar:
        review.append("a day of the lunar calendar: check the solar day")
    if not ctx.plausible(day):
        review.append(f"{vn_date(day)} is far from the campaign's year {ctx.year}")
    _take_unless_given_off(ctx, sentence, start, end)
    same = plain(name).strip() == plain(entry.name).strip()
    title = entry.name if same or match.inserted else name
    return Commemoration(
        title=title,
        source=ctx.source(sentence, _clause(text, start, end)),
        review=review,
        paragraph=sentence.paragraph.index,
        day=day,
        catalog=entry.code,
        origin=origin,
        years=count,
        lunar=lunar,
        year_written=written and not lunar,
    )


# a decision that sets a yearly day: "lấy ngày 10-10 hằng năm là Ngày …", "ngày 10/10 hàng năm
# được chọn làm Ngày …" (folded words): the day, each year, from its first coming
_SET_AS = re.compile(
    r"\s*hang\s+nam\s+(?:(?:duoc\s+)?(?:chon|lay)\s+)?(?:la|lam|tro\s+thanh)\s+(?:ngai\s+)?"
)


def _set_as(text: str, match: _Match, whens: list[When]) -> When | None:
    """The day and month a decision sets as the named day, written just before its name with
    "hằng năm là" (a day that is merely this year's, "ngày 10/10 là …", is not one)."""
    day = next((w for w in reversed(whens) if w.end <= match.start), None)
    if day is None or not day.is_day or day.year is not None:
        return None
    return day if _SET_AS.fullmatch(plain(text[day.end : match.start])) else None


_YEARS = re.compile(r"\b(\d{1,3})\s+nam\b")


def _recalled_count(ctx: Context, folded: str, entry: Anniversary, whens: list[When]) -> int | None:
    """A sentence that recalls a day rather than names it for celebrating ("Từ đó đến nay, 70
    năm đã trôi qua, ngày 28/8 … trở thành ngày truyền thống của ngành …"): the day's own day
    and month written in it, and a count of years that brings its founding year to the text's,
    make it that year's anniversary; the count."""
    origin = entry.origin
    if origin is None or not entry.counted or not ctx.year_known:
        return None
    if not any(w.is_day and (w.day, w.month) == (origin.day, origin.month) for w in whens):
        return None
    return next(
        (int(m[1]) for m in _YEARS.finditer(folded) if origin.year + int(m[1]) == ctx.year),
        None,
    )


_TOLD_DONE = re.compile(r"\b(?:đã|vừa)\s+(?:được\s+)?(?:tổ\s+chức|kỷ\s+niệm|diễn\s+ra)\b", re.I)


# "tổ chức tổng kết vào dịp tổ chức Ngày Pháp luật 09-11": a review held on a named day
_REVIEW_ON = re.compile(
    r"\b(?P<kind>so|tong)\s+ket\b[^.;]{0,60}?\bvao\s+dip\s+(?:(?:to\s+chuc|ki\s+niem)\s+)?$"
)


def _celebrated(prefix: str, written: str) -> bool:
    """Whether the words before a name say it is celebrated ("chào mừng", "kỷ niệm"); not a
    word closed off in an aside before it ("(kỷ niệm Giỗ tổ Hùng Vương, …); … từ ngày 01/12/2021
    (lấy sự kiện ngày thành lập Quân đội …)": the later day is only what a round is tied to).
    ``prefix`` is folded (its marks of punctuation blanked), ``written`` the same words as
    written."""
    triggers = list(_TRIGGER.finditer(prefix))
    if not triggers:
        return False
    last = triggers[-1]
    opened = written.rfind("(", 0, last.start()) > written.rfind(")", 0, last.start())
    return not (opened and ")" in written[last.end() :])


def _review_on_the_day(text: str, folded: str, match: _Match, item: Commemoration) -> Review | None:
    """The review a sentence holds on the day it names ("… tổng kết vào dịp Ngày … 09-11"):
    a review of that one day."""
    base = max(0, match.start - LOOK_BACK)
    review = _REVIEW_ON.search(folded, base, match.start)
    if review is None:
        return None
    return Review(
        title=sentence_case(" ".join(text[review.start() : match.end].split())),
        source=item.source,
        paragraph=item.paragraph,
        start=item.day,
        end=item.day,
        review_kind="so_ket" if review["kind"] == "so" else "tong_ket",
    )


_HOLIDAY_OF_A_BREAK = N_("%(title)s: the holiday of days off, no event")


def _the_holiday_of_a_break(
    text: str, match: _Match, item: Commemoration, spans: list[Range]
) -> bool:
    """ "lịch nghỉ lễ dịp Quốc khánh 2/9", "trong dịp Lễ kỷ niệm ngày Chiến thắng 30/4 …, công
    chức được nghỉ": a day named as what a break is for; with a count or its founding day
    ("nghỉ lễ … Quốc khánh (02/9/1945 - 02/9/2022)") it is still celebrated."""
    founded = any(r.anniversary and 0 <= r.start - match.end <= 80 for r in spans)
    return item.years is None and not founded and in_a_break(text, match.start)


# a day named as what days off are given for: "được nghỉ ngày Quốc tế Lao động ngày 01/5/2031",
# "được nghỉ nhân kỷ niệm 56 năm ngày …": its date is the day off too, left to the break's reader
_GIVEN_OFF = re.compile(
    r"\b(?:được|sẽ)\s+nghỉ(?:\s+(?:lễ|Tết))?\s+(?:nhân\s+(?:dịp\s+)?)?(?:kỷ\s+niệm\s+)?$", re.I
)


def _take_unless_given_off(ctx: Context, sentence: Sentence, start: int, end: int) -> None:
    """Take a day's name and date, unless days off are given for it (`_GIVEN_OFF`)."""
    if not _GIVEN_OFF.search(before(sentence.text, start, 40)):
        ctx.take(sentence, start, end)


def _own_spans(match: _Match, named: list[_Match], spans: list[Range]) -> list[Range]:
    """The spans a day's name may own: none past the next day named ("nhân Ngày Giỗ Tổ Hùng
    Vương, kỷ niệm 43 năm Ngày giải phóng miền Nam … (30/4/1975 - 30/4/2018)": the founding
    day is the second one's)."""
    later = [m.start for m in named if m.start >= match.end]
    return [r for r in spans if not later or r.start < min(later)]


def _held_before(ctx: Context, text: str, start: int, day: date) -> bool:
    """An anniversary the document looks back on: before its date and told as done ("Năm
    2035, tỉnh đã tổ chức … kỷ niệm 50 năm … (30/4/1975 - 30/4/2025)"), or half a year and
    more before it."""
    if ctx.issued is None or day >= ctx.issued:
        return False
    clause = text[max(0, text.rfind(";", 0, start) + 1, start - LOOK_BACK) : start]
    return (ctx.issued - day).days > 180 or bool(_TOLD_DONE.search(clause))


def _common_noun(text: str, match: _Match) -> bool:
    """A day's name written without "Ngày" and in lower case is a common noun ("pháp luật",
    "quốc khánh" in running text): only a count or a date beside it makes it the day."""
    written = text[match.start : match.end].lstrip(" (-–")
    return bool(written) and written[0].islower() and not plain(written).startswith("ngai")


def _opens_a_break(single: When, spans: list[Range]) -> bool:
    """ "Quốc khánh: 02/09/2036 - 04/09/2036" in a calendar: the day opens a break whose days
    are left to be read as a span."""
    return any(r.first is single and not r.anniversary for r in spans)


def _another_day(entry: Anniversary, single: When) -> bool:
    """A full date beside a catalog day's name that is not that day (a solar day with its
    founding day known): the date belongs to something else in the sentence."""
    origin = entry.origin
    return (
        entry.lunar is None
        and origin is not None
        and single.year is not None
        and (single.day, single.month) != (origin.day, origin.month)
    )


def _single_day(
    ctx: Context, entry: Anniversary, single: When, count: int | None, review: list[str]
) -> date:
    """ "Ngày Nhà giáo Việt Nam 20/11": the year written, else the count's, else the
    campaign's."""
    year = single.year or (entry.origin.year + count if entry.origin and count else None)
    if single.year and count and not ctx.plausible(date(single.year, single.month, 1)):
        # "35 năm Ngày hội Quốc phòng toàn dân (22/12/1989": the founding day, the text cut off
        # before the anniversary's
        year = single.year + count
    day = date(year or ctx.year_of(single.month, single.day or 1), single.month, single.day or 1)
    if entry.origin and (entry.origin.month, entry.origin.day) != (day.month, day.day):
        review.append(
            f"the text writes {single.text}, the catalog has {entry.origin:%d/%m} for {entry.name}"
        )
    return day


def _undated_day(
    ctx: Context,
    entry: Anniversary,
    count: int | None,
    years_only: re.Match[str] | None,
    review: list[str],
) -> date | None:
    """A catalog day named without its date: the year "(1930 - 2024)" or the count gives
    ("70 năm" after 1954 is 2024), else the campaign's."""
    if years_only and entry.origin:
        year = int(years_only[2])
        if count is not None and count != year - int(years_only[1]):
            review.append(f"{count} năm contradicts ({years_only[1]} - {years_only[2]})")
    elif entry.origin and count is not None:
        year = entry.origin.year + count
        if ctx.year_known and abs(year - ctx.year) > 1:
            # "70 năm Chiến thắng Điện Biên Phủ" read as the catalog's "Chiến thắng" of 1975
            # would fall in 2045: not the day the text means
            return None
    else:
        year = _year_in_period(ctx, entry)
    return anniv.occurrence_day(entry, year)


def _year_in_period(ctx: Context, entry: Anniversary) -> int:
    """The year whose occurrence of a catalog day falls in the campaign period (a school
    year spans two), else the campaign's year."""
    if ctx.period:
        for year in range(ctx.period[0].year, ctx.period[1].year + 1):
            day = anniv.occurrence_day(entry, year)
            if day is not None and ctx.period[0] <= day <= ctx.period[1]:
                return year
    return ctx.year


def _range_doubts(count: int | None, first: date, last: date) -> list[str]:
    doubts = []
    if (first.month, first.day) != (last.month, last.day):
        doubts.append(f"{vn_date(first)} and {vn_date(last)} are not the same day of the year")
    if count is not None and count != last.year - first.year:
        doubts.append(
            f"the text says {count} năm, but {vn_date(first)} → {vn_date(last)} is "
            f"{last.year - first.year} năm"
        )
    return doubts


# The name runs from the last opening before the dates: a punctuation mark or a word that
# introduces what is celebrated ("tập trung lập thành tích chào mừng 50 năm Ngày giải phóng
# tỉnh … (23/3/1975 - 23/3/2025)" names "Ngày giải phóng tỉnh …", not what comes before).
# a second day after the first one's dates ("… (30/4/1975 - 30/4/2025) và Giải phóng huyện …
# (26/4/1975 - 26/4/2025)"): its name opens after "và"
_NAME_BEFORE = re.compile(
    r"^.*(?:^|[;,:(]|\)\s*và\b|\bchào\s+mừng|\bkỷ\s+niệm|\bhướng\s+tới|\bnhân\s+dịp|\bmừng)\s*"
    r"(?:kỷ\s+niệm\s+)?(?P<name>[^;,:()]{4,140}?)\s*[-–:,]?\s*\(?\s*$",
    re.I | re.S,
)


# where a lower-case run of words ends in the name of what is celebrated: a ceremony or a
# day, capitalised ("tổ chức Lễ Giỗ …", "kỷ niệm Ngày truyền thống …")
_PROPER_NAME = re.compile(r"(?P<verb>\S+)\s+(?P<name>(?:Lễ|Ngày|Giỗ)\s+\S)")


_A_DAY = re.compile(r"(?:^|\s)(?:Ngày|ngày\s+(?:sinh|mất|thành\s+lập))\s")


def _name_before(prefix: str) -> re.Match[str] | None:
    """The name before a founding pair; past an apposition set off by a comma ("Ngày sinh
    đồng chí …, lãnh đạo tiền bối tiêu biểu của Đảng (17/3/1913 - 17/3/2038)"), the name
    before it."""
    match = _NAME_BEFORE.search(prefix)
    named = match
    # an apposition may run over several commas ("…, nguyên Ủy viên Bộ Chính trị, nguyên
    # Trưởng Ban …"): back over each while what is left of it is lower-case
    for _comma in range(_APPOSITION_PARTS):
        if not (named and named["name"][:1].islower()):
            break
        if prefix[: named.start("name")].rstrip()[-1:] != ",":
            break
        comma = prefix.rstrip().rfind(",", 0, named.start("name"))
        named = _NAME_BEFORE.search(prefix[:comma])
        # only a day's name ("… Ngày sinh đồng chí …"), not a sentence's opening words
        if named and not named["name"][:1].islower() and _A_DAY.search(named["name"]):
            return named
    return match


_APPOSITION_PARTS = 3


def _from_the_ceremony(name: str) -> str:
    """The name from the ceremony or day a lower-case verb introduces ("Ban … nghe báo cáo
    kế hoạch tổ chức Lễ Giỗ lần thứ 95 của …" names "Lễ Giỗ lần thứ 95 của …")."""
    for match in _PROPER_NAME.finditer(name):
        if match["verb"][:1].islower():
            return name[match.start("name") :]
    return name


_NTH_TIME = re.compile(r"\blần\s+thứ\s+(\d{1,3})\b", re.I)


_YEARS_AFTER = re.compile(r"\s*\(\s*(\d{4})\s*[-–—]\s*(\d{4})\s*\)")


# a count of years to a day of the lunar calendar ("kỉ niệm 839 năm ngày húy danh nhân …")
_COUNTED = re.compile(r"\b(?P<count>\d{1,3})\s+năm\s+(?P<name>ngày\s+[^()\d;.,]{3,80}?)\s*$", re.I)
# its two ends written as lunar days of can-chi years: "( Ngày 12 tháng 6 năm Kỷ Hợi, dương lịch
# năm 1179 – Ngày 12 tháng 6 năm Mậu Tuất, dương lịch năm 2018)"
_LUNAR_ENDS = re.compile(
    r"\s*\(\s*ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\w+\s+\w+[^()]{0,40}?[-–]\s*"
    rf"{lunar_days.CAN_CHI_DAY}",
    re.I,
)


def _lunar_counted_days(ctx: Context, sentence: Sentence) -> list[Commemoration]:
    """ "839 năm ngày húy … (Ngày 12 tháng 6 năm Kỷ Hợi … – Ngày 12 tháng 6 năm Mậu Tuất …)": a
    day the catalog does not know, kept on the lunar day's solar day of the document's year."""
    text = sentence.text
    found = []
    for ends in _LUNAR_ENDS.finditer(text):
        counted = _COUNTED.search(text, 0, ends.start())
        day = lunar_days.can_chi_day(ctx, ends)
        if counted is None or day is None or not ctx.plausible(day):
            continue
        if ctx.taken(sentence, counted.start(), ends.end()):
            continue
        ctx.take(sentence, counted.start(), ends.end())
        found.append(
            Commemoration(
                title=sentence_case(" ".join(counted["name"].split())),
                source=ctx.source(sentence),
                review=["a day of the lunar calendar: check the solar day"],
                paragraph=sentence.paragraph.index,
                day=day,
                years=int(counted["count"]),
                lunar=True,
            )
        )
    return found


# where a text dates a day of its own (start, end) and that day's founding and this year's
_Dated = tuple[int, int, date, date]


def _founding_pairs(text: str, spans: list[Range], whens: list[When]) -> list[_Dated]:
    """ "(15/3/2004 - 15/3/2024)", and a day then its years ("Ngày truyền thống công nhân
    Vùng mỏ, 12/11 (1936 –2021)"): the founding day and its anniversary."""
    pairs = [
        (span.start, span.end, span.first.first(), span.last.last())
        for span in spans
        if span.anniversary
    ]
    for when in whens:
        years = _YEARS_AFTER.match(text, when.end)
        if not when.is_day or when.year is not None or years is None:
            continue
        first_year, last_year = int(years[1]), int(years[2])
        if last_year - first_year < 2:
            continue
        try:
            first = date(first_year, when.month, when.day or 1)
            last = date(last_year, when.month, when.day or 1)
        except ValueError:
            continue
        pairs.append((when.start, years.end(), first, last))
    return pairs


# what a count of years counts from, lower-case after the count: "ngày …", "ra đời tác phẩm …",
# "thành lập Hội …", "xuất bản tác phẩm …"
_FOUNDING_WORDS = re.compile(
    r"(?:ngày|ra\s+đời|thành\s+lập|xuất\s+bản|khánh\s+thành|ban\s+hành)\s", re.I
)


def _own_days(
    ctx: Context, sentence: Sentence, spans: list[Range], whens: list[When] | None = None
) -> list[Commemoration]:
    """ "20 năm Ngày thành lập Khu kinh tế (15/3/2004 - 15/3/2024)", "85 năm Ngày truyền thống
    công nhân Vùng mỏ, 12/11 (1936 –2021)": a day the catalog does not know, dated by the
    text."""
    text = sentence.text
    found = []
    for start, end, first, last in _founding_pairs(text, spans, whens or []):
        if ctx.taken(sentence, start, end) or cited(text, start):
            continue
        base = max(0, start - LOOK_BACK)
        match = _name_before(before(text, start))
        if not match:
            continue
        name = re.sub(
            r"^(?:(?:chào\s+mừng|kỷ\s+niệm|hướng\s+tới|lập\s+thành\s+tích)\s+)+",
            "",
            match["name"].strip(),
            flags=re.I,
        )
        count_match = re.match(r"(\d{1,3})\s+năm\s+", name)
        count = int(count_match[1]) if count_match else None
        name = name[count_match.end() :] if count_match else name
        if _FOUNDING_WORDS.match(name):  # "73 năm ngày Bác Hồ về thăm …", "… năm ra đời …"
            name = sentence_case(name)
        name = _from_the_ceremony(name)
        if count is None and (times := _NTH_TIME.search(name)):
            count = int(times[1])  # "Lễ Giỗ lần thứ 95 của …": the 95th year
        if len(name.split()) < 2 or not name[0].isupper():
            continue
        ctx.take(sentence, base + match.start("name"), end)
        if _held_before(ctx, text, base + match.start("name"), last):
            continue
        entry = _same_day_in_catalog(name, first)
        found.append(
            Commemoration(
                title=_written_name(name),
                source=ctx.source(sentence, _clause(text, base + match.start("name"), end)),
                review=[
                    *_range_doubts(count, first, last),
                    f"the catalog names it “{entry.name}”"
                    if entry
                    else "not in the national catalog",
                ],
                paragraph=sentence.paragraph.index,
                day=last,
                catalog=entry.code if entry else None,
                origin=first,
                years=count,
                year_written=True,
            )
        )
    return found


# a day of its own named with its day and month and celebrated: "Hưởng ứng Ngày Sức khỏe tâm thần
# thế giới (10/10)", "chào mừng ngày 15/10 – Ngày Kiểm toán Nhà nước"; the name a "Ngày" then a
# capital, or a capital "Ngày" then two words and more ("Ngày thế giới tôn vinh người hiến máu");
# "Ngày hội …" is a gathering, "Ngày Chủ nhật xanh" a day of work
_CAPITAL = "A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈÍÌÓÒÚÙÝ"
_DAY_NAME = (
    r"(?:[Nn]gày\s+(?!Hội\b|hội\b|Chủ\s+nhật\b|Thứ\b)[" + _CAPITAL + r"]"
    r"|Ngày\s+(?!hội\b|lễ\b|mai\b|nay\b|này\b|đó\b|làm\b|nghỉ\b)(?=\w+\s+\w+\s+\w)\w"
    # after a count of years a lower-case "ngày" names the day too ("50 năm ngày giải phóng …")
    r"|(?<=\d\snăm\s)ngày\s+(?!hội\b|lễ\b|làm\b|nghỉ\b)(?=\w+\s+\w+\s+\w)\w"
    # and so do a body's kinds of day ("chào mừng ngày truyền thống ngành Điện 21/12")
    r"|ngày\s+(?:truyền\s+thống|thành\s+lập)\s+(?=\w)"
    # and so does a victory's name ("60 năm Chiến thắng Đồng Xoài (11/6)"): a battle's day
    r"|(?<=\d\snăm\s)Chiến\s+thắng\s+[" + _CAPITAL + r"])"
    r"(?:[^;,.:()\d]|,(?=\s*chống\b)){2,80}?"  # "phòng, chống" is one phrase
)
_NAMED_BEFORE = re.compile(rf"(?P<name>{_DAY_NAME})\s*[-–]?\s*\(?\s*(?:[Nn]gày\s+)?$")
_NAMED_AFTER = re.compile(rf"\s*(?:[-–]|\(|:)\s*(?P<name>{_DAY_NAME})\s*(?=[;,.:()]|$|\s[-–]\s)")

# words no day's name holds, a clause's verbs ("Lễ … diễn ra tại …"), and a place named for a
# date ("Hội trường 2/9", "đường 30/4") ending it
_NOT_A_NAME = re.compile(
    r"\b(?:tại|diễn\s+ra|tổ\s+chức|được|sẽ|vào|lúc|từ|đến)\b"
    r"|\b(?:hội\s+trường|quảng\s+trường|đường|phố|sân|cầu|công\s+viên)\s*$",
    re.I,
)


# a title about the great days of a month or a year ("Tuyên truyền các ngày lễ lớn trong tháng
# 9", "Các ngày kỷ niệm năm …"): every day it names beside its date is one it celebrates
# (folded)
_GREAT_DAYS_TITLE = re.compile(r"\bcac\s+ngai\s+(?:le\s+lon|ki\s+niem|le\s+ki\s+niem)\b")


def _named_days(ctx: Context, sentence: Sentence, whens: list[When]) -> list[Commemoration]:
    """A day the catalog does not know, named beside its day and month and celebrated
    ("Hưởng ứng Ngày Sức khỏe tâm thần thế giới (10/10)", "nhân dịp ngày 15/10 – Ngày Kiểm toán
    Nhà nước"): a commemoration on that day of the year, dated by it alone, its founding day
    from a count of years when the text gives one."""
    text = sentence.text
    found = []
    for when in whens:
        if not when.is_day or when.day is None or cited(text, when.start):
            continue
        before_text = text[max(0, when.start - LOOK_BACK) : when.start]
        if named := _NAMED_BEFORE.search(before_text):
            start = when.start - len(before_text) + named.start("name")
            name, end = named["name"], when.end
        elif named := _NAMED_AFTER.match(text, when.end):
            # the day before the name is left to be read too ("ra quân" on it)
            start, end, name = named.start("name"), named.end("name"), named["name"]
        else:
            continue
        if ctx.taken(sentence, start, end) or catalog_matches(plain(name)):
            continue
        if _NOT_A_NAME.search(name):  # "… diễn ra tại Hội trường 2/9": a place, not the day
            continue
        celebrated = _celebrated(before(plain(text), start), before(text, start))
        if not (celebrated or _GREAT_DAYS_TITLE.search(plain(ctx.title or ""))):
            continue
        if _opens_a_lead(text, when):
            continue
        year = when.year or ctx.year_of(when.month, when.day)
        try:
            day = date(year, when.month, when.day)
        except ValueError:
            continue
        count = _founding_count(ctx, before(plain(text), start), when)
        # "kỷ niệm 78 năm Ngày truyền thống ngành Xây dựng 29/4": no founding year written, the
        # count gives it; so too for the day written with this year ("kỷ niệm 60 năm Ngày giải
        # phóng huyện … (20/11/2036)"), the day a pair "(20/11/1976 – 20/11/2036)" names too
        back = (
            None
            if count or not _this_years(ctx, when)
            else _count_back(before(plain(text), start), year)
        )
        ctx.take(sentence, start, end)
        found.append(
            Commemoration(
                title=_written_name(name),
                source=ctx.source(sentence, _clause(text, start, end)),
                review=[] if count or back else [_NO_FOUNDING_YEAR],
                paragraph=sentence.paragraph.index,
                day=day.replace(year=day.year + count) if count else day,
                origin=_counted_back(day, back),
                years=count or back,
                year_written=True,
            )
        )
    return found


# great days written by their day and month alone, in a list right after the words that
# celebrate them ("chào mừng kỷ niệm 30/4, 1/5 và …", "kỷ niệm các ngày 30/4, 1/5"; a
# holiday, "Ngày lễ 30/4", is another's): folded, the opening before the first day, and what may
# stand between two days of the list
_BARE_OPENING = re.compile(
    r"\b(?:chao mung|ki niem|huong toi|nhan dip)\s+"
    r"(?:(?:ki niem|cac|nhung|ngai|dip)\s+)*$"
)
_BARE_BETWEEN = re.compile(r"\s*(?:(?:va|ngai)\s+)*")


def _bare_days(
    ctx: Context, sentence: Sentence, whens: list[When], spans: list[Range]
) -> list[Commemoration]:
    """Days written by their day and month alone in a list after "chào mừng" or "kỷ niệm"
    ("chào mừng kỷ niệm 30/4, 1/5 và Ngày sinh …"): each the catalog day founded on that day
    and month, when only one is (19/8 names two days and is left alone)."""
    text, folded = sentence.text, plain(sentence.text)
    found: list[Commemoration] = []
    listed = False  # the mention before was a day of the list
    previous_end = 0
    for when in whens:
        in_list = listed and _BARE_BETWEEN.fullmatch(folded[previous_end : when.start])
        opens = bool(_BARE_OPENING.search(before(folded, when.start)))
        listed = bool(
            (in_list or opens)
            and when.is_day
            and (when.year is None or when.year == ctx.year)
            and not any(r.start <= when.start < r.end for r in spans)
        )
        previous_end = when.end
        # "nhân dịp ngày 15/10 – Ngày Kiểm toán Nhà nước": the day the name after it gives
        named = _NAMED_AFTER.match(text, when.end) is not None
        entry = _the_one_founded_on(when.month, when.day or 0) if listed and not named else None
        if entry is None or cited(text, when.start) or ctx.taken(sentence, when.start, when.end):
            continue
        day = date(when.year or ctx.year_of(when.month, when.day or 1), when.month, when.day or 1)
        if _held_before(ctx, text, when.start, day):
            continue
        ctx.take(sentence, when.start, when.end)
        found.append(
            Commemoration(
                title=entry.name,
                source=ctx.source(sentence, _clause(text, when.start, when.end)),
                review=[],
                paragraph=sentence.paragraph.index,
                day=day,
                catalog=entry.code,
                origin=entry.origin,
                year_written=when.year is not None,
            )
        )
    return found


def _the_one_founded_on(month: int, day: int) -> Anniversary | None:
    """The one "Ngày …" of the catalog founded on this day and month of the solar calendar."""
    named = [
        entry
        for entry in anniversaries().values()
        if entry.lunar is None
        and entry.origin is not None
        and (entry.origin.month, entry.origin.day) == (month, day)
        and plain(entry.name).startswith("ngai ")
    ]
    return named[0] if len(named) == 1 else None


_NO_FOUNDING_YEAR = "not in the national catalog: dated by its day, no founding year"


def _founding_count(ctx: Context, prefix: str, when: When) -> int | None:
    """ "kỷ niệm 50 năm Ngày giải phóng huyện … (29/4/1975)": the day written with its founding
    year and a count of years that brings it to the text's year is the founding day; the
    count (the anniversary falls that many years later)."""
    count = _COUNT_BEFORE.search(prefix)
    if count is None or when.year is None or not ctx.year_known:
        return None
    years = int(count[1])
    return years if abs(when.year + years - ctx.year) <= 1 and years >= 2 else None


def _count_back(prefix: str, year: int) -> int | None:
    """The count of years before a day's name written without its founding year; the founding
    day is that many years before this year's day."""
    count = _COUNT_BEFORE.search(prefix)
    return int(count[1]) if count and 2 <= int(count[1]) < year - 1800 else None


# a news lead after a headline: "… Ngày truyền thống ngành … ĐNO - Ngày 13/8, Bưu điện tỉnh tổ
# chức …": the day opens what follows, it is not the day of the name before it
_LEAD_OPENS = re.compile(r"[-–—]\s*Ngày\s+$")


def _this_years(ctx: Context, when: When) -> bool:
    """Whether a day is written as this year's: with no year, or with the year the text is
    about."""
    return when.year is None or (ctx.year_known and when.year == ctx.year)


def _counted_back(day: date, years: int | None) -> date:
    """The founding day ``years`` before ``day`` (a 29 February counted to a common year is
    left as the day itself: no founding day is made up)."""
    try:
        return day.replace(year=day.year - years) if years else day
    except ValueError:
        return day


def _opens_a_lead(text: str, when: When) -> bool:
    """Whether a day written "– Ngày 13/8," opens a clause of its own (a news lead)."""
    return bool(
        _LEAD_OPENS.search(text, max(0, when.start - 12), when.start)
        and re.match(r"\s*,", text[when.end :])
    )


_GENERIC = {"ngai", "thanh", "lap", "truyen", "thong", "nganh", "viet", "nam", "cua", "va", "hoi"}


def _same_day_in_catalog(name: str, origin: date) -> Anniversary | None:
    """A catalog day with this founding day whose name shares the text's distinctive words
    ("Ngày thành lập Mặt trận Tổ quốc Việt Nam" is "Ngày truyền thống Mặt trận Tổ quốc Việt
    Nam"); two days founded the same day (19/8/1945) are told apart by their names."""
    wanted = set(words(name)) - _GENERIC
    best: tuple[float, Anniversary] | None = None
    for entry in anniversaries().values():
        if entry.origin != origin or not wanted:
            continue
        for known in entry.names:
            have = set(words(known)) - _GENERIC
            dice = 2 * len(wanted & have) / (len(wanted) + len(have)) if have else 0.0
            if dice >= 0.6 and (best is None or dice > best[0]):
                best = (dice, entry)
    return best[1] if best else None


def _written_name(text: str) -> str:
    name = " ".join(text.split()).strip(" -–,;:(")
    return sentence_case(name)


def _clause(text: str, start: int, end: int) -> str:
    """The part of the sentence around a match, between semicolons."""
    left = text.rfind(";", 0, start) + 1
    right = text.find(";", end)
    return text[left : right if right != -1 else len(text)].strip()


def own_code(item: Commemoration) -> str:
    return item.catalog or slug(item.title, 5)


def _merged(found: list[Commemoration]) -> list[Commemoration]:
    """One commemoration per day and name; a later mention adds what the first lacked."""
    by_key: dict[tuple[str, date], Commemoration] = {}
    for item in found:
        # a day of its own is one day whatever its wording: its founding day names it
        name = item.catalog or (vn_date(item.origin) if item.origin else own_code(item))
        key = (name, item.day)
        first = by_key.get(key)
        if first is None:
            by_key[key] = item
        elif first.years is None and item.years is not None:
            item.paragraph = min(item.paragraph, first.paragraph)
            by_key[key] = item
    # a day of its own founded the day a catalog day was, kept that year: that catalog day
    # named in other words ("92 năm thành lập Hội (20/10/1930-20/10/2036)")
    known = {(i.origin, i.day) for i in by_key.values() if i.catalog and i.origin}
    return [i for i in by_key.values() if i.catalog or (i.origin, i.day) not in known]
