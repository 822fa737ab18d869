"""Deadlines: what must be sent, by when, to whom, by whom.

The wording decides the rule (DOMAIN.md, "Deadlines, exactly"): "trước ngày D" (before), "trước
rằm tháng 8 âm lịch" (before the lunar day's solar day), "chậm nhất ngày D", "hạn cuối D",
"trong ngày D", "không quá ngày D" (by), "kết thúc trong tháng 7/2024" (within the month),
"trước tháng 7/2024" (before its first day), "cuối tháng 6/2024", "đầu năm" (fuzzy, Civil Code
art. 146), "trước ngày 15/11 hằng năm", "ngày 25 hằng tháng", "… tháng cuối (mỗi) quý", "trước
ngày 15 tháng 3, 6, 9 và 12", "hằng tháng, … trước ngày 25", "trước 16 giờ thứ Sáu hằng tuần"
(recurring), "trong quý I/2025" (the quarter's last month), "trong 10 ngày làm việc kể từ ngày
phát động", "chậm nhất 10 ngày sau khi kết thúc đợt thi đua" (relative). A day written without a
year takes the document's; "… năm sau" the next one.

Around the wording, the clause gives what is due ("gửi báo cáo sơ kết"), the receiving office
("về Sở Nội vụ (Ban Thi đua - Khen thưởng)") and who must send it (the clause's subject, else
the paragraph's, else the one before a parenthetical note, else the document's addressees).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from calendars import workdays
from config.dates import vn_date
from importer import addressees
from importer.context import Context
from importer.dates import (
    QUARTERS,
    When,
    cited,
    closure_until,
    mentions,
    ranges,
    term_ranges,
)
from importer.lunar_days import lunar_day_at
from importer.model import Deadline, Note
from importer.periods import month_named_after, plan_introduced
from importer.sessions import WEEKDAYS, weekday_codes
from importer.text import LOOK_BACK, Paragraph, Sentence, before, sentence_case
from translations import N_
from translations import gettext as _

# an hour, then the weekday: "trước 16 giờ 00 phút, Thứ Ba, ngày 18/4/2036"
_TIME = (
    r"(?:\d{1,2}\s*(?:giờ|h|g|:)\s*(?:\d{1,2})?\s*(?:phút)?\s*,?\s*"
    r"(?:(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật)\s*,?\s*)?(?:ngày\s+)?)?"
)
# "trước 15 giờ ngày mùng 6 Tết (tức ngày 11/02/2036)": a lunar day given with its solar one
_LUNAR_FIRST = (
    r"(?:(?:ngày\s+)?(?:mùng|mồng)\s+\d{1,2}\s+(?:Tết|tháng\s+\w+(?:\s+âm\s+lịch)?)\s*"
    r"[(,]\s*(?:tức|nhằm)(?:\s+là)?\s+)?"
)
# a receiving window's name: "thời hạn nhận bài thi", "thời điểm nhận bài tham dự cuộc thi",
# "thời gian gia hạn nhận bài dự thi" (its extension, named by the word "gia hạn")
_RECEIVING = (
    r"\b(?:thời\s+hạn|thời\s+điểm|thời\s+gian)\s+(?P<moved>gia\s+hạn\s+)?"
    r"(?P<received>(?:tiếp\s+)?nhận\s+(?:bài|hồ\s+sơ|tác\s+phẩm|đăng\s+ký|báo\s+cáo)\b"
    r"(?:(?!\btừ\b)[^:.;()\d]){0,60}?)"
)
_RECEIVING_CLOSES = re.compile(
    rf"{_RECEIVING}\s(?:(?:(?:sẽ\s+)?là|đến|tới)\s+(?:hết\s+)?{_TIME}(?:ngày\s+)?"
    # an extension's bare day is its new close: "thời gian gia hạn nhận bài ngày 01/10"
    r"|(?(moved)(?:ngày\s+)|(?!)))(?=\d)",
    re.I,
)
# results or prizes published on a day: "công bố các giải thưởng trên số báo ra ngày 15/10";
# published "trên" a paper or a site, not told at a rite ("lễ công bố kết quả vào ngày …")
_ANNOUNCED = re.compile(
    r"\b(?P<announced>công\s+bố\s+(?:các\s+)?(?:giải\s+thưởng|kết\s+quả)\b[^.;:()\d]{0,30}?"
    r"\strên\s[^.;:()\d]{0,40}?)\s(?:vào\s+)?ngày\s+(?=\d)",
    re.I,
)
_DAY_TRIGGERS: tuple[tuple[re.Pattern[str], str, bool], ...] = (
    # (pattern ending where the date starts, sense, needs a sending verb in the clause)
    (
        re.compile(
            rf"\b(?:chậm|trễ|muộn)\s+nhất\s+(?:là\s+)?trước\s+{_TIME}{_LUNAR_FIRST}(?:ngày\s+)?(?=\d)",
            re.I,
        ),
        "before",
        False,
    ),
    (re.compile(rf"\btrước\s+{_TIME}{_LUNAR_FIRST}(?:ngày\s+)?(?=\d)", re.I), "before", False),
    (
        re.compile(
            # "chậm nhất vào ngày …" (or "trễ nhất", "muộn nhất"), "Chậm nhất đến (hết) ngày
            # 25/11, các đơn vị …"
            rf"\b(?:chậm|trễ|muộn)\s+nhất\s+(?:là\s+)?(?:vào\s+|đến\s+(?:hết\s+)?)?(?:lúc\s+)?{_TIME}"
            r"(?:ngày\s+)?(?=\d)",
            re.I,
        ),
        "by",
        False,
    ),
    (
        re.compile(
            # "… tiếp tục nhận hồ sơ dự thi hạn chót đến ngày 30/6": the last day, "đến" or not
            r"\bhạn\s+(?:cuối|chót)(?:\s+là|\s+vào|\s*:|\s+(?:đến|tới)(?:\s+hết)?)?\s+"
            rf"{_TIME}(?:ngày\s+)?(?=\d)",
            re.I,
        ),
        "by",
        False,
    ),
    (
        re.compile(rf"\bhạn\s+(?:cuối|chót)[^:.;]{{0,60}}:\s*{_TIME}(?:ngày\s+)?(?=\d)", re.I),
        "by",
        False,
    ),
    (
        # "Hạn chót nộp hồ sơ là ngày 20/3/2025", "Thời hạn gửi báo cáo: ngày 20/3/2025"
        re.compile(
            r"\b(?:hạn\s+(?:cuối|chót)|(?:thời\s+)?hạn\s+(?:gửi|nộp|hoàn\s+thành|báo\s+cáo|đăng\s+ký))"
            rf"[^:.;]{{0,60}}?(?:\s+là|:)\s*{_TIME}(?:ngày\s+)?(?=\d)",
            re.I,
        ),
        "by",
        False,
    ),
    (
        # a receiving window told by its close, often as moved ("thời hạn nhận bài thi sẽ là
        # 31/1 thay cho …", "điều chỉnh thời điểm nhận bài dự thi đến ngày 31/3 (thay cho …)"):
        # no day and no "từ" between the name and its day (a range's end is a range's)
        _RECEIVING_CLOSES,
        "by",
        False,
    ),
    (
        # results or prizes announced on a day ("công bố các giải thưởng trên số báo ra ngày
        # 15/10"): what the organisers owe by then, as "Công bố kết quả" at an hour
        _ANNOUNCED,
        "by",
        False,
    ),
    (re.compile(r"\bkhông\s+(?:quá|muộn\s+hơn)\s+(?:ngày\s+)?(?=\d)", re.I), "by", False),
    # "gửi báo cáo đến hết ngày 31/3/2025" (not the end of a range "từ … đến hết ngày …")
    (re.compile(r"\b(?:đến|tới)\s+hết\s+ngày\s+(?=\d)", re.I), "by", True),
    (re.compile(r"\b(?:trong|vào)\s+ngày\s+(?=\d)", re.I), "by", True),
)
_MONTH_TRIGGERS: tuple[tuple[re.Pattern[str], str, bool], ...] = (
    (
        re.compile(
            r"\b(?:kết\s+thúc|hoàn\s+thành|hoàn\s+tất|xong)\s+(?:trong|vào)\s+(?=tháng\s+\d)", re.I
        ),
        "within",
        False,
    ),
    (re.compile(r"\bkết\s+thúc\s+(?=tháng\s+\d)", re.I), "within", False),
    (re.compile(r"\btrước\s+(?=tháng\s+\d)", re.I), "before_month", False),
    (re.compile(r"\b(?:trong|vào)\s+(?=tháng\s+\d)", re.I), "within", True),
)
_QUARTER = re.compile(
    r"\b(?P<done>(?:kết\s+thúc|hoàn\s+thành|hoàn\s+tất|xong)\s+)?(?:trong|vào)\s+quý\s+"
    r"(?P<q>IV|III|II|I|[1-4])(?!\w)(?:\s*(?:/|năm)\s*(?P<y>\d{4}))?",
    re.I,
)
_FUZZY = re.compile(
    r"\b(?:vào|trong|chậm\s+nhất(?:\s+là)?(?:\s+vào)?|trước)\s+"
    # "trung tuần tháng 7": the ten days of a month said the old way
    r"(?P<term>đầu|giữa|cuối|thượng\s+tuần|trung\s+tuần|hạ\s+tuần)\s+"
    r"(?:(?P<month>tháng\s+\d{1,2}(?:\s*(?:/|năm)\s*\d{4})?)|năm(?:\s+(?P<year>\d{4}))?)",
    re.I,
)
_RELATIVE = re.compile(
    r"\b(?:(?:trong\s+(?:vòng|thời\s+hạn|thời\s+gian)|chậm\s+nhất(?:\s+là)?(?:\s+sau)?|sau)\s+)?"
    r"(?P<n>\d{1,3})\s+ngày(?P<working>\s+làm\s+việc)?\s*,?\s*(?:(?:kể\s+)?từ|sau)\s+"
    # "trong 3 ngày, từ 17 - 19/11/2023": the days themselves follow, no count from an event
    r"(?:ngày\s+|khi\s+|thời\s+điểm\s+)?(?!\d)(?P<anchor>[^,;.()]{0,80})",
    re.I,
)
# half a year: "6 tháng", "sáu tháng", "nửa năm", "bán niên"
_HALF_YEAR = r"(?:6|sáu)\s+tháng|nửa\s+năm|bán\s+niên"
_EVERY_MONTH = re.compile(
    # "trước ngày 10 và (ngày) 20 hàng tháng": two days of each month; "chậm nhất là ngày …",
    # "muộn nhất vào ngày …"; a bare "ngày 15 tháng cuối quý" only for a quarter's or a half
    # year's month (checked by the caller)
    r"\b(?:(?P<w>trước|chậm\s+nhất|muộn\s+nhất|trễ\s+nhất|không\s+quá|vào)(?:\s+(?:là|vào))?\s+)?"
    r"ngày\s+(?P<d>\d{1,2}(?:\s*(?:,|và)\s*(?:ngày\s+)?\d{1,2})*)\s+"
    r"(?:(?:của\s+)?(?:hằng|hàng|mỗi)\s+tháng"
    # "… tháng cuối quý", "… tháng cuối cùng của mỗi quý", "… tháng đầu tiên của quý sau",
    # "… tháng cuối mỗi 6 tháng", "… tháng đầu của nửa năm sau"
    rf"|(?:của\s+)?tháng\s+(?P<q>cuối|đầu)(?:\s+(?:cùng|tiên))?\s+(?:của\s+)?"
    rf"(?:(?:mỗi|hằng|hàng|từng|các)\s+)?(?P<span>quý|{_HALF_YEAR})"
    r"(?:\s+(?:sau|tiếp\s+theo|kế\s+tiếp))?"
    # "trước ngày 15 tháng 3, 6, 9 và 12": one day of the months listed
    r"|(?:của\s+)?(?:các\s+)?tháng\s+(?P<ms>\d{1,2}(?:\s*(?:,|và)\s*\d{1,2}){1,11})"
    r"(?!\d|\s*(?:[/.-]\s*\d|tháng\b|năm\b)))",
    re.I,
)
# "trình" submits ("trình UBND tỉnh"); in "Chương trình", "quy trình", "công trình", "trình diễn"
# it is part of another word, and a school's "Chương trình chào mừng …" sends nothing
_SUBMIT = (
    r"(?<!chương\s)(?<!quy\s)(?<!công\s)(?<!lộ\s)(?<!tiến\s)(?<!hành\s)(?<!lịch\s)"
    r"trình(?!\s+(?:diễn|bày|độ|chiếu|tự))"
)
# "chuyển" hands on ("chuyển hồ sơ về Sở"); "chuyển đổi số", "chuyển biến", "chuyển động" change
_HANDS_ON = r"chuyển(?!\s+(?:đổi|biến|động|hóa|hoá|dịch|mình|giao\s+công\s+nghệ)\b)"
_SENDS = re.compile(
    rf"\b(?:gửi|nộp|báo\s+cáo|đăng\s+ký|hoàn\s+thành|hoàn\s+tất|tổng\s+hợp|{_SUBMIT}|cập\s+nhật|"
    rf"xây\s+dựng|ban\s+hành|kết\s+thúc|ký\s+kết|giao\s+ước|đề\s+nghị|{_HANDS_ON}|"
    # a window of receiving closes: "Thời gian nhận bài: đến hết ngày 31/8"
    r"nhận\s+(?:bài|hồ\s+sơ|tác\s+phẩm|đăng\s+ký))\b",
    re.I,
)
_MEETING = re.compile(r"\b(?:Lễ|Hội\s+nghị|Đại\s+hội|Hội\s+thi|Hội\s+diễn|Tọa\s+đàm|Hội\s+thảo)\b")
# "Lễ kỷ niệm được dự kiến tổ chức trước ngày 28/8": the gathering itself is held before the
# day (units told to "tổ chức Đại hội trước ngày …" have it due)
_HELD_BEFORE = re.compile(
    r"\b(?:Lễ|Hội\s+nghị|Đại\s+hội|Hội\s+thi|Hội\s+diễn|Tọa\s+đàm|Hội\s+thảo)\b[^,;.]{0,60}?\s"
    r"(?:sẽ\s+)?(?:được\s+)?(?:dự\s+kiến\s+)?(?:được\s+)?(?:tổ\s+chức|diễn\s+ra)\s+$"
)
_HELD_BEFORE_NOTE = N_("a gathering held “%(text)s”: no day of its own")
# "trước 16 giờ thứ Sáu hằng tuần", "chậm nhất vào sáng thứ Hai hằng tuần", "báo cáo vào thứ Năm
# hằng tuần"
_EVERY_WEEK = re.compile(
    rf"\b(?:trước|chậm\s+nhất(?:\s+(?:là|vào|trước))?|vào)\s+{_TIME}(?:(?:buổi\s+)?(?:sáng|chiều)\s+)?"
    rf"(?:(?:các\s+)?ngày\s+)?(?P<days>{WEEKDAYS})\s+(?:của\s+)?(?:hằng|hàng|mỗi)\s+tuần\b",
    re.I,
)
# a window given by its end alone: "Thời gian dự kiến lấy ý kiến 10 ngày (đến hết ngày 10-2)"
_WINDOW_UNTIL = re.compile(
    r"\bThời\s+(?:gian|hạn)\s+(?:dự\s+kiến\s+)?(?P<what>(?:lấy\s+ý\s+kiến|góp\s+ý|nhận|tiếp\s+nhận|"
    r"đăng\s+ký)\b[^.;()]{0,60}?)\s*[(:]?\s*$",
    re.I,
)
_EVERY_YEAR_AFTER = re.compile(r"^\s*(?:của\s+)?(?:các\s+)?(?:hằng|hàng|mỗi)\s+năm\b", re.I)
_EVERY_YEAR_BEFORE = re.compile(r"\b(?:hằng|hàng|mỗi)\s+năm\b", re.I)
_NEXT_YEAR = re.compile(r"^\s*(?:của\s+)?năm\s+(?:sau|kế\s+tiếp|tiếp\s+theo)\b", re.I)

_DUE_NOUN = (
    r"(?:bản\s+|các\s+|những\s+)?(?:báo\s+cáo|hồ\s+sơ|đăng\s+ký|văn\s+bản|kế\s+hoạch|danh\s+sách|"
    r"đề\s+xuất|đề\s+nghị|tờ\s+trình|bài\s+dự\s+thi|tác\s+phẩm|sáng\s+kiến|số\s+liệu|kết\s+quả|"
    r"biểu\s+mẫu|bảng\s+[\wÀ-ỹ]+|thông\s+tin|giao\s+ước|bản\s+cam\s+kết|tham\s+luận|minh\s+chứng)"
)
_DUE_STOP = (
    r"(?=\s+(?:về|cho|tới|đến|lên|trước|chậm|theo|qua|để|trong|vào|kèm|bằng|với|gửi|nộp)\b"
    r"|[,;():]|$)"  # ("Hạn chót nhận hồ sơ: ngày …": what ends at the colon)
)
_OBJECT = re.compile(
    rf"\b(?:gửi|nộp|trình|chuyển)\s+(?:về\s+)?(?P<what>{_DUE_NOUN}[^,;()]*?){_DUE_STOP}", re.I
)
_SUBJECT_NOUN = re.compile(
    rf"^(?P<what>{_DUE_NOUN}[^,;()]*?)\s+(?:được\s+)?(?:gửi|nộp|trình)\b", re.I
)
# ("Theo kế hoạch, …", "trong kế hoạch": the plan followed, not what is due)
_ANY_NOUN = re.compile(rf"(?<!theo\s)(?<!trong\s)\b(?P<what>{_DUE_NOUN}[^,;()]*?){_DUE_STOP}", re.I)
_ORG_START = (
    r"(?:cơ\s+quan\s+)?(?:Thường\s+trực\s+)?(?:Sở|Ban|Phòng|Hội\s+đồng|UBND|Ủy\s+ban|Uỷ\s+ban|"
    r"Văn\s+phòng|Bộ|Cục|Vụ|Trường|Công\s+đoàn|Liên\s+đoàn|Tỉnh\s+đoàn|Huyện\s+đoàn|Thành\s+đoàn|"
    r"Đảng\s+ủy|Thường\s+trực|Trung\s+tâm|Hội|Chi\s+cục|Tổng\s+cục|Cơ\s+quan)\b"
)
_RECEIVER = re.compile(rf"\b(?:về|cho|tới|đến|lên|với)\s+(?P<org>{_ORG_START})", re.I)
_NEXT_ORG = re.compile(rf",\s*{_ORG_START}")
_RECEIVER_STOP = re.compile(
    r"\s(?:trước|chậm|để|làm|trong|theo|bằng|kèm|vào|đồng\s+thời|trên|xem\s+xét|tổng\s+hợp|"
    r"theo\s+dõi|thẩm\s+định|qua\s+(?:email|thư|hệ\s+thống|địa\s+chỉ|phần\s+mềm))\b|[,;.:]",
    re.I,
)


@dataclass(frozen=True)
class _Found:
    start: int  # of the wording, in the sentence
    end: int
    due: dict
    sense: str
    days: list[date]
    doubts: tuple[str, ...] = ()


def extract(ctx: Context) -> list[Deadline]:
    found: list[Deadline] = []
    headlined: list[Deadline] = []
    for sentence in ctx.sentences():
        for item in _wordings(ctx, sentence):
            if ctx.taken(sentence, item.start, item.end):
                continue
            ctx.take(sentence, item.start, item.end)
            if _passed_when_issued(ctx, item):
                ctx.note(
                    _(
                        "“%(text)s” had passed when the document was issued: not a deadline",
                        text=" ".join(sentence.text[item.start : item.end].split()),
                    ),
                    sentence,
                )
                continue
            if _reported(ctx, sentence, item):
                ctx.note(
                    _(
                        "“%(text)s” tells what was done before the document: not a deadline",
                        text=" ".join(sentence.text[item.start : item.end].split()),
                    ),
                    sentence,
                )
                continue
            found.append(_deadline(ctx, sentence, item))
            if _in_headline(ctx, sentence):
                headlined.append(found[-1])
    return _headline_rounded(ctx, _distinct(found), headlined)


def _in_headline(ctx: Context, sentence: Sentence) -> bool:
    """Whether a sentence is the page's headline: the document's title, where a page that does
    not date itself (a news page) sums up what its body says."""
    title = " ".join((ctx.title or "").split()).casefold()
    return (
        bool(title) and not ctx.dating_line and title in " ".join(sentence.text.split()).casefold()
    )


_MONTH_ONLY = re.compile(r"^\D*\btháng\s+\d{1,2}(?:\s*[/.-]\s*\d{4})?\s*$", re.I)
_ROUNDING = 31  # days: how far a month said in a headline may be from the day it rounds


def _headline_rounded(
    ctx: Context, found: list[Deadline], headlined: list[Deadline]
) -> list[Deadline]:
    """A headline's deadline by a month ("Hoàn thành Đại hội MTTQ cấp xã trước tháng 3/2019")
    that rounds a day the body gives ("hoàn thành trước 15/3/2019") adds none: it is noted."""
    kept = []
    for item in found:
        near = (
            item in headlined
            and _MONTH_ONLY.match(item.wording)
            and any(
                other not in headlined
                and any(abs((d - day).days) <= _ROUNDING for d in other.days for day in item.days)
                for other in found
            )
        )
        if not near:
            kept.append(item)
            continue
        ctx.notes.append(
            Note(
                _(
                    "the headline's “%(text)s” rounds a deadline the text dates to the day: "
                    "not counted twice",
                    text=item.wording,
                ),
                item.source.line,
            )
        )
    return kept


_DONE = re.compile(r"\b(?:đã|đúng\s+hạn|đúng\s+thời\s+gian|kịp\s+thời\s+gian)\b", re.I)


def _passed_when_issued(ctx: Context, item: _Found) -> bool:
    """A day before the one a document signs itself on ("Sở Nội vụ, ngày 18 tháng 12 …":
    "Theo Công văn số 420 …, các đơn vị gửi hồ sơ trước ngày 10/12"): what an earlier letter
    asked, restated to urge the late; no deadline the office can still keep. (A news page's
    day dates the page, not the text: its own rule is `_reported`.)"""
    return bool(
        ctx.dating_line
        and not ctx.reported
        and ctx.issued is not None
        and item.days
        and max(item.days) < ctx.issued
        and not _in_the_plans_month(ctx, max(item.days))
    )


# a plan for one month: "Kế hoạch tháng 9/2036", "nhiệm vụ công tác tháng 9 năm 2036"
_MONTH_PLAN = re.compile(r"\btháng\s+(\d{1,2})\s*(?:[/.-]|\s+năm\s+)\s*(\d{4})\b", re.I)


def _in_the_plans_month(ctx: Context, day: date) -> bool:
    """Whether a day falls in the one month the document's title plans for: a monthly plan
    signed a few days into its month still sets the work of its first days."""
    months = {(int(m[2]), int(m[1])) for m in _MONTH_PLAN.finditer(ctx.title or "")}
    return months == {(day.year, day.month)}


def _reported(ctx: Context, sentence: Sentence, item: _Found) -> bool:
    """A report's account of the past ("các Khối đã ký kết giao ước trong tháng 3/2024",
    "gửi báo cáo đúng hạn (trước ngày 30/6/2024)"): a day before the document's, told as
    done, or more than a month before it."""
    if ctx.issued is None or not item.days or max(item.days) >= ctx.issued:
        return False
    if (ctx.issued - max(item.days)).days > 31:
        return True  # "Năm 2035, 100% đơn vị gửi báo cáo trước ngày 15/12/2035": long gone by
    return bool(_DONE.search(_clause(sentence.text, item.start)) or _DONE.search(sentence.text))


def _wordings(ctx: Context, sentence: Sentence) -> list[_Found]:
    text = sentence.text
    whens = {w.start: w for w in mentions(text)}
    found = [*_recurring_days(ctx, text), *_weekly(text), *_relative(text)]
    range_ends = {id(r.last) for r in ranges(text, list(whens.values()))}
    for pattern, sense, needs_verb in _DAY_TRIGGERS:
        for match in pattern.finditer(text):
            when = whens.get(match.end())
            if when is None or not when.is_day or cited(text, when.start):
                continue
            if match.group().casefold().startswith(("đến", "tới")) and (
                id(when) in range_ends or re.search(r"\btừ\b", _clause(text, match.start()))
            ):
                continue  # the end of a range ("từ ngày ký ban hành đến hết ngày …")
            if _OPENS_ON.search(text, max(0, match.start() - 40), match.end()):
                continue  # "Giải … sẽ khai mạc vào ngày 7/7": the day it opens, no work due
            if closure_until(text, when.start):
                continue  # "cho học sinh nghỉ học đến hết ngày …": a closure's last day, a phase
            if id(when) in range_ends:
                # "Học kỳ I: từ ngày 08/9 đến trước ngày 16/01", "bắt đầu từ ngày 10/4 và kết thúc
                # vào ngày 15/4": a range's end
                continue
            if needs_verb and (
                not (
                    _SENDS.search(_since_last_date(text, match.start(), whens))
                    or _WINDOW_UNTIL.search(before(text, match.start(), 120))
                )
                or _MEETING.search(text)
            ):
                continue
            if _HELD_BEFORE.search(_just_before(text, match.start(), 120)):
                # a gathering with no day of its own, not something sent: said, and its day
                # kept from being read as the gathering's
                ctx.take(sentence, match.start(), when.end)
                wording = " ".join(text[match.start() : when.end].split())
                ctx.note(_(_HELD_BEFORE_NOTE, text=wording), sentence)
                continue
            item = _day_rule(ctx, text, match.start(), when, sense)
            if item is not None:
                found.append(item)
    found += _month_wordings(ctx, text, whens)
    found += _lunar_wordings(ctx, text)
    found.sort(key=lambda f: (f.start, -(f.end - f.start)))
    kept: list[_Found] = []
    reach = -1  # the furthest end of what is kept: found is in order of start
    for item in found:
        if item.start >= reach:
            kept.append(item)
            reach = item.end
    return [k for k in kept if all(ctx.plausible(d) for d in k.days) or k.due["rule"] == "relative"]


# the day a gathering opens or closes on, which no preparation for it makes a deadline ("Để
# chuẩn bị cho Hội thi … sẽ được khai mạc vào ngày 7/7, …", "… bế mạc ngày 20/8")
_OPENS_ON = re.compile(
    r"\b(?:khai\s+mạc|bế\s+mạc|khai\s+giảng|khởi\s+tranh)\s+(?:vào\s+)?(?:ngày\s+)?$",
    re.I,
)

# "các hoạt động kỷ niệm diễn ra trong tháng 5/2036": the month says when things happen, not
# by when anything is sent (whatever verb stands earlier in the clause)
_TAKES_PLACE = re.compile(r"\b(?:diễn\s+ra|được\s+tổ\s+chức)\s+$", re.I)
# "Đại hội Hội Khuyến học cấp xã sẽ xong trong tháng 8": a gathering, the clause's subject, told
# to be over within a month is held in it, no one's task due ("chỉ đạo Hội nghị … xong trong
# tháng 12" or "hoàn thành Đại hội trước ngày …" set a task)
_GATHERING_OVER_IN = re.compile(
    r"(?:^|[.;:]\s)\W*(?:Lễ|Hội\s+nghị|Đại\s+hội|Hội\s+thi|Hội\s+diễn|Hội\s+thảo)\b[^,;.]{0,80}?"
    r"\ssẽ\s+(?:được\s+)?(?:tổ\s+chức\s+)?(?:xong|kết\s+thúc|hoàn\s+thành|hoàn\s+tất)"
    r"\s+(?:trong|vào)\s+$"
)

# "sẽ kết thúc vào cuối tháng 6, trễ nhất là đến tháng 8": an estimate the text bounds with a
# later day is not what is due
_LATER_BOUND = re.compile(r"\s*,?\s*(?:trễ|muộn|chậm)\s+nhất\b", re.I)

# "Từ ngày 10/8, hội thi sẽ tổ chức vòng khu vực tại … và kết thúc tại vòng chung kết vào cuối
# tháng 9": what began on a day and ends with a month's end is a span, its close no deadline
_CLOSES_A_SPAN = re.compile(
    r"\btừ\s+(?:ngày\s+)?\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{4})?(?![\d/.-])"
    r"(?:(?!\b(?:đến|tới)\b)[^.;\d])*\bkết\s+thúc\b[^.;\d]*$",
    re.I,
)


def _month_wordings(ctx: Context, text: str, whens: dict[int, When]) -> list[_Found]:
    """ "kết thúc trong tháng 7/2024", "trước tháng 5/2024", "cuối tháng 6/2024"."""
    found = []
    for pattern, kind, needs_verb in _MONTH_TRIGGERS:
        for match in pattern.finditer(text):
            when = whens.get(match.end())
            if when is None or when.is_day or month_named_after(text, when):
                continue  # "trong tháng 3 - Tháng Thanh niên": a campaign's month, a phase
            if _GATHERING_OVER_IN.search(text, 0, match.end()):
                continue
            if needs_verb and plan_introduced(text, match.start(), when.end):
                continue
            if needs_verb and (
                not _SENDS.search(_since_last_date(text, match.start(), whens))
                or _TAKES_PLACE.search(text, 0, match.start())
            ):
                continue
            found.append(_month_rule(ctx, match.start(), when, kind))
    # "diễn ra từ ngày 27-5 và kết thúc vào giữa tháng 9": a span's end, not a deadline
    spans = term_ranges(text, ctx.year)
    found += [
        _fuzzy_rule(ctx, match)
        for match in _FUZZY.finditer(text)
        if _SENDS.search(_clause(text, match.start()))
        and not _LATER_BOUND.match(text, match.end())
        and not any(s.start <= match.start() < s.end for s in spans)
        and not _CLOSES_A_SPAN.search(text, 0, match.start())
    ]
    # "hoàn thành trong quý II/2036" is due; "các ngày lễ lớn trong quý II" only says when things
    # happen: the verb stands close before the quarter
    found += [
        _quarter_rule(ctx, match)
        for match in _QUARTER.finditer(text)
        if match["done"]
        or _SENDS.search(_just_before(text, match.start(), 60))
        # "Trong quý II/2036, các xã hoàn thành việc rà soát": the quarter opens the sentence
        or (not text[: match.start()].strip(" -–•+") and _SENDS.search(_clause(text, match.end())))
    ]
    return found


def _quarter_rule(ctx: Context, match: re.Match[str]) -> _Found:
    """ "hoàn thành trong quý I/2025": the quarter's last month, as "trong tháng 3/2025"."""
    month = 3 * QUARTERS[match["q"].casefold()]
    year = int(match["y"]) if match["y"] else ctx.upcoming_year(month, 28)
    due = {"rule": "within_month", "month": f"{month}/{year}"}
    return _Found(match.start(), match.end(), due, "by", [workdays.within_month(year, month)])


