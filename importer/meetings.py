"""Meetings and ceremonies with a day: "Tổ chức Lễ phát động phong trào thi đua vào lúc 8 giờ
00 ngày 20/3/2024 tại Hội trường UBND tỉnh", "Hội nghị tổng kết … dự kiến ngày 20/12/2024",
a council that meets ("Hội đồng … họp xét danh hiệu thi đua vào ngày 08/7/2025"),
and the form of a programme: a heading "Lễ ký kết giao ước thi đua" followed by "Thời gian:
8h00, ngày 15/02/2024" and "Địa điểm: …".

A day given with its hour is when something is held ("Tổ chức bốc thăm bài dạy: 8 giờ ngày
17/02/2014"); a sentence may name several meetings, each in a clause of its own. A list of
hours and days under a lead that names a gathering ("… hội nghị tiếp xúc cử tri …, cụ thể:" then
"- Vào lúc 14 giờ, ngày …, tại …") is one gathering an item.

A meeting named in a cited document's title ("Nghị quyết Hội nghị Trung ương 8 ngày …") or
cited for what was said there is not one, nor one told as held: on a news page, one on the
page's own day or in the lead ("Sáng 5/8, … tổ chức lễ phát động …"); a meeting dated only by
a month is noted, since a calendar needs its day.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date, time, timedelta
from functools import lru_cache

from config.dates import vn_date
from importer.breaks import the_holiday_of_a_break
from importer.commemorations import names_a_day_at
from importer.context import HELD, Context
from importer.dates import AHEAD, DAY_WRITTEN, DOC_KINDS, When, cited, mentions, told_as_coming
from importer.model import Deadline, Meeting
from importer.text import LOOK_BACK, Paragraph, Sentence, before, plain, sentence_case
from translations import gettext as _

# a sports tournament: "Giải bóng đá …", "Giải cầu lông …" (a doubled letter, "Giiải", is a
# slip of typing posts keep)
TOURNAMENT = (
    r"Gi+ải\s+(?:chạy|đi\s+bộ|việt\s+dã|bóng\s+(?:đá|chuyền|rổ|bàn|ném)|cầu\s+lông|bơi|cờ\s+\w+|"
    r"điền\s+kinh|thể\s+thao|quần\s+vợt|đua\s+thuyền|vật|kéo\s+co|pickleball)"
)
_BARE_TOURNAMENT = (
    r"Giải(?:\s+đấu)?(?=\s+(?:sẽ\s+|được\s+)?(?:kết\s+thúc|bế\s+mạc|khai\s+mạc|diễn\s+ra)\b)"
)
_NOUN = re.compile(
    # "nghi lễ" is a ritual, "nghỉ lễ" days off for a holiday ("02 ngày nghỉ lễ dịp Quốc
    # khánh"), a "Tuần lễ" a week of activities
    r"(?<!ngày\s)(?<!nghi\s)(?<!nghỉ\s)(?<!tuần\s)\b(?:(?:Buổi\s+)?Lễ(?!\s+hội\b)|Hội\s+nghị|Đại\s+hội|Hội\s+thi|Hội\s+diễn|Hội\s+thao|"
    r"Hội\s+thảo|Tọa\s+đàm|Toạ\s+đàm|Liên\s+hoan|Mít\s+tinh|Gặp\s+mặt|Diễn\s+đàn|Hội\s+khỏe|"
    r"Hội\s+trại|Hội\s+chợ|Triển\s+lãm|Ngày\s+tựu\s+trường|Tựu\s+trường|"
    # a tournament: "Giải chạy việt dã …", "Giải bóng đá thiếu niên …"
    rf"{TOURNAMENT}|"
    # the tournament named again by its first word: "Giải kết thúc ngày 26.3", "Giải đấu sẽ
    # khai mạc vào …"
    rf"{_BARE_TOURNAMENT}|"
    # ("Chương trình văn hóa - nghệ thuật kỷ niệm … tại Công viên …")
    r"Chương\s+trình\s+(?:giao\s+lưu|(?:văn\s+h(?:óa|oá)\s*(?:[-–,]|và)?\s*)?nghệ\s+thuật|"
    r"văn\s+nghệ|biểu\s+diễn)|Ngày\s+hội|"
    # the day the whole people votes: "ngày bầu cử đại biểu Quốc hội … là vào Chủ nhật, ngày …"
    r"Ngày\s+bầu\s+cử|"
    # an evening's event: "Tổ chức đêm sự kiện Giờ Trái đất từ 20h00 đến 21h30 ngày …", "Đêm
    # nhạc", "Đêm văn nghệ", "Đêm thơ"
    r"Đêm\s+(?:sự\s+kiện|nhạc|văn\s+nghệ|thơ|hội|giao\s+lưu|nghệ\s+thuật|biểu\s+diễn|chung\s+kết)|"
    # a gathering of students or members: "Sinh hoạt đầu khóa: 08/09/2036"
    r"Sinh\s+hoạt\s+(?:đầu\s+(?:khóa|khoá|năm)|chính\s+trị|công\s+dân|chuyên\s+đề|dưới\s+cờ)|"
    # a contest's rounds: "Vòng sơ khảo: ngày 25/5; vòng chung kết dự kiến ngày 15/6"
    r"Vòng\s+(?:sơ\s+khảo|loại|bán\s+kết|chung\s+kết|chung\s+khảo)|Chung\s+kết|"
    # named by what happens: "Tổ chức khai giảng vào ngày 5/9", "Chiều 14/8, Sở Nội vụ gặp
    # mặt báo chí", "họp báo công bố …", "ra quân", "tuyên dương", "trao giải"
    r"(?:khai\s+giảng|khai\s+mạc|bế\s+mạc|"
    r"họp\s+báo|gặp\s+mặt|ra\s+quân|tuyên\s+dương|trao\s+giải|mít\s+tinh|giao\s+lưu|"
    # a rehearsal, an offering of incense: "ngày 10/6 sẽ tổng duyệt", "dâng hương tại …"
    r"tổng\s+duyệt|dâng\s+hương|"
    # "Thủ tướng Chính phủ đối thoại với các tầng lớp phụ nữ … dự kiến diễn ra vào ngày 15/10"
    r"đối\s+thoại(?=\s+(?:với|giữa|trực\s+tiếp)\b)|"
    r"diễu\s+hành|hội\s+thao|tọa\s+đàm|toạ\s+đàm|phát\s+động(?=\s+(?:phong\s+trào|thi\s+đua|"
    r"cuộc|đợt|hưởng\s+ứng|tháng|tuần))(?![^.;]{0,80}\b(?:trước|chậm\s+nhất|hạn)\b))|"
    # the verb: "Hội đồng Thi đua - Khen thưởng Trường họp xét danh hiệu … vào ngày 08/7/2025"
    # ("lịch họp", "phòng họp", "biên bản họp" are things, not meetings)
    r"(?:Cuộc\s+|Phiên\s+)?(?<!lịch\s)(?<!phòng\s)(?<!bản\s)(?<!liệu\s)(?<!mời\s)họp)\b",
    re.I,
)
NOUN = _NOUN  # what names a gathering, for `programme`
_TITLE_END = re.compile(
    # a day's name stays in it ("Lễ kỷ niệm … Ngày Nhà giáo Việt Nam", "… Ngày giải phóng …"):
    # a capital "Ngày" then a word, not a date, does not end it
    r"\s*(?:\b(?:vào|(?-i:ngày|NGÀY|Ngày(?!\s+[^\W\d]))|lúc|tại|dự\s+kiến|sẽ|được|trong|"
    r"thời\s+gian|với|nhằm|để|tổ\s+chức|"
    # a year or a count stays in the name ("… năm 2036 của huyện", "lần thứ 5", "Lễ kỷ niệm 43
    # năm Ngày …"); a date does not; nor do the hours it is held ("Đêm sự kiện … từ 20h00 đến
    # 21h30")
    r"diễn\s+ra|tiến\s+hành|từ(?=\s+\d))\b|[,;:(]|(?<!năm\s)(?<!thứ\s)(?<!\d)\d(?!\d{0,2}\s+năm\s+\D))",
    re.I,
)
# "8 giờ 30", "8h30", "14g", "08:30"; not the "1:" of "Cơ sở 1: 8h00" (a colon needs its minutes)
_TIME = re.compile(
    r"(?<![\d/])(?P<h>\d{1,2})(?:\s*(?:giờ|h|g)\s*(?P<m>\d{2})?|:(?=\d{2}))"
    r"(?:(?<=:)(?P<colon_m>\d{2}))?\s*(?:phút|['’′])?(?![\d/])",
    re.I,
)
# the place ends at a colon too ("tại Quảng trường …: đảm bảo an ninh …" says what else is done)
_PLACE = re.compile(r"\b(?:tại|Địa\s+điểm\s*:)\s*(?P<place>[^,;.():]{3,120})", re.I)
# "- Thời gian:", "1. Thời gian:", "b) Thời gian tổ chức:"
_TIME_LINE = re.compile(
    r"^\s*(?:[-–•+]|\d{1,2}[.)]|[a-dđ][.)])?\s*Thời\s+gian(?:\s+tổ\s+chức)?\s*:", re.I
)
_PLACE_LINE = re.compile(
    r"^\s*(?:[-–•+]|\d{1,2}[.)]|[a-dđ][.)])?\s*Địa\s+điểm\s*:\s*(?P<place>.+?)\.?$", re.I
)
_PAST = re.compile(
    r"\b(?:đã|vừa)\s+(?:được\s+)?(?:tổ\s+chức|diễn\s+ra|tiến\s+hành|khai\s+mạc|long\s+trọng|họp)\b"
    r"|\btrước\s+đó\s*,"
    # a news report's "Vừa qua, … tổ chức …", "Mới đây, …", "… đã bế mạc"
    r"|\b(?:vừa\s+qua|mới\s+đây|hôm\s+qua|tuần\s+qua|vừa\s+rồi)\b"
    r"|\bđã\s+(?:bế\s+mạc|kết\s+thúc|thành\s+công\s+tốt\s+đẹp)\b",
    re.I,
)
_COMING = re.compile(
    r"\b(?:dự\s+kiến|sẽ\s+(?:được\s+)?(?:tổ\s+chức|diễn\s+ra|tiến\s+hành|khai\s+mạc|họp))\b", re.I
)
_CITED_NOUN = re.compile(
    # ("Quốc hội đã quyết định ngày bầu cử …": the verb, not a decision cited)
    r"\b(?:Nghị\s+quyết|Kết\s+luận|Chỉ\s+thị|(?-i:Q)uyết\s+định|Thông\s+báo\s+kết\s+luận)\s+"
    r"(?:số\s+\S+\s+)?"
    r"(?:của\s+)?$",
    re.I,
)


def extract(ctx: Context) -> list[Meeting | Deadline]:
    found: list[Meeting | Deadline] = []
    for sentence in ctx.sentences():
        items: list[Meeting] = _in_sentence(ctx, sentence)
        if not items:
            item = _programme_form(ctx, sentence)
            items = [item] if item is not None else []
        if not items:
            item = _same_day_after(ctx, sentence, found)
            items = [item] if item is not None else []
        if not items:
            item = _held_in_a_listed_place(ctx, sentence) or _those_held(ctx, sentence)
            items = [item] if item is not None else []
        found.extend(items)
        found.extend(_at_clock_times(ctx, sentence))
        found.extend(_launch_day(ctx, sentence))
    return found


# a campaign told to be launched on a day: "Tháng hành động … năm 2036 có chủ đề: “…” sẽ được
# phát động vào sáng ngày 8/5/2036" (the launch is a ceremony on that day)
_TO_BE_LAUNCHED = re.compile(
    r"\b(?:sẽ|dự\s+kiến)\s+(?:được\s+)?(?:chính\s+thức\s+)?(?:phát\s+động|ra\s+quân)\s+"
    r"(?:vào\s+)?(?:(?:sáng|chiều|tối)\s+)?(?:ngày\s+)?$",
    re.I,
)
_THEMED = re.compile(r"\s+(?:có|với)\s+(?:chủ\s+đề|thông\s+điệp|khẩu\s+hiệu)\b|:|\s+sẽ\b", re.I)


def _launch_day(ctx: Context, sentence: Sentence) -> list[Meeting]:
    """The day a campaign the sentence opens with is to be launched: its launch ceremony."""
    text = sentence.text
    for when in _mentions(text):
        if not when.is_day or ctx.taken(sentence, when.start, when.end) or cited(text, when.start):
            continue
        if not _TO_BE_LAUNCHED.search(before(text, when.start, 60)):
            continue
        named = _THEMED.split(text[: when.start], maxsplit=1)[0]
        words = named.strip(" -–•").split()
        if not 2 <= len(words) <= 30:
            continue
        meeting = _dated(ctx, sentence, f"Lễ phát động {' '.join(words)}", 0, only=when)
        if meeting is None:
            return []
        place = _PLACE.match(text[when.end :].lstrip(" ,"))  # its place follows the day
        meeting.location = " ".join(place["place"].split()) if place else None
        return [meeting]
    return []


# "Sau chương trình nghệ thuật, Bộ CHQS tỉnh chủ trì tổ chức bắn pháo hoa …, bắt đầu từ 21h30":
# what follows a dated gathering, told by its hour only
_AFTER_IT = re.compile(
    r"^\W*(?:(?:ngay\s+)?sau\s+(?:đó|(?P<named>[^,.;]{3,60}?))|tiếp\s+(?:đó|theo)"
    r"|(?:(?:sáng|trưa|chiều|tối)\s+)?cùng\s+ngày)\s*,",
    re.I,
)
# what is held: the words after the verb ("Ban Tổ chức" is who holds it), or a show named by
# what is done ("sẽ bắn pháo hoa tầm thấp lúc 21h", "diễu hành xe hoa từ 19h")
_HOLDS = re.compile(
    r"(?:(?<!ban\s)\b(?:tổ\s+chức|diễn\s+ra)\s+|\b(?=(?:bắn\s+pháo\s+hoa|diễu\s+hành|"
    r"biểu\s+diễn|trình\s+diễn|khai\s+mạc|bế\s+mạc)\b))(?P<what>[^,.;()]{3,120}?)"
    r"(?=\s+(?:với|vào|lúc|từ|bắt\s+đầu|tại|trong|kéo\s+dài)\b|[,.;(]|$)",
    re.I,
)
_REACH_BACK = 2  # paragraphs: how far back the gathering it follows may be


def _same_day_after(
    ctx: Context, sentence: Sentence, found: list[Meeting | Deadline]
) -> Meeting | None:
    """An activity told to follow a gathering dated just before ("Sau chương trình nghệ thuật,
    … tổ chức bắn pháo hoa …, bắt đầu từ 21h30"), given an hour and no day of its own: a
    meeting on that gathering's day, at its hour (after the gathering's own)."""
    text = sentence.text
    follows, held = _AFTER_IT.match(text), _HOLDS.search(text)
    clock = next((m for m in _TIME.finditer(text) if _an_hour(m)), None)
    if follows is None or held is None or clock is None or _mentions(text):
        return None
    if _PAST.search(text) and not told_as_coming(text, clock.start()):
        return None
    earlier = [
        m
        for m in found
        if isinstance(m, Meeting) and 0 <= sentence.paragraph.index - m.paragraph <= _REACH_BACK
    ]
    if not earlier:
        return None
    before_it = earlier[-1]
    named = follows["named"]
    if named and plain(" ".join(named.split()[:2])) not in plain(before_it.title):
        return None  # "Sau Hội nghị, …" when the one before is another gathering
    hour = time(int(clock["h"]), int(clock["m"] or clock["colon_m"] or 0))
    if before_it.start_time and hour <= before_it.start_time:
        return None
    return Meeting(
        title=sentence_case(" ".join(held["what"].split()[:16])),
        source=ctx.source(sentence),
        paragraph=sentence.paragraph.index,
        day=before_it.day,
        start_time=hour,
    )


def _an_hour(match: re.Match[str]) -> bool:
    """A clock time said as one ("21h30", "8 giờ", "14:00"), within a day's hours."""
    written = match.group().casefold()
    minute = int(match["m"] or match["colon_m"] or 0)
    return ("giờ" in written or "h" in written or ":" in written) and (
        int(match["h"]) < 24 and minute < 60
    )


