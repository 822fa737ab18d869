"""General rules of the importer found on the eighth test split retired into dev (issue 11),
each shown on an invented sentence: a gathering over a few days is one meeting over them, not a
span of work: a council's sitting named for its business ("Phiên chất vấn"), a rite that
delegations attend told after the range ("các đoàn đại biểu sẽ viếng …"), what "diễn ra trong 2
ngày", and a congress "diễn ra vào 24 - 25/5" (a bare day after "vào" opens the range)."""

from __future__ import annotations

from datetime import date

import pytest

from importer import extract
from importer.dates import mentions
from importer.model import Meeting, Phase


def _days_of(text: str) -> dict[str, list[tuple[date, date | None]]]:
    """The first and last day of each meeting and each phase read from ``text``."""
    days: dict[str, list[tuple[date, date | None]]] = {"meeting": [], "phase": []}
    for event in extract(text).events:
        if isinstance(event, Meeting):
            days["meeting"].append((event.day, event.end))
        elif isinstance(event, Phase):
            days["phase"].append((event.start, event.end))
    return days


def _meetings(text: str) -> list[tuple[date, date | None]]:
    return _days_of(text)["meeting"]


def _phases(text: str) -> list[tuple[date, date | None]]:
    return _days_of(text)["phase"]


def test_a_sitting_named_for_its_business_over_two_mornings_is_one_meeting() -> None:
    text = (
        "Thông báo của Thường trực HĐND tỉnh năm 2033\n\n"
        "Phiên chất vấn và trả lời chất vấn vào sáng ngày 08 và 09 tháng 7 năm 2033 được "
        "phát trực tiếp trên sóng phát thanh của tỉnh."
    )
    assert _meetings(text) == [(date(2033, 7, 8), date(2033, 7, 9))]
    assert not _phases(text)


@pytest.mark.parametrize(
    "clause",
    [
        "các đoàn đại biểu sẽ viếng nghĩa trang liệt sĩ của huyện",
        "lãnh đạo thành phố dâng hương tại khu tưởng niệm",
        "sẽ diễn ra lễ mít tinh tại sân vận động tỉnh",
    ],
)
def test_a_rite_told_after_a_short_range_is_one_meeting(clause: str) -> None:
    text = f"Kế hoạch năm 2034 của Ủy ban nhân dân tỉnh\n\nNgày 3 - 4/5, {clause}."
    assert _meetings(text) == [(date(2034, 5, 3), date(2034, 5, 4))]
    assert not _phases(text)


def test_work_or_a_long_programme_after_a_range_stays_a_span() -> None:
    work = (
        "Kế hoạch năm 2034 của Ủy ban nhân dân tỉnh\n\n"
        "Từ ngày 3/5 đến ngày 4/5, các đơn vị tự kiểm tra hồ sơ thi đua."
    )
    assert not _meetings(work)
    assert _phases(work) == [(date(2034, 5, 3), date(2034, 5, 4))]
    long = (
        "Kế hoạch năm 2034 của Ủy ban nhân dân tỉnh\n\n"
        "Từ ngày 1/5 đến ngày 30/5, các đoàn đại biểu viếng các di tích trên địa bàn."
    )
    assert not _meetings(long)


def test_what_takes_place_over_two_counted_days_is_one_meeting() -> None:
    text = (
        "Thông báo của Ủy ban nhân dân huyện năm 2035\n\n"
        "Thời gian diễn ra chương trình giao lưu trong 2 ngày 11 và 12/9/2035."
    )
    assert _meetings(text) == [(date(2035, 9, 11), date(2035, 9, 12))]
    assert not _phases(text)
    work = text.replace("diễn ra chương trình giao lưu", "rà soát hồ sơ")
    assert not _meetings(work)
    assert _phases(work) == [(date(2035, 9, 11), date(2035, 9, 12))]


def test_a_bare_day_after_vao_opens_a_range_joined_by_a_dash() -> None:
    days = [(w.day, w.month) for w in mentions("Đại hội diễn ra vào 14 - 15/06/2036.")]
    assert days == [(14, 6), (15, 6)]
    # "vào 14 và 20/6": two days listed apart, no range opened by the bare day
    assert [(w.day, w.month) for w in mentions("Họp vào 14 và 20/06/2036.")] == [(20, 6)]