def _day_rule(ctx: Context, text: str, start: int, when: When, sense: str) -> _Found | None:
    after = text[when.end :]
    if when.year is None and (
        _EVERY_YEAR_AFTER.match(after) or _EVERY_YEAR_BEFORE.search(_clause(text, start)[:80])
    ):
        tail = _EVERY_YEAR_AFTER.match(after)
        end = when.end + (tail.end() if tail else 0)
        rule = f"FREQ=YEARLY;BYMONTH={when.month};BYMONTHDAY={when.day}"
        due = {"rule": "recurring", "rrule": rule, "before": sense == "before"}
        return _Found(start, end, due, sense, [])
    year = when.year
    end = when.end
    if year is None:
        next_year = _NEXT_YEAR.match(after)
        year = ctx.year + 1 if next_year else ctx.upcoming_year(when.month, when.day or 1)
        end += next_year.end() if next_year else 0
    try:
        day = date(year, when.month, when.day or 1)
    except ValueError:
        return None
    if not ctx.plausible(day):
        return None
    return _Found(start, end, {"rule": sense, "date": vn_date(day)}, sense, [day])


# "Trước ngày rằm tháng 8 âm lịch năm Canh Tý": before a day of the lunar calendar, due on its
# solar day in the document's lunar year (or the one its can-chi names)
_BEFORE_LUNAR = re.compile(r"\btrước\s+(?=(?:ngày\s+)?(?:rằm|mùng|mồng)\s)", re.I)


