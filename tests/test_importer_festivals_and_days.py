"""General rules of the importer found on the fourth split's documents once retired into dev
(issue 11), each shown on an invented sentence: days joined by a hyphen ("từ ngày 12-14/9"),
"Chương trình" (a programme) read as no "trình" (to submit), a campaign named for a month and
dated by it ("Tháng … (tháng 7/2036)"), the days Vietnam keeps by a Prime Minister's decision
(the catalog), "hưởng ứng" / "nhân" before a day's name as words that celebrate it, and a
day-month "vào dịp" (on the occasion of) read as a day, and a gathering listed after a colon
("… gồm có: Hội chợ sách …, triển lãm … diễn ra từ …") naming the days, and the days a named
games is played ("bắt đầu thi đấu từ ngày 14-6 … tới ngày 20-6") as one meeting; the national
and international days kept by decision, named in full or by their bodies' abbreviations, and
a celebrated day the catalog does not know, named beside its day and month; the days a games'
players compete in, said after the days, as its meeting, and an anniversary's day paired with its
founding day ("(14-10-1957 _ 14-10-2037)") as no ceremony's day, and a counted day written with
this year ("60 năm Ngày giải phóng … (15/3/2037)") as founded that many years before."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import TypeVar

from importer import extract
from importer.dates import mentions, ranges
from importer.model import Commemoration, Deadline, Event, Meeting, Phase, RangeEvent
from tests.conftest import EXAMPLES, Cli

E = TypeVar("E", bound=Event)


def of(kind: type[E], text: str) -> list[E]:
    """The events of one kind the importer reads in ``text``."""
    return [e for e in extract(text).events if isinstance(e, kind)]


def test_days_joined_by_a_hyphen_after_ngay_are_a_range() -> None:
    text = "Hội chợ sách toàn tỉnh diễn ra từ ngày 12-14/9 tại Nhà Văn hóa Thanh niên tỉnh."
    spans = ranges(text)
    assert [(r.first.day, r.first.month, r.last.day, r.last.month) for r in spans] == [
        (12, 9, 14, 9)
    ]


def test_a_fair_over_days_joined_by_a_hyphen_is_one_meeting() -> None:
    text = (
        "Kế hoạch năm 2036.\n\nHội chợ sách, triển lãm tranh cổ động diễn ra từ ngày 12-14/9 "
        "tại Nhà Văn hóa Thanh niên tỉnh."
    )
    meetings = of(Meeting, text)
    assert [(m.day, m.end) for m in meetings] == [(date(2036, 9, 12), date(2036, 9, 14))]


def test_a_week_written_with_a_hyphen_in_an_aside_is_its_span() -> None:
    text = (
        "UBND tỉnh vừa ban hành kế hoạch tổ chức Tuần lễ Ẩm thực Quảng Bình năm 2036. Thời "
        "gian tổ chức 7 ngày (từ ngày 03-09/05) tại thành phố và một số huyện."
    )
    # the plan's own days: its period, or a phase
    spans = of(RangeEvent, text)
    assert [(p.start, p.end) for p in spans] == [(date(2036, 5, 3), date(2036, 5, 9))]


def test_a_number_joined_to_a_day_month_by_a_hyphen_is_no_date() -> None:
    # a code or a count, not days: only "ngày" or "từ" before the first number makes it a day
    for text in ("Hồ sơ số 12-21/6 lưu tại văn phòng.", "tỷ lệ đạt 16-17/6 đơn vị"):
        assert mentions(text) == []


def test_a_programme_in_a_month_is_no_deadline() -> None:
    # "Chương trình" holds "trình" (to submit) but sends nothing
    text = (
        "KẾ HOẠCH năm 2033\n\nTrong niềm vui của mùa hội vào tháng 9 này, trường Tiểu học "
        "Hòa Bình tổ chức Chương trình giao lưu văn nghệ chào năm học mới."
    )
    assert not of(Deadline, text)


def test_a_report_submitted_in_a_month_stays_a_deadline() -> None:
    text = "KẾ HOẠCH năm 2033\n\nCác xã trình UBND huyện dự thảo quy hoạch vào tháng 9/2033."
    deadlines = of(Deadline, text)
    assert [d.days for d in deadlines] == [[date(2033, 9, 30)]]


def test_a_month_named_campaign_dated_by_its_month_is_a_phase_over_it() -> None:
    text = (
        "Công đoàn huyện vừa ban hành kế hoạch tổ chức Tháng hành động vì an toàn lao động "
        "năm 2036 (tháng 7/2036). Các đơn vị hưởng ứng."
    )
    phases = of(Phase, text)
    assert [(p.start, p.end) for p in phases] == [(date(2036, 7, 1), date(2036, 7, 31))]


def test_a_month_in_an_aside_after_a_common_noun_is_no_phase() -> None:
    # "trong tháng (tháng 7/2036)": a lower-case "tháng" names no campaign
    text = "Kế hoạch năm 2036. Kết quả thực hiện trong tháng (tháng 7/2036) được tổng hợp."
    assert not of(Phase, text)


def test_a_day_vietnam_keeps_by_decision_named_with_its_date_is_a_commemoration() -> None:
    text = (
        "KẾ HOẠCH\nTổ chức các hoạt động nhân Ngày Quốc tế Hạnh phúc 20 tháng 3 năm 2036\n\n"
        "Các xã treo băng rôn, khẩu hiệu."
    )
    days = of(Commemoration, text)
    assert [(d.day, d.catalog) for d in days] == [(date(2036, 3, 20), "quoc-te-hanh-phuc")]


def test_joining_in_or_on_the_occasion_of_a_day_celebrates_it() -> None:
    for text in (
        "KẾ HOẠCH năm 2035\n\nHưởng ứng Ngày Gia đình Việt Nam, Hội Phụ nữ xã tổ chức thi nấu ăn.",
        "KẾ HOẠCH năm 2035\n\nHội Phụ nữ xã tổ chức thi nấu ăn nhân Ngày Gia đình Việt Nam.",
    ):
        days = of(Commemoration, text)
        assert [d.day for d in days] == [date(2035, 6, 28)], text


def test_the_national_and_international_days_vietnam_keeps_are_known() -> None:
    cases = {
        "Hưởng ứng Ngày Nước thế giới, đoàn viên ra quân dọn kênh mương.": (3, 22),
        "Chào mừng Ngày Thể thao Việt Nam, xã tổ chức giải chạy việt dã.": (3, 27),
        "Nhân Ngày Chữ thập đỏ và Trăng lưỡi liềm đỏ quốc tế, Hội thăm các gia đình khó khăn.": (
            5,
            8,
        ),
        "Các lớp treo tranh cổ động hưởng ứng Ngày toàn dân phòng, chống ma túy.": (6, 26),
        "Để kỷ niệm Ngày Khuyến học Việt Nam, chi hội trao 20 suất học bổng.": (10, 2),
        "Chào mừng Ngày Quốc tế Người khuyết tật, phường thăm hỏi 12 hộ.": (12, 3),
        "Nhân Ngày Quốc tế Gia đình, Hội Phụ nữ tổ chức thi gói bánh.": (5, 15),
        "Hưởng ứng Ngày Quốc tế xóa bỏ bạo lực đối với phụ nữ, xã treo 5 băng rôn.": (11, 25),
        "Chào mừng Ngày Thế giới tôn vinh người hiến máu, Hội trao 30 kỷ niệm chương.": (6, 14),
    }
    for sentence, (month, day) in cases.items():
        days = of(Commemoration, f"KẾ HOẠCH năm 2037\n\n{sentence}")
        assert [d.day for d in days] == [date(2037, month, day)], sentence


def test_two_names_of_one_day_in_a_sentence_are_one_commemoration() -> None:
    text = (
        "KẾ HOẠCH năm 2037\n\nHưởng ứng Ngày quốc tế phòng, chống ma túy và Ngày toàn dân phòng, "
        "chống ma túy (ngày 26 tháng 6), các thôn tổ chức tuyên truyền."
    )
    assert [d.day for d in of(Commemoration, text)] == [date(2037, 6, 26)]


def test_an_hour_named_after_the_earth_is_not_earth_day() -> None:
    # "Giờ Trái đất" (an hour in March) shares two words with "Ngày Trái đất" (22/4)
    text = "KẾ HOẠCH năm 2037\n\nHưởng ứng Giờ Trái đất, các hộ tắt đèn trong một giờ."
    assert not of(Commemoration, text)
    text = "KẾ HOẠCH năm 2037\n\nHưởng ứng Ngày Trái đất, các hộ trồng thêm cây xanh."
    assert [d.day for d in of(Commemoration, text)] == [date(2037, 4, 22)]


def test_a_national_day_named_with_its_bodys_abbreviation_is_known() -> None:
    cases = {
        "Các xã treo băng rôn chào mừng 95 năm ngày thành lập ĐCSVN (03/2).": date(2025, 2, 3),
        "Đoàn viên ra quân chào mừng Ngày truyền thống CAND (19/8).": date(2025, 8, 19),
        "Hội tổ chức tọa đàm kỷ niệm 81 năm ngày thành lập QĐND Việt Nam.": date(2025, 12, 22),
    }
    for sentence, day in cases.items():
        days = of(Commemoration, f"KẾ HOẠCH năm 2025\n\n{sentence}")
        assert [d.day for d in days] == [day], sentence
    text = "KẾ HOẠCH năm 2025\n\nĐảng viên học tập Điều lệ ĐCSVN và các văn bản của CAND."
    assert not of(Commemoration, text)


def test_a_celebrated_day_the_catalog_does_not_know_is_read_by_its_day_and_month() -> None:
    cases = {
        "Hưởng ứng Ngày Sức khỏe tâm thần thế giới (10/10), trường tổ chức tọa đàm.": (10, 10),
        "Chào mừng Ngày Kiến trúc sư Việt Nam 27/4, chi hội tổ chức triển lãm ảnh.": (4, 27),
        "Nhân dịp ngày 15/10 – Ngày Kiểm toán Nhà nước, đơn vị tổ chức giải bóng bàn.": (10, 15),
        "Trạm y tế hưởng ứng “Ngày thế giới phòng, chống bệnh dại – 28/9” năm 2037.": (9, 28),
    }
    for sentence, (month, day) in cases.items():
        days = of(Commemoration, f"KẾ HOẠCH năm 2037\n\n{sentence}")
        assert [(d.day, d.catalog, d.years) for d in days] == [
            (date(2037, month, day), None, None)
        ], sentence


def test_a_counted_day_the_catalog_does_not_know_takes_its_founding_year_from_the_count() -> None:
    cases = {
        "Công đoàn tổ chức kỷ niệm 62 năm Ngày truyền thống ngành Thủy sản 1/4.": (4, 1, 62),
        "Chào mừng 45 năm Ngày truyền thống ngành Dự trữ (6/9), chi cục tổ chức hội thao.": (
            9,
            6,
            45,
        ),
    }
    for sentence, (month, day, years) in cases.items():
        days = of(Commemoration, f"KẾ HOẠCH năm 2037\n\n{sentence}")
        assert [(d.day, d.origin, d.years) for d in days] == [
            (date(2037, month, day), date(2037 - years, month, day), years)
        ], sentence


def test_a_counted_day_written_as_lunar_days_of_can_chi_years_is_on_its_solar_day() -> None:
    text = (
        "THƯ MỜI năm 2034\n\nNhân dịp kỷ niệm 200 năm ngày mất cụ Đồ Nghè (Ngày 8 tháng 3 năm "
        "Giáp Ngọ, dương lịch năm 1834 – Ngày 8 tháng 3 năm Giáp Dần, dương lịch năm 2034), họ "
        "Đồ tổ chức lễ giỗ tại nhà thờ họ."
    )
    [day] = of(Commemoration, text)
    assert (day.day, day.years, day.lunar) == (date(2034, 4, 26), 200, True)


def test_a_day_the_title_counts_is_dated_where_the_body_writes_it_beside_its_name() -> None:
    title = "Chào mừng 50 năm ngày Truyền thống ngành Dự trữ quốc gia năm 2037\n\n"
    text = title + "Ngày truyền thống ngành Dự trữ quốc gia (6/9) là dịp ôn lại truyền thống.\n"
    assert [(d.day, d.origin, d.years) for d in of(Commemoration, text)] == [
        (date(2037, 9, 6), date(1987, 9, 6), 50)
    ]
    # the name without its day beside it, or another day's name, dates nothing
    for body in (
        "Ngày truyền thống ngành Dự trữ quốc gia là dịp ôn lại truyền thống.\n",
        "Ngày Sách Dự trữ (6/9) là dịp ôn lại truyền thống.\n",
    ):
        assert not of(Commemoration, title + body), body


def test_a_news_lead_after_a_days_name_does_not_date_that_day() -> None:
    text = (
        "Tin tức ngày 11/3/2037\n\nGặp mặt kỷ niệm 60 năm Ngày truyền thống ngành Thủy sản BTN - "
        "Ngày 10/3, Sở Nông nghiệp tổ chức gặp mặt cán bộ hưu trí."
    )
    assert not [d for d in of(Commemoration, text) if d.day == date(2037, 3, 10)]
    # a day written after a dash that no clause follows is still the name's
    text = "KẾ HOẠCH năm 2037\n\nCác xã hưởng ứng Ngày Thủy sản Việt Nam - Ngày 1/4."
    assert [d.day for d in of(Commemoration, text)] == [date(2037, 4, 1)]


def test_a_festival_a_place_or_an_uncelebrated_day_is_no_day_of_its_own() -> None:
    for sentence in (
        "Để chào mừng Ngày hội Văn hóa các dân tộc huyện 20/5, các xã tập luyện văn nghệ.",
        "Ngày Sức khỏe tâm thần thế giới (10/10) nhắc mọi người nghỉ ngơi điều độ.",
        "Để chào mừng Ngày lễ 30/4, các thôn treo cờ Tổ quốc.",
        "Lễ kỷ niệm Ngày Truyền thống của Trường diễn ra tại Hội trường 2/9 của thành phố.",
    ):
        assert not of(Commemoration, f"KẾ HOẠCH năm 2037\n\n{sentence}"), sentence


def test_a_day_of_its_own_without_a_founding_year_loads_and_is_titled_by_its_day(
    tmp_path: Path, sqlite_settings: object, cli: Cli
) -> None:
    text = tmp_path / "ke-hoach.txt"
    text.write_text(
        "ỦY BAN NHÂN DÂN XÃ AN BÌNH\nAn Bình, ngày 05 tháng 9 năm 2037\nKẾ HOẠCH\n"
        "Các hoạt động năm 2037\nHưởng ứng Ngày Sức khỏe tâm thần thế giới (10/10), trạm y tế "
        "tổ chức tư vấn.\n",
        encoding="utf-8",
    )
    draft = tmp_path / "draft.yaml"
    assert cli("import-text", text, "-o", draft).exit_code == 0
    assert cli("load", EXAMPLES / "units.yaml", draft).exit_code == 0
    result = cli("events", "--from", "2037-01-01", "--to", "2037-12-31", "--format", "json")
    titles = [r["title"] for r in json.loads(result.stdout) if r["kind"] == "commemoration"]
    assert titles == ["Ngày Sức khỏe tâm thần thế giới (10/10/2037)"]


def test_a_birth_anniversary_with_an_apposition_is_named_before_it() -> None:
    text = (
        "KẾ HOẠCH năm 2037\n\nCác cơ sở Đoàn tuyên truyền kỷ niệm 125 năm Ngày sinh đồng chí "
        "Trần Văn Lộc, người chiến sĩ cộng sản kiên trung của tỉnh (12/4/1912 - 12/4/2037)."
    )
    days = of(Commemoration, text)
    assert [(d.day, d.years, d.title) for d in days] == [
        (date(2037, 4, 12), 125, "Ngày sinh đồng chí Trần Văn Lộc")
    ]
    text = (
        "KẾ HOẠCH năm 2037\n\nCác chi đoàn tìm hiểu về tấm gương, người chiến sĩ cộng sản "
        "kiên trung của tỉnh (12/4/1912 - 12/4/2037)."
    )
    assert not of(Commemoration, text)


def test_a_day_only_talked_about_is_no_commemoration() -> None:
    # "nhân" opens "nhân viên" here, and nothing says the day is kept
    text = (
        "KẾ HOẠCH năm 2035\n\nCán bộ, nhân viên tìm hiểu ý nghĩa của Ngày Quốc tế Hạnh phúc và "
        "Ngày Sách và Văn hóa đọc Việt Nam."
    )
    assert not of(Commemoration, text)


def test_a_ceremony_held_on_the_occasion_of_a_day_month_is_a_meeting_on_it() -> None:
    text = (
        "KẾ HOẠCH năm 2036\n\nLễ kỷ niệm 50 năm thành lập trường sẽ được tổ chức vào dịp 15/10 "
        "tại hội trường nhà trường."
    )
    meetings = of(Meeting, text)
    assert [m.day for m in meetings] == [date(2036, 10, 15)]


def test_a_ceremony_told_held_on_the_occasion_of_a_day_stays_no_meeting() -> None:
    text = (
        "BÁO CÁO năm 2036\n\nNăm qua, Lễ kỷ niệm 50 năm thành lập trường đã được tổ chức vào "
        "dịp 15/10 tại hội trường nhà trường."
    )
    assert not of(Meeting, text)


def test_a_gathering_listed_after_a_colon_names_the_days() -> None:
    text = (
        "Kế hoạch năm 2036.\n\nCác hoạt động trong Lễ hội Sách tỉnh gồm có: Hội chợ sách thiếu "
        "nhi, triển lãm tranh diễn ra từ ngày 12-14/9 tại Nhà Văn hóa Thanh niên tỉnh.\n\n"
        "Hội nghị tổng kết: tổ chức từ ngày 20-21/9 tại hội trường Sở."
    )
    meetings = of(Meeting, text)
    assert [(m.title, m.day) for m in meetings] == [
        ("Hội chợ sách thiếu nhi", date(2036, 9, 12)),
        ("Hội nghị tổng kết", date(2036, 9, 20)),
    ]


def test_the_days_a_named_games_is_played_are_one_meeting() -> None:
    text = (
        "Kế hoạch năm 2037.\n\nGiải bóng chuyền hơi công nhân viên chức tỉnh lần thứ V quy tụ "
        "24 đội.\n\nTheo điều lệ, các đội bắt đầu thi đấu từ ngày 14-6 và giải kéo dài tới ngày "
        "20-6."
    )
    meetings = of(Meeting, text)
    assert [(m.day, m.end) for m in meetings] == [(date(2037, 6, 14), date(2037, 6, 20))]
    assert meetings[0].title.startswith("Thi đấu Giải bóng chuyền")


def test_the_days_counted_then_who_plays_in_them_are_the_games_meeting() -> None:
    # the days first, counted, and the players after them: the games named just before
    text = (
        "Tin thể thao năm 2037.\n\nHội thao công nhân khu công nghiệp quy tụ 300 vận động "
        "viên.\n\nTrong thời gian 4 ngày (từ 8-11.5), các vận động viên thi đấu ở 6 môn."
    )
    meetings = of(Meeting, text)
    assert [(m.day, m.end) for m in meetings] == [(date(2037, 5, 8), date(2037, 5, 11))]
    assert not of(Phase, text)


def test_play_across_communes_or_without_a_games_named_stays_a_window() -> None:
    across = (
        "Kế hoạch năm 2037.\n\nGiải bóng chuyền hơi các xã lần thứ V quy tụ 24 đội.\n\nCác đội "
        "bắt đầu thi đấu từ ngày 14-6 và kéo dài tới ngày 20-6 ở các xã trong huyện."
    )
    unnamed = "Kế hoạch năm 2037.\n\nCác đội bắt đầu thi đấu từ ngày 14-6 và kéo dài tới ngày 20-6."
    for text in (across, unnamed):
        assert not of(Meeting, text), text


def test_a_day_recalled_with_its_day_and_its_count_is_this_years_anniversary() -> None:
    # "ngày truyền thống vinh quang của Bộ đội Biên phòng": words and "của" inside the name; the
    # day's own 3/3 and 80 years from 1959 to the text's 2039 make it the anniversary
    text = (
        "Tin hoạt động của đồn biên phòng năm 2039\n\nTừ đó đến nay, 80 năm đã qua, ngày 3/3 "
        "đã trở thành ngày truyền thống vinh quang của Bộ đội Biên phòng."
    )
    days = of(Commemoration, text)
    assert [(d.day, d.years, d.origin, d.title) for d in days] == [
        (date(2039, 3, 3), 80, date(1959, 3, 3), "Ngày truyền thống Bộ đội Biên phòng")
    ]


def test_a_recalled_day_needs_its_own_date_and_a_count_that_reaches_the_year() -> None:
    head = "Tin hoạt động của đồn biên phòng năm 2039\n\n"
    for sentence in (
        # a count that does not bring 1959 to 2039
        "Sau 60 năm, ngày 3/3 đã trở thành ngày truyền thống vinh quang của Bộ đội Biên phòng.",
        # a day that is not the day's own
        "Từ đó đến nay, 80 năm đã qua, ngày 5/3 đơn vị ôn lại ngày truyền thống của Bộ đội "
        "Biên phòng.",
        # no "Ngày": the tradition, not the day
        "Từ đó đến nay, 80 năm đã qua, ngày 3/3 đơn vị phát huy truyền thống vinh quang của Bộ "
        "đội Biên phòng.",
    ):
        assert not of(Commemoration, head + sentence), sentence


def test_a_sectors_traditional_day_is_known_by_the_catalog() -> None:
    text = (
        "KẾ HOẠCH năm 2040\n\nViện Kiểm sát nhân dân tỉnh tổ chức kỷ niệm 80 năm Ngày truyền "
        "thống ngành Kiểm sát nhân dân; Tòa án tỉnh chào mừng 95 năm Ngày truyền thống Tòa án "
        "nhân dân."
    )
    days = of(Commemoration, text)
    assert [(d.catalog, d.day, d.years) for d in days] == [
        ("kiem-sat-nhan-dan", date(2040, 7, 26), 80),
        ("toa-an-nhan-dan", date(2040, 9, 13), 95),
    ]
    # the sector's tradition, not its day: no count, no date, nothing celebrated
    text = "KẾ HOẠCH năm 2040\n\nCán bộ phát huy truyền thống ngành Thanh tra trong công tác."
    assert not of(Commemoration, text)


def test_a_year_of_events_told_from_a_day_to_the_same_day_is_a_span() -> None:
    text = (
        "Tin năm 2036\n\nNăm Văn hóa cơ sở 2036 của tỉnh diễn ra từ ngày 31/12/2035 đến ngày "
        "31/12/2036 với nhiều hoạt động.\n"
    )
    events = extract(text).events
    assert [(type(e).__name__, e.key_dates()[0]) for e in events] == [
        ("Phase", (date(2035, 12, 31), date(2036, 12, 31)))
    ]
    # a founding day and its first anniversary, paired without "từ", stay an anniversary
    paired = ranges("Kỷ niệm 1 năm thành lập Trung tâm (15/3/2035 - 15/3/2036)")
    assert [r.anniversary for r in paired] == [True]


def test_a_days_month_is_read_in_figures_as_in_words() -> None:
    for name in ("Cách mạng Tháng Tám", "cách mạng tháng 8", "Cách mạng tháng 08 thành công"):
        text = f"Kế hoạch năm 2036\n\nChào mừng kỷ niệm 91 năm {name} (19/8/1945 - 19/8/2036).\n"
        found = of(Commemoration, text)
        assert [(c.day, c.origin) for c in found] == [(date(2036, 8, 19), date(1945, 8, 19))], name
    # another month's figure is not the day's name
    other = "Kế hoạch năm 2036\n\nTổng kết cách mạng tháng 9 của ngành nông nghiệp.\n"
    assert of(Commemoration, other) == []


def test_a_ceremony_the_whole_country_holds_is_no_one_meeting() -> None:
    nationwide = (
        "Tin năm 2036\n\nNgày 19/5 năm nay, cả nước long trọng tổ chức lễ kỷ niệm 146 năm Ngày "
        "sinh Chủ tịch Hồ Chí Minh.\n"
    )
    assert of(Meeting, nationwide) == []
    assert [c.day for c in of(Commemoration, nationwide)] == [date(2036, 5, 19)]
    one_place = (
        "Tin năm 2036\n\nNgày 19/5 năm nay, UBND xã tổ chức lễ kỷ niệm 146 năm Ngày sinh Chủ tịch "
        "Hồ Chí Minh tại hội trường xã.\n"
    )
    assert [m.day for m in of(Meeting, one_place)] == [date(2036, 5, 19)]


def test_the_anniversary_day_paired_with_its_founding_day_does_not_date_the_ceremony() -> None:
    # the aside pairs the founding day with this year's: the anniversary, not the ceremony
    text = (
        "Tin hoạt động năm 2037.\n\nHội Nông dân huyện triển khai kế hoạch tổ chức lễ kỷ niệm "
        "80 năm ngày thành lập Hội (14-10-1957 _ 14-10-2037)."
    )
    assert not of(Meeting, text)


def test_a_counted_day_written_with_this_year_counts_back_to_its_founding_day() -> None:
    # the pair first, then the day again with this year only: one anniversary, founded in 1977
    text = (
        "Tin hoạt động năm 2037.\n\nHuyện họp chuẩn bị kỷ niệm 60 năm Ngày giải phóng huyện "
        "Sơn Hà (15/3/1977 – 15/3/2037).\n\nCác xã tổ chức hoạt động chào mừng kỷ niệm 60 năm "
        "ngày giải phóng Sơn Hà (15/3/2037)."
    )
    (day,) = of(Commemoration, text)
    assert (day.day, day.origin, day.years) == (date(2037, 3, 15), date(1977, 3, 15), 60)


def test_a_title_about_a_months_great_days_celebrates_each_day_named_beside_its_date() -> None:
    text = (
        "CÁC NGÀY LỄ LỚN TRONG THÁNG 11 NĂM 2037\n\n"
        "Ngày Thơ ca của thị trấn (14/11) - Ngày Gốm sứ truyền thống (23/11).\n"
    )
    days = extract(text).of(Commemoration)
    assert sorted(d.day for d in days) == [date(2037, 11, 14), date(2037, 11, 23)]