# a gathering the whole country holds, each place its own: "cả nước long trọng tổ chức lễ kỷ niệm
# …", "nhân dân cả nước tổ chức mít tinh" (the day is the anniversary's, no one meeting)
_NATIONWIDE = re.compile(
    r"\b(?:cả\s+nước|khắp\s+nơi|toàn\s+quốc)\s+(?:(?:sẽ|đã|long\s+trọng|đồng\s+loạt|cùng)\s+)*"
    r"tổ\s+chức\s+(?:các\s+|nhiều\s+)?$",
    re.I,
)


def _in_sentence(ctx: Context, sentence: Sentence) -> list[Meeting]:
    """The meeting a sentence names, and each further one named in a clause of its own ("Lễ
    Khai mạc vào ngày 01/8 và Lễ Bế mạc vào ngày 10/8/2016", "họp báo ngày 20/5; tọa đàm
    ngày 25/5"), each with the first day after its name."""
    text = sentence.text
    _set_aside_where_told(ctx, sentence)
    nouns = [
        m
        for m in _NOUN.finditer(text)
        if not _CITED_NOUN.search(before(text, m.start()))
        and not _SAID_AT.search(before(text, m.start(), 120))
        and not _where_told(text, m)
        and not _a_holiday(text, m)
        and not the_holiday_of_a_break(text, m.start())
        and not _COUNTED.search(before(text, m.start(), 30))
        and not _part_of_a_place(text, m)
        and not _NATIONWIDE.search(before(text, m.start(), 60))
    ]
    if not nouns:
        return []
    title = _named_back(ctx, sentence, _title_at(text, nouns[0].start()))
    first = _dated(ctx, sentence, title, nouns[0].start(), nouns=nouns)
    found = [first] if first is not None else []
    if first is None:
        return found
    for noun in nouns[1:]:
        if not _CLAUSE_START.search(before(text, noun.start(), 30)):
            continue
        later = _dated(ctx, sentence, _title_at(text, noun.start()), noun.start(), strictly=True)
        if later is not None:
            found.append(later)
    return found + _further_rounds(ctx, sentence, title, after=first)