def _lunar_wordings(ctx: Context, text: str) -> list[_Found]:
    """ "trước rằm tháng 8 âm lịch": a deadline before the lunar day's solar day."""
    found = []
    for match in _BEFORE_LUNAR.finditer(text):
        lunar = lunar_day_at(ctx, text, match.end())
        if lunar is None:
            continue
        end, day = lunar
        written = " ".join(text[match.end() : end].split())
        doubt = _("a day of the lunar calendar (%(lunar)s): check the solar day", lunar=written)
        due = {"rule": "before", "date": vn_date(day)}
        found.append(_Found(match.start(), end, due, "before", [day], (doubt,)))
    return found


def _month_rule(ctx: Context, start: int, when: When, kind: str) -> _Found:
    year = when.year or ctx.upcoming_year(when.month, 28)
    if kind == "before_month":
        day = date(year, when.month, 1)
        return _Found(start, when.end, {"rule": "before", "date": vn_date(day)}, "before", [day])
    last = workdays.within_month(year, when.month)
    due = {"rule": "within_month", "month": f"{when.month}/{year}"}
    return _Found(start, when.end, due, "by", [last])


_TERMS = {
    "đầu": "dau",
    "giữa": "giua",
    "cuối": "cuoi",
    "thượng tuần": "dau",
    "trung tuần": "giua",
    "hạ tuần": "cuoi",
}


