"""The importer reads a document the same whatever surface it came in: a date in figures or
in words where a rule looks for one shape of it (a dating line, a schedule's week)."""

from __future__ import annotations

from datetime import date

from importer.extract import extract
from importer.model import Meeting, Phase


def _launch_text(dating: str) -> str:
    return (
        f"LIÊN ĐỘI TRƯỜNG THCS AN LẠC An Lạc, ngày {dating} Số 7 KHLĐ KẾ HOẠCH "
        "“Phát động phong trào thi đua chào mừng Ngày Nhà giáo Việt Nam 20/11”.\n"
        "Hội nghị sơ kết được tổ chức vào Thứ Sáu, ngày 28 tháng 11 năm 2036 tại hội trường.\n"
    )


def test_a_dating_line_in_figures_run_into_other_text_is_no_launch() -> None:
    for dating in ("02/11/2036", "02-11-2036", "02 tháng 11 năm 2036"):
        meetings = extract(_launch_text(dating)).of(Meeting)
        assert [m.day for m in meetings] == [date(2036, 11, 28)], dating


def test_a_day_in_figures_after_a_weekday_is_a_meetings_not_a_dating_line() -> None:
    text = "Kế hoạch sơ kết học kỳ I năm học 2036-2037\nHọp sơ kết vào thứ Sáu, ngày 28/11/2036.\n"
    assert [m.day for m in extract(text).of(Meeting)] == [date(2036, 11, 28)]


def _schedule(week: str) -> str:
    return (
        "LỊCH CÔNG TÁC CỦA LÃNH ĐẠO UBND XÃ TÂN LẬP\n"
        f"{week}\n"
        "Thứ hai\n16/3\n"
        "+ Chủ tịch UBND xã làm việc với Hợp tác xã nông nghiệp (sáng).\n"
        "Thứ ba\n17/3\n"
        "- Tiếp công dân định kỳ tại trụ sở.\n"
    )


def test_a_schedules_week_in_words_is_no_span_as_in_figures() -> None:
    for week in (
        "Từ ngày 16/3/2037 đến ngày 20/3/2037",
        "Từ ngày 16 tháng 3 năm 2037 đến ngày 20 tháng 3 năm 2037",
    ):
        extraction = extract(_schedule(week))
        assert not extraction.of(Phase), week
        assert [m.day for m in extraction.of(Meeting)] == [date(2037, 3, 16), date(2037, 3, 17)]


def _news(day: str) -> str:
    return (
        "Họp Ban tổ chức Hội thi văn nghệ huyện Tân Lạc\n"
        f"Ngày {day}, Ban tổ chức Hội thi văn nghệ quần chúng huyện Tân Lạc năm 2038 họp "
        "triển khai kế hoạch tổ chức Hội thi.\n"
        "Hội thi diễn ra từ ngày 15/8 đến ngày 17/8/2038.\n"
    )


def test_a_news_leads_day_in_words_is_told_as_held_as_in_figures() -> None:
    for day in ("03/8/2038", "3 tháng 8 năm 2038"):
        meetings = extract(_news(day)).of(Meeting)
        assert [m.day for m in meetings] == [date(2038, 8, 15)], day
    # not a lead: the day is the meeting's own, to come
    text = "Kế hoạch năm 2038\nBan tổ chức sẽ họp triển khai vào ngày 3 tháng 8 năm 2038.\n"
    assert [m.day for m in extract(text).of(Meeting)] == [date(2038, 8, 3)]