# a clause that opens on another day of the same gathering, held elsewhere: "…; ngày 12/11/2036,
# các khu dân cư còn lại tổ chức đồng loạt."
_ROUND_OPENS = re.compile(r";\s*(?:(?:sáng|chiều|tối)\s+)?ngày\s*$", re.I)
_ROUND_HELD = re.compile(r"\s*,\s*(?P<where>[^.;]{3,80}?)\s+tổ\s+chức\b(?P<how>[^.;]{0,40})", re.I)


def _further_rounds(ctx: Context, sentence: Sentence, title: str, after: Meeting) -> list[Meeting]:
    """The same gathering held again on a day of its own clause, by others, with no name of its
    own ("…; ngày 12/11/2036, các khu dân cư còn lại tổ chức đồng loạt"): one meeting more."""
    text = sentence.text
    rounds = []
    for when in _mentions(text):
        held = _ROUND_HELD.match(text, when.end)
        if held is None or not _ROUND_OPENS.search(before(text, when.start, 20)):
            continue
        if _NOUN.search(held.group()) or not when.is_day:
            continue
        told = " ".join(f"{held['where']} {held['how']}".split())
        named = f"{after.title} ({told})"
        later = _dated(ctx, sentence, named, when.start, only=when)
        if later is not None:
            rounds.append(later)
    return rounds


_NAMED_TOURNAMENT = re.compile(TOURNAMENT, re.I)
_BARE_TITLE = re.compile(rf"{_BARE_TOURNAMENT}\s+(?P<verb>.*)$", re.I)


def _named_back(ctx: Context, sentence: Sentence, title: str) -> str:
    """A tournament named back by its head word ("Giải kết thúc"): the one the text named
    before ("Khai mạc Giải cầu lông các câu lạc bộ … năm 2023"), with what it does when it
    opens or closes ("Kết thúc Giải cầu lông …")."""
    bare = _BARE_TITLE.match(title)
    if bare is None:
        return title
    earlier = [s.text for p in ctx.body if p.index < sentence.paragraph.index for s in p.sentences]
    earlier += [s.text for s in sentence.paragraph.sentences if s.start < sentence.start]
    for text in reversed([ctx.title or "", *earlier]):
        if named := list(_NAMED_TOURNAMENT.finditer(text)):
            name = _title_at(text, named[-1].start())
            verb = bare["verb"].casefold()
            opens_or_closes = re.match(r"(?:kết\s+thúc|bế\s+mạc|khai\s+mạc|khép\s+lại)$", verb)
            return f"{sentence_case(verb)} {name}" if opens_or_closes else name
    return title