def _fuzzy_rule(ctx: Context, match: re.Match[str]) -> _Found:
    term = _TERMS[" ".join(match["term"].casefold().split())]
    if match["month"]:
        month_when = mentions(match["month"])[0]
        year = month_when.year or ctx.upcoming_year(month_when.month, 28)
        day = workdays.fuzzy_day(f"{term}_thang", year, month_when.month)  # type: ignore[arg-type]
        due = {"rule": "fuzzy", "term": f"{term}_thang", "month": f"{month_when.month}/{year}"}
    else:
        year = int(match["year"]) if match["year"] else ctx.year
        day = workdays.fuzzy_day(f"{term}_nam", year)  # type: ignore[arg-type]
        due = {"rule": "fuzzy", "term": f"{term}_nam", "year": year}
    return _Found(match.start(), match.end(), due, "by", [day])


_MONTHLY_BEFORE = re.compile(
    r"\b(?:hằng|hàng|mỗi)\s+tháng\b[^.;]{0,120}?\b(?P<w>(?:trước|chậm\s+nhất|vào)\s+ngày\s+"
    r"(?P<d>\d{1,2}))(?![\d/-]|\.\d|\s+(?:tháng|hằng|hàng|mỗi)\b|\s+của\s+(?!tháng\s+báo\s+cáo\b))",
    re.I,
)  # ("Báo cáo hằng tháng gửi chậm nhất vào ngày 18 của tháng báo cáo": every month)


