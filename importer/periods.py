"""Date ranges and what they date: the campaign period ("Thời gian phát động: Từ ngày
01/01/2023 đến hết ngày 31/12/2023"), phases ("Đợt thi đua thứ nhất (từ tháng 01/2024 đến
30/6/2024)", "Giai đoạn 2: từ tháng 9/2021 đến tháng 11/2021"), reviews ("Thời gian sơ kết:
Từ ngày 15/6/2023 đến 30/6/2023", "tổng kết vào tháng 12/2024") and sending windows
("Thời gian nhận hồ sơ: từ ngày 01/11 đến ngày 15/11/2024", a deadline on its last day).

What a range dates is read from the words before it in its sentence, else from the heading
above its paragraph. A range that nothing names is noted, not guessed. Ranges of years
("giai đoạn 2021-2025") are not dates at all, and anniversaries ("03/02/1930 - 03/02/2024")
belong to commemorations.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta

from config.dates import last_day_of_month, vn_date
from importer.context import HELD, Context
from importer.dates import (
    AHEAD,
    QUARTERS,
    WEEKDAY,
    Range,
    When,
    cited,
    closure_until,
    first_hour,
    mentions,
    ranges,
    term_ranges,
    told_as_coming,
)
from importer.meetings import TOURNAMENT
from importer.model import Deadline, Event, Meeting, Note, Period, Phase, Review, Source
from importer.text import LOOK_BACK, Paragraph, Sentence, before, sentence_case, shorten
from translations import N_
from translations import gettext as _

_REVIEW = re.compile(r"\b(sơ\s+kết|tổng\s+kết)\b", re.I)
_PHASE = re.compile(
    # "đợt này", "đợt đó": a phase named earlier, not one dated here
    r"\b(?:đợt(?!\s+(?:này|đó|ấy|trên|nói\s+trên)\b)(?:\s+thi\s+đua)?(?:\s+(?:thứ\s+\w+|\d+|"
    r"[IVX]+|cao\s+điểm|đặc\s+biệt|chuyên\s+đề|ngắn\s+hạn|nước\s+rút))?|"
    r"giai\s+đoạn\s+(?:\d|[IVX]+\b|một|hai|ba|bốn|thứ)|"
    r"(?:(?:thời\s+gian|giai\s+đoạn|tháng|tuần)\s+)?cao\s+điểm)",
    re.I,
)
_PERIOD = re.compile(
    r"\b(?:thời\s+gian\s+(?:phát\s+động|thi\s+đua|thực\s+hiện|triển\s+khai|tổ\s+chức)"
    r"(?:\s+(?:phong\s+trào|thi\s+đua|kế\s+hoạch|chương\s+trình))*"
    r"|(?:phong\s+trào|chương\s+trình|kế\s+hoạch|cuộc\s+vận\s+động)[^.;:]{0,80}?"
    r"(?:được\s+)?(?:triển\s+khai|phát\s+động|thực\s+hiện|tổ\s+chức|diễn\s+ra)|"
    r"thời\s+gian\s*:|"
    # a heading that says only "I. THỜI GIAN": what follows dates the campaign
    r"^\s*(?:[IVX]+|\d+)?\s*[.)]?\s*thời\s+gian(?:\s+thực\s+hiện)?\s*:?\s*$)",
    re.I,
)
_WINDOW = re.compile(
    r"\b(?:(?:nhận|gửi|nộp|tiếp\s+nhận)\s+(?:hồ\s+sơ|báo\s+cáo|bài|tác\s+phẩm|đăng\s+ký)|"
    r"^\W*(?:\d+[.)]\s*)?đăng\s+ký\s+(?:dự\s+thi|tham\s+gia|tham\s+dự)\W*$|"
    r"thời\s+gian\s+đăng\s+ký|thời\s+hạn\s+(?:gửi|nộp))",
    re.I,
)
_OTHER = re.compile(
    r"\b(?:Lễ|Hội\s+nghị|Đại\s+hội|Hội\s+thi|Hội\s+diễn|Hội\s+thao|Hội\s+giảng|Hội\s+khỏe|"
    r"Hội\s+trại|Liên\s+hoan|Cuộc\s+thi|Giải|[Tt]riển\s+lãm|[Tt]uần\s+lễ)\b"
)
_MEETING_BEFORE = re.compile(
    r"\b(?:Hội\s+nghị|(?-i:Lễ)|Đại\s+hội|Buổi|Phiên|Cuộc\s+họp|Họp)\b[^.;,:]{0,60}$", re.I
)
# "(số liệu báo cáo tính từ ngày 15/12/2024 đến ngày 14/6/2025)": which data a report
# covers, not a time anyone acts in
_DATA_RANGE = re.compile(
    r"\b(?:số\s+liệu|kỳ\s+báo\s+cáo|thời\s+kỳ\s+báo\s+cáo|thời\s+điểm\s+chốt)"
    r"[^.;()]{0,30}?(?:tính\s+)?(?:từ\s+(?:ngày\s+)?)?$",
    re.I,
)
# "các thành viên trong hộ đã qua đời từ ngày 16.2.2036 - 31.3.2037", "trẻ em sinh từ ngày
# 01/01/2036 đến …": the days that say who is counted or served, not a time anyone acts in (a
# pupil, "học sinh", is no birth)
_PEOPLE_BY_DAYS = re.compile(
    r"(?<!học\s)(?<!thí\s)\b(?:đã\s+)?(?:qua\s+đời|chết|tử\s+vong|sinh(?:\s+ra)?)\s+"
    r"(?:trong\s+khoảng\s+(?:thời\s+gian\s+)?)?(?:từ\s+)?(?:ngày\s+)?$",
    re.I,
)


def _reference_span(lead: str) -> str | None:
    """The note for a range the words before it (``lead``) make a reference, not an event:
    the data a report covers, the births or deaths that say who is counted; else None."""
    if _DATA_RANGE.search(lead):
        return N_("“%(text)s” is the period a report's data covers (not an event)")
    if _PEOPLE_BY_DAYS.search(lead):
        return N_("“%(text)s” says whom it concerns, by their days (not an event)")
    return None


_TITLE_END = re.compile(r"\s*(?:[(:]|\btừ\b|\bbắt\s+đầu\b|\bdiễn\s+ra\b|,)", re.I)
_REVIEW_TRIGGER = re.compile(
    r"\b(?:sơ\s+kết|tổng\s+kết)\b[^.;()]{0,80}?(?:\b(?:vào|trong|dự\s+kiến|thời\s+gian)\s*:?|:)"
    # an hour before the day: "vào lúc 14 giờ 00, ngày 08/01" (a review only of a gathering it
    # names: `_reviews_a_gathering`)
    r"(?P<hour>(?:\s*lúc)?\s*\d{1,2}\s*(?:giờ|h|g)\s*(?:\d{2})?(?:\s*phút)?\s*,?)?"
    r"\s*(?:ngày\s+)?$",
    re.I,
)


# A range that opens on a day the text names without writing it: the document's own day
# ("từ ngày ký ban hành đến hết ngày 31/12/2025", "từ nay đến 30/6/2025") or New Year's Day
# ("Từ đầu năm đến 30/4/2025").
_NAMED_START = re.compile(
    r"\btừ\s+(?:(?P<issued>(?:ngày\s+|khi\s+)?(?:(?:Kế\s+hoạch|Chỉ\s+thị|Chương\s+trình|văn\s+bản|"
    r"Quyết\s+định)(?:\s+này)?\s+(?:được\s+)?)?(?:ký\s+ban\s+hành|ký|ban\s+hành)(?:\s+(?:Kế\s+hoạch|"
    r"Chỉ\s+thị|Chương\s+trình|văn\s+bản|Quyết\s+định))?(?:\s+này)?|nay|"
    # "từ ngày ra thông báo đến hết ngày 31/5": the notice's own day
    r"(?:ngày\s+)?(?:ra|có)\s+thông\s+báo(?:\s+này)?)|(?P<new_year>đầu\s+năm))"
    r"\s+(?:đến|tới)\s+(?:hết\s+)?(?:ngày\s+)?$",
    re.I,
)


def _named_starts(ctx: Context, text: str, found: list[When]) -> list[Range]:
    spans = []
    for when in found:
        match = _NAMED_START.search(before(text, when.start))
        if match is None or when.weak:
            continue
        year = when.year or ctx.year
        if match["issued"]:
            if ctx.issued is None:
                continue  # its last day is still a deadline: `_until_unknown_start`
            day = ctx.issued
        else:
            day = date(year, 1, 1)
        base = max(0, when.start - LOOK_BACK)
        start = When(
            base + match.start(), base + match.end(), match.group(), day.day, day.month, day.year
        )
        spans.append(Range(base + match.start(), when.end, start, when, opened=True))
    return spans


def _until_unknown_start(ctx: Context, sentence: Sentence, found: list[When]) -> list[Deadline]:
    """ "Thời gian đăng ký từ nay đến hết ngày 25-1-2012" in a text that does not date itself:
    the window's first day is unknown, its last is a deadline."""
    text = sentence.text
    deadlines = []
    for when in found:
        match = _NAMED_START.search(before(text, when.start))
        if match is None or not match["issued"] or ctx.issued is not None or not when.is_day:
            continue
        if when.weak or ctx.taken(sentence, when.start, when.end):
            continue
        day = when.first(when.year or ctx.year_of(when.month, when.day or 1))
        if not ctx.plausible(day):
            continue
        ctx.take(sentence, when.start, when.end)
        what = sentence_case(_clean_label(before(text, when.start)[: match.start()]))
        deadlines.append(
            Deadline(
                title=what,
                source=ctx.source(sentence),
                paragraph=sentence.paragraph.index,
                what=what,
                wording=" ".join(match.group().split()) + " " + when.text,
                due={"rule": "by", "date": vn_date(day)},
                sense="by",
                days=[day],
                review=[_("a window from a day the text does not date: its last day is kept")],
            )
        )
    return deadlines


def extract(ctx: Context) -> tuple[list[Event], list[Deadline]]:
    """Periods, phases, reviews; and the deadlines that sending windows make."""
    events: list[Event] = []
    windows: list[Deadline] = []
    for sentence in ctx.sentences():
        text = sentence.text
        found = mentions(text)
        for span in [*ranges(text, found), *_named_starts(ctx, text, found)]:
            if span.anniversary or ctx.taken(sentence, span.start, span.end):
                continue
            if cited(text, span.first.start):
                continue
            if (message := _reference_span(before(text, span.first.start))) is not None:
                ctx.take(sentence, span.start, span.end)
                ctx.note(_(message, text=text[span.start : span.end]), sentence)
                continue
            if _told_as_done(ctx, text, span):
                ctx.take(sentence, span.start, span.end)
                ctx.note(_(HELD, what=f"“{text[span.start : span.end]}”"), sentence)
                continue
            item = _days_off(ctx, sentence, span, found) or _classify(ctx, sentence, span)
            if isinstance(item, Deadline):
                windows.append(item)
            elif item is not None:
                events.append(item)
        events.extend(_single_days_off(ctx, sentence, found))
        events.extend(_make_up_days(ctx, sentence, found))
        windows.extend(_until_unknown_start(ctx, sentence, found))
        events.extend(_running_since_launch(ctx, sentence, found))
        events.extend(_kept_off_until(ctx, sentence, found))
        events.extend(_single_reviews(ctx, sentence))
        events.extend(_exam_days(ctx, sentence))
        events.extend(_named_months(ctx, sentence, found))
        events.extend(_half_year_rounds(ctx, sentence, found))
        events.extend(_hours_of_action(ctx, sentence, found))
        events.extend(_flag_days(ctx, sentence, found))
        events.extend(_started_at_midnight(ctx, sentence, found))
        events.extend(_single_day_rounds(ctx, sentence, found))
        events.extend(_term_spans(ctx, sentence))
        events.extend(_months_of_activities(ctx, sentence, found))
        events.extend(_quarters_of_propaganda(ctx, sentence))
    events.extend(ctx.spans)
    return _one_per_break(ctx, events), windows


# work that goes on to a day: "việc tổng vệ sinh sẽ kéo dài đến hết ngày 25/6", "Đợt ra quân
# tiếp tục đến ngày 30/7", "chiến dịch diễn ra đến hết ngày 15/8"
_RUNS_UNTIL = re.compile(
    r"(?P<what>[^.;:]*?)\s*\b(?:(?:sẽ|dự\s+kiến)\s+(?:\w+\s+){0,3}?|kéo\s+dài\s+|"
    r"tiếp\s+tục\s+|diễn\s+ra\s+)(?:đến|tới)\s+(?:hết\s+)?(?:ngày\s+)?$",
    re.I,
)
# the day work was launched: "Ngày 21/6/2036, các ấp đã đồng loạt ra quân …"
_LAUNCHED = re.compile(
    r"\b(?:ra\s+quân|phát\s+động|khởi\s+động|bắt\s+đầu|khởi\s+công|triển\s+khai)\b", re.I
)
# the verb before the day: "Chiến dịch ra quân ngày 05/7/2036", "phát động vào ngày …"
_LAUNCHED_ON = re.compile(rf"(?:{_LAUNCHED.pattern})\s+(?:vào\s+)?(?:ngày\s+)?$", re.I)
_LAUNCH_REACH = 92  # days: a drive launched and run to its end within a season