def test_a_congress_on_a_dashed_pair_after_vao_is_one_meeting_over_both() -> None:
    text = (
        "Tin hoạt động năm 2036\n\n"
        "Đại hội Hội Cựu chiến binh huyện nhiệm kỳ 2036 - 2041 diễn ra vào 14 - 15/06/2036."
    )
    assert _meetings(text) == [(date(2036, 6, 14), date(2036, 6, 15))]


@pytest.mark.parametrize(
    ("lasting", "last"),
    [
        (" và diễn ra trong hai ngày", date(2037, 7, 15)),
        (", kéo dài trong 3 ngày", date(2037, 7, 16)),
        ("", None),
    ],
)
def test_a_session_said_to_last_days_after_its_opening_day_ends_on_the_last(
    lasting: str, last: date | None
) -> None:
    text = (
        "Thông tin về kỳ họp năm 2037\n\n"
        "Kỳ họp thường lệ HĐND huyện sẽ khai mạc vào lúc 8 giờ, ngày 14/7/2037 tại Hội trường "
        f"huyện{lasting}."
    )
    assert _meetings(text) == [(date(2037, 7, 14), last)]


@pytest.mark.parametrize(
    ("tense", "expected"),
    [("", []), ("sẽ ", [(date(2038, 12, 9), None)]), ("dự kiến ", [(date(2038, 12, 9), None)])],
)
def test_a_meeting_reported_with_who_chaired_it_is_held_unless_told_ahead(
    tense: str, expected: list[tuple[date, date | None]]
) -> None:
    text = (
        "Tin tức năm 2038\n\n"
        f"Có 40 tập thể được đề nghị khen.Ngày 09/12, Hội đồng Thi đua huyện {tense}tổ chức hội "
        "nghị xét khen thưởng dưới sự chủ trì của đồng chí Chủ tịch UBND huyện."
    )
    assert _meetings(text) == expected


def test_each_place_a_listed_ceremony_is_held_in_is_a_meeting_on_its_day() -> None:
    text = (
        "Thứ Hai, 3 tháng 8, 2039\n\n"
        "Ban liên lạc cựu học sinh họp bàn kế hoạch.\n\n"
        "Lễ gặp mặt truyền thống được tổ chức:\n\n"
        "- Tại Huế: ngày thứ bảy 3/10/2039 tại Nhà văn hóa trung tâm.\n\n"
        "- Tại Vinh: ngày chủ nhật 11/10/2039 tại Hội trường tỉnh."
    )
    assert _meetings(text) == [(date(2039, 10, 3), None), (date(2039, 10, 11), None)]
    unnamed = text.replace("Lễ gặp mặt truyền thống được tổ chức:", "Danh sách liên hệ:")
    assert not _meetings(unnamed)


def test_rites_listed_then_dated_back_as_those_activities_are_one_meeting() -> None:
    text = (
        "Tin năm 2040\n\n"
        "Theo kế hoạch, các hoạt động gồm: dâng hương tại đền thờ liệt sĩ của tỉnh; tổ chức lễ "
        "mít tinh kỷ niệm tại quảng trường tỉnh. Các hoạt động trên sẽ diễn ra vào ngày 19-8 và "
        "được phát trực tiếp trên sóng đài tỉnh."
    )
    assert _meetings(text) == [(date(2040, 8, 19), None)]
    plain = text.replace(
        "dâng hương tại đền thờ liệt sĩ của tỉnh; tổ chức lễ mít tinh kỷ niệm "
        "tại quảng trường tỉnh",
        "tuyên truyền trên loa phát thanh các xã",
    )
    assert not _meetings(plain)


def test_an_evening_of_culture_and_art_at_a_park_is_a_meeting() -> None:
    text = (
        "Tin năm 2041\n\n"
        "Tối 5/9, sẽ diễn ra chương trình văn hóa - nghệ thuật mừng Quốc khánh tại Công viên."
    )
    assert _meetings(text) == [(date(2041, 9, 5), None)]
    assert not _meetings(text.replace("chương trình văn hóa - nghệ thuật", "tuyên truyền"))