def _held_monthly(text: str, at: int, wording: str) -> bool:
    """ "Tiếp công dân định kỳ vào ngày 15 hằng tháng": a day of each month on which something
    is held, not a last day to send anything ("trước", "chậm nhất", or a verb that sends)."""
    return wording.casefold().startswith("vào") and not _SENDS.search(_clause(text, at))


def _recurring_days(ctx: Context, text: str) -> list[_Found]:
    """ "trước ngày 25 hằng tháng", "trước ngày 15 của tháng cuối quý", "định kỳ hằng tháng,
    … trước ngày 25"."""
    found = []
    for match in _MONTHLY_BEFORE.finditer(text):
        day = int(match["d"])
        if not 1 <= day <= 31:
            continue
        if _held_monthly(text, match.start(), match["w"]):
            continue
        sense = "before" if match["w"].casefold().startswith("trước") else "by"
        due = {"rule": "recurring", "rrule": f"FREQ=MONTHLY;BYMONTHDAY={day}"}
        due["before"] = sense == "before"
        found.append(_Found(match.start("w"), match.end("w"), due, sense, []))
    for match in _EVERY_MONTH.finditer(text):
        days = sorted({int(n) for n in re.findall(r"\d{1,2}", match["d"])})
        if not all(1 <= day <= 31 for day in days):
            continue
        day = ",".join(map(str, days))
        wording = match["w"] or "vào"  # a bare day is held or sent on, as with "vào"
        if (match["w"] is None and not match["q"]) or _held_monthly(text, match.start(), wording):
            continue
        sense = "before" if wording.casefold() == "trước" else "by"
        if match["q"]:
            rule = f"FREQ=MONTHLY;BYMONTH={_months_of(match['q'], match['span'])};BYMONTHDAY={day}"
        elif match["ms"]:
            listed = [int(n) for n in re.findall(r"\d{1,2}", match["ms"])]
            if (
                len(days) > 1
                or listed != sorted(set(listed))
                or not 1 <= listed[0] <= listed[-1] <= 12
            ):
                continue
            rule = f"FREQ=YEARLY;BYMONTH={','.join(map(str, listed))};BYMONTHDAY={day}"
        else:
            rule = f"FREQ=MONTHLY;BYMONTHDAY={day}"
        due = {"rule": "recurring", "rrule": rule, "before": sense == "before"}
        found.append(_Found(match.start(), match.end(), due, sense, []))
    return found