def _running_since_launch(ctx: Context, sentence: Sentence, found: list[When]) -> list[Phase]:
    """Work launched on a day and told to go on to another ("Ngày 21/6/2036 các ấp đã đồng
    loạt ra quân vệ sinh môi trường … Theo kế hoạch việc tổng vệ sinh sẽ kéo dài đến hết ngày
    25/6/2036"): a phase from the launch to that day, whether the launch is told as done or
    to come. Without a launch day in the sentence or the one before, nothing is made up."""
    text = sentence.text
    for when in found:
        if not when.is_day or ctx.taken(sentence, when.start, when.end) or cited(text, when.start):
            continue
        until = _RUNS_UNTIL.search(before(text, when.start))
        if until is None or re.search(r"\bđã\b", until.group(), re.I):
            continue
        end = when.first(when.year or ctx.year_of(when.month, when.day or 1))
        launch = _launch_before(ctx, sentence, when, end)
        if launch is None:
            continue
        start, launched_in, launch_when = launch
        ctx.take(sentence, when.start, when.end)
        ctx.take(launched_in, launch_when.start, launch_when.end)
        what = re.sub(
            r"^\W*(?:theo\s+kế\s+hoạch\s*,?\s*)?(?:thì\s+)?(?:việc\s+|công\s+tác\s+)?",
            "",
            until["what"],
            flags=re.I,
        )
        # "Chiến dịch ra quân ngày 05/7 và kéo dài đến …": the name before the launch's day
        what = re.split(rf"\s*(?:{_LAUNCHED.pattern})?\s*(?:từ\s+|vào\s+)?(?:ngày\s+)?\d", what)[0]
        title = sentence_case(" ".join(what.split()[:16]).strip(" ,")) or _launched_what(
            launched_in.text[launch_when.end :]
        )
        source = Source(shorten(f"{launched_in.text} {text}".strip(), 300), launched_in.line)
        return [_unnamed_phase(title, source, sentence, (start, end))]
    return []


# who is kept off and that it goes on: the words before the closure ("tiếp tục cho học sinh")
_KEPT_WHO = re.compile(r"(?:\b(?:tiếp\s+tục|cho)\b[^.;:,\d]{0,40})?$", re.I)


def _kept_off_until(ctx: Context, sentence: Sentence, found: list[When]) -> list[Phase]:
    """A closure told to last to a day ("… tiếp tục cho học sinh nghỉ học đến ngày 10/10/2036"):
    a phase from the day the same sentence names before it (the letter's day), else from the
    document's own day, to that day. A closure over before the document is dated is not one."""
    text = sentence.text
    for when in found:
        if not when.is_day or ctx.taken(sentence, when.start, when.end) or cited(text, when.start):
            continue
        kept = closure_until(text, when.start)
        if kept is None:
            continue
        end = when.first(when.year or ctx.year_of(when.month, when.day or 1))
        start = _closure_start(ctx, text, when, end)
        if start is None:
            continue
        ctx.take(sentence, when.start, when.end)
        head = text[: when.start - len(before(text, when.start)) + kept.start()]
        who = _KEPT_WHO.search(head)
        title = sentence_case(" ".join(f"{who.group() if who else ''} {kept['what']}".split()))
        return [_unnamed_phase(title, ctx.source(sentence), sentence, (start, end))]
    return []


def _unnamed_phase(
    title: str, source: Source, sentence: Sentence, days: tuple[date, date]
) -> Phase:
    """A phase the text dates without naming it one: its title to be checked."""
    return Phase(
        title=title,
        source=source,
        paragraph=sentence.paragraph.index,
        start=days[0],
        end=days[1],
        review=[_("a span the text does not name as a phase: check its title")],
    )


def _closure_start(ctx: Context, text: str, until: When, end: date) -> date | None:
    """The first day of a closure that runs to ``end``: the day after the one it is told on
    (the last day written before it in its sentence, else the document's day: a letter of the
    8th keeps pupils home from the 9th); within a season of ``end`` and not after it."""
    earlier = [w for w in mentions(text[: until.start]) if w.is_day and not cited(text, w.start)]
    if earlier:
        when = earlier[-1]
        told = when.first(when.year or ctx.year_of(when.month, when.day or 1))
    elif ctx.issued is not None:
        told = ctx.issued
    else:
        return None
    if ctx.issued is not None and ctx.issued > end:
        return None  # a report of a closure already over
    start = told + timedelta(days=1)
    return start if told < end and (end - start).days <= _LAUNCH_REACH else None


def _launched_what(after: str) -> str:
    """What a launch starts: the words after its verb ("… đồng loạt ra quân vệ sinh môi
    trường ở …": "Ra quân vệ sinh môi trường")."""
    verb = _LAUNCHED.search(after)
    words = re.split(r"[,.;:(]|\s+(?:ở|tại|trên)\b", after[verb.start() :] if verb else "")[0]
    return sentence_case(" ".join(words.split()[:12])) or "Thời gian thực hiện"


def _launch_before(
    ctx: Context, sentence: Sentence, until: When, end: date
) -> tuple[date, Sentence, When] | None:
    """The last day before ``until``, in its sentence or the one before, on which a launch
    verb follows ("Ngày 21/6/2036 … đồng loạt ra quân")."""
    earlier = [s for s in sentence.paragraph.sentences if s.start < sentence.start][-1:]
    for candidate in [sentence, *earlier]:
        limit = until.start if candidate is sentence else len(candidate.text)
        days = [w for w in mentions(candidate.text[:limit]) if w.is_day]
        for when in reversed(days):
            if cited(candidate.text, when.start):
                continue
            clause = re.split(r"[.;]", candidate.text[when.end : when.end + LOOK_BACK])[0]
            if not (
                _LAUNCHED.search(clause)
                or _LAUNCHED_ON.search(before(candidate.text, when.start, 60))
            ):
                continue
            day = when.first(when.year or ctx.year_of(when.month, when.day or 1))
            if day <= end and (end - day).days <= _LAUNCH_REACH:
                return day, candidate, when
            return None
    return None


_DONE = re.compile(r"\b(?:đã|được\s+tổ\s+chức|đã\s+diễn\s+ra)\b", re.I)


def _told_as_done(ctx: Context, text: str, span: Range) -> bool:
    """ "Sơ kết 6 tháng được tổ chức từ ngày 01/7/2024 đến ngày 15/7/2024" in a report of
    December: a range over before the document was issued, told as done, or over more than a
    month before it."""
    days = span.days(ctx.year_of(span.last.month, span.last.day or 1))
    if days is None:
        return False
    clause = _clause_around(text, span)
    if _told_as_coming(text, span):
        # "… đã tổ chức tập huấn cho Hội khỏe … sẽ diễn ra từ 25/7 đến 06/8": the nearest
        # word before the range tells its tense
        return ctx.issued is not None and (ctx.issued - days[1]).days > 31
    if (
        _DONE_PLAINLY.search(clause)
        and (ctx.issued is None or days[1] <= ctx.issued)
        and not _another_held(before(text, span.start))
    ):
        return True  # "từ ngày 10/5 đến 20/5/2035 tỉnh đã tổ chức thành công Hội khỏe"
    if ctx.issued is None:
        return False
    if (ctx.issued - days[1]).days > 31:
        return True  # over more than a month before the document: an account of the past
    if ctx.reported and days[1] < ctx.issued and not _PLANNED.search(text):
        return True  # a news page tells days over before its own as held (not a plan's phases)
    return days[1] < ctx.issued and bool(_DONE.search(before(text, span.start)))


_PLANNED = re.compile(r"\b(?:kế\s+hoạch|đợt|giai\s+đoạn|theo\s+đó)\b", re.I)
# said as done whatever the document's day: "đã tổ chức", "đã diễn ra", "đã hoàn thành"
_DONE_PLAINLY = re.compile(
    r"\bđã\s+(?:được\s+)?(?:tổ\s+chức|diễn\s+ra|tiến\s+hành|hoàn\s+thành|triển\s+khai\s+thành\s+công|"
    r"khen\s+thưởng)\b",
    re.I,
)


def _another_held(lead: str) -> bool:
    """Whether, after the last thing told done before a range, another gathering is named
    as the subject the range's days are held by."""
    done = list(_DONE_PLAINLY.finditer(lead))
    return bool(done) and _ANOTHER_HELD.search(lead, done[-1].end()) is not None


def _told_as_coming(text: str, span: Range) -> bool:
    """Whether the last word of tense before a range in its clause says it is to come ("sẽ",
    "dự kiến", "theo lịch"), after an earlier "đã" that told something else done."""
    return told_as_coming(text, span.start)


def _clause_around(text: str, span: Range) -> str:
    """The clause a range stands in: from the last ';' or sentence start to the next ';'."""
    left = max(
        text.rfind(";", max(0, span.start - LOOK_BACK), span.start) + 1, span.start - LOOK_BACK
    )
    right = text.find(";", span.end, span.end + LOOK_BACK)
    return text[max(0, left) : right if right != -1 else span.end + LOOK_BACK]


def _label(sentence: Sentence, span: Range) -> str:
    """The words that say what a range dates: before it in its clause."""
    written = before(sentence.text, span.start, 2 * LOOK_BACK)
    # an item of a list run into one sentence ("+ Thời gian nhận bài: từ … 15/5/2022. + Thời
    # gian bình chọn: từ …") starts its own label
    return re.split(r"[;]|\)\s*[,.]|\.\s+(?=[+•*]\s)", written)[-1]


# nothing before the range but how a news lead opens ("Trong 2 ngày", "Từ", "Ngày")
_OPENING = re.compile(
    r"\W*(?:(?:trong|suốt)\s+(?:(?:\d+|hai|ba)\s+|các\s+)ngày|(?:vào\s+)?các\s+ngày|từ|ngày|vào)?\s*",
    re.I,
)


def _named_after_a_lead(ctx: Context, sentence: Sentence, span: Range, start: date) -> str | None:
    """What a range dates: the words before it, or, when it opens the sentence ("Trong 2 ngày
    15 và 16/12/2036, Huyện đoàn tổ chức Hội trại …"), the gathering the words after it name;
    None for a news lead that reports it held."""
    label = _label(sentence, span)
    after = _clause_after(sentence.text, span)
    if not _OPENING.fullmatch(label) or not _GATHERING.search(after):
        return label
    if _a_lead_held(ctx, after, start, span.days(start.year)) and not _parts_to_come(
        sentence, span, after
    ):
        ctx.note(_("“%(text)s” is reported as held: not an event", text=after), sentence)
        ctx.take(sentence, span.start, span.end)
        return None
    held = _held_gathering(after)
    return after[held.start() :] if held else after  # past a venue named for a gathering


def _a_lead_held(
    ctx: Context, after: str, start: date, days: tuple[date, date] | None = None
) -> bool:
    """A news page's lead that opens with the days ("Trong 2 ngày 15 và 16/12, Huyện đoàn tổ
    chức …") reports what was held, unless told as coming or dated after the page. A round
    of weeks on a page with no date of its own ("Từ ngày 15.5 đến hết tháng 6, huyện tổ chức
    Liên hoan … cấp cơ sở") is news of what opens, not of what is over."""
    if ctx.dating_line and not ctx.reported:
        return False
    if re.search(rf"\b(?:{AHEAD}|theo\s+lịch)\b", after, re.I):
        return False
    if ctx.issued is None and days is not None and (days[1] - days[0]).days > _A_WEEK:
        return False
    return not (ctx.issued and start > ctx.issued)


_A_WEEK = 7


def _parts_to_come(sentence: Sentence, span: Range, after: str) -> bool:
    """Whether the lead's paragraph goes on to tell the same gathering, or its parts, as to
    come ("Từ ngày 5 đến ngày 6/8, … tổ chức Đại hội …. Đại hội trù bị sẽ diễn ra chiều ngày
    5/8, …"): a communiqué that announces it, not news of it held."""
    head = _held_gathering(after)
    if head is None:
        return False
    rest = sentence.paragraph.text[sentence.start + span.end :]  # the lead's clause on
    noun = r"\s+".join(map(re.escape, head.group().split()))
    return bool(re.search(rf"\b{noun}\s+(?:(?!{_ANOTHER})\w+\s+){{0,3}}?{_TO_COME}", rest, re.I))


def _held_gathering(clause: str) -> re.Match[str] | None:
    """The first gathering's kind a clause names that is not a building's name ("tại Trung tâm
    Hội nghị tỉnh, UBND tỉnh tổ chức Đại hội …": the congress)."""
    return next(
        (m for m in _GATHERING_NOUN.finditer(clause) if not _A_VENUE.search(clause[: m.start()])),
        None,
    )


# a building named for what is held in it: "Trung tâm Hội nghị tỉnh", "Cung Triển lãm"
_A_VENUE = re.compile(r"\b(?:Trung\s+tâm|Cung|Nhà)\s+$", re.I)
# another of its kind: "Hội thi lần sau", "Đại hội năm tới", "Hội nghị tiếp theo"
_ANOTHER = r"(?:lần|năm|kỳ|khóa|khoá|sau|tới|tiếp|mới)\b"
# "sẽ diễn ra", "sẽ được tổ chức", "dự kiến tổ chức", "sẽ khai mạc"
_TO_COME = r"\b(?:sẽ|dự\s+kiến)\s+(?:được\s+)?(?:diễn\s+ra|tổ\s+chức|tiến\s+hành|khai\s+mạc|họp)\b"