# "đã tổ chức 45 hội nghị, hội thảo", "nhiều cuộc họp": meetings counted, not one of them
_COUNTED = re.compile(
    r"(?:(?<![/.-])\b\d+(?:[.,]\d+)*|\bnhiều|\bcác|\bnhững|\bhàng\s+(?:chục|trăm|nghìn))\s+"
    r"(?:cuộc\s+|buổi\s+|lớp\s+)?$|(?<![/.-])\b\d+(?:[.,]\d+)*\s+(?:\w+\s+){0,2}\w+\s*,\s*$",
    re.I,
)


def _a_holiday(text: str, noun: re.Match[str]) -> bool:
    """ "Lễ Giỗ Tổ Hùng Vương", "Lễ Quốc khánh": a holiday named, a commemoration, not a
    ceremony ("Lễ kỷ niệm …", "Lễ mít tinh …" are)."""
    if not noun.group().casefold().endswith("lễ"):
        return False
    after = text[noun.end() : noun.end() + 80]
    return names_a_day_at(plain(after.lstrip()), 0)


# the gathering a report was given at: "Tại cuộc họp báo diễn ra sáng 11/10, Hội … cho biết: …"
# (held, the setting of what the page tells)
_AT_START = re.compile(r"^\W*Tại\s+$", re.I)
_TOLD = re.compile(
    r",\s*[^,;:]{0,80}?\b(?:cho\s+biết|thông\s+tin|khẳng\s+định|nhấn\s+mạnh|chia\s+sẻ|phát\s+biểu)\b",
    re.I,
)


def _where_told(text: str, noun: re.Match[str]) -> bool:
    """Whether the sentence opens at the gathering where what follows was told, or says
    what was told there first ("…, ông An cho biết như thế tại buổi họp báo …, sáng 27-11")."""
    if _TOLD_AT.search(before(text, noun.start(), 60)):
        return True
    return bool(_AT_START.match(text[: noun.start()])) and bool(
        _TOLD.search(text, noun.end(), noun.end() + 200)
    )


def _set_aside_where_told(ctx: Context, sentence: Sentence) -> None:
    """The day of a gathering where what the sentence reports was told ("…, ông An cho biết
    như thế tại buổi họp báo về Đại hội …, sáng 27-11") is that gathering's, held: no other
    gathering the sentence names takes it."""
    text = sentence.text
    for noun in _NOUN.finditer(text):
        if not _TOLD_AT.search(before(text, noun.start(), 60)):
            continue
        for when in _mentions(text):
            if when.start > noun.end() and ";" not in text[noun.end() : when.start]:
                ctx.take(sentence, when.start, when.end)
                ctx.note(_(HELD, what=f"{text[noun.start() : when.end]}"), sentence)
                return


# what was said, then the gathering it was said at: "cho biết tại buổi họp báo", "phát biểu
# như vậy tại Hội nghị"
_TOLD_AT = re.compile(
    r"\b(?:cho\s+biết|phát\s+biểu|khẳng\s+định|nhấn\s+mạnh|chia\s+sẻ|thông\s+tin)"
    r"(?:\s+(?:như\s+(?:thế|vậy|trên)|điều\s+này))?\s+tại\s+(?:buổi\s+|cuộc\s+)?$",
    re.I,
)


# a clause of its own: after a semicolon, "và", a comma
_CLAUSE_START = re.compile(r"(?:[;,]|\bvà|\bcòn)\s*(?:tổ\s+chức\s+)?$", re.I)

# "8 giờ ngày 17/02/2014", "Vào lúc 19h00, ngày 30/6/2022", "9 giờ 30 phút sáng 22/8", "lúc
# 14h00 hôm nay (31/3)": a day given with its hour is when something is held
_CLOCK_BEFORE = re.compile(
    # "8 giờ 30", "8h", and "08:00" (a colon with its minutes)
    r"(?<![\d/])\d{1,2}(?:\s*(?:giờ|h|g)\s*(?:\d{2})?|:\d{2})\s*(?:phút|['’′])?\s*,?\s*"
    r"(?:(?:sáng|trưa|chiều|tối)\s+)?"
    # "6h00 sáng Chủ nhật, ngày 22/3/2036", "8 giờ, thứ Năm, ngày …": the weekday between
    r"(?:(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật)\s*,?\s*)?"
    r"(?:ngày\s+|hôm\s+nay\s*\(\s*)?$",
    re.I,
)
# an hour that ends a window or is due ("đến 17 giờ ngày 20/6", "trước 16h00 ngày …"), or
# midnight ("mở từ 00 giờ 00 ngày 01/7": a system opens, nobody gathers)
_NOT_HELD_AT = re.compile(
    r"(?:\b(?:đến|tới|trước|hạn|chậm\s+nhất)\s+(?:lúc\s+)?\d{1,2}\s*(?:giờ|h|g)|(?<!\d)(?:0?0|24)\s*(?:giờ|h|g))"
    r"\s*(?:\d{2})?\s*(?:phút|['’′])?\s*,?\s*(?:(?:sáng|trưa|chiều|tối)\s+)?"
    # the weekday between: "trước 16 giờ 00 phút, Thứ Ba, ngày 18/4"
    r"(?:(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật)\s*,?\s*)?(?:ngày\s+)?$",
    re.I,
)
_CLOCK_LEAD = re.compile(
    r"^\W*(?:\d+\s*\W\s*)?(?:Thời\s+gian\s*:?\s*)?(?:vào\s+)?(?:lúc\s+|hồi\s+)?$", re.I
)


# what is handed over at an hour, not held: "Thời gian công bố kết quả thi dự kiến vào 8 giờ 00
# ngày 17/7/2036", "Nộp bài dự thi: 17 giờ ngày 20/5/2036"
_HANDED = re.compile(
    r"^(?:Thời\s+gian\s+|Hạn\s+(?:chót\s+)?)?(?P<what>(?:công\s+bố|trả|thông\s+báo)\s+kết\s+quả|"
    r"nộp|gửi)\b",
    re.I,
)


def _handed_over(meeting: Meeting, when: When) -> Deadline:
    """A clock time that dates what is handed over: the last day it is due."""
    match = _HANDED.match(meeting.title)
    assert match is not None
    what = sentence_case(meeting.title[match.start("what") :])
    return Deadline(
        title=what,
        source=meeting.source,
        paragraph=meeting.paragraph,
        what=what,
        wording=when.text,
        due={"rule": "by", "date": vn_date(meeting.day)},
        sense="by",
        days=[meeting.day],
    )