def _months_of(term: str, span: str) -> str:
    """The months a quarter's or a half year's first or last month falls in."""
    last = term.casefold() == "cuối"
    if span.casefold() == "quý":
        return "3,6,9,12" if last else "1,4,7,10"
    return "6,12" if last else "1,7"


def _weekly(text: str) -> list[_Found]:
    """ "trước 16 giờ thứ Sáu hằng tuần": a weekday of each week, by which a report is sent (a
    session held on it, "họp giao ban vào thứ Hai hằng tuần", is none)."""
    found = []
    for match in _EVERY_WEEK.finditer(text):
        if _held_monthly(text, match.start(), match.group()):
            continue
        sense = "before" if match.group().casefold().startswith("trước") else "by"
        rule = f"FREQ=WEEKLY;BYDAY={','.join(weekday_codes(match['days']))}"
        due = {"rule": "recurring", "rrule": rule, "before": sense == "before"}
        found.append(_Found(match.start(), match.end(), due, sense, []))
    return found


def _relative(text: str) -> list[_Found]:
    """ "trong 10 ngày làm việc kể từ ngày phát động": the anchor is settled later."""
    found = []
    for match in _RELATIVE.finditer(text):
        days = int(match["n"])
        if not 1 <= days <= 365 or not _SENDS.search(_clause(text, match.start())):
            continue
        due = {
            "rule": "relative",
            "after": match["anchor"].strip(),
            "days": days,
            "working_days": bool(match["working"]),
        }
        found.append(_Found(match.start(), match.end(), due, "by", []))
    return found