# a round held in every commune or school rather than at one place: "Liên hoan … cấp cơ sở",
# "Hội thi … ở các xã, thị trấn", "Hội diễn … trên địa bàn toàn huyện"
_ACROSS_PLACES = re.compile(
    r"\b(?:cấp\s+(?:cơ\s+sở|xã|phường|thôn|chi\s+hội|chi\s+đoàn)|"
    r"(?:ở|tại)\s+(?:các|từng)\s+(?:xã|phường|thôn|bản|ấp|khu\s+phố|tổ\s+dân\s+phố|trường|đơn\s+vị|"
    r"cơ\s+sở|khu\s+dân\s+cư)|"
    r"trên\s+địa\s+bàn\s+(?:toàn\s+)?(?:huyện|tỉnh|thành\s+phố|thị\s+xã|quận))\b",
    re.I,
)


def _round_across_places(
    ctx: Context, sentence: Sentence, context: str, days: tuple[date, date]
) -> Phase | None:
    """A festival's or contest's round of weeks held across many places ("Từ ngày 15.5 đến hết
    tháng 6, huyện tổ chức Liên hoan … cấp cơ sở"): a window of work, a phase; one held at a
    single place over so long stays no event."""
    start, end = days
    match = _OTHER.search(context)
    if match is None or (end - start).days <= _SHORT_GATHERING:
        return None
    if not _ACROSS_PLACES.search(context) or _HELD_AT.search(context):
        return None
    title = _gathering_title(context[match.start() :])
    return Phase(
        title=title,
        source=ctx.source(sentence),
        paragraph=sentence.paragraph.index,
        start=start,
        end=end,
    )


def _clause_after(text: str, span: Range) -> str:
    return re.split(r"[.;:]", text[span.end : span.end + LOOK_BACK])[0].strip(" ,")


def _heading(ctx: Context, paragraph: Paragraph) -> str:
    """The heading(s) just above a paragraph."""
    headings = [p.text for p in ctx.earlier(paragraph, 3) if p.is_heading]
    return headings[-1] if headings else ""


# a numbered stage of a contest or a drive: "Giai đoạn 1:", "giai đoạn II"
_STAGE = re.compile(r"\bgiai\s+đoạn\s+(?:\d+|[IVX]+)\b", re.I)
_BARE_TIME = re.compile(r"\W*(?:[-–•+]\s*)?Thời\s+gian\s*:?\s*(?:từ\s+)?(?:ngày\s+)?", re.I)
_OWN_KINDS = {"window", "review", "phase"}


# a contest's entries: "tác phẩm dự thi", "bài dự thi"
_ENTRIES = re.compile(r"\b(?:tác\s+phẩm|bài)\s+dự\s+thi\b", re.I)
# the receiving of entries extended: "gia hạn nhận bài dự thi", "lùi thời hạn nhận hồ sơ"
_EXTENDS = re.compile(
    r"\b(?:gia\s+hạn|lùi|kéo\s+dài)\s+(?:thời\s+(?:hạn|gian|điểm)\s+)?(?:tiếp\s+)?nhận\s+"
    r"(?:bài|hồ\s+sơ|tác\s+phẩm)\b",
    re.I,
)


def _extended_past(ctx: Context, end: date) -> bool:
    """Whether the text extends the receiving of entries to a day after ``end``: a window
    closing before it is the old one, replaced ("gia hạn nhận bài dự thi ngày 01/10/2022"
    after "thời gian nhận bài dự thi từ 01/12/2021 – 30/5/2022")."""
    for paragraph in ctx.body:
        for moved in _EXTENDS.finditer(paragraph.text):
            days = [w for w in mentions(paragraph.text[moved.end() :]) if w.is_day]
            if days and days[0].first(ctx.year_of(days[0].month, days[0].day or 1)) > end:
                return True
    return False


def _contexts(label: str, heading: str) -> tuple[str, str]:
    """Where to read what a range dates, in order: its label, then the heading above; the
    heading first under a bare "Thời gian:" when it names a window, a review or a phase ("2.
    Đăng ký dự thi" then "Thời gian: Từ ngày 01/6 đến ngày 30/6": not the campaign's period)."""
    if _BARE_TIME.fullmatch(label) and _kind(_without_asides(heading)) in _OWN_KINDS:
        return heading, label
    return label, heading


def _classify(ctx: Context, sentence: Sentence, span: Range) -> Event | Deadline | None:
    days = span.days(ctx.year_of(span.last.month, span.last.day or 1))
    if days is None:
        written = sentence.text[span.start : span.end]
        ctx.note(_("“%(text)s” runs backwards", text=written), sentence)
        return None
    start, end = days
    if not (ctx.plausible(start) and ctx.plausible(end)):
        return None
    label = _named_after_a_lead(ctx, sentence, span, start)
    if label is None:
        return None
    held_at = bool(_HELD_AT.search(label)) or (
        bool(re.search(r"\b(?:tổ\s+chức|diễn\s+ra)\b", label, re.I))
        and bool(_PLACE_AFTER.match(sentence.text[span.end :]))
    )
    gathering = (
        _tournament(ctx, sentence, label, (start, end), held_at=held_at)
        or _gathering(ctx, sentence, label, start, end, held_at=held_at)
        or _round(sentence, label, start, end)
        or _shown_at_a_venue(ctx, sentence, span, start, end)
        or _competing_days(ctx, sentence, label, span, (start, end))
        or _contest_held(ctx, sentence, label, start, end)
    )
    if gathering is not None:
        ctx.take(sentence, span.start, span.end)
        return gathering
    heading = _heading(ctx, sentence.paragraph)
    for context in _contexts(label, heading):
        kind = _kind(_without_asides(context))
        if kind is None:
            continue
        ctx.take(sentence, span.start, span.end)
        source = ctx.source(sentence)
        where = sentence.paragraph.index
        if kind == "review":
            review_kind = "so_ket" if _last_review_word(context) == "sơ kết" else "tong_ket"
            title = _review_title(context, review_kind)
            return Review(
                title=title,
                source=source,
                paragraph=where,
                start=start,
                end=end,
                review_kind=review_kind,  # type: ignore[arg-type]
            )
        if kind == "phase":
            return Phase(
                title=_phase_title(context), source=source, paragraph=where, start=start, end=end
            )
        if kind == "period":
            return _period(ctx, context, source, where, (start, end))
        if kind == "window":
            return _window(ctx, sentence, span, context, (start, end))
        if context is heading and len(_clean_label(label).split()) >= 2:
            break  # the range's own clause says what is done in it ("Thi dạy: từ …")
        # a meeting's or contest's range is no campaign event, unless a round across places
        return _round_across_places(ctx, sentence, context, days) if kind == "other" else None
    ctx.take(sentence, span.start, span.end)
    return _unnamed(ctx, sentence, span, label, (start, end))


def _window(
    ctx: Context, sentence: Sentence, span: Range, context: str, days: tuple[date, date]
) -> Event | Deadline | None:
    """A window for sending: a span and a deadline at its close, unless a contest's stage or
    its entries from a day (a phase alone) or the old window of one the text extends (no
    event)."""
    start, end = days
    where = sentence.paragraph.index
    if _extended_past(ctx, end):
        written = sentence.text[span.start : span.end]
        ctx.note(
            _("“%(text)s” is the window the text extends: not an event", text=written), sentence
        )
        return None
    if _STAGE.search(context) or (_ENTRIES.search(context) and span.first.is_day):
        # "Giai đoạn 1: + Thời gian nhận bài: từ ngày 01/4 đến ngày 15/5": a contest taken
        # in stages takes entries in each; a stage's close is no deadline, its window a phase.
        # So is a window for a contest's entries from a day: open to all comers, it binds no
        # addressee (from a month only, its close is all the text dates: the deadline)
        return _span(sentence, span, context, start, end, where)
    ctx.spans.append(_span(sentence, span, context, start, end, where))
    return Deadline(
        title=sentence_case(_clean_label(context)),
        source=ctx.source(sentence),
        paragraph=where,
        what=sentence_case(_clean_label(context)),
        wording=" ".join(sentence.text[span.start : span.end].split()),
        due={"rule": "by", "date": vn_date(end)},
        sense="by",
        days=[end],
        review=["a sending window: its last day is taken as the deadline"],
    )


def _unnamed(
    ctx: Context, sentence: Sentence, span: Range, label: str, days: tuple[date, date]
) -> Event | None:
    """A range nothing before it names: the period a count covers (no event), else a span
    titled from its own clause."""
    if held := _UNITS_HOLD.match(sentence.text, span.end):
        phase = _span(sentence, span, label, *days, sentence.paragraph.index)
        phase.title = sentence_case(" ".join(held.group().split()[1:17]))
        return phase
    if rite := _RITE_AFTER.match(sentence.text, span.end):
        return _rite(ctx, sentence, rite, days)
    if _COUNTED.match(sentence.text, span.end) or _TALLIED.match(sentence.text, span.end):
        written = sentence.text[span.start : span.end]
        ctx.note(_("“%(text)s” is the period a count covers", text=written), sentence)
        return None
    return _span(sentence, span, label, *days, sentence.paragraph.index)


# a rite or a show that delegations or a body attend on the days: "Ngày 1 - 2/9, các đoàn đại
# biểu sẽ viếng nghĩa trang …", "…, lãnh đạo tỉnh dâng hương tại …", "…, diễn ra lễ mít tinh …";
# not a round across units ("các xã tổ chức lễ …": `_UNITS_HOLD`, the phases they run)
_RITE_AFTER = re.compile(
    r"\s*,?\s*(?P<who>(?:(?:các|những)\s+)?(?:đoàn(?:\s+đại\s+biểu)?|lãnh\s+đạo|đại\s+biểu)"
    r"[^,.;]{0,40}?\s+)?(?:sẽ\s+|đã\s+)?(?P<what>(?:viếng|dâng\s+(?:hương|hoa)|đặt\s+vòng\s+hoa|"
    r"diễn\s+ra\s+(?:lễ|chương\s+trình\s+(?:văn\s+h(?:óa|oá)|nghệ\s+thuật|giao\s+lưu)|"
    r"liên\s+hoan|hội\s+diễn|kỳ\s+họp|đại\s+hội))\b[^.;]*)",
    re.I,
)


def _rite(
    ctx: Context, sentence: Sentence, rite: re.Match[str], days: tuple[date, date]
) -> Meeting | None:
    """A rite or show held on a few days, told after the range ("Ngày 1 - 2/9, các đoàn đại
    biểu sẽ viếng nghĩa trang liệt sĩ, dâng hương …"): one gathering over them, not a span of
    work. Over more than a short gathering's days it is a programme: no meeting."""
    if (days[1] - days[0]).days > _SHORT_GATHERING:
        return None
    what = f"{rite['who'] or ''}{rite['what']}"
    return Meeting(
        title=sentence_case(" ".join(what.split()[:16]).strip(" ,")),
        source=ctx.source(sentence),
        paragraph=sentence.paragraph.index,
        day=days[0],
        end=days[1],
    )


# what is put on at a place for days or weeks: an exhibition, a fair, a festival, a month of
# activities ("Các hoạt động tháng 4", "hoạt động triển lãm", "Ngày hội", "Tuần lễ")
_SHOWN = re.compile(
    # "các hoạt động" only when said what they show ("… tháng 4", "… văn hóa", "… triển lãm")
    r"\b(?:(?:các\s+|những\s+|chuỗi\s+)?hoạt\s+động\s+(?:\w+\s+){0,3}?(?:chủ\s+đề|văn\s+ho[áa]|"
    r"văn\s+nghệ|nghệ\s+thuật|triển\s+[lI]ãm|trưng\s+bày|trải\s+nghiệm|lễ\s+hội|kỷ\s+niệm|"
    r"mừng|chào\s+mừng|tháng\s+\d)|triển\s+[lI]ãm|trưng\s+bày|hội\s+chợ|hội\s+sách|"
    r"lễ\s+hội|ngày\s+hội|tuần\s+lễ|liên\s+hoan|festival|chương\s+trình\s+(?:nghệ\s+thuật|"
    r"văn\s+hóa|văn\s+hoá|giao\s+lưu))\b",
    re.I,
)
_HELD_VERB = r"(?:(?:sẽ|được|dự\s+kiến)\s+)*(?:diễn\s+ra|tổ\s+chức)"
# after the range: "…, tại Làng Văn hóa … sẽ diễn ra các hoạt động …" or "…, hoạt động triển
# lãm “…” được diễn ra tại tuyến đường Nguyễn Huệ, …"
_PLACE_THEN_WHAT = re.compile(
    rf"^\s*,?\s*tại\s+(?P<place>[^,;.]+?)\s+{_HELD_VERB}\s+(?P<what>[^;.]+)", re.I
)
# (or, after a colon, without the verb: "…: Trưng bày sách, báo tại Thư viện huyện")
_WHAT_THEN_PLACE = re.compile(
    rf"^\s*(?:,\s*(?P<what>[^,;.]+?)\s+{_HELD_VERB}|:\s*(?P<listed>[^;.]+?)(?:\s+{_HELD_VERB})?)"
    r"\s+tại\s+(?P<place>[^;.]+)",
    re.I,
)
# a venue that puts it on: "…, Thư viện tỉnh trưng bày hơn 500 tư liệu …"
_VENUE_SHOWS = re.compile(
    r"^\s*,?\s*(?P<place>(?:Bảo\s+tàng|Thư\s+viện|Nhà\s+(?:văn\s+ho[áa]|truyền\s+thống|"
    r"triển\s+lãm|thiếu\s+nhi)|Cung\s+văn\s+ho[áa]|Trung\s+tâm\s+(?:văn\s+ho[áa]|triển\s+lãm|"
    r"hội\s+chợ))[^,;.]{0,60}?)\s+(?:sẽ\s+)?(?P<what>(?:tổ\s+chức\s+)?(?:trưng\s+bày|triển\s+lãm)"
    r"[^;.]*)",
    re.I,
)
# a show named before the range opens or runs then: "Triển lãm … mở cửa từ ngày …"
_SHOW_RUNS = rf"(?:{_HELD_VERB}|mở\s+cửa|kéo\s+dài|khai\s+mạc)"
# many places, or a whole area: a window of work across them, not one gathering
_NOT_ONE_PLACE = re.compile(
    r"^(?:các|những|mỗi|từng|toàn|nhiều|địa\s+bàn|cơ\s+sở|đơn\s+vị|địa\s+phương|"
    r"(?:tỉnh|huyện|thành\s+phố|thị\s+xã|quận|xã|phường|thị\s+trấn)\s+\w+\s*$)"
    # "Nhà văn hóa các thôn", "trụ sở các xã": one kind of place in each of many
    r"|\b(?:các|những|mỗi|từng)\s+(?:thôn|xóm|ấp|bản|làng|khu\s+phố|tổ\s+dân\s+phố|xã|phường|"
    r"thị\s+trấn|huyện|quận|trường|đơn\s+vị|cơ\s+quan|địa\s+phương|điểm|cơ\s+sở)\b",
    re.I,
)
_SHOWN_DAYS = 92  # an exhibition or a month of activities at its place runs for weeks