def _at_clock_times(ctx: Context, sentence: Sentence) -> list[Meeting | Deadline]:
    """A day with its hour that no other reading took: what is held then is the clause
    before the hour ("Tổ chức bốc thăm bài dạy: 8 giờ ngày 17/02/2014", "- Tổng kết phát
    thưởng: Vào lúc 19h00 ngày 30/6/2022"), else the one after it."""
    text = sentence.text
    found = []
    for when in _mentions(text):
        if not when.is_day or ctx.taken(sentence, when.start, when.end) or cited(text, when.start):
            continue
        clock = _CLOCK_BEFORE.search(before(text, when.start, 40))
        if clock is None or _NOT_HELD_AT.search(before(text, when.start, 60)):
            continue
        if ":" in clock.group() and not re.search(r"(?:ngày|\()\s*$", clock.group(), re.I):
            continue  # "08:41 21/08/2015": a post's time stamp ("08:00, ngày …" is an hour)
        at = when.start - (len(before(text, when.start, 40)) - clock.start())
        lead = re.split(r"[.;]|\|", before(text, at))[-1]
        what = re.sub(r"\s*(?:[:,]\s*)?(?:vào\s+)?(?:lúc\s+|hồi\s+)?$", "", lead, flags=re.I)
        bare = bool(_CLOCK_LEAD.match(what))
        if bare:
            what = re.split(r"[.;(]", text[when.end : when.end + LOOK_BACK].lstrip(" ),"))[0]
        title = _clock_title(what) or (_named_above(ctx, sentence) if bare else "")
        if not title:
            continue
        meeting = _dated(ctx, sentence, title, 0, only=when)
        if meeting is not None and bare and meeting.location is None:
            # "Thời gian: 08:00, ngày …" then "Địa điểm: …": the place on the next line
            meeting.location = _place_line(ctx, sentence.paragraph)
        if meeting is not None:
            found.append(_handed_over(meeting, when) if _HANDED.match(title) else meeting)
    return found


# an item of a list that says where and when: "- Tại Đà Nẵng: ngày 4/10/2036 tại Nhà khách …"
_PLACE_ITEM = re.compile(r"^\W*(?:[-–•+]|\d+[.)]|[a-zđ][.)])\s*(?:Tại|Ở)\s+[^:;.]{2,40}:", re.I)
# the lead of such a list, naming the gathering: "Lễ kỷ niệm … được tổ chức:"
_LEAD_ENDS = re.compile(r"(?:tổ\s+chức|diễn\s+ra|như\s+sau)\s*:\s*$", re.I)
_ITEMS_UP = 4  # the lines of a list read back to its lead


def _held_in_a_listed_place(ctx: Context, sentence: Sentence) -> Meeting | None:
    """One of the places a gathering is held, each an item of a list under a lead that names
    it ("Lễ kỷ niệm … được tổ chức:" then "- Tại Huế: ngày 4/10/2036 tại …" and "- Tại Vinh:
    ngày 11/10/2036 …"): a meeting on each item's day, titled by the lead."""
    item = _PLACE_ITEM.match(sentence.text)
    if item is None or sentence.start > 0:
        return None
    for earlier in reversed(ctx.earlier(sentence.paragraph, _ITEMS_UP)):
        if _PLACE_ITEM.match(earlier.text):
            continue  # another place of the same list
        noun = _NOUN.search(earlier.text)
        if not _LEAD_ENDS.search(earlier.text) or noun is None:
            return None
        title = _title_at(earlier.text, noun.start())
        return _dated(ctx, sentence, title, item.end(), strictly=True)
    return None


# what the sentence before listed, dated back: "Các hoạt động trên sẽ diễn ra vào ngày 16-8 …"
_THOSE_HELD = re.compile(
    r"\b(?:các|những)\s+(?:hoạt\s+động|nghi\s+lễ|sự\s+kiện)\s+(?:nói\s+|kể\s+)?(?:trên|này)\s+"
    r"(?:sẽ\s+|dự\s+kiến\s+)*(?:được\s+)?(?:diễn\s+ra|tổ\s+chức)\s+(?:vào\s+)?",
    re.I,
)


def _those_held(ctx: Context, sentence: Sentence) -> Meeting | None:
    """The rites the sentence before lists ("… gồm: dâng hương tại …; lễ mít tinh tại …"), dated
    back in one day ("Các hoạt động trên sẽ diễn ra vào ngày 16-8"): one meeting then. A range
    ("từ ngày … đến …") is a span's, read before."""
    held = _THOSE_HELD.search(sentence.text)
    title = _named_just_before(ctx, sentence) if held else ""
    return _dated(ctx, sentence, title, held.end(), strictly=True) if held and title else None


# an item of a schedule's list that opens on its hour: "- Vào lúc 14 giờ, ngày 21/5/2036 (thứ
# tư), tại hội trường …, gồm …"
_CLOCK_ITEM = re.compile(
    r"^\W*(?:[-–•+]|\d+[.)]|[a-zđ][.)])\s*(?:vào\s+)?(?:lúc\s+|hồi\s+)?\d{1,2}\s*(?:giờ|h|g)\b",
    re.I,
)
_CLOCK_ITEMS_UP = 12  # the items of a day-by-day list read back to its lead


def _named_above(ctx: Context, sentence: Sentence) -> str:
    """What a bare hour and day dates ("Vào lúc 14h00’, ngày 15/10/2036."): the gathering the
    line before names, else the lead of the list of hours it is an item of, else, under a
    "Thời gian" heading, the one the document is titled by."""
    named = _named_just_before(ctx, sentence) or _lead_of_clock_items(ctx, sentence)
    if named or not _under_time_heading(ctx, sentence.paragraph):
        return named
    title = _titled_gathering(ctx)
    noun = _NOUN.search(_uncapitalised(title)) if title else None
    return _title(_uncapitalised(title)[noun.start() :]) if title and noun else ""


def _lead_of_clock_items(ctx: Context, sentence: Sentence) -> str:
    """The gathering the lead of a list of hours names, read back over the list's items ("…
    tổ chức hội nghị tiếp xúc cử tri từ ngày … đến ngày …, cụ thể:" then "- Vào lúc 8 giờ, ngày
    …, tại …" and "- Vào lúc 14 giờ, ngày …, tại …"): each item one such gathering."""
    if sentence.start > 0 or not _CLOCK_ITEM.match(sentence.text):
        return ""
    for earlier in reversed(ctx.earlier(sentence.paragraph, _CLOCK_ITEMS_UP)):
        if _CLOCK_ITEM.match(earlier.text):
            continue  # another item of the same list
        nouns = list(_NOUN.finditer(earlier.text))
        if not nouns or not earlier.text.rstrip().endswith(":"):
            return ""
        return _title_at(earlier.text, nouns[0].start())  # the lead's own, named first
    return ""