# --- around the wording ------------------------------------------------------------------


def _clause_bounds(text: str, at: int) -> tuple[int, int]:
    """The clause around ``at``: between semicolons, or inside the parenthetical note that
    holds it ("(Các cơ quan … gửi báo cáo trước ngày 30/6/2023 …)")."""
    # a clause runs at most LOOK_BACK characters either way (a sentence of a hundred dates
    # is not one clause)
    left = max(text.rfind(";", 0, at) + 1, at - LOOK_BACK)
    right = text.find(";", at, at + LOOK_BACK)
    right = min(len(text), at + LOOK_BACK) if right == -1 else right
    opened: list[int] = []
    for i in range(left, at):
        if text[i] == "(":
            opened.append(i)
        elif text[i] == ")" and opened:
            opened.pop()
    if opened:
        left = opened[0] + 1
        depth = 0
        for i in range(left, right):
            if text[i] == "(":
                depth += 1
            elif text[i] == ")":
                if depth == 0:
                    right = i
                    break
                depth -= 1
    return left, right


def _just_before(text: str, at: int, width: int) -> str:
    """The ``width`` characters of the clause before ``at``."""
    left, _ = _clause_bounds(text, at)
    return text[max(left, at - width) : at]


def _since_last_date(text: str, at: int, whens: dict[int, When]) -> str:
    """The clause around ``at`` from the end of the date before it: "đăng ký trước ngày 05/4 và
    tổ chức vòng trường trong tháng 4" gives the month to what is organised, not sent."""
    left, right = _clause_bounds(text, at)
    ends = [w.end for w in whens.values() if left <= w.end <= at]
    return text[max([left, *ends]) : right]


def _clause(text: str, at: int) -> str:
    left, right = _clause_bounds(text, at)
    return text[left:right]


def _deadline(ctx: Context, sentence: Sentence, item: _Found) -> Deadline:
    text = sentence.text
    left, right = _clause_bounds(text, item.start)
    clause = text[left:right]
    wording = " ".join(text[item.start : item.end].split())
    window = _WINDOW_UNTIL.search(before(text, item.start, 120))
    # the window the wording names is what is due ("thời hạn nhận bài thi sẽ là …")
    received = _RECEIVING_CLOSES.match(text, item.start)
    announced = _ANNOUNCED.match(text, item.start)
    what = (
        (_trim(received["received"]) if received else None)
        or (_trim(announced["announced"]) if announced else None)
        or _what(clause, text[left : item.start])
        or _what_after(text[item.end : right])
        or (_trim(window["what"]) if window else "Nội dung theo văn bản")
    )
    what = _with_review_kind(what, sentence)
    receiver = _receiver(clause) or _receiver_nearby(ctx, sentence)
    phrases, origin = _responsible(ctx, sentence, clause, left)
    review = list(item.doubts)
    if item.due["rule"] == "relative":
        review.append("counted from an event: check what the count starts from")
    return Deadline(
        title=sentence_case(what),
        source=ctx.source(sentence),
        review=review,
        paragraph=sentence.paragraph.index,
        what=sentence_case(what),
        wording=wording,
        due=item.due,
        sense=item.sense,  # type: ignore[arg-type]
        receiver=receiver,
        addressees=phrases,
        addressees_from=origin,
        days=list(item.days),
    )