def _shown_at_a_venue(
    ctx: Context, sentence: Sentence, span: Range, start: date, end: date
) -> Meeting | None:
    """A show put on at one place for days or weeks, named before the range or after it
    ("Triển lãm “…” diễn ra từ ngày 10/8 đến ngày 20/9/2036 tại Bảo tàng tỉnh"; "Từ ngày 1/4 -
    3/5/2036, tại Bảo tàng tỉnh sẽ diễn ra các hoạt động …"; "Dự kiến từ ngày 15/8 đến ngày
    15/9/2036, triển lãm “…” được tổ chức tại Nhà Văn hóa Thanh niên"): a gathering over
    those days, not a span of work. Asides are read past ("(Đồng Mô, Sơn Tây)"); a range a
    phase, review, window or period names is theirs."""
    before_it = _without_asides(_label(sentence, span))
    if (end - start).days > _SHOWN_DAYS or _kind(before_it) not in {None, "other"}:
        return None
    text = sentence.text
    after = _without_asides(text[span.end : span.end + LOOK_BACK])
    match = _PLACE_THEN_WHAT.match(after) or _WHAT_THEN_PLACE.match(after)
    if match := match or _VENUE_SHOWS.match(after):
        said = "what" if match["what"] else "listed"
        what = text[span.end + match.start(said) : span.end + match.end(said)]
        place = text[span.end + match.start("place") : span.end + match.end("place")]
        if not _SHOWN.match(what.strip(' “”"')):
            return None
    else:
        named = list(_SHOWN.finditer(before_it))
        where = re.match(r"\s*,?\s*tại\s+(?P<place>[^,;.]+)", after, re.I)
        if not named or where is None or not re.search(_SHOW_RUNS, before_it, re.I):
            return None
        what = _label(sentence, span)[named[-1].start() :]
        what = re.split(rf"\s+{_SHOW_RUNS}\b", what, flags=re.I)[0]
        place = text[span.end + where.start("place") : span.end + where.end("place")]
    if _NOT_ONE_PLACE.search(place.strip()):
        return None
    what = re.split(r"\s*[,;]\s*|\s+(?:nhằm|để|qua\s+đó|hưởng\s+ứng)\b", what.strip())[0]
    return Meeting(
        title=sentence_case(" ".join(what.split()[:20]).strip(" ,.:;-")),
        source=ctx.source(sentence),
        paragraph=sentence.paragraph.index,
        day=start,
        end=end,
        location=" ".join(place.split()).strip(" ,."),
    )


# what follows a range is a count of results, not work to do: "Từ ngày 01/01 đến ngày 15/3/2036,
# toàn tỉnh có 35 tập thể được khen thưởng", "…, đã có 120 lượt …"
_COUNTED = re.compile(
    r"\s*,?\s*(?:(?:toàn|cả)\s+(?:tỉnh|huyện|xã|ngành|thành\s+phố|quận)\s*,?\s*)?"
    r"(?:đã\s+)?(?:có|đạt|thu\s+hút|tiếp\s+nhận\s+được)\s+(?:gần\s+|hơn\s+|trên\s+)?\d",
    re.I,
)

# figures over the days, then their breakdown: "Từ ngày 1/1 đến ngày 30/6, Sở giao 240 nhiệm vụ
# cho các phòng; trong đó 31 nhiệm vụ quá hạn", "từ đầu năm đến 15/8, huyện tiếp nhận 1.250 hồ
# sơ, trong số đó có 12 hồ sơ trễ hạn": what was assigned or done then, a look back, no event
_TALLIED = re.compile(
    r"\s*,?[^.;]{0,60}?\s\d[\d.,]*\s+[^\W\d]+[^.]{0,160}?\btrong\s+(?:đó|số\s+đó)\b[^.]{0,40}?\d",
    re.I,
)

# "trong hai ngày 26 và 27/9 có 4 đơn vị … tổ chức đại hội": units that each hold a gathering in
# the days, a round across places, not a count over them
_UNITS_HOLD = re.compile(
    r"\s*,?\s*có\s+\d+\s+(?:đơn\s+vị|xã|phường|huyện|trường|cơ\s+sở|chi\s+hội|hội)\b[^.;]{0,80}?"
    r"\btổ\s+chức\s+(?:đại\s+hội|hội\s+nghị|lễ|hội\s+thi|hội\s+diễn)\b",
    re.I,
)


def _span(sentence: Sentence, span: Range, label: str, start: date, end: date, where: int) -> Phase:
    """A window the text does not name as a phase ("từ ngày 5/8 đến ngày 12/8/2023 các
    đơn vị tự kiểm tra"): a span titled from its own clause."""
    return Phase(
        title=_clause_title(sentence.text, span, label),
        source=Source(shorten(sentence.text, 300), sentence.line),
        paragraph=where,
        start=start,
        end=end,
        review=[_("a span the text does not name as a phase: check its title")],
    )


def _clause_title(text: str, span: Range, label: str) -> str:
    """The words around a range that say what happens in it: the label before it, else the
    clause after it."""
    before = _clean_label(label)
    if len(before.split()) >= 2 and before != "Thời gian":
        return sentence_case(before)[:160]
    # "Từ ngày 10/3 đến 25/3/2036: tổ chức các hoạt động tình nguyện": the clause after a colon
    after = re.split(r"[.;:(]", text[span.end :].lstrip(" :"))[0]
    after = re.sub(r"^\s*[,)\-–]*\s*(?:hằng\s+năm|hàng\s+năm)?\s*,?\s*", "", after, flags=re.I)
    words = after.split()[:16]
    return sentence_case(" ".join(words).strip(" ,")) or "Thời gian thực hiện"


_GATHERING_KIND = (
    # (a council's session over days: "Kỳ họp thứ 7 HĐND thành phố … diễn ra từ 9 đến 12-7";
    # not the time "giữa hai kỳ họp", nor "các kỳ họp" counted)
    r"\b(?:Hội\s+nghị|Đại\s+hội|(?<!giữa\shai\s)(?<!các\s)(?<!những\s)(?:Kỳ|Phiên)\s+họp|"
    # a sitting of a council named for its business: "Phiên giải trình, chất vấn … sáng ngày 5
    # và 6/12"
    r"Phiên\s+(?:giải\s+trình|chất\s+vấn|toàn\s+thể|khai\s+mạc|bế\s+mạc|trọng\s+thể)|"
    r"(?-i:Lễ)|Hội\s+thi|Hội\s+diễn|Hội\s+thao|Hội\s+thảo|Liên\s+hoan|"
    r"Tọa\s+đàm|Toạ\s+đàm|Hội\s+trại|Ngày\s+hội|Triển\s+lãm|Tuần\s+lễ|Hội\s+kh[oỏ]e|"
    r"Hội\s+khoẻ|Vòng\s+(?:sơ\s+khảo|loại|bán\s+kết|chung\s+kết|chung\s+khảo)|Chung\s+kết|"
    r"Giải\s+(?:chạy|việt\s+dã|bóng\s+(?:đá|chuyền|rổ|bàn)|cầu\s+lông|bơi|điền\s+kinh|thể\s+thao))"
)
_GATHERING = re.compile(_GATHERING_KIND + r"\b[^.;]*$", re.I)
# the kind alone, where it stands in a clause
_GATHERING_NOUN = re.compile(_GATHERING_KIND + r"\b", re.I)
# after what was done, another gathering, the subject of its own days: "… đã tổ chức thành công
# Đại hội cấp tỉnh và Đại hội đại biểu toàn quốc … được tổ chức trong 02 ngày 21-22/12"
_ANOTHER_HELD = re.compile(
    r"\bvà\s+" + _GATHERING_KIND + r"\b[^;]*?\b(?:sẽ\s+|dự\s+kiến\s+)?"
    r"(?:được\s+tổ\s+chức|diễn\s+ra)\b",
    re.I,
)
# held at one place: "Khu vực II tổ chức tại tỉnh Nam Định từ ngày 20-29/4/2016", "… diễn ra
# từ ngày 28/8 - 05/9/2025 tại Trung tâm Triển lãm Quốc gia"
# (not "tại các ấp", "tại từng xã": many places)
_HELD_AT = re.compile(
    r"\b(?:tổ\s+chức|diễn\s+ra)\b[^.;]{0,60}?\btại\b(?!\s+(?:các|từng|mỗi)\s)", re.I
)
# "Thời gian diễn ra hội diễn trong 2 ngày 25 và 26/10": what takes place over two to five
# days the text counts is one gathering (work is done "trong" days, it does not "diễn ra"
# over them); the count may be glued to the word before it in a scraped copy
_HELD_OVER_DAYS = re.compile(
    r"\bdiễn\s+ra\b[^.;]{0,40}?trong\s+(?:0?[2-5]|hai|ba|bốn|năm)\s+ngày\s*$", re.I
)
_PLACE_AFTER = re.compile(r"^\s*,?\s*tại\b", re.I)
# a congress or a conference the clause opens with, its days next ("Đại hội XIII của Đảng sẽ
# diễn ra từ ngày 25/1 - 2/2/2021", "Hội nghị các quan chức cao cấp APEC lần thứ hai và các
# cuộc họp liên quan từ ngày 9-21/5"): one body's sittings, held at its seat, may run two weeks
# (a unit's own, listed after a colon, "Hội nghị cán bộ: từ …", is a window of a plan)
_CONGRESS_OVER = re.compile(
    r"^\W*(?:Đại\s+hội|Hội\s+nghị|Kỳ\s+họp)\b[^.;:,]*?"
    r"(?:\s(?:sẽ|dự\s+kiến)(?:\s+chính\s+thức)?(?:\s+được)?\s+(?:diễn\s+ra|họp|khai\s+mạc))?\s*$",
    re.I,
)
_SHORT_GATHERING = 7  # days: a gathering named in the clause
_HELD_GATHERING = 14  # days: one held at a named place (sports games, an exhibition)
_CEREMONY_DAYS = 5  # days: a ceremony ("Lễ …") over more is a programme of activities


def _gathering(
    ctx: Context, sentence: Sentence, label: str, start: date, end: date, *, held_at: bool
) -> Meeting | Phase | None:
    """ "Đại hội … dự kiến diễn ra trong hai ngày 9 - 10/12/2020", "Hội nghị tổng kết … tổ
    chức vào ngày 03-04/01/2018": a gathering over a few days is a meeting from its first
    day to its last (a review's conference too, not the review). One held at a named place
    ("được tổ chức tại tỉnh Phú Thọ, thời gian từ ngày 22-29/4/2016") may last two weeks, and
    its clause need not name it."""
    # a gathering named inside a closed aside ("Thi dạy (theo thời khóa biểu của Hội thi):
    # từ …") is not what the range dates
    label = _without_asides(label)
    match = _GATHERING.search(label)
    longest = _HELD_GATHERING if held_at or _CONGRESS_OVER.match(label) else _SHORT_GATHERING
    if (end - start).days > longest:
        return None
    if match is None:
        held_at = held_at or bool(_HELD_OVER_DAYS.search(label))
        if not held_at or re.search(r"\bđợt\b|\bthời\s+gian\s+(?:nhận|gửi|nộp)", label, re.I):
            return None
        title = _clean_label(label.split(",")[0]) if label.strip() else "Thời gian tổ chức"
        return _meeting_over(ctx, sentence, title, (start, end))
    if re.search(r"\bđợt\b", label[match.start() :], re.I):
        return None
    title, source = _listed_title(label, match.start()), ctx.source(sentence)
    where = sentence.paragraph.index
    if _ACROSS_PLACES.search(label[match.start() :]):
        # "tổ chức Ngày hội … ở khu dân cư, … tại các ấp từ ngày 10 đến 15/11": one in each
        # place, a window across them
        title = re.split(r"\s+(?:nhằm|để|với)\b", title)[0]
        return Phase(title=title, source=source, paragraph=where, start=start, end=end)
    if not held_at and _A_WEEK_OF_ACTIVITIES.match(match.group()):
        # "Tuần lễ hưởng ứng học tập suốt đời … được tổ chức từ ngày 2-8/10": a week of
        # activities that bodies everywhere put on is a window, not one gathering
        return Phase(title=title, source=source, paragraph=where, start=start, end=end)
    if not held_at and re.match(r"Lễ\s+hội\b", match.group()):
        # "Lễ hội diễn ra trong 04 ngày, từ ngày 05/01 đến ngày 08/01": a festival at no one
        # place is days of activities (its opening and closing are the gatherings); one held at
        # its place ("… tại Khu di tích Đền") stays a gathering
        return Phase(title=title, source=source, paragraph=where, start=start, end=end)
    if not held_at and match.group().startswith("Lễ") and (end - start).days >= _CEREMONY_DAYS:
        # "Lễ kỷ niệm … dự kiến tổ chức từ ngày 7 đến ngày 14/3, với nhiều hoạt động": a
        # ceremony over a week, at no one place, is the celebration's programme (a festival
        # held at its place stays a gathering)
        return Phase(title=title, source=source, paragraph=where, start=start, end=end)
    return Meeting(title=title, source=source, paragraph=where, day=start, end=end)