def _named_just_before(ctx: Context, sentence: Sentence) -> str:
    """The gathering the sentence or line before names ("Kính mời … dự Hội nghị tổng kết …"
    then "Thời gian: vào hồi 14 giờ 00, ngày 20/3/2036")."""
    earlier = [s.text for s in sentence.paragraph.sentences if s.start < sentence.start]
    earlier = earlier[-1:] or [p.text for p in ctx.earlier(sentence.paragraph, 1)]
    nouns = [m for text in earlier for m in _NOUN.finditer(text)]
    return _title_at(earlier[0], nouns[-1].start()) if nouns else ""


def _clock_title(what: str) -> str:
    what = re.sub(r"^\W*(?:\d+\s*[.)|]?\s*)?(?:[-–•+]\s*)?", "", what)
    what = re.sub(r"\s+(?:sẽ|dự\s+kiến)\b.*$", "", what, flags=re.I)
    what = re.sub(r"(?:\s+(?:được|tổ\s+chức|diễn\s+ra))+\s*$", "", what, flags=re.I)
    words = what.split()[:16]
    return sentence_case(" ".join(words).strip(" ,.:;-|")) if len(words) >= 2 else ""


def _programme_form(ctx: Context, sentence: Sentence) -> Meeting | None:
    """ "Thời gian: 8h00, ngày 15/02/2024" under a heading that names a meeting; or a line
    under a heading that asks when ("1. Thời gian tổ chức hội thao:" then "– Bắt đầu lúc 7 giờ
    ngày 24/03/2018"; "- Thời gian:" then "• Cơ sở Hà Nội: 9h00, ngày 26/9/2023")."""
    if not (_TIME_LINE.match(sentence.text) or _under_time_heading(ctx, sentence.paragraph)):
        return None
    heading = _heading_with_noun(ctx, sentence.paragraph) or _titled_gathering(ctx)
    if heading is None:
        return None
    heading = _uncapitalised(heading)
    noun = _NOUN.search(heading)
    assert noun is not None
    meeting = _dated(ctx, sentence, _title(heading[noun.start() :]), 0)
    if meeting is not None and meeting.location is None:
        meeting.location = _place_line(ctx, sentence.paragraph)
    return meeting


def _dated(
    ctx: Context,
    sentence: Sentence,
    title: str,
    after: int,
    *,
    strictly: bool = False,
    only: When | None = None,
    nouns: list[re.Match[str]] | None = None,
) -> Meeting | None:
    """The meeting on the first untaken day near ``after`` (from it on when ``strictly``;
    ``only`` that mention when given). Of ``nouns``, the one in the day's own clause names
    it ("Lễ dâng hương …; Lễ kỷ niệm … dự kiến 7h30, ngày 07/5/2036": the second)."""
    text = sentence.text
    if only is None:
        found = _mentions(text)
        first = bisect_left([w.start for w in found], after if strictly else after - 80)
        candidates = found[first:]
    else:
        candidates = [only]
    for when in candidates:
        if ctx.taken(sentence, when.start, when.end) or cited(text, when.start):
            continue
        if when.weak and not re.search(r"ngày\s*$", before(text, when.start, 20)):
            continue
        if _out_of_reach(text, when, after, strictly):
            continue
        year = (
            when.year
            or _edition_year(ctx, text)
            or (
                ctx.upcoming_year(when.month, when.day or 1)
                if _COMING.search(_around(text, when))
                else ctx.year_of(when.month, when.day or 1)
            )
        )
        if not when.is_day:
            if ctx.plausible(when.first(year)):
                ctx.note(
                    _(
                        "%(title)s: dated by a month only (%(when)s), not taken",
                        title=title,
                        when=when.text,
                    ),
                    sentence,
                )
            return None
        day = when.first(year)
        if not ctx.plausible(day):
            continue  # a founding day before the meeting's own ("(24/3/1975 - …): tổ chức Lễ")
        if _FOUNDING_BEFORE.search(before(text, when.start, 30)):
            continue  # the anniversary's own day, paired with its founding day
        if (
            (ctx.issued and day < ctx.issued)
            or (_told_as_past(_clause_around(text, when)) and not told_as_coming(text, when.start))
            or _reported(ctx, day, _around(text, when), when, text)
        ):
            if when.start < after and ctx.issued and day < ctx.issued:
                continue  # a day before the name, gone by: the meeting's own may follow
            ctx.note(_(HELD, what=f"{title} ({when.text})"), sentence)
            return None
        ctx.take(sentence, when.start, when.end)
        title = _clause_title(text, when, nouns) or title
        place = _PLACE.search(_clause_around(text, when))  # not another clause's place
        lasts = _days_it_lasts(text, when)
        return Meeting(
            title=title,
            source=ctx.source(sentence),
            paragraph=sentence.paragraph.index,
            day=day,
            end=day + timedelta(days=lasts - 1) if lasts > 1 else None,
            start_time=_time_near(text, when),
            location=" ".join(place["place"].split()) if place else None,
        )
    return None


# the founding day an anniversary is paired with in an aside: "lễ kỷ niệm 90 năm ngày thành lập
# … (28-7-1929 _ 28-7-2019)": the day after it is the anniversary's, not the ceremony's
_FOUNDING_BEFORE = re.compile(
    r"\(\s*(?:ngày\s+)?\d{1,2}[/.-]\d{1,2}[/.-](?:18|19|20)\d{2}\s*[-–—_]+\s*(?:ngày\s+)?$", re.I
)
# "… khai mạc vào 8 giờ ngày 23/7 tại Hội trường … và diễn ra trong 2 ngày": how many days the
# gathering opened on that day runs, said after it in its sentence
_LASTS = re.compile(
    r"[^.;]{0,160}?\b(?:diễn\s+ra|kéo\s+dài|làm\s+việc)\s+trong\s+(?:0?(?P<n>[2-5])|(?P<w>hai|ba|bốn|năm))"
    r"\s+ngày\b",
    re.I,
)
_COUNTED_DAYS = {"hai": 2, "ba": 3, "bốn": 4, "năm": 5}


def _days_it_lasts(text: str, when: When) -> int:
    """The days a gathering opened on ``when`` is said to run, 1 when none is said."""
    lasts = _LASTS.match(text, when.end)
    if lasts is None or _mentions(text[when.end : lasts.end()]):
        return 1  # another day in between dates something else
    return int(lasts["n"]) if lasts["n"] else _COUNTED_DAYS[lasts["w"].casefold()]


def _out_of_reach(text: str, when: When, after: int, strictly: bool) -> bool:
    """A day too far before the meeting's name, in the clause before it (after a semicolon:
    another's), or the day a document was signed ("ngày 13-8-2018, Bộ trưởng đã ký Quyết
    định … ban hành Kế hoạch phát động …": not the launch's)."""
    if when.start < (after if strictly else after - 80):
        return True
    if when.start < after and ";" in text[when.start : after]:
        return True
    if strictly and ";" in text[after : when.start]:
        return True  # a later clause's day ("Tổ chức lễ …; Tổ chức Hội thi … vào ngày 21/02")
    return bool(
        _SIGNED.match(text, when.end)
        or (when.start < after and _SIGNED.search(text[when.end : after]))
    )