def _what(clause: str, before: str) -> str | None:
    """What is due: the object of "gửi", a subject such as "Văn bản phát động thi đua", a
    noun such as "báo cáo", else what the clause says before the wording."""
    body = addressees._MARKER.sub("", clause.strip(" ("))
    for pattern in (_OBJECT, _SUBJECT_NOUN, _ANY_NOUN):
        if match := pattern.search(body):
            what = match["what"].strip(" ,.-")
            if len(what.split()) >= 1:
                return _trim(what)
    rest = addressees._MARKER.sub("", before.strip(" (")).strip(" ,.-")
    subject = addressees.subject(rest)
    if subject and rest.startswith(subject):
        rest = rest[len(subject) :].strip(" ,")
    rest = re.sub(r"^(?:Thời\s+gian\s+|Thời\s+hạn\s+)", "", rest, flags=re.I)
    return _trim(rest) if len(rest.split()) >= 2 else None


def _what_after(after: str) -> str | None:
    """ "Chậm nhất đến ngày 25/11, các đơn vị hoàn thành việc bình xét": the wording first,
    what is due after it, its subject left out."""
    rest = re.split(r"[.;(]", after.lstrip(" ,:)"))[0].strip(" ,")
    subject = addressees.subject(rest)
    if subject and rest.startswith(subject):
        rest = rest[len(subject) :].strip(" ,")
    return _trim(rest) if len(rest.split()) >= 2 else None


def _trim(text: str) -> str:
    words = " ".join(text.split()).split()[:18]
    while words and words[-1].casefold() in {"và", "hoặc", "cùng", "kèm"}:
        words.pop()  # "ký giao ước thi đua và gửi về …": the object ends before "và"
    return " ".join(words).rstrip(" ,;:")


def _with_review_kind(what: str, sentence: Sentence) -> str:
    """ "báo cáo" under "Thời gian sơ kết" is the mid-term review's report."""
    if what.casefold() not in {"báo cáo", "gửi báo cáo"}:
        return what
    label = sentence.paragraph.text.casefold()
    for word in ("sơ kết", "tổng kết"):
        if word in label and word not in what.casefold():
            return f"{what} {word}"
    return what


def _receiver(clause: str) -> str | None:
    match = _RECEIVER.search(clause)
    if not match:
        return None
    text = clause[match.start("org") :]
    depth, end = 0, len(text)
    for i, char in enumerate(text):
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                end = i
                break
            depth -= 1
        elif depth == 0 and _RECEIVER_STOP.match(text, i):
            if char == "," and _NEXT_ORG.match(text, i):
                continue  # "UBND tỉnh, Hội đồng Thi đua - Khen thưởng tỉnh": both offices
            end = i
            break
    org = text[:end].strip(" ,.;")
    if org.count("(") > org.count(")"):
        org += ")"
    return org or None


def _receiver_nearby(ctx: Context, sentence: Sentence) -> str | None:
    """A parenthetical note names no office: the sentence before it may ("… với Hội đồng Thi
    đua - Khen thưởng tỉnh (qua Ban Thi đua - Khen thưởng)")."""
    previous = _previous(ctx, sentence)
    return _receiver(previous) if previous else None


def _previous(ctx: Context, sentence: Sentence) -> str | None:
    paragraph = sentence.paragraph
    sentences = paragraph.sentences
    index = sentences.index(sentence)
    if index > 0:
        return sentences[index - 1].text
    if paragraph.index > 0 and (paragraph.text.startswith("(") or paragraph.text[0].islower()):
        before = _paragraph_before(ctx, paragraph)
        return before.text if before else None
    return None


def _paragraph_before(ctx: Context, paragraph: Paragraph) -> Paragraph | None:
    earlier = [p for p in ctx.body if p.index < paragraph.index]
    return earlier[-1] if earlier else None


def _responsible(ctx: Context, sentence: Sentence, clause: str, left: int) -> tuple[list[str], str]:
    """Who must send: the clause's subject, the sentence's, the paragraph's first sentence,
    the paragraph before a parenthetical note."""
    for text, origin in (
        (_with_listed_before(sentence.text, clause, left), "sentence"),
        (addressees.subject(sentence.text), "sentence"),
        (addressees.subject(sentence.paragraph.sentences[0].text), "paragraph"),
    ):
        found = addressees.phrases(text) if text else []
        if found:
            return found, origin
    paragraph = sentence.paragraph
    if paragraph.text.startswith("(") or (
        len(paragraph.sentences) == 1 and len(paragraph.text) < 120
    ):
        before = _paragraph_before(ctx, paragraph)
        if before is not None:
            found = addressees.phrases(addressees.subject(before.sentences[0].text))
            if found:
                return found, "previous paragraph"
    return [], "none"


def _with_listed_before(text: str, clause: str, start: int) -> str:
    """The clause's subject, with the addressees listed before it between semicolons
    ("Thủ trưởng các sở, ban, ngành; Chủ tịch UBND các huyện … gửi …")."""
    who = addressees.subject(clause)
    while who and start > 0 and text[start - 1] == ";":
        segment_start = max(text.rfind(";", 0, start - 1) + 1, start - 1 - LOOK_BACK)
        segment = text[segment_start : start - 1]
        listed = addressees.subject(segment + " thực hiện")
        if not listed or not addressees.phrases(listed):
            break
        who = f"{listed}; {who}"
        start = segment_start
    return who


def _distinct(found: list[Deadline]) -> list[Deadline]:
    """A deadline the text repeats (same rule, day and thing due; or the same day and thing
    worded twice, "trước ngày 15/12" then "Hạn cuối nhận báo cáo: ngày 15/12") is one
    deadline."""
    seen: dict[tuple, Deadline] = {}
    for item in found:
        key: tuple = (tuple(sorted(map(str, item.due.items()))), item.what.casefold())
        if item.days and item.due["rule"] in {"before", "by"}:
            key = (tuple(item.days), item.what.casefold())
        seen.setdefault(key, item)
    return list(seen.values())