_TOURNAMENT = re.compile(r"\b" + TOURNAMENT + r"\b", re.I)
# the bare word for the tournament a document is titled by: "Thời gian tổ chức giải: …",
# "giải đấu diễn ra từ …"
_THE_TOURNAMENT = re.compile(r"\bgiải(?:\s+đấu)?\s+(?:dự\s+kiến|sẽ|được|diễn\s+ra|từ)\b", re.I)
# where it is played, said in the clause or in a line of its own ("Địa điểm: Sân vận động …",
# "trên sân vận động …", "Tại Hải Dương, …")
_GROUND = re.compile(
    r"\b(?:địa\s+điểm\s*:|(?:tại|ở|trên)\s+(?:sân|nhà\s+thi\s+đấu|trung\s+tâm|cung|"
    r"nhà\s+văn\s+hóa|(?-i:[A-ZĐ])))",
    re.I,
)
_TOURNAMENT_DAYS = 62  # days: a league played out over the weeks of a summer


def _tournament(
    ctx: Context, sentence: Sentence, label: str, days: tuple[date, date], *, held_at: bool
) -> Meeting | Phase | None:
    """A sports tournament played over weeks ("Giải bóng đá … tổ chức tại Sân vận động huyện
    từ ngày 07/7 đến ngày 11/8"): at one ground, one gathering from its first match to its
    last, a meeting; with no ground said, its matches are a window, a phase. A few days are
    left to the gathering rules."""
    start, end = days
    if not _SHORT_GATHERING < (end - start).days <= _TOURNAMENT_DAYS:
        return None
    named = _TOURNAMENT.search(label)
    if named is not None:
        title = _gathering_title(label[named.start() :])
    elif _THE_TOURNAMENT.search(label) and (titled := _TOURNAMENT.search(ctx.title or "")):
        title = _gathering_title((ctx.title or "")[titled.start() :])
    else:
        return None
    source, where = ctx.source(sentence), sentence.paragraph.index
    if held_at or _ground_said(ctx, sentence):
        return Meeting(title=title, source=source, paragraph=where, day=start, end=end)
    return Phase(title=title, source=source, paragraph=where, start=start, end=end)


def _ground_said(ctx: Context, sentence: Sentence) -> bool:
    """Whether the sentence, or one of the next two paragraphs, says where a game is played."""
    later = [p.text for p in ctx.body if p.index > sentence.paragraph.index][:2]
    return any(_GROUND.search(text) for text in [sentence.text, *later])


# the days a games' events are played: "các môn thể thao bắt đầu thi đấu từ ngày 28-7 và …
# kéo dài tới ngày 6-8"
_COMPETING = re.compile(r"\b(?:thi\s+đấu|tranh\s+tài)\s*(?:từ\s+)?(?:ngày\s+)?$", re.I)
# the same said after the days, by who plays: "Trong thời gian 3 ngày (từ 17-19.12), các vận
# động viên thi đấu ở 5 nội dung", "…, các đội tranh tài …"
_COMPETING_AFTER = re.compile(
    r"^\W*(?:(?:các|những|\d+)\s+)?(?:vận\s+động\s+viên|VĐV|đội(?:\s+bóng)?|đấu\s+thủ|"
    r"cầu\s+thủ|kỳ\s+thủ|xạ\s+thủ)\s+(?:sẽ\s+)?(?:thi\s+đấu|tranh\s+tài)\b",
    re.I,
)
# the pools' or the qualifying round's matches: "chia bảng thi đấu", "thi đấu vòng bảng",
# "vòng loại"
_GROUP_STAGE = re.compile(r"\b(?:chia\s+bảng|vòng\s+bảng|vòng\s+(?:sơ\s+)?loại)\b", re.I)
_GATHERING_NAME = re.compile(_GATHERING.pattern.removesuffix(r"[^.;]*$"), re.I)


def _competing_days(
    ctx: Context, sentence: Sentence, label: str, span: Range, days: tuple[date, date]
) -> Meeting | Phase | None:
    """The days the events of a games or tournament named just before are played (said
    before the days, or after them by who plays): the gathering over them, as its opening and
    closing days are (held at its place; one played across communes or schools stays a window
    of work)."""
    competing = _COMPETING.search(label) or _COMPETING_AFTER.search(sentence.text[span.end :])
    start, end = days
    if not competing or (end - start).days > _HELD_GATHERING:
        return None
    if _ACROSS_PLACES.search(sentence.text) or re.search(r"\bđợt\b", label, re.I):
        return None
    earlier = [p.text for p in ctx.earlier(sentence.paragraph, 3)]
    # named before the days or beside them, a ceremony ("Lễ bế mạc …") aside; the first named
    # is the one the text is about (later ones go on with what it has: "Hội khỏe có 217 …")
    texts = [*earlier, sentence.paragraph.text[: sentence.start + len(sentence.text)]]
    named = [
        (t, m) for t in texts for m in _GATHERING_NAME.finditer(t) if not m.group().startswith("Lễ")
    ]
    if not named:
        return None
    text, name = named[0]
    title = sentence_case(f"Thi đấu {_gathering_title(text[name.start() :])}")
    source, where = ctx.source(sentence), sentence.paragraph.index
    if _GROUP_STAGE.search(label) and not _ground_said(ctx, sentence):
        # "Các đội chia bảng thi đấu từ ngày 21-29/10", no ground said: the pools' matches,
        # played wherever each is drawn, are a window of the games, not the gathering
        return Phase(title=title, source=source, paragraph=where, start=start, end=end)
    return Meeting(title=title, source=source, paragraph=where, day=start, end=end)


# a contest said to be held over the days that follow: "Ban tổ chức Cuộc thi … thống nhất tổ
# chức cuộc thi từ ngày …", "Cuộc thi … sẽ diễn ra từ ngày …" (its rounds are `_round`'s)
_CONTEST_HELD = re.compile(
    r"\bCuộc\s+thi\b[^.;]*?\b(?:tổ\s+chức|diễn\s+ra)(?:\s+(?:cuộc\s+thi|chung\s+cuộc))?"
    r"\s*(?:trong\s+\S+\s+ngày\s*,?\s*)?$",
    re.I,
)
_CONTEST_DAYS = 3  # days: held over more, a contest is a window to enter or to mark


def _contest_held(
    ctx: Context, sentence: Sentence, label: str, start: date, end: date
) -> Meeting | None:
    """A contest held over a few days (its performers on stage, its candidates sitting) is
    a gathering over them; over weeks it is a window, read elsewhere."""
    match = _CONTEST_HELD.search(_without_asides(label))
    if match is None or (end - start).days >= _CONTEST_DAYS:
        return None
    name = re.split(r"\s+(?:chào\s+mừng|nhằm|để|với|đã|sẽ|dự\s+kiến|được)\b", match.group())[0]
    return _meeting_over(ctx, sentence, name, (start, end))


def _meeting_over(ctx: Context, sentence: Sentence, title: str, days: tuple[date, date]) -> Meeting:
    """A gathering over ``days``, named by what the label holds of ``title``."""
    return Meeting(
        title=sentence_case(_gathering_title(title) or title),
        source=ctx.source(sentence),
        paragraph=sentence.paragraph.index,
        day=days[0],
        end=days[1],
    )


def _listed_title(label: str, at: int) -> str:
    """The gathering's name from ``at``; or, when a colon follows it, the first thing listed
    after the colon ("Các hoạt động trong Lễ kỷ niệm … gồm có: Hội Báo toàn quốc, triển lãm …
    diễn ra từ ngày …" dates the press fair, not the ceremony)."""
    colon = label.rfind(":")
    if colon > at:
        listed = _gathering_title(label[colon + 1 :])
        if len(listed.split()) >= 2:
            return listed
    return _gathering_title(label[at:])


_A_WEEK_OF_ACTIVITIES = re.compile(r"Tuần\s+lễ\b", re.I)


# a round of a gathering held level by level: "Đại hội TDTT cấp Tỉnh", "Hội thi … cấp huyện",
# "Hội khỏe Phù Đổng vòng huyện", "… cấp trường"
_ROUND = re.compile(
    r"\b(?:cấp|vòng)\s+(?P<level>toàn\s+quốc|quốc\s+gia|trung\s+ương|tỉnh|thành\s+phố|huyện|"
    r"quận|thị\s+xã|xã|phường|thị\s+trấn|cơ\s+sở|trường)\b",
    re.I,
)
_RANKS = (
    ("toàn quốc", "quốc gia", "trung ương"),
    ("tỉnh", "thành phố"),
    ("huyện", "quận", "thị xã"),
    ("xã", "phường", "thị trấn", "cơ sở"),
    ("trường",),
)
_DISTRICT = 2
_ROUND_DAYS = 62  # the top round of a congress, one gathering over its weeks


def _rank(level: str) -> int:
    level = " ".join(level.casefold().split())
    return next(i for i, names in enumerate(_RANKS) if level in names)


def _round(sentence: Sentence, label: str, start: date, end: date) -> Meeting | Phase | None:
    """A round of a gathering held level by level ("Đại hội TDTT cấp Tỉnh: Tổ chức từ ngày
    19/5 đến ngày 28/6/2022; Đại hội TDTT cấp Huyện: Tổ chức từ ngày 01/4 đến ngày 30/4/2022"):
    a district's or a commune's round is held in many places at once, a phase over its days;
    the top round, named beside lower ones, is the one gathering over its weeks, a meeting. A
    top round named alone is left to the other rules."""
    label = _without_asides(label)
    match = _GATHERING.search(label)
    level = _ROUND.search(label, match.start()) if match else None
    if match is None or level is None:
        return None
    rank = _rank(level["level"])
    named = {_rank(m["level"]) for m in _ROUND.finditer(sentence.paragraph.text)}
    title = _gathering_title(label[match.start() :])
    source = Source(shorten(sentence.text, 300), sentence.line)
    where = sentence.paragraph.index
    if rank > min(named) or rank >= _DISTRICT:
        return Phase(title=title, source=source, paragraph=where, start=start, end=end)
    if len(named) > 1 and (end - start).days <= _ROUND_DAYS:
        return Meeting(title=title, source=source, paragraph=where, day=start, end=end)
    return None


_TIME_OF_IT = re.compile(r"\W*(?:[-–•+]\s*)?Thời\s+gian(?:\s+tổ\s+chức)?\s*:", re.I)


def _period(
    ctx: Context, label: str, source: Source, where: int, days: tuple[date, date]
) -> Period | Meeting:
    """The campaign's period, or the days of the gathering the document is titled by."""
    start, end = days
    at = first_hour(label)
    held = _titled_gathering(ctx, label, start, end)
    if held is None and at is not None and (end - start).days <= _SHORT_GATHERING:
        # "Thời gian: 07h00 – 11h00 ngày 08/12/2014 và ngày 09/12/2014": a campaign's period
        # has no hours; the days are those of the gathering the document plans
        held = _gathering_title(ctx.title or "") or "Thời gian tổ chức"
    if held is not None:
        return Meeting(
            title=held, source=source, paragraph=where, day=start, end=end, start_time=at
        )
    title = "Thời gian phát động thi đua"
    return Period(title=title, source=source, paragraph=where, start=start, end=end)


def _titled_gathering(ctx: Context, label: str, start: date, end: date) -> str | None:
    """The gathering a document is titled by ("KẾ HOẠCH Tổ chức Hội thi … năm 2036"), when a
    bare "Thời gian:" gives it a few days ("02 ngày, từ ngày 15/10 đến ngày 16/10"): those
    days are the gathering's, not a campaign's period."""
    if (end - start).days > _SHORT_GATHERING or not _TIME_OF_IT.match(label):
        return None
    match = _GATHERING.search(ctx.title or "")
    return _gathering_title(match.group()) if match else None


def _without_asides(text: str) -> str:
    """The text with each closed aside blanked ("Thi dạy (theo thời khóa biểu của Hội thi):
    từ …": the contest named inside is not what the range dates), offsets kept."""
    return re.sub(r"\([^()]*\)", lambda m: " " * len(m.group()), text)