# a festival named with its edition's year ("Tuần Văn hóa … năm 2035", "Liên hoan … năm
# 2035"): what a day written without one in the same sentence belongs to
_EDITION_YEAR = re.compile(
    r"\b(?:Ngày\s+hội|Tuần\s+(?:lễ\s+)?(?:Du\s+lịch|Văn\s+hóa)|Lễ\s+hội|Liên\s+hoan|"
    r"Festival|Hội\s+(?:thi|diễn|chợ)|Giải)\b[^.;]*?\bnăm\s+(?P<y>\d{4})\b(?!\s*[-–]\s*\d)",
)
# ... unless the day reviews that edition ("Lễ tổng kết Hội thi … năm 2035 vào ngày 10/1")
_REVIEWED = re.compile(r"\b(?:tổng\s+kết|sơ\s+kết|trao\s+giải|bế\s+mạc|nhìn\s+lại)\b", re.I)


def _edition_year(ctx: Context, text: str) -> int | None:
    """The year of a festival's edition the sentence names, a year either side of the
    document's, when the sentence writes no full date: a page that lists several events
    (a tag page, a digest) dates each by its own name, not by the page's year."""
    years = {int(m["y"]) for m in _EDITION_YEAR.finditer(text)}
    if len(years) != 1 or _REVIEWED.search(text) or any(w.year for w in _mentions(text)):
        return None
    (year,) = years
    return year if abs(year - ctx.year) == 1 else None


def _clause_around(text: str, when: When) -> str:
    """The words around a date within its clause: "Các đại biểu đã tiến hành thảo luận …;
    thời gian tổ chức đại hội vào ngày 6/7" tells the discussion held, not the congress."""
    around = _around(text, when)
    at = when.start - max(0, when.start - LOOK_BACK)
    left = around.rfind(";", 0, at) + 1
    right = around.find(";", at)
    return around[left : right if right != -1 else len(around)]


def _clause_title(text: str, when: When, nouns: list[re.Match[str]] | None) -> str | None:
    """The name of the meeting nearest before the day in its own clause, when an earlier
    clause (after a semicolon) named another."""
    if not nouns:
        return None
    cut = text.rfind(";", max(0, when.start - LOOK_BACK), when.start)
    own = [n for n in nouns if cut < n.start() < when.start]
    if cut > nouns[0].start():
        return _title_at(text, own[0].start()) if own else None
    # "Hội nghị thống nhất tổ chức Hội nghị tổng kết vào ngày …": what is organised
    organised = [n for n in own[1:] if _ORGANISED.search(before(text, n.start(), 16))]
    return _title_at(text, organised[-1].start()) if organised else None


_ORGANISED = re.compile(r"\btổ\s+chức\s+$", re.I)


# a meeting cited for what was said there: "Thực hiện ý kiến chỉ đạo của Chủ tịch UBND tỉnh
# tại Hội nghị giao ban ngày 25/4", "Kết luận … tại cuộc họp ngày 10/3"
_SAID_AT = re.compile(
    r"\b(?:ý\s+kiến|kết\s+luận|chỉ\s+đạo|thống\s+nhất|phát\s+biểu|thông\s+báo)\b[^.;]{0,90}?"
    r"\b(?:tại|trong)\s+(?:buổi\s+|phiên\s+)?$"
    # a speech given to it, as a photo's caption tells: "Tổng Bí thư … phát biểu chỉ đạo Hội
    # nghị trực tuyến …, sáng 21/1" (one to come says "sẽ")
    r"|(?<!sẽ\s)\bphát\s+biểu(?:\s+chỉ\s+đạo)?\s+(?:tại\s+)?$",
    re.I,
)
_SIGNED = re.compile(
    rf"[^.;]{{0,60}}?\b(?:ký|ban\s+hành)\s+(?:(?:{DOC_KINDS})\b|văn\s+bản\b)", re.I
)
_AHEAD = re.compile(rf"\b(?:{AHEAD})\b", re.I)


# a news lead: the day first, then who did what ("Sáng 5/8, Bộ Chỉ huy … tổ chức lễ phát động
# …", "Chiều nay (10/4), tại …", "Ngày 5-10, Thủ tướng … phát động …"), the day in figures or in
# words ("Ngày 5 tháng 10 năm 2036, …")
_LEAD = re.compile(
    # the agency's tag first: "(HNMO) - Sáng 10-3, …", "(Chinhphu.vn) – Ngày 5/8, …"
    r"^\W*(?:[A-ZĐ][\w.]{1,20}\)\s*[-–—]\s*)?"
    # an opening phrase before the day: "Hòa chung không khí …, hưởng ứng …, sáng ngày 31/5, …"
    r"(?:(?:hòa\s+chung|hưởng\s+ứng|chào\s+mừng|nhằm|thiết\s+thực|nhân\s+dịp)[^.;:()\d]{0,200},\s*)?"
    r"(?:(?:sáng|trưa|chiều|tối)\s+(?:nay\s+|qua\s+)?(?:ngày\s+)?|ngày\s+|hôm\s+(?:nay|qua)\s+)"
    rf"\(?\s*{DAY_WRITTEN}\s*\)?"
    # "Tối 28-7 trên sân vận động Lạch Tray (Hải Phòng), …": where, then the comma
    r"(?:\s+(?:tại|trên|ở)\s+[^,.;]{1,80})?\s*,",
    re.I,
)


# "… tổ chức hội nghị … dưới sự chủ trì của đồng chí …": who chaired it, as a report tells
_CHAIRED = re.compile(r"\bdưới\s+sự\s+chủ\s+trì\s+của\b", re.I)


def _reported(
    ctx: Context, day: date, text: str, when: When | None = None, sentence: str = ""
) -> bool:
    """Told as held, in a text that does not date itself (a news page): a meeting on the page's
    own day told without "sẽ" or "dự kiến" ("… tại hội nghị tổng kết … vào sáng 22/4/2021" on
    a page of 22/04/2021), or the day that opens a news lead ("Sáng 18/11/2022, tại Ninh
    Bình, Thủ tướng … dự Lễ phát động …"). A document with its own dating line schedules."""
    if _AHEAD.search(text):
        return False
    if ctx.reported and day == ctx.issued:
        return True
    if not ctx.dating_line and _CHAIRED.search(text):
        return True  # a news page names who chaired a meeting it reports, not one it announces
    if not ctx.dating_line and ctx.page_month and (day.year, day.month) < ctx.page_month:
        return True  # a page of March tells a meeting of February as held
    lead = _LEAD.match(sentence or text)
    if ctx.dating_line or lead is None or when is None or when.start >= lead.end():
        return False
    # a lead dated after the page ("date 2024-07", then "Chiều ngày 6-8, Lễ bế mạc …") is ahead
    if ctx.issued and day > ctx.issued:
        return False
    return not (ctx.page_month and (day.year, day.month) > ctx.page_month)