def _gathering_title(text: str) -> str:
    text = re.split(
        r"\s+(?:dự\s+kiến|sẽ|được|diễn\s+ra|tổ\s+chức|vào|trong|từ|tại|bắt\s+đầu)\b|[,(:]",
        text,
        flags=re.I,
    )[0]
    return sentence_case(" ".join(text.split()[:16]).strip(" ,.:;-"))


def _kind(context: str) -> str | None:
    """What a label names; the word nearest the range wins a tie between kinds."""
    if not context.strip():
        return None
    candidates = []
    for kind, pattern in (
        ("review", _REVIEW),
        ("window", _WINDOW),
        ("phase", _PHASE),
        ("other", _OTHER),
        ("period", _PERIOD),
    ):
        matches = list(pattern.finditer(context))
        if matches:
            candidates.append((kind, matches[-1].end()))
    if not candidates:
        return None
    kinds = {k for k, _ in candidates}
    if "review" in kinds:
        return "review"  # "Sơ kết đợt 1: từ …" is a review
    if "window" in kinds:
        return "window"
    return max(candidates, key=lambda c: c[1])[0]


def _last_review_word(context: str) -> str:
    return " ".join(list(_REVIEW.finditer(context))[-1].group().casefold().split())


def _clean_label(context: str) -> str:
    text = re.sub(r"^\s*(?:[-–•+]|\(?\d+(?:\.\d+)*[.)]|[a-zđ]\)|[IVX]+\.)\s*", "", context)
    # "Sở thẩm định hồ sơ: vào ngày" (a table's row read as a sentence): the words before
    text = re.split(
        r"\s*[(:]\s*(?:vào\s+)?(?:ngày)?\s*$|\s+(?:từ|kể\s+từ|vào)\s*"
        # "Hồ sơ nộp trực tiếp từ 8 giờ ngày": the hour goes with the day
        r"(?:(?:lúc\s+)?\d{1,2}\s*(?:giờ|h|g)\s*\d{0,2}\s*(?:phút)?\s*,?\s*)?(?:ngày)?\s*$",
        text.strip(),
        flags=re.I,
    )[0]
    return " ".join(text.split()).strip(" ,.:;-") or "Thời gian"


def _phase_title(context: str) -> str:
    match = list(_PHASE.finditer(context))[-1]
    rest = context[match.start() :]
    end = _TITLE_END.search(rest, len(match.group()))
    title = rest[: end.start()] if end else rest
    return sentence_case(" ".join(title.split()).strip(" ,.:;-*"))


def _review_title(context: str, review_kind: str) -> str:
    label = _clean_label(context)
    label = re.sub(r"^Thời\s+gian\s+(?:tổ\s+chức\s+)?", "", label, flags=re.I)
    label = re.sub(
        r"(?:\s+(?:vào|trong|dự\s+kiến|thời\s+gian|tổ\s+chức|được))+\s*:?\s*$",
        "",
        label,
        flags=re.I,
    )
    label = label.rstrip(" :")  # "Tổng kết phong trào thi đua: trong tháng 12/2036"
    if len(label.split()) < 3:
        label = (
            "Sơ kết phong trào thi đua"
            if review_kind == "so_ket"
            else "Tổng kết phong trào thi đua"
        )
    return sentence_case(label)


def _names_another(said: str) -> bool:
    """Whether what a review word leads to a date names another gathering ("tổng kết … tổ
    chức Hội thi vào ngày …"); the one a line's review is of is what it reviews."""
    return bool(_OTHER.search(said)) and not _reviews_a_gathering(said)


def _reviews_a_gathering(said: str) -> bool:
    """Whether a line reviews the gathering it names ("Tổng kết Lễ hội: vào lúc 14 giờ …"); a
    review of no gathering at an hour ("Tổng kết phát thưởng: Vào lúc 19h00 …") is a
    ceremony."""
    other = _OTHER.search(said)
    if other is None:
        return False
    reviewed = re.match(r"(?:sơ|tổng)\s+kết\s+$", said[: other.start()], re.I)
    return bool(reviewed) and ":" in said[other.end() :]


def _single_reviews(ctx: Context, sentence: Sentence) -> list[Event]:
    """ "Tổ chức sơ kết vào tháng 6/2024", "tổng kết dự kiến ngày 20/12/2024"."""
    text = sentence.text
    found: list[Event] = []
    for when in mentions(text):
        if when.weak or ctx.taken(sentence, when.start, when.end) or cited(text, when.start):
            continue
        prefix = before(text, when.start)
        match = _REVIEW_TRIGGER.search(prefix)
        if not match or _names_another(prefix[match.start() :]):
            continue
        if match["hour"] and not _reviews_a_gathering(prefix[match.start() :]):
            continue
        if _MEETING_BEFORE.search(prefix[: match.start()]):
            continue  # "Hội nghị tổng kết … dự kiến trong tháng 01/2026", "Họp Hội đồng xét khen
            # thưởng tổng kết năm, trong tháng 02/2027": a meeting's date
        year = when.year or ctx.year_of(when.month, when.day or 1)
        start, end = when.first(year), when.last(year)
        if not ctx.plausible(start):
            continue
        kind = "so_ket" if _last_review_word(match.group()) == "sơ kết" else "tong_ket"
        ctx.take(sentence, when.start, when.end)
        found.append(
            Review(
                title=_review_title(prefix[match.start() :], kind),
                source=ctx.source(sentence),
                paragraph=sentence.paragraph.index,
                start=start,
                end=end,
                review_kind=kind,  # type: ignore[arg-type]
                review=["dated by a single day or month"] if start == end else [],
            )
        )
    return found


# "Kỳ thi học sinh giỏi cấp tỉnh … sẽ tổ chức vào ngày 15/3/2036": an exam sat at many sites
# on one day is a phase of that day, as a list of days is one over them
_EXAM_ON = re.compile(
    r"\b(?P<name>Kỳ\s+thi\b[^.;:]{3,140}?)\s+(?:(?:sẽ|dự\s+kiến)\s+)?(?:được\s+)?"
    r"(?:tổ\s+chức|diễn\s+ra)\s+(?:vào\s+)?(?:ngày\s*)?$"
    # a calendar's line: "Thi học sinh giỏi cấp tỉnh lớp 12: ngày 10/12/2036", and a
    # recruitment's: "3. Thời gian tổ chức xét tuyển vòng 2: dự kiến ngày 10/7/2036"
    r"|^\W*(?:\d+[.)]\s*)?(?:Thời\s+gian\s+(?:tổ\s+chức\s+)?)?"
    r"(?P<line>(?:Kỳ\s+)?(?:[Tt]hi|[Xx]ét\s+tuyển|[Ss]át\s+hạch|[Pp]hỏng\s+vấn)\s+"
    r"(?!đua\b|hành\b)[^.;:]{3,100}?)\s*:\s*(?:dự\s+kiến\s+)?(?:vào\s+)?(?:ngày\s*)?$",
    re.I,
)


def _exam_days(ctx: Context, sentence: Sentence) -> list[Event]:
    """An exam told as coming on one day: a phase of that day."""
    text = sentence.text
    found: list[Event] = []
    for when in _open(ctx, sentence, mentions(text), days=True):
        match = _EXAM_ON.search(before(text, when.start))
        name = match and (match["name"] or match["line"])
        if not name or re.search(r"\b(?:đã|vừa)\b", name, re.I):
            continue
        day = when.first(when.year or ctx.year_of(when.month, when.day or 1))
        if not ctx.plausible(day) or (ctx.issued is not None and day < ctx.issued):
            continue
        ctx.take(sentence, when.start, when.end)
        found.append(_phase_in(sentence, ctx, sentence_case(" ".join(name.split())), (day, day)))
    return found


# a month-long campaign named, then its month in an aside: "Tháng Công nhân năm 2036 (tháng
# 5-2036)", "Tháng hành động vì trẻ em (tháng 6/2036)"; a capital "Tháng" names it ("tháng"
# in running text is only a month)
_MONTH_NAMED = re.compile(
    r"(?P<name>\b(?-i:Tháng)\s+(?!\d)[^()\d.;:,]{3,80}?(?:\s+năm\s+\d{4})?)\s*\(\s*$", re.I
)


# a contest named for the month it runs over: "phát động Cuộc thi tìm hiểu pháp luật tháng
# 6/2036", "Hội thi … tháng 3/2036" (what it gives, its results or its awards, is another's)
_CONTEST_OF_MONTH = re.compile(
    r"(?P<name>\b(?:Cuộc|(?<!Đại\s)Hội)\s+thi\s+(?!đua\b)[^()\d.;:,]{3,80}?)\s*$", re.I
)
_CONTEST_AFTERMATH = re.compile(
    r"\b(?:kết\s+quả|trao\s+giải|tổng\s+kết|sơ\s+kết|đáp\s+án)\s+(?:\S+\s+){0,2}$", re.I
)


# the month first, then the campaign it is: "Trong tháng 3 - Tháng Thanh niên, Tỉnh đoàn …",
# "tháng 5/2036 – Tháng Công nhân" (a lower-case "tháng" after the dash is only a month)
_NAME_AFTER = re.compile(r"\s*[-–—:]\s*(?P<name>(?-i:Tháng)\s+(?!\d)[^()\d.;:,–—-]{3,80})", re.I)


def month_named_after(text: str, when: When) -> str | None:
    """The campaign a month mention is named as just after it, or None."""
    match = None if when.is_day else _NAME_AFTER.match(text, when.end)
    if match is None:
        return None
    name = re.sub(r"\s+năm\s*$", "", " ".join(match["name"].split()[:8]), flags=re.I)
    return f"{name} ({' '.join(when.text.split())})"


def _month_name(text: str, when: When) -> str | None:
    """The name a month mention dates as a whole: a campaign's, in an aside after it or
    after a dash, or a contest's that ends on the month itself."""
    if named := month_named_after(text, when):
        return named
    ahead = before(text, when.start, 100)
    if (match := _MONTH_NAMED.search(ahead)) and re.match(r"\s*\)", text[when.end :]):
        return match["name"]
    contest = _CONTEST_OF_MONTH.search(ahead)
    if contest is None or _CONTEST_AFTERMATH.search(ahead[: contest.start()]):
        return None
    return f"{contest['name']} {when.text}" if when.text.casefold().startswith("tháng") else None


def _named_months(ctx: Context, sentence: Sentence, found: list[When]) -> list[Phase]:
    """A campaign or a contest named for a month and dated by it: a phase over the month."""
    text = sentence.text
    phases = []
    for when in _open(ctx, sentence, found, days=False):
        name = _month_name(text, when)
        if name is None:
            continue
        span = Range(when.start, when.end, when, when, opened=False)
        year = when.year or ctx.year_of(when.month)
        start, end = when.first(year), when.last(year)
        if not ctx.plausible(start) or _told_as_done(ctx, text, span):
            continue
        ctx.take(sentence, when.start, when.end)
        phases.append(_phase_in(sentence, ctx, sentence_case(" ".join(name.split())), (start, end)))
    return phases


# a round of a drive set over a half of the year rather than between dates: "Đợt 1: thi đua
# hoàn thành nhiệm vụ 6 tháng đầu năm 2036 …; Đợt 2: … 6 tháng cuối năm"; the round's marker,
# then its words up to the half (no other round's marker between them)
_HALF_YEAR_ROUND = re.compile(
    r"(?P<round>\bđợt\s+(?:thi\s+đua\s+)?(?:thứ\s+(?:nhất|hai)|[12]|I{1,2}|một|hai)\b)"
    r"(?P<words>(?:(?!\bđợt\b)[^.;]){0,160}?)"
    r"\b(?:6|sáu)\s+tháng\s+(?P<half>đầu|cuối)\s+năm(?:\s+(?P<year>\d{4})\b)?",
    re.I,
)


_HALVES = ((date(1, 1, 1), date(1, 6, 30)), (date(1, 7, 1), date(1, 12, 31)))


def _half_year_rounds(ctx: Context, sentence: Sentence, found: list[When]) -> list[Phase]:
    """A drive's round over a half of its year ("Đợt 1: … 6 tháng đầu năm 2036"): a phase
    from 1 January to 30 June, or from 1 July to 31 December; the year written, else the
    campaign's. A round with dates of its own is read by them; a half named without a round
    ("báo cáo sơ kết 6 tháng đầu năm") is not a phase."""
    text = sentence.text
    phases = []
    for match in _HALF_YEAR_ROUND.finditer(text):
        if any(match.start() <= w.start < match.end() for w in found):
            continue  # the round's own dates, or a date the half belongs to, read elsewhere
        if match["year"] is None and not ctx.year_known:
            continue
        year = int(match["year"] or ctx.year)
        first_half = match["half"].casefold() == "đầu"
        days = _HALVES[0 if first_half else 1]
        days = (days[0].replace(year=year), days[1].replace(year=year))
        # a half over a month before the document, or told as done, is looked back on
        over = ctx.issued is not None and (ctx.issued - days[1]).days > 31
        if not ctx.plausible(days[0]) or over or _DONE.search(match["words"]):
            continue
        title = sentence_case(" ".join(text[match.start() : match.end()].split()))
        phases.append(_phase_in(sentence, ctx, title, days))
    return phases