@lru_cache(maxsize=16)
def _mentions(text: str) -> list[When]:
    """The date mentions of a sentence, read once however many meetings it names."""
    return mentions(text)


def _around(text: str, when: When) -> str:
    """The words around a date (a clause's reach either way): what is said of it, read in
    time that does not grow with the sentence."""
    return text[max(0, when.start - LOOK_BACK) : when.end + LOOK_BACK]


# "tại Cung Quy hoạch, Hội chợ và triển lãm tỉnh (TP Hạ Long), Sở … sẽ khai mạc Liên hoan": a
# venue whose name holds a gathering's noun after a comma
_AT_A_PLACE = re.compile(r"\btại\s+[^.;,()]{2,60},\s*$", re.I)
_SAYS_WHAT_HAPPENS = re.compile(
    r"\b(?:tổ\s+chức|diễn\s+ra|được|sẽ|khai\s+mạc|bế\s+mạc|họp|dự\s+kiến|vào|ngày|lúc)\b|\d",
    re.I,
)


# a building named for what is held in it: "Trung tâm Hội nghị quốc gia", "Cung Triển lãm"
_VENUE = re.compile(r"\b(?:Trung\s+tâm|Cung|Nhà|Khu|Hội\s+trường|Phòng)\s+$", re.I)


def _part_of_a_place(text: str, noun: re.Match[str]) -> bool:
    """Whether a gathering's noun goes on a place named after "tại" ("tại Cung Quy hoạch, Hội
    chợ và triển lãm tỉnh, …"): its clause says nothing of what happens; a gathering that
    follows its place ("Tại Nhà văn hóa xã, Hội thi văn nghệ được tổ chức …") does."""
    if _VENUE.search(before(text, noun.start(), 20)):
        return True  # "tại Trung tâm Hội nghị quốc gia": a building
    comma = max(text.rfind(mark, 0, noun.start()) for mark in ",;.")
    if comma == -1 or text[comma] != "," or not _AT_A_PLACE.search(before(text, comma + 1, 80)):
        return False
    if noun.start() - comma > 30 or ":" in text[comma : noun.start()]:
        return False  # a name goes on just after the comma, not a clause later
    piece = re.split(r"[,;.]", re.sub(r"\([^()]*\)", " ", text[comma + 1 :]))[0]
    return not _SAYS_WHAT_HAPPENS.search(piece)


def _told_as_past(clause: str) -> bool:
    """Whether a clause tells what it dates as done; "Trước đó," only orders two things and
    says nothing of the past when the clause says the thing is to come ("Trước đó, ngày 10/6
    sẽ tổ chức tổng duyệt")."""
    said = [m.group().casefold() for m in _PAST.finditer(clause)]
    if said and all(m.startswith("trước") for m in said):
        return not _AHEAD.search(clause)
    return bool(said)


def _title_at(text: str, at: int) -> str:
    return _title(text[at : at + LOOK_BACK])


def title_of(text: str) -> str:
    """A gathering's name from the words that open ``text``."""
    return _title(text)


def _title(text: str) -> str:
    # "đối thoại với các tầng lớp phụ nữ": with whom is part of a dialogue's name
    whom = re.match(r"đối\s+thoại\s+(?:với|giữa)\s+", text, re.I)
    end = _TITLE_END.search(text, whom.end() if whom else 3)
    title = text[: end.start()] if end else text[:120]
    words = title.split()[:16]
    return sentence_case(" ".join(words).strip(" ,.:;-"))


def _time_near(text: str, when: When) -> time | None:
    window_start = max(0, when.start - 40)
    window = text[window_start : when.end + 30]
    for match in _TIME.finditer(window):
        absolute = window_start + match.start()
        if when.start <= absolute < when.end:
            continue
        hour, minute = int(match["h"]), int(match["m"] or match["colon_m"] or 0)
        if ("giờ" in match.group() or "h" in match.group().casefold() or ":" in match.group()) and (
            hour < 24 and minute < 60
        ):
            return time(hour, minute)
    return None


# "1. Thời gian tổ chức:", and without a colon only "II. THỜI GIAN", "Thời gian, địa điểm"
# ("III. Thời gian thực hiện" is the campaign's)
_TIME_HEADING = re.compile(
    r"^\W*(?:(?:\d+|[IVX]+)[.)]\s*)?Thời\s+gian\b(?:[^.;]{0,60}:|(?:\s+tổ\s+chức)?"
    r"(?:\s*(?:,|và|-|–)\s*địa\s+điểm)?)\s*$",
    re.I,
)


def _under_time_heading(ctx: Context, paragraph: Paragraph) -> bool:
    return any(_TIME_HEADING.match(p.text) for p in ctx.earlier(paragraph, 2))


def _heading_with_noun(ctx: Context, paragraph: Paragraph) -> str | None:
    """The nearest line above (up to five) that names a meeting: one heading may date a
    meeting on several lines ("- Thời gian:" then "• Cơ sở A: 9h00 …" and "• Cơ sở B: 14h00 …")."""
    for candidate in reversed(ctx.earlier(paragraph, 5)):
        if _NOUN.search(candidate.text) and len(candidate.text) < 200:
            return candidate.text
    return None


def _titled_gathering(ctx: Context) -> str | None:
    """The gathering the document is titled by ("KẾ HOẠCH TỔ CHỨC NGÀY HỘI ĐỌC SÁCH"), for a
    "Thời gian tổ chức:" with no gathering named in the lines above it."""
    title = ctx.title or ""
    return title if _NOUN.search(title) and len(title) <= 200 else None


def _uncapitalised(heading: str) -> str:
    """A heading in capitals ("KẾ HOẠCH TỔ CHỨC HỘI THI …") in the case a sentence writes it,
    so that the meeting is not named in capitals."""
    letters = [c for c in heading if c.isalpha()]
    return heading.lower() if sum(c.isupper() for c in letters) > 0.7 * len(letters) else heading


def _place_line(ctx: Context, paragraph: Paragraph) -> str | None:
    """ "Địa điểm: …" on one of the two lines after the time, or a heading "2. Địa điểm:"
    with the place on the line under it ("Tại trường Tiểu học …")."""
    later = [p for p in ctx.body if p.index > paragraph.index][:3]
    for at, candidate in enumerate(later[:2]):
        if match := _PLACE_LINE.match(candidate.text):
            return match["place"].strip()
        if _PLACE_HEADING.match(candidate.text) and at + 1 < len(later):
            place = re.sub(r"^\W*(?:tại\s+)?", "", later[at + 1].text, flags=re.I)
            return sentence_case(place.strip(" .;")) if 0 < len(place) <= 120 else None
    return None


_PLACE_HEADING = re.compile(r"^\s*(?:[-–•+]|\d{1,2}[.)]|[a-dđ][.)])?\s*Địa\s+điểm\s*:?\s*$", re.I)