# an hour of action kept in homes, offices and schools alike, not held at one place: "tắt đèn và
# các thiết bị không cần thiết trong 01 giờ (từ 20h30 đến 21h30) ngày 28/3/2036", or a window of
# hours on a line of its own under the call ("HÃY TẮT …" then "Từ 20h30 - 21h30 ngày 28/3/2036")
_CLOCK_AT = r"\d{1,2}\s*(?:giờ|h|g|:)\s*(?:\d{2})?\s*(?:phút)?"
_HOURS_ON = re.compile(
    rf"\(?\s*(?:từ\s+)?(?P<hours>{_CLOCK_AT}\s*(?:-|–|—|đến|tới)\s*{_CLOCK_AT})\s*\)?\s*,?\s*"
    r"(?:(?:sáng|trưa|chiều|tối)\s+)?(?:(?:thứ\s+\w+|chủ\s+nhật)\s*,?\s*)?(?:ngày\s+)?$",
    re.I,
)
_SWITCH_OFF = re.compile(
    r"\btắt\s+(?:(?:bớt|hết)\s+)?(?:(?:các|những|toàn\s+bộ)\s+)?(?:đèn|điện|thiết\s+bị)", re.I
)
# "trong 01 giờ", "trong một giờ", "trong 30 phút": how long everyone keeps it
_FOR_A_WHILE = re.compile(r"\btrong\s+(?:\d{1,2}|một)\s+(?:giờ|tiếng|phút)\b", re.I)
_LINE_OPENS = re.compile(r"^[\W\d]{0,4}$")  # a bullet, an emoji, a number before the hours


def _hours_of_action(ctx: Context, sentence: Sentence, found: list[When]) -> list[Phase]:
    """An hour of a day everyone is asked to keep (lights off, a minute's silence) and no
    gathering: a phase of that day, titled by what is done and its hours."""
    text = sentence.text
    phases = []
    for when in _open(ctx, sentence, found, days=True):
        hours = _HOURS_ON.search(before(text, when.start, 80))
        if hours is None or _PLACE_AFTER.match(text[when.end :]):
            continue  # an hour at one place is a gathering's
        at = when.start - len(before(text, when.start, 80)) + hours.start()
        what = _action_before(ctx, sentence, text[:at])
        if what is None:
            continue
        span = Range(when.start, when.end, when, when, opened=False)
        day = when.first(when.year or ctx.year_of(when.month, when.day or 1))
        if not ctx.plausible(day) or _told_as_done(ctx, text, span):
            continue
        ctx.take(sentence, at, when.end)
        clock = " ".join(hours["hours"].split())
        clock = re.sub(r"\s*(?:-|–|—|đến|tới)\s*", "–", clock, count=1, flags=re.I)
        phases.append(_phase_in(sentence, ctx, f"{what} ({clock})", (day, day)))
    return phases


def _action_before(ctx: Context, sentence: Sentence, lead: str) -> str | None:
    """What the hours are kept for: the switching off in the clause before them ("… vận động
    các hộ gia đình tắt đèn … trong 01 giờ"), a clause that says how long and names no
    gathering, or, when the hours open their line, the call on one of the two lines above."""
    clause = re.split(r"[.;:]", lead)[-1]
    if switch := list(_SWITCH_OFF.finditer(clause)):
        return _action_title(clause[switch[-1].start() :])
    if _FOR_A_WHILE.search(clause) and not _OTHER.search(clause) and not _GATHERING.search(clause):
        return _action_title(re.split(r",", clause)[-1])
    if not _LINE_OPENS.match(lead) or sentence.start > 0:
        return None
    for above in reversed(ctx.earlier(sentence.paragraph, 2)):
        if (switch := _SWITCH_OFF.search(above.text)) and len(above.text) <= 200:
            return _action_title(above.text[switch.start() :])
    return None


def _action_title(words: str) -> str:
    words = re.sub(r"[“”\"]", " ", words)
    words = re.sub(r"\s*\(?\s*(?:từ\s*)?$", "", " ".join(words.split()), flags=re.I)
    if sum(c.isupper() for c in words) > 0.7 * sum(c.isalpha() for c in words):
        words = words.lower()  # "HÃY TẮT NHỮNG THIẾT BỊ …" said as a sentence writes it
    return sentence_case(" ".join(words.split()[:18]).strip(" ,.:;-"))


# activities put on through a month: "Trong tháng 10, Bộ … sẽ chủ trì triển khai hàng loạt hoạt
# động …", "các hoạt động hưởng ứng diễn ra trong tháng 5/2036" (a month that says by when
# something is sent is a deadline's, read before)
_IN_MONTH = re.compile(r"\b(?:trong|suốt)\s+(?:cả\s+)?$", re.I)
_ACTIVITIES = re.compile(
    r"\b(?P<what>(?:triển\s+khai|tổ\s+chức|thực\s+hiện)\s+(?:\w+\s+){0,3}?hoạt\s+động\b[^,;:.()]*)"
    r"|\bhoạt\s+động\b[^,;:.()]{0,80}?\b(?:diễn\s+ra|được\s+tổ\s+chức|được\s+triển\s+khai)\s*$",
    re.I,
)

# "tổ chức hoạt động kỷ niệm 2 sự kiện … trong tháng 5-2036": activities that mark anniversaries
# in a month only frame them; no phase over the month
_COMMEMORATING = re.compile(r"\bhoạt\s+động\s+(?:\w+\s+){0,2}?kỷ\s+niệm\b", re.I)

# "… xây dựng kế hoạch tổ chức hoạt động ngoại khóa trong tháng 3 năm 2036, nhằm …, với những
# nội dung cụ thể sau:": the issuer introducing the plan it is; the month is the plan's own,
# neither a task due (`deadlines`) nor a phase of activities of its own (the plan's parts date
# its work)
_PLAN_BEFORE = re.compile(r"\bkế\s+hoạch\b[^.;:]{0,120}$", re.I)
_CONTENTS_AFTER = re.compile(
    r"^[^.;:]{0,200}?\b(?:nội\s+dung|như)\s+(?:cụ\s+thể\s+)?(?:như\s+)?sau\s*:", re.I
)


def plan_introduced(text: str, start: int, end: int) -> bool:
    """Whether a month stands in the sentence by which a plan opens on its own contents."""
    return bool(_PLAN_BEFORE.search(text[:start]) and _CONTENTS_AFTER.match(text[end:]))


# the month said first, the activities after it: "Diễn ra trong suốt tháng 5, các hoạt động
# của tháng hành động hướng tới …"
_RUNS_OVER = re.compile(r"^\W*(?:diễn\s+ra|kéo\s+dài)\s+(?:trong\s+)?(?:suốt\s+)?(?:cả\s+)?$", re.I)
_ACTIVITIES_AFTER = re.compile(
    r"[\s/\d]*,\s*(?P<what>(?:các|những)\s+hoạt\s+động\b[^,;:.()]*)", re.I
)


def _activities_of(text: str, when: When) -> re.Match[str] | None:
    """What a month mention says is done over it, in its clause, or None."""
    if _RUNS_OVER.match(text[: when.start]):
        return _ACTIVITIES_AFTER.match(text, when.end)
    return _ACTIVITIES.search(_clause_of(text, when))


def _months_of_activities(ctx: Context, sentence: Sentence, found: list[When]) -> list[Phase]:
    """Activities told to run in a month: a phase over the month."""
    text = sentence.text
    phases = []
    for when in _open(ctx, sentence, found, days=False):
        if not _IN_MONTH.search(before(text, when.start, 40)):
            continue
        clause = _clause_of(text, when)
        doing = _activities_of(text, when)
        if doing is None or _MONTH_NAMED_ELSEWHERE.search(clause) or _LISTS.search(text):
            continue
        if _COMMEMORATING.search(doing.group()):
            continue  # the anniversaries it marks are the events, each on its day
        if plan_introduced(text, when.start, when.end):
            continue
        span = Range(when.start, when.end, when, when, opened=False)
        year = when.year or ctx.year_of(when.month)
        start, end = when.first(year), when.last(year)
        if not ctx.plausible(start) or _told_as_done(ctx, text, span):
            continue
        ctx.take(sentence, when.start, when.end)
        what = doing["what"] or doing.group()
        what = re.sub(r"\s+(?:trong|suốt)\s*$", "", " ".join(what.split()[:16]), flags=re.I)
        written = " ".join(when.text.split())
        phases.append(
            _phase_in(
                sentence,
                ctx,
                f"{sentence_case(what.strip(' ,.-'))} (trong {written})",
                (start, end),
            )
        )
    return phases


# propaganda set over a quarter of a year written out: "tuyên truyền các ngày lễ lớn và sự kiện
# lịch sử quan trọng trong quý IV năm 2036", "… trong quý II/2036" (the quarter says when the
# work runs; a quarter in which something must be done is a deadline's, `deadlines`); the
# quarter in the propaganda's own words, not after a list of works ("văn nghệ, tuyên truyền cổ
# động …thực hiện tốt các hoạt động … trong quý II năm 2036": what the quarter holds, no phase)
_PROPAGANDA_IN_QUARTER = re.compile(
    r"\b(?P<what>tuyên\s+truyền\b[^.;:,…()\"“”]{0,100}?)\s+trong\s+quý\s+(?P<q>IV|III|II|I|[1-4])"
    r"(?!\w)\s*(?:/|,?\s*năm)\s*(?P<y>\d{4})\b",
    re.I,
)


def _quarters_of_propaganda(ctx: Context, sentence: Sentence) -> list[Phase]:
    """Propaganda work set over a quarter of a written year: a phase over the quarter."""
    phases = []
    for match in _PROPAGANDA_IN_QUARTER.finditer(sentence.text):
        quarter, year = QUARTERS[match["q"].casefold()], int(match["y"])
        start = date(year, 3 * quarter - 2, 1)
        end = last_day_of_month(year, 3 * quarter)
        if not ctx.plausible(start) or ctx.taken(sentence, match.start(), match.end()):
            continue
        ctx.take(sentence, match.start(), match.end())
        title = sentence_case(" ".join(sentence.text[match.start() : match.end()].split()))
        phases.append(_phase_in(sentence, ctx, title, (start, end)))
    return phases


# "… diễn ra trong tháng 5/2036, cụ thể như sau:": the month frames a list whose items give their
# own days
_LISTS = re.compile(r"(?:\bnhư\s+sau|\bgồm|\bsau\s+đây)?\s*:\s*$", re.I)
# a month named as a campaign ("Tháng hành động …") is `_named_months`'
_MONTH_NAMED_ELSEWHERE = re.compile(r"(?-i:Tháng)\s+(?!\d)\w", re.I)


def _clause_of(text: str, when: When) -> str:
    """The clause a month stands in: from the mark before it to the mark after it, a comma
    after the month left out ("Trong tháng 10, Bộ … triển khai …": the clause goes on)."""
    left = max(text.rfind(mark, 0, when.start) for mark in ";.") + 1
    rights = [i for mark in ";." if (i := text.find(mark, when.end)) != -1]
    return text[left : min(rights) if rights else len(text)]


# the flag flown on one day by every office and home: "… và nhà dân treo cờ Tổ quốc vào ngày
# 1-1-2036" (over days it is a range's: "Treo cờ Tổ quốc từ ngày 30/8 đến hết ngày 02/9")
_FLAG_ON = re.compile(
    r"\b(?P<what>treo\s+(?:cờ|Quốc\s+kỳ)\b[^.;:,()]{0,60}?)\s*(?:vào|trong)\s+(?:ngày\s+)?$", re.I
)


def _flag_days(ctx: Context, sentence: Sentence, found: list[When]) -> list[Phase]:
    """The flag flown on a day: a phase of that day."""
    text = sentence.text
    phases = []
    for when in _open(ctx, sentence, found, days=True):
        lead = before(text, when.start, 100)
        flag = _FLAG_ON.search(lead)
        if flag is None or _DONE.search(re.split(r"[.;,]", lead[: flag.start()])[-1]):
            continue  # "các xã đã treo cờ …": told as done
        day = when.first(when.year or ctx.year_of(when.month, when.day or 1))
        span = Range(when.start, when.end, when, when, opened=False)
        if not ctx.plausible(day) or _told_as_done(ctx, text, span):
            continue
        ctx.take(sentence, when.start, when.end)
        title = sentence_case(" ".join(flag["what"].split()))
        phases.append(_phase_in(sentence, ctx, title, (day, day)))
    return phases


# work that starts at the first moment of a day and is given no end ("ngành Thống kê cả nước
# tiến hành điều tra … giữa kỳ bắt đầu từ 0 giờ ngày 01/7/2036"): a survey's or a count's start,
# never a gathering's hour; a phase of its first day, for the office to give its end
_AT_MIDNIGHT = re.compile(
    r"\bbắt\s+đầu\s+(?:từ\s+)?(?:lúc\s+)?0?0\s*(?:giờ|h)(?:\s*00)?(?:\s*phút)?\s*,?\s*"
    r"(?:ngày\s+)?$",
    re.I,
)
_AN_END_AFTER = re.compile(r"^[^.;]*\b(?:đến|tới|kết\s+thúc|trong\s+\d+\s+ngày)\b", re.I)


def _started_at_midnight(ctx: Context, sentence: Sentence, found: list[When]) -> list[Phase]:
    """Work told to start at 0 hours on a day, with no end in its sentence: a phase of that
    day, titled by the words before "bắt đầu"."""
    text = sentence.text
    phases = []
    for when in _open(ctx, sentence, found, days=True):
        start = _AT_MIDNIGHT.search(before(text, when.start, 60))
        if start is None or _AN_END_AFTER.match(text[when.end :]):
            continue
        day = when.first(when.year or ctx.year_of(when.month, when.day or 1))
        span = Range(when.start, when.end, when, when, opened=False)
        if not ctx.plausible(day) or _told_as_done(ctx, text, span):
            continue
        at = when.start - len(before(text, when.start, 60)) + start.start()
        # "…, ngành Thống kê cả nước đồng loạt tiến hành điều tra …": what is started
        what = re.split(r"[.;:]", text[:at])[-1]
        what = re.sub(r"^.*\b(?:tiến\s+hành|đồng\s+loạt)\s+", "", what, flags=re.I)
        title = sentence_case(" ".join(what.split()[-12:]).strip(" ,-"))
        if not title:
            continue
        ctx.take(sentence, at, when.end)
        phases.append(_phase_in(sentence, ctx, title, (day, day)))
    return phases


# a round of an action held on one day: "(đợt 1, trong ngày 03/02/2036 và đợt 2, từ …)", "Đợt
# hai: vào ngày 15/5"; the action is what is done "trong 02 đợt", "làm hai đợt"
_ROUND_ON = re.compile(
    r"\bđợt\s+(?P<n>\d{1,2}|một|hai|ba|bốn|I{1,3}|IV)\s*[,:]?\s*(?:(?:vào|trong)\s+)?(?:ngày\s+)?$",
    re.I,
)
_SHORT_ACTION = 6  # words: a longer clause before "trong 02 đợt" holds its subject too
_IN_ROUNDS = re.compile(
    r"(?P<what>[^.;:,()]{3,80}?)\s+(?:trong|làm|thành|theo)\s+(?:\d{1,2}|hai|ba|bốn)\s+đợt\b",
    re.I,
)


def _single_day_rounds(ctx: Context, sentence: Sentence, found: list[When]) -> list[Phase]:
    """A round of an action held on one day ("treo cờ … trong 02 đợt (đợt 1, trong ngày
    03/02/2036 và đợt 2, từ …)"): a phase of that day, as the round over days is one over
    them."""
    text = sentence.text
    phases = []
    for when in _open(ctx, sentence, found, days=True):
        lead = before(text, when.start, 60)
        round_ = _ROUND_ON.search(lead)
        if round_ is None or _told_as_done(
            ctx, text, Range(when.start, when.end, when, when, opened=False)
        ):
            continue
        action = _IN_ROUNDS.search(text[: when.start])
        if action is not None and _DONE.search(action["what"]):
            continue  # "các xã đã ra quân làm hai đợt; đợt 1: …": told as done
        day = when.first(when.year or ctx.year_of(when.month, when.day or 1))
        if not ctx.plausible(day):
            continue
        ctx.take(sentence, when.start, when.end)
        label = f"Đợt {round_['n']}"
        if action is not None and len(action["what"].split()) <= _SHORT_ACTION:
            label = f"{' '.join(action['what'].split())}, {label.casefold()}"
        phases.append(_phase_in(sentence, ctx, sentence_case(label), (day, day)))
    return phases


# days off: "được nghỉ 04 ngày, từ thứ Năm ngày 01/9 …", "nghỉ Tết Âm lịch năm 2036 liền 07 ngày,
# từ …", "trong dịp Lễ sẽ nghỉ ngày 01/5 và 02/5", "Lịch nghỉ của trường kéo dài trong 4 ngày, từ
# …" (not "nghỉ hưu", "nghỉ việc": leaving, nor "nghỉ ngơi": rest)
_DAYS_OFF = re.compile(
    r"\b(?:được\s+)?(?P<off>nghỉ\s+(?:Tết|lễ|bù|hè|học|phép|liền|ngày|\d{1,2}\s+ngày)|"
    r"(?:(?:lịch|kỳ)\s+|(?<=được\s)|(?<=sẽ\s))nghỉ(?!\s+(?:hưu|việc|ngơi)\b))\b[^.;]{0,80}$",
    re.I,
)
# one day off: "được nghỉ Tết Dương lịch năm 2036 vào ngày 1-1-2036", "nghỉ bù vào ngày thứ Ba
# 02/5/2036", or for a day named at length ("được nghỉ nhân kỷ niệm 56 năm ngày giải phóng miền
# Nam, thống nhất đất nước ngày 30/4/2031"); a working day in lieu ("đi làm bù thứ Bảy 27/12") is
# none
_DAY_OFF = re.compile(
    r"\b(?P<off>(?:được|sẽ)\s+nghỉ(?:\s+(?:Tết|lễ|bù))?|nghỉ\s+(?:Tết|lễ|bù))\b"
    r"(?:[^.;:/\d]|\b\d+\b(?![/.-]\d)){0,90}?"
    rf"\s*(?:vào\s+)?(?:(?:các\s+)?ngày\s+)?(?:{WEEKDAY}\s*,?\s*)?(?:ngày\s+)?$",
    re.I,
)
# the holiday a bare break ("Nghỉ 4 ngày") is for, said in its sentence or the title: "lịch
# nghỉ lễ Quốc khánh 2/9", "nghỉ Tết Nguyên đán Bính Ngọ"
_HOLIDAY_NAMED = re.compile(
    r"\b(?:nghỉ|dịp)\s+(?P<name>(?:lễ|Tết)\b[^,.;:()]{0,40}?)\s*(?=[,.;:()]|\s(?:cho|của|và|từ|"
    r"vào|dành|sẽ|được|thì|nên|như|theo)\b|$)",
    re.I,
)


def _days_off(ctx: Context, sentence: Sentence, span: Range, found: list[When]) -> Phase | None:
    """A break over days, which the campaign file keeps as a phase (it has no kind for days
    off), titled from "nghỉ"; the days the same sentence gives inside it (Tết's first days,
    the days off in lieu: "do ngày 25 và 26/01 trùng … nên nghỉ bù vào ngày 28 và 29/01") are
    the break's own, no events of theirs."""
    text = sentence.text
    off = _DAYS_OFF.search(before(text, span.start, 160))
    if off is None:
        return None
    days = span.days(ctx.year_of(span.last.month, span.last.day or 1))
    if days is None or not (ctx.plausible(days[0]) and ctx.plausible(days[1])):
        return None
    ctx.take(sentence, span.start, span.end)
    clause = re.split(r",\s*(?:từ\s*)?$", off.group())[0]
    title = _break_title(ctx, sentence, clause[off.start("off") - off.start() :])
    for when in found:
        if when.start > span.end and when.is_day:
            day = when.first(when.year or days[0].year)
            if days[0] <= day <= days[1]:
                ctx.take(sentence, when.start, when.end)
    return _phase_in(sentence, ctx, title, days)


def _break_title(ctx: Context, sentence: Sentence, clause: str) -> str:
    """ "Nghỉ Tết âm lịch", or for a break its clause does not name ("được nghỉ 4 ngày") the
    holiday its sentence or the title names: "Nghỉ lễ Quốc khánh 2/9 (4 ngày)"."""
    title = sentence_case(_clean_label(clause.split(",", maxsplit=1)[0]))
    if re.search(r"\b(?:Tết|lễ)\b", title, re.I):
        return title
    earlier = [s.text for s in sentence.paragraph.sentences if s.start < sentence.start]
    for text in (sentence.text, *reversed(earlier), ctx.title or ""):
        names = [m["name"] for m in _HOLIDAY_NAMED.finditer(text) if " " in m["name"].strip()]
        if names:
            name = names[0].strip()
            bare = re.sub(r"^(?:Lịch|Kỳ)?\s*nghỉ\s*(?:ngày\s*)?", "", title, flags=re.I)
            name = re.sub(r"^Lễ\b", "lễ", name)  # "dịp Lễ": the holiday, no ceremony's name
            return f"Nghỉ {name}" + (f" ({bare})" if bare else "")
    return title


def _single_days_off(ctx: Context, sentence: Sentence, found: list[When]) -> list[Phase]:
    """One day off ("được nghỉ Tết Dương lịch năm 2036 vào ngày 1-1-2036 (thứ Tư)"): a phase
    of that day, titled from its clause."""
    phases = []
    for off, day in _days_led_by(ctx, sentence, found, _DAY_OFF, 120):
        clause = off.group()[off.start("off") - off.start() :]
        clause = re.sub(r"^(?:được|sẽ)\s+|\s*(?:vào|ngày|,|\s)*$", "", clause, flags=re.I)
        phases.append(_phase_in(sentence, ctx, _break_title(ctx, sentence, clause), (day, day)))
    return phases


def _days_led_by(
    ctx: Context, sentence: Sentence, found: list[When], lead: re.Pattern[str], width: int
) -> Iterator[tuple[re.Match[str], date]]:
    """The open days that ``lead`` ends just before (within ``width`` characters), each with
    that match, taken as it is yielded; days told as done are left to the other readers."""
    text = sentence.text
    for when in _open(ctx, sentence, found, days=True):
        said = lead.search(before(text, when.start, width))
        if said is None:
            continue
        day = when.first(when.year or ctx.year_of(when.month, when.day or 1))
        span = Range(when.start, when.end, when, when, opened=False)
        if not ctx.plausible(day) or _told_as_done(ctx, text, span):
            continue
        ctx.take(sentence, when.start, when.end)
        yield said, day


# a working day in lieu, worked to make a break longer: "(làm bù vào thứ Bảy ngày 26/4/2036)",
# "đi làm bù thứ Bảy, ngày 10/01/2032": no day off, yet a day the office marks
_MAKE_UP_DAY = re.compile(
    rf"\b(?:đi\s+)?làm\s+bù\s+(?:vào\s+)?(?:(?:các\s+)?ngày\s+)?(?:{WEEKDAY}\s*,?\s*)?"
    r"(?:ngày\s+)?$",
    re.I,
)


def _make_up_days(ctx: Context, sentence: Sentence, found: list[When]) -> list[Phase]:
    """A working day in lieu of one off ("làm bù vào thứ Bảy ngày 26/4/2036"): a phase of that
    day, titled "Làm bù" and the day as written."""
    phases = []
    for lieu, day in _days_led_by(ctx, sentence, found, _MAKE_UP_DAY, 60):
        written = re.sub(r"^(?:đi\s+)?làm\s+bù\s+(?:vào\s+)?", "", lieu.group(), flags=re.I)
        title = " ".join(["Làm bù", *written.split(), f"{day:%d/%m/%Y}"])
        phases.append(_phase_in(sentence, ctx, title, (day, day)))
    return phases


def _one_per_break(ctx: Context, events: list[Event]) -> list[Event]:
    """A break said twice is one event: a phase of days off over the days of one read before,
    and one day off inside a longer break (the day in lieu "nghỉ bù vào ngày 02/5" of "nghỉ
    ngày 01/5 và 02/5"), are left out."""
    breaks = [e for e in events if isinstance(e, Phase) and _BREAK_TITLE.match(e.title)]
    kept: list[Event] = []
    for event in events:
        if event in breaks and _said_before(event, breaks):
            message = _("“%(title)s” repeats a break read before", title=event.title)
            ctx.notes.append(Note(message, event.source.line))
            continue
        kept.append(event)
    return kept


_BREAK_TITLE = re.compile(r"(?:Lịch\s+|Kỳ\s+)?nghỉ\b", re.I)


def _said_before(event: Phase, breaks: list[Phase]) -> bool:
    """The same days as an earlier break, or one day inside another, longer break."""
    at = breaks.index(event)
    same = any((b.start, b.end) == (event.start, event.end) for b in breaks[:at])
    inside = event.start == event.end and any(
        b.start <= event.start <= b.end and b.start < b.end for b in breaks
    )
    return same or inside


def _term_spans(ctx: Context, sentence: Sentence) -> list[Phase]:
    """A span with an end said by a month's term ("Kế hoạch sẽ được triển khai từ giữa tháng 4
    đến giữa tháng 5", "… diễn ra từ ngày 27-5 và kết thúc vào giữa tháng 9-2036"): a phase,
    titled by what its clause says runs then."""
    text = sentence.text
    phases = []
    for span in term_ranges(text, ctx.year):
        if ctx.taken(sentence, span.start, span.end) or cited(text, span.start):
            continue
        if not (ctx.plausible(span.first) and ctx.plausible(span.last)):
            continue
        lead = re.split(r"[.;:]", before(text, span.start))[-1]
        if _DONE.search(lead) and ctx.issued is not None and span.last < ctx.issued:
            continue  # told as done
        ctx.take(sentence, span.start, span.end)
        what = _gathering_title(lead) or "Thời gian thực hiện"
        written = " ".join(text[span.start : span.end].split())
        phases.append(_phase_in(sentence, ctx, f"{what} ({written})", (span.first, span.last)))
    return phases


def _open(ctx: Context, sentence: Sentence, found: list[When], *, days: bool) -> Iterator[When]:
    """The mentions of days (``days``) or of months that no reading has taken yet and no cited
    document owns, each checked when its turn comes (a reading takes as it goes)."""
    for when in found:
        taken = ctx.taken(sentence, when.start, when.end)
        if when.is_day == days and not taken and not cited(sentence.text, when.start):
            yield when


def _phase_in(sentence: Sentence, ctx: Context, title: str, days: tuple[date, date]) -> Phase:
    """A phase read from one sentence."""
    return Phase(
        title=title,
        source=ctx.source(sentence),
        paragraph=sentence.paragraph.index,
        start=days[0],
        end=days[1],
    )


def first_day(events: list[Event]) -> date | None:
    days = [d for e in events for dates in e.key_dates() for d in dates]
    return min(days) if days else None
