"""General rules of the importer (issue 11), each shown on an invented sentence: the year
comes from what dates the document, never from the clock; unnamed windows, day lists,
relative deadlines, meetings named by what happens, several commemorations per sentence."""

from __future__ import annotations

import json
from datetime import date, time
from pathlib import Path

import pytest
import time_machine

from importer import build_draft, builtin_directory, extract
from importer.model import Commemoration, Deadline, Meeting, Period, Phase, Review
from importer.unmarked import unmarked
from tests.conftest import EXAMPLES, Cli

UNDATED = """ỦY BAN NHÂN DÂN XÃ AN HÒA
KẾ HOẠCH
Tổ chức các hoạt động thi đua
Các thôn gửi báo cáo kết quả về UBND xã trước ngày 20/6.
Tổ chức Lễ phát động vào ngày 15/3 tại hội trường xã.
"""

DATED = """ỦY BAN NHÂN DÂN XÃ AN HÒA
Số: 12/KH-UBND
An Hòa, ngày 02 tháng 3 năm 2023
KẾ HOẠCH
Tổ chức các hoạt động thi đua
Các thôn gửi báo cáo kết quả về UBND xã trước ngày 20/6.
Tổ chức Lễ phát động vào ngày 15/3 tại hội trường xã.
"""


def _draft(text: str) -> str:
    extraction = extract(text)
    return build_draft(extraction, builtin_directory(), source_name="x.txt").text


def test_a_draft_does_not_depend_on_the_clock() -> None:
    drafts = []
    for moment in ("2019-06-01T09:00:00+07:00", "2031-11-20T15:30:00+07:00"):
        with time_machine.travel(moment, tick=False):
            assert date.today().year in {2019, 2031}  # the clock really is frozen there
            drafts.append((_draft(DATED), _draft(UNDATED)))
    assert drafts[0] == drafts[1]


def test_the_signing_line_dates_days_written_without_a_year() -> None:
    events = extract(DATED).events
    deadline = next(e for e in events if isinstance(e, Deadline))
    assert deadline.days == [date(2023, 6, 20)]
    meeting = next(e for e in events if isinstance(e, Meeting))
    assert meeting.day == date(2023, 3, 15)


def test_a_text_that_writes_no_year_asks_for_one_instead_of_guessing() -> None:
    extraction = extract(UNDATED)
    assert extraction.events == []
    assert extraction.document.year_unknown
    assert any("20/06" in n.message and "--year" in n.message for n in extraction.notes)
    assert "--year" in _draft(UNDATED)


def test_a_school_year_dates_the_document() -> None:
    text = (
        "KẾ HOẠCH thi đua năm học 2030-2031\n"
        "Các tổ chuyên môn nộp báo cáo sơ kết học kỳ I trước ngày 10/01.\n"
    )
    deadline = extract(text).of(Deadline)[0]
    assert deadline.days == [date(2031, 1, 10)]


def test_a_timestamp_of_the_page_does_not_date_the_document(tmp_path: Path) -> None:
    text = (
        "Thứ hai, 05/01/2037 10:15\n"
        "Quảng cáo: khuyến mại lớn đến 31/01/2037\n"
        "Huyện Bình Sơn phát động phong trào thi đua năm 2036.\n"
        "Các xã gửi đăng ký thi đua về Phòng Nội vụ trước ngày 15/3.\n"
    )
    deadline = extract(text).of(Deadline)[0]
    assert deadline.days == [date(2036, 3, 15)]


def test_the_phase_and_commemoration_classes_stay_importable() -> None:
    assert Phase.kind == "phase" and Commemoration.kind == "commemoration"


def test_a_year_written_in_the_text_is_kept_in_the_draft_and_on_load(
    tmp_path: Path, sqlite_settings: object, cli: Cli
) -> None:
    text = tmp_path / "ke-hoach.txt"
    text.write_text(
        "ỦY BAN NHÂN DÂN HUYỆN KIM SƠN\n"
        "Kim Sơn, ngày 05 tháng 12 năm 2032\n"
        "KẾ HOẠCH\nCác hoạt động thi đua năm 2032\n"
        "Các xã tổ chức các hoạt động chào mừng 103 năm Ngày thành lập Đảng Cộng sản Việt Nam "
        "(03/02/1930 - 03/02/2033) và kỷ niệm 89 năm Ngày thành lập Quân đội nhân dân Việt Nam "
        "(22/12/1944 - 22/12/2033).\n",
        encoding="utf-8",
    )
    draft = tmp_path / "draft.yaml"
    assert cli("import-text", text, "-o", draft).exit_code == 0
    written = draft.read_text("utf-8")
    assert "year: 2033" in written
    assert cli("load", EXAMPLES / "units.yaml", draft).exit_code == 0
    result = cli("events", "--from", "2000-01-01", "--to", "2040-12-31", "--format", "json")
    days = sorted(r["start"] for r in json.loads(result.stdout) if r["kind"] == "commemoration")
    assert days == ["2033-02-03", "2033-12-22"]


def test_a_week_schedule_makes_each_activity_a_meeting_on_its_day() -> None:
    text = (
        "Lịch công tác tuần 12 của Lãnh đạo UBND xã Tân Lập (từ ngày 16/3/2037 đến 20/3/2037)\n"
        "Thứ hai\n16/3\n"
        "+ Chủ tịch UBND xã làm việc với Hợp tác xã nông nghiệp (sáng).\n"
        "+ Phó Chủ tịch dự hội nghị giao ban ngành giáo dục (chiều).\n"
        "Thứ ba\n17/3\n"
        "- Tiếp công dân định kỳ tại trụ sở.\n"
        "Thành phần: Lãnh đạo xã và công chức Tư pháp.\n"
        "THỨ TƯ (18/3/2037):\n"
        "2. Phó Chủ tịch UBND xã Lê Văn Bình:\n"
        "08 giờ 00’: Kiểm tra công tác phòng chống dịch tại các thôn.\n"
    )
    meetings = [(e.day, e.title) for e in extract(text).of(Meeting)]
    assert [d for d, _ in meetings] == [
        date(2037, 3, 16),
        date(2037, 3, 16),
        date(2037, 3, 17),
        date(2037, 3, 18),
    ]
    assert meetings[-1][1].startswith("Kiểm tra công tác phòng chống dịch")
    assert not extract(text).of(Phase)  # the schedule's own week is no span


def test_a_deadline_counted_from_an_undated_event_is_a_note_not_a_date() -> None:
    text = (
        "KẾ HOẠCH thi đua năm 2036\n"
        "Hội đồng thẩm định gửi kết quả trong thời hạn 10 ngày kể từ ngày nhận được hồ sơ.\n"
    )
    extraction = extract(text)
    assert extraction.of(Deadline) == []
    assert any("10 ngày kể từ ngày nhận được hồ sơ" in n.message for n in extraction.notes)


def test_a_deadline_counted_from_a_dated_meeting_counts_from_it() -> None:
    text = (
        "KẾ HOẠCH thi đua năm 2036\n"
        "Tổ chức Hội nghị sơ kết phong trào vào ngày 10/7/2036 tại hội trường.\n"
        "Các đơn vị gửi hồ sơ khen thưởng trong thời hạn 05 ngày làm việc kể từ ngày kết thúc "
        "Hội nghị sơ kết phong trào.\n"
    )
    deadline = extract(text).of(Deadline)[0]
    assert deadline.days == [date(2036, 7, 17)]  # Fri 11, Mon 14 … Thu 17: five working days


# Thu 28/8/2036: Fri 29 is day one, the National Day break (1–2/9) is not counted; a day
# written without its year takes the document's
WRITTEN_DAY_COUNTS = [
    (
        "KẾ HOẠCH thi đua năm 2036\nCác ý kiến góp ý gửi về Ban Thi đua trong thời hạn 07 ngày "
        "làm việc, kể từ ngày 28/8/2036.\n",
        date(2036, 9, 10),
        "28/08/2036",
    ),
    (
        "ỦY BAN NHÂN DÂN XÃ AN HÒA\nAn Hòa, ngày 02 tháng 3 năm 2036\nTHÔNG BÁO\nCác thôn gửi "
        "danh sách đề nghị về xã trong vòng 15 ngày kể từ ngày 05/3.\n",
        date(2036, 3, 20),
        "05/03/2036",
    ),
]


@pytest.mark.parametrize(("text", "due", "after"), WRITTEN_DAY_COUNTS)
def test_a_deadline_counted_from_a_written_day_counts_from_that_day(
    text: str, due: date, after: str
) -> None:
    extraction = extract(text)
    assert [(d.days, d.due["after"]) for d in extraction.of(Deadline)] == [([due], after)]
    assert not any("không ghi" in n.message for n in extraction.notes)


def test_a_deadline_before_a_lunar_day_falls_on_its_solar_day() -> None:
    text = (
        "KẾ HOẠCH\nVui Tết Trung thu năm 2033\n\nCác chi đoàn gửi danh sách thiếu nhi về Ban "
        "Chấp hành trước rằm tháng 8 âm lịch năm Quý Tỵ."
    )
    [deadline] = extract(text).of(Deadline)
    assert (deadline.days, deadline.due) == (
        [date(2033, 9, 8)],
        {"rule": "before", "date": "08/09/2033"},
    )
    assert deadline.review  # the office checks the solar day


def test_day_lists_and_gatherings_over_days_are_spans() -> None:
    text = (
        "KẾ HOẠCH thi đua năm 2035\n"
        "Hội thi cán bộ, công chức giỏi diễn ra trong 2 ngày 14 và 15/9/2035 tại Nhà văn hóa.\n"
        "Đại hội Thi đua yêu nước của tỉnh dự kiến tổ chức trong hai ngày 20 - 21.10.2035.\n"
    )
    meetings = sorted(e.key_dates()[0] for e in extract(text).of(Meeting))
    assert meetings == [
        (date(2035, 9, 14), date(2035, 9, 15)),
        (date(2035, 10, 20), date(2035, 10, 21)),
    ]


# a tournament over weeks at a ground said in its clause, or in a line of the plan it titles
TOURNAMENTS_AT_A_GROUND = [
    (
        "KẾ HOẠCH năm 2036\nGiải bóng chuyền hơi công nhân lao động huyện được tổ chức tại Nhà "
        "thi đấu huyện từ ngày 10/7/2036 đến ngày 20/8/2036.\n",
        (date(2036, 7, 10), date(2036, 8, 20)),
    ),
    (
        "KẾ HOẠCH\nTổ chức Giải bóng đá thiếu niên xã An Hòa năm 2036\n1. Thời gian\nThời gian "
        "thi đấu giải dự kiến từ ngày 01/6/2036 đến ngày 15/7/2036.\n2. Địa điểm: Sân vận động "
        "xã An Hòa.\n",
        (date(2036, 6, 1), date(2036, 7, 15)),
    ),
]


@pytest.mark.parametrize(("text", "days"), TOURNAMENTS_AT_A_GROUND)
def test_a_tournament_over_weeks_at_one_ground_is_a_meeting(
    text: str, days: tuple[date, date]
) -> None:
    assert [m.key_dates()[0] for m in extract(text).of(Meeting)] == [days]


def test_a_tournament_played_across_places_or_over_months_is_no_gathering() -> None:
    across = (
        "KẾ HOẠCH năm 2036\n"
        "Giải cầu lông các câu lạc bộ diễn ra từ ngày 10/7/2036 đến ngày 20/8/2036 ở các xã.\n"
    )
    assert extract(across).of(Meeting) == []
    assert len(extract(across).of(Phase)) == 1
    season = (
        "KẾ HOẠCH năm 2036\n"
        "Giải bóng đá thiếu niên diễn ra từ ngày 01/3/2036 đến ngày 30/6/2036 tại sân vận động.\n"
    )
    assert extract(season).of(Meeting) == []


def test_matches_played_with_no_ground_said_are_a_window() -> None:
    lead = "THÔNG BÁO năm 2036\nGiải bóng bàn cán bộ công chức huyện có 20 đội tham gia. "
    nowhere = extract(lead + "Các đội chia bảng thi đấu từ ngày 12-18/10.\n")
    assert [p.key_dates()[0] for p in nowhere.of(Phase)] == [
        (date(2036, 10, 12), date(2036, 10, 18))
    ]
    assert nowhere.of(Meeting) == []
    grounded = extract(
        lead + "Tại Nhà thi đấu huyện, các đội chia bảng thi đấu từ ngày 12-18/10.\n"
    )
    assert len(grounded.of(Meeting)) == 1
    assert grounded.of(Phase) == []


def test_a_round_held_on_one_day_is_a_phase_of_that_day() -> None:
    rounds = "trong hai đợt. Đợt 1: vào ngày 10/5/2036; đợt 2, trong ngày 20/5/2036."
    phases = extract(f"THÔNG BÁO năm 2036\nCác xã ra quân dọn vệ sinh {rounds}\n").of(Phase)
    assert [p.key_dates()[0] for p in phases] == [
        (date(2036, 5, 10), date(2036, 5, 10)),
        (date(2036, 5, 20), date(2036, 5, 20)),
    ]
    done = "THÔNG BÁO năm 2036\nCác xã đã ra quân làm hai đợt; đợt 1: vào ngày 10/3/2036.\n"
    assert extract(done).of(Phase) == []


def test_a_banner_years_after_the_post_stamp_does_not_date_the_page() -> None:
    banner = "KỶ NIỆM 50 NĂM NGÀY THÀNH LẬP TỈNH (01/4/1986 – 01/4/2036)\n"
    body = (
        "Thông báo về việc treo cờ Tổ quốc chào mừng ngày lễ\n\nNgày 10/3/{year}, UBND huyện "
        "ra thông báo. Các cơ quan treo cờ vào ngày 30/4/{year}.\n"
    )
    old_post = extract(banner + "Đăng ngày: 12/3/2030 - Lượt xem: 5\n" + body.format(year=2030))
    assert old_post.document.year == 2030
    same_year = extract(banner + "Đăng ngày: 12/3/2036 - Lượt xem: 5\n" + body.format(year=2036))
    assert same_year.document.year == 2036


def test_the_day_a_gathering_opens_is_no_deadline_and_one_opening() -> None:
    text = (
        "THÔNG BÁO năm 2036\n"
        "Để chuẩn bị cho Hội thao công nhân huyện sẽ được khai mạc vào ngày 12/9, Ban tổ chức đã "
        "hoàn thành việc sửa sân. Lễ khai mạc bắt đầu lúc 7 giờ 30 ngày 12/9/2036 tại sân vận "
        "động huyện.\n"
    )
    extraction = extract(text)
    assert extraction.of(Deadline) == []
    assert [(m.day, m.start_time) for m in extraction.of(Meeting)] == [
        (date(2036, 9, 12), time(7, 30))
    ]
    sent = "THÔNG BÁO năm 2036\nCác đơn vị gửi danh sách về Ban tổ chức vào ngày 12/9/2036.\n"
    assert [d.days for d in extract(sent).of(Deadline)] == [[date(2036, 9, 12)]]


def test_a_moved_meeting_keeps_only_its_new_days() -> None:
    text = (
        "Thông báo năm 2035\n"
        "Hội nghị tổng kết công tác Đội năm 2035 sẽ tổ chức vào ngày 05-06/01/2036 tại Huế. "
        "Tuy nhiên, Ban Thường vụ quyết định chuyển thời gian tổ chức Hội nghị tổng kết công tác "
        "Đội năm 2035 sang ngày 12-13/01/2036.\n"
    )
    meetings = [e.key_dates()[0] for e in extract(text).of(Meeting)]
    assert meetings == [(date(2036, 1, 12), date(2036, 1, 13))]


def test_an_unknown_addressee_lists_the_closest_units_of_the_offices_own_file(
    tmp_path: Path,
) -> None:
    from config.files import read_bundle  # noqa: PLC0415
    from importer import directory_from_units_file  # noqa: PLC0415

    units = tmp_path / "units.yaml"
    units.write_text(
        "units:\n"
        "  - {code: phong-noi-vu, name: Phòng Nội vụ huyện Kim Sơn, emails: [a@ks.example.vn]}\n"
        "  - {code: truong-thcs-a, name: Trường THCS Kim Sơn, emails: [b@ks.example.vn]}\n"
        "groups:\n"
        "  - {code: cac-xa, name: 'UBND các xã, thị trấn', kind: category,\n"
        "     members: [phong-noi-vu]}\n",
        encoding="utf-8",
    )
    model = read_bundle([units]).units_files[0].model
    directory = directory_from_units_file(model, "units.yaml")
    text = (
        "KẾ HOẠCH thi đua năm 2036\n"
        "Các hợp tác xã nông nghiệp gửi báo cáo về Phòng Nội vụ trước ngày 15/6/2036.\n"
    )
    draft = build_draft(extract(text), directory, source_name="x.txt").text
    assert "hợp tác xã nông nghiệp" in draft
    assert "phong-noi-vu" in draft and "truong-thcs-a" in draft  # the office's own units
    assert "so-ban-nganh" not in draft  # never a code of the example province


def test_a_line_under_a_heading_that_asks_when_dates_the_meeting_it_names() -> None:
    text = (
        "KẾ HOẠCH tổ chức Hội thao mừng Đảng năm 2036\n"
        "II. Thời gian – địa điểm\n"
        "1. Thời gian tổ chức hội thao:\n"
        "– Bắt đầu lúc 7 giờ ngày 22/3/2036 (thứ bảy).\n"
        "2. Địa điểm: Sân vận động xã.\n"
    )
    meetings = [(e.title, e.day) for e in extract(text).of(Meeting)]
    assert meetings == [("Hội thao", date(2036, 3, 22))]


def test_a_gathering_held_at_a_named_place_is_one_meeting_over_its_days() -> None:
    text = (
        "KẾ HOẠCH tổ chức Hội thao ngành giáo dục năm 2036\n"
        "Vòng loại phía Tây được tổ chức tại huyện Tân Lập, thời gian từ ngày 10-21/4/2036.\n"
        "Vòng chung kết diễn ra từ ngày 28/6 - 09/7/2036 tại Nhà thi đấu tỉnh.\n"
        "Các trường tự ôn luyện từ ngày 01/5 đến ngày 20/6/2036.\n"
    )
    extraction = extract(text)
    spans = sorted((e.day, e.end) for e in extraction.of(Meeting))
    assert spans == [(date(2036, 4, 10), date(2036, 4, 21)), (date(2036, 6, 28), date(2036, 7, 9))]
    # a window held at no named place stays a span of work
    assert [(p.start, p.end) for p in extraction.of(Phase)] == [
        (date(2036, 5, 1), date(2036, 6, 20))
    ]


def test_a_gathering_over_days_counted_in_words_is_no_relative_deadline() -> None:
    text = (
        "Kế hoạch năm 2036\n"
        "Liên hoan văn nghệ cấp huyện sẽ được tổ chức trong 2 ngày, từ 14 - 15/10/2036 tại "
        "Nhà văn hóa huyện, các xã gửi danh sách đăng ký về Ban tổ chức.\n"
    )
    extraction = extract(text)
    assert [(e.day, e.end) for e in extraction.of(Meeting)] == [
        (date(2036, 10, 14), date(2036, 10, 15))
    ]
    assert extraction.of(Deadline) == []


def test_each_meeting_named_in_a_clause_of_its_own_gets_its_own_day() -> None:
    text = (
        "Kế hoạch năm 2036\n"
        "Lễ Khai mạc vào ngày 03/4/2036 và Lễ Bế mạc vào ngày 09/4/2036.\n"
        "Tổ chức họp báo ngày 20/5/2036; tọa đàm ngày 25/5/2036.\n"
    )
    days = sorted(e.day for e in extract(text).of(Meeting))
    assert days == [date(2036, 4, 3), date(2036, 4, 9), date(2036, 5, 20), date(2036, 5, 25)]


def test_a_day_given_with_its_hour_is_when_something_is_held() -> None:
    text = (
        "THÔNG BÁO\n"
        "Lịch Hội thi tin học trẻ năm 2036\n"
        "- Bốc thăm thứ tự thi: 8 giờ ngày 11/3/2036.\n"
        "- Trao giấy chứng nhận cho thí sinh: Vào lúc 16h30, ngày 14/3/2036.\n"
        "Chiều 18/3, Ban tổ chức gặp mặt các thí sinh đạt giải.\n"
        "Vào lúc 9h00 hôm nay (20/3), Hội đồng giám khảo sẽ họp phiên cuối.\n"
    )
    found = sorted((e.day, e.start_time) for e in extract(text).of(Meeting))
    assert found == [
        (date(2036, 3, 11), time(8, 0)),
        (date(2036, 3, 14), time(16, 30)),
        (date(2036, 3, 18), None),
        (date(2036, 3, 20), time(9, 0)),
    ]


def test_a_meeting_said_twice_is_one_event() -> None:
    text = (
        "Hội nghị tổng kết sẽ khai mạc lúc 8h00 ngày 12/12/2036 tại hội trường tỉnh.\n"
        "\n"
        "Hội nghị tổng kết sẽ khai mạc lúc 8h00 ngày 12/12/2036 tại hội trường tỉnh. Tiếp đó "
        "là phiên thảo luận.\n"
        "Thời gian: 14h00 ngày 12/12/2036, Hội nghị tiếp tục với phiên bế mạc.\n"
    )
    found = sorted((e.day, e.start_time) for e in extract(text).of(Meeting))
    assert found == [(date(2036, 12, 12), time(8, 0)), (date(2036, 12, 12), time(14, 0))]


def test_a_window_from_now_in_an_undated_text_keeps_its_last_day() -> None:
    text = (
        "Cuộc thi ảnh đẹp mùa xuân năm 2036\n"
        "Thời gian nhận ảnh dự thi từ nay đến hết ngày 28-2-2036 tại Nhà văn hóa thanh niên.\n"
    )
    deadline = extract(text).of(Deadline)[0]
    assert deadline.days == [date(2036, 2, 28)]
    assert deadline.review  # its first day is not known: the draft says so


def test_a_round_from_the_notices_day_in_an_undated_text_keeps_its_last_day() -> None:
    # "từ ngày ra thông báo": the first day is the notice's, which the text does not date
    text = (
        "Cuộc thi vẽ tranh thiếu nhi năm 2036\n"
        "Vòng sơ khảo: từ ngày ra thông báo đến hết ngày 20/4/2036 (theo dấu bưu điện).\n"
    )
    assert [d.days for d in extract(text).of(Deadline)] == [[date(2036, 4, 20)]]
    assert not extract(text).of(Meeting)


def test_an_item_run_into_the_sentence_before_is_labelled_by_its_own_words() -> None:
    # the marking window follows the sending window's item: it is no sending window itself
    text = (
        "Kế hoạch cuộc thi ảnh năm 2036.\n\n- Vòng 1: + Thời gian nhận tác phẩm: từ ngày 02/3 "
        "đến ngày 20/3/2036. + Thời gian chấm ảnh: từ ngày 25/3 đến ngày 05/4/2036.\n"
    )
    assert [d.days for d in extract(text).of(Deadline)] == [[date(2036, 3, 20)]]


def test_a_table_copied_as_lines_of_cells_gives_an_event_per_dated_column() -> None:
    text = (
        "THÔNG BÁO lịch Hội thi nghiệp vụ năm 2036\n"
        "| Nội dung | Điểm thi số 1 (Trường A) | Điểm thi số 2 (Trường B) |\n"
        "1 | Họp ban giám khảo | 8 giờ ngày 02/3/2036 | 8 giờ ngày 04/3/2036 |\n"
        "2 | Thi thực hành (theo lịch của Hội thi) | Từ 7 giờ ngày 05/3/2036 đến 11 giờ ngày "
        "07/3/2036 | Từ 7 giờ ngày 09/3/2036 đến 11 giờ ngày 11/3/2036 |\n"
        "Sở sẽ gửi giấy mời sau.\n"
    )
    extraction = extract(text)
    meetings = sorted((e.day, e.start_time) for e in extraction.of(Meeting))
    assert meetings == [(date(2036, 3, 2), time(8, 0)), (date(2036, 3, 4), time(8, 0))]
    assert sorted((p.start, p.end) for p in extraction.of(Phase)) == [
        (date(2036, 3, 5), date(2036, 3, 7)),
        (date(2036, 3, 9), date(2036, 3, 11)),
    ]
    assert extract(text).events[0].source.line in {3, 4}  # rows keep their line numbers


def test_a_news_page_reports_a_meeting_held_on_its_own_day() -> None:
    text = (
        "Tổng kết phong trào thi đua ngành y tế\n"
        "Cập nhật, 09:15, Thứ Sáu, 17/01/2036 (GMT+7)\n"
        "Phát biểu tại hội nghị tổng kết công tác thi đua năm 2035 vào sáng 17/01/2036, Giám đốc "
        "Sở yêu cầu các đơn vị nỗ lực hơn.\n"
        "Hội nghị sơ kết giữa năm sẽ tổ chức vào ngày 20/7/2036.\n"
    )
    extraction = extract(text)
    assert [e.day for e in extraction.of(Meeting)] == [date(2036, 7, 20)]


def test_a_stored_copys_date_stamp_dates_the_page_not_an_event() -> None:
    text = "date 2036-03-02 Sáng 02/3, huyện tổ chức Lễ ra quân đầu xuân tại quảng trường.\n"
    extraction = extract(text)
    assert extraction.document.year == 2036
    assert extraction.of(Meeting) == []  # held the day the page was posted


def test_a_meetings_line_with_a_weekday_is_not_the_documents_dating_line() -> None:
    text = (
        "KẾ HOẠCH tổ chức Lễ tổng kết năm học 2035-2036\n"
        "2. Thời gian, địa điểm\n"
        "- Thời gian:\n"
        "• Cơ sở 1: 8h00 sáng thứ Bảy, ngày 23/5/2036.\n"
        "• Cơ sở 2: 14h00 chiều thứ Bảy, ngày 23/5/2036.\n"
    )
    extraction = extract(text)
    assert extraction.document.date is None
    assert sorted(e.start_time for e in extraction.of(Meeting)) == [time(8, 0), time(14, 0)]


def test_days_without_a_year_fall_in_the_school_year_the_full_dates_name() -> None:
    text = (
        "Khung kế hoạch thời gian năm học của tỉnh\n"
        "Tổ chức khai giảng vào ngày 5.9.\n"
        "Kết thúc học kỳ I trước ngày 15.1.2037, kết thúc năm học trước ngày 31.5.2037.\n"
        "Hoàn thành tuyển sinh đầu cấp trước ngày 31.7.2037.\n"
    )
    meeting = extract(text).of(Meeting)[0]
    assert meeting.day == date(2036, 9, 5)


def test_a_news_page_is_dated_by_the_document_it_reports() -> None:
    text = (
        "Phát động thi đua chào mừng ngày hội của ngành\n"
        "Để chuẩn bị cho ngày hội, ngày 14-5-2036, Giám đốc Sở đã ký Quyết định số 88/QĐ-SVH ban "
        "hành Kế hoạch phát động đợt thi đua chào mừng ngày hội. Đợt thi đua được triển khai từ "
        "khi Kế hoạch được ban hành đến hết ngày 30-6-2036.\n"
    )
    extraction = extract(text)
    assert extraction.document.date == date(2036, 5, 14)
    assert [(p.start, p.end) for p in extraction.of(Phase)] == [
        (date(2036, 5, 14), date(2036, 6, 30))
    ]
    assert extraction.of(Meeting) == []  # the signing day is no launch ceremony


def test_an_anniversary_count_that_lands_far_from_the_text_is_another_day() -> None:
    text = (
        "Kế hoạch tuyên truyền năm 2036\n"
        "Tuyên truyền kỷ niệm 80 năm Chiến thắng Điện Biên Phủ (7/5/1954 - 7/5/2034) đã qua và "
        "kỷ niệm 70 năm Chiến thắng của quân dân xã nhà.\n"
    )
    days = [e.day for e in extract(text).of(Commemoration)]
    assert all(abs(d.year - 2036) <= 2 for d in days)


def test_a_range_told_as_done_or_counted_is_no_event() -> None:
    text = (
        "Kế hoạch thi đua năm 2037\n"
        "Năm 2036, từ ngày 10/5 đến 20/5/2036 huyện đã tổ chức thành công Hội thao ngành.\n"
        "Từ ngày 01/01/2037 đến ngày 15/3/2037, toàn huyện có 35 tập thể được khen thưởng.\n"
        "Từ ngày 01/6 đến ngày 15/6/2037 các xã tự kiểm tra, chấm điểm.\n"
    )
    spans = [(p.start, p.end) for p in extract(text).of(Phase)]
    assert spans == [(date(2037, 6, 1), date(2037, 6, 15))]


def test_headlines_of_other_articles_are_set_aside() -> None:
    text = (
        "Tin mới\n"
        "Hội nghị tổng kết công tác thi đua năm 2036 (15/01/2037)\n"
        "Lễ phát động phong trào thi đua nông thôn mới (10/01/2037)\n"
        "Sở Nội vụ hướng dẫn công tác thi đua năm 2037\n"
        "Các đơn vị gửi đăng ký thi đua về Sở trước ngày 15/3/2037.\n"
    )
    extraction = extract(text)
    assert extraction.document.year == 2037
    assert [e.kind for e in extraction.events] == ["deadline"]


def test_a_meeting_cited_for_what_was_said_there_is_no_event() -> None:
    text = (
        "ỦY BAN NHÂN DÂN HUYỆN ĐÔNG SƠN\n"
        "Số: 5/KH-UBND                 Đông Sơn, ngày 20 tháng 3 năm 2037\n"
        "Thực hiện ý kiến chỉ đạo của Chủ tịch UBND tỉnh tại Hội nghị giao ban ngày 25/4/2037.\n"
        "Tổ chức Hội nghị sơ kết vào ngày 15/7/2037.\n"
    )
    assert [e.day for e in extract(text).of(Meeting)] == [date(2037, 7, 15)]


def test_a_news_lead_reports_a_meeting_held_a_document_schedules_it() -> None:
    lead = (
        "Sáng 12/3, tại hội trường tỉnh, Sở Văn hóa tổ chức Lễ phát động phong trào thi đua năm "
        "2036. Phong trào được thực hiện từ ngày 12/3/2036 đến ngày 30/11/2036.\n"
    )
    news = extract("Sở Văn hóa phát động thi đua năm 2036\n" + lead)
    assert news.of(Meeting) == []  # a news page's lead: held
    assert news.document.period == (date(2036, 3, 12), date(2036, 11, 30))  # the drive stays
    notice = extract("THÔNG BÁO\nLịch phát động thi đua năm 2036\n" + lead)
    assert [e.day for e in notice.of(Meeting)] == [date(2036, 3, 12)]
    coming = extract(
        "Sở Văn hóa phát động thi đua năm 2036\n" + lead.replace("tổ chức", "sẽ tổ chức")
    )
    assert [e.day for e in coming.of(Meeting)] == [date(2036, 3, 12)]


def test_a_page_stamped_with_its_month_dates_the_year_and_what_lies_ahead() -> None:
    text = (
        "date 2036-07 Hội thao ngành khai mạc\n"
        "Tối 28-7, tại sân vận động tỉnh, Sở tổ chức Lễ khai mạc Hội thao ngành.\n"
        "Chiều ngày 6-8, Lễ bế mạc Hội thao được tổ chức tại nhà thi đấu.\n"
    )
    extraction = extract(text)
    assert extraction.document.year == 2036
    assert [e.day for e in extraction.of(Meeting)] == [date(2036, 8, 6)]  # the opening was held


def test_one_gathering_named_twice_on_its_day_is_one_meeting() -> None:
    text = (
        "Kế hoạch năm 2036\n"
        "Huyện tổ chức Ngày hội văn hóa các dân tộc năm 2036 vào ngày 04/11/2036.\n"
        "Ngày hội cấp huyện được tổ chức ngày 04/11/2036 tại xã An Lạc.\n"
    )
    assert [e.day for e in extract(text).of(Meeting)] == [date(2036, 11, 4)]


def test_a_lead_may_say_where_before_its_comma() -> None:
    text = (
        "Khai mạc giải bóng đá thanh niên năm 2036\n"
        "Tối 12-4 trên sân vận động huyện An Lạc, Huyện đoàn tổ chức Lễ khai mạc giải.\n"
        "Sáng qua (11/4), Ban tổ chức họp báo giới thiệu giải.\n"
    )
    assert extract(text).of(Meeting) == []


def test_a_sites_menu_or_contact_bar_is_neither_title_nor_issuer() -> None:
    text = (
        "HOTLINE: 0912 345 678 | THƯ VIỆN | LIÊN HỆ\n"
        "Tổ chức Hội thao ngành giáo dục năm 2036\n"
        "Sở Giáo dục và Đào tạo vừa ban hành Kế hoạch tổ chức Hội thao ngành năm 2036.\n"
    )
    document = extract(text).document
    assert document.title is not None and document.title.startswith("Tổ chức Hội thao")
    assert document.issuer is None or "HOTLINE" not in document.issuer.upper()


def test_a_schedule_table_copied_cell_by_cell_keeps_activities_not_rooms_or_people() -> None:
    text = (
        "LỊCH CÔNG TÁC CỦA THƯỜNG TRỰC UBND HUYỆN\n"
        "Tuần thứ: Năm:\n"
        "Từ ngày 09/03/2037 đến ngày 15/03/2037\n"
        "Thứ 2\n09/3\nSáng\n"
        "(8h30) Họp Ban chỉ đạo chuyển đổi số huyện\n"
        "P. họp 2 tầng 3\n"
        "PCT Lê Thị Hoa\n"
        "Các Phó Chủ tịch liên quan\n"
        "Dự Lễ ra quân tháng thanh niên tại xã Hòa Bình\n"
        "Trụ sở UBND xã Hòa Bình\n"
    )
    extraction = extract(text)
    meetings = extraction.of(Meeting)
    assert [(m.day, m.start_time) for m in meetings] == [
        (date(2037, 3, 9), time(8, 30)),
        (date(2037, 3, 9), None),
    ]
    assert meetings[0].title.startswith("Họp Ban chỉ đạo")
    assert not extraction.of(Phase)  # the schedule's own week is no span


def test_a_dating_line_run_into_other_text_is_no_launch() -> None:
    text = (
        "LIÊN ĐỘI TRƯỜNG THCS AN LẠC An Lạc, ngày 02 tháng 11 năm 2036 Số 7 KHLĐ KẾ HOẠCH "
        "“Phát động phong trào thi đua chào mừng Ngày Nhà giáo Việt Nam 20/11”.\n"
        "Hội nghị sơ kết được tổ chức vào Thứ Sáu, ngày 28 tháng 11 năm 2036 tại hội trường.\n"
    )
    assert [m.day for m in extract(text).of(Meeting)] == [date(2036, 11, 28)]


def test_a_days_name_in_lower_case_is_a_common_noun() -> None:
    text = (
        "Kế hoạch tuyên truyền năm 2036\n"
        "Các hoạt động kỷ niệm góp phần thực hiện tốt chủ trương của Đảng, chính sách, "
        "pháp luật của Nhà nước.\n"
    )
    assert extract(text).of(Commemoration) == []


def test_a_holiday_named_with_le_is_a_commemoration_not_a_ceremony() -> None:
    text = (
        "Kế hoạch các ngày lễ lớn năm 2036\n"
        "Các ngày lễ gồm: Lễ Giỗ Tổ Hùng Vương mùng 10 tháng 3 âm lịch (ngày 06/4/2036 dương "
        "lịch); Lễ kỷ niệm Ngày Giải phóng miền Nam tổ chức ngày 30/4/2036.\n"
    )
    extraction = extract(text)
    assert [m.day for m in extraction.of(Meeting)] == [date(2036, 4, 30)]
    assert date(2036, 4, 6) in [c.day for c in extraction.of(Commemoration)]


def test_a_founding_day_alone_beside_its_count_dates_the_anniversary() -> None:
    text = (
        "Kế hoạch tuyên truyền năm 2036\n"
        "Kỷ niệm 92 năm Ngày thành lập Quân đội nhân dân Việt Nam (22/12/1944"
    )
    memorial = extract(text).of(Commemoration)[0]
    assert memorial.day == date(2036, 12, 22)


def test_an_anniversarys_founding_year_does_not_date_the_text() -> None:
    text = (
        "Tuyên truyền kỷ niệm Chiến thắng Điện Biên Phủ\n"
        "Huyện tuyên truyền về Chiến thắng Điện Biên Phủ (7/5/1954 - 7/5/2039).\n"
        "Ngày 7/5/1954, chiến dịch toàn thắng (ảnh tư liệu).\n"
        "Lễ kỷ niệm cấp tỉnh dự kiến tổ chức ngày 06/5/2039.\n"
    )
    extraction = extract(text)
    assert extraction.document.year == 2039
    assert [m.day for m in extraction.of(Meeting)] == [date(2039, 5, 6)]


def test_what_was_done_in_another_clause_does_not_make_a_meeting_past() -> None:
    text = (
        "Huyện An Lạc họp chuẩn bị Đại hội Thi đua yêu nước\n"
        "28/06/2036 10:05\n"
        "Các đại biểu đã tiến hành thảo luận, thống nhất số lượng đại biểu dự Đại hội là 150 "
        "đại biểu; thời gian tổ chức đại hội vào ngày 8/7/2036.\n"
    )
    assert [m.day for m in extract(text).of(Meeting)] == [date(2036, 7, 8)]


def test_a_meeting_is_named_by_the_noun_of_its_own_clause() -> None:
    text = (
        "Kế hoạch năm 2036\n"
        "Tuyên truyền các hoạt động: Lễ dâng hương tại các di tích; Lễ mít tinh cấp tỉnh dự "
        "kiến 7h30, ngày 19/5/2036 tại quảng trường.\n"
    )
    meeting = extract(text).of(Meeting)[0]
    assert meeting.day == date(2036, 5, 19) and meeting.title.startswith("Lễ mít tinh")


def test_table_rows_with_a_range_are_windows_not_headlines() -> None:
    text = (
        "KẾ HOẠCH xét danh hiệu thi đua năm 2036\n"
        "| STT | Nội dung | Thời gian | Đơn vị thực hiện |\n"
        "| 1 | Các trường họp xét danh hiệu | 01/6/2036 - 10/6/2036 | Các trường |\n"
        "| 2 | Phòng thẩm định hồ sơ | 15/6/2036 - 30/6/2036 | Phòng Nội vụ |\n"
    )
    phases = extract(text).of(Phase)
    assert [(p.start, p.end) for p in phases] == [
        (date(2036, 6, 1), date(2036, 6, 10)),
        (date(2036, 6, 15), date(2036, 6, 30)),
    ]
    assert phases[1].title == "Phòng thẩm định hồ sơ"


def test_a_news_page_tells_what_came_before_it_as_held() -> None:
    text = (
        "date 2036-03 Huyện đoàn ra quân Tháng Thanh niên\n"
        "Trước đó, ngày 25/2, Ban Thường vụ Huyện đoàn họp thống nhất kế hoạch.\n"
        "Ngày 27/2, Ban chỉ đạo đã họp phân công nhiệm vụ.\n"
        "Hội thi Thanh niên với văn hóa giao thông sẽ diễn ra vào ngày 26/3/2036.\n"
    )
    assert [m.day for m in extract(text).of(Meeting)] == [date(2036, 3, 26)]


def test_a_contests_rounds_are_meetings() -> None:
    text = (
        "THÔNG BÁO Hội thi tìm hiểu pháp luật năm 2036\n"
        "Vòng sơ khảo: ngày 25/5/2036; vòng chung kết dự kiến ngày 15/6/2036 tại Nhà văn hóa "
        "tỉnh.\n"
    )
    meetings = extract(text).of(Meeting)
    assert [m.day for m in meetings] == [date(2036, 5, 25), date(2036, 6, 15)]
    assert meetings[1].title == "Vòng chung kết"


def test_a_timeline_names_camps_and_the_work_after_a_colon() -> None:
    text = (
        "UBND XÃ AN PHÚ\nAn Phú, ngày 05 tháng 3 năm 2036\nKẾ HOẠCH\n"
        "2. Từ ngày 10/3 đến 25/3/2036: tổ chức các hoạt động tình nguyện tại các thôn.\n"
        "3. Ngày 20/3/2036: tổ chức Hội trại thanh niên tại sân vận động xã.\n"
    )
    extraction = extract(text)
    assert extraction.of(Phase)[0].title == "Tổ chức các hoạt động tình nguyện tại các thôn"
    assert [m.day for m in extraction.of(Meeting)] == [date(2036, 3, 20)]


def test_a_monthly_report_due_on_a_day_of_the_reported_month_recurs() -> None:
    text = (
        "QUYẾT ĐỊNH Quy định chế độ báo cáo năm 2036\n"
        "Báo cáo hằng tháng gửi chậm nhất vào ngày 18 của tháng báo cáo.\n"
    )
    deadline = extract(text).of(Deadline)[0]
    assert deadline.due["rrule"] == "FREQ=MONTHLY;BYMONTHDAY=18"


def test_a_deadline_on_two_days_of_each_month_is_one_recurring_rule() -> None:
    text = (
        "Thông báo lịch tiếp công dân năm 2036\n"
        "Công dân đăng ký tiếp trước ngày 5 và 15 hằng tháng tại Văn phòng UBND xã.\n"
    )
    deadline = extract(text).of(Deadline)[0]
    assert deadline.due["rrule"] == "FREQ=MONTHLY;BYMONTHDAY=5,15"
    assert len(deadline.days) == 24 and deadline.days[1] == date(2036, 1, 15)
    again = extract(text.replace("ngày 5 và 15", "ngày 5 và ngày 15")).of(Deadline)[0]
    assert again.due["rrule"] == deadline.due["rrule"]
    # one day of a month and its year is no rule of each month
    once = extract("Kế hoạch năm 2036\nCác thôn gửi báo cáo trước ngày 5 và 15 tháng 3/2036.\n")
    assert all("rrule" not in d.due for d in once.of(Deadline))


def test_a_quarterly_report_due_in_the_quarters_last_month_or_months_listed_recurs() -> None:
    text = (
        "Kế hoạch công tác dân vận năm 2036 của UBND huyện An Lão\n"
        "Các xã gửi báo cáo quý trước ngày 15 của tháng cuối mỗi quý.\n"
        "Định kỳ hằng quý, các phòng gửi báo cáo về Văn phòng trước ngày 20 tháng 3, 6, 9 và 12.\n"
        "Các trường gửi báo cáo sơ kết trước ngày 30 tháng 6 và 31 tháng 12.\n"
    )
    deadlines = extract(text).of(Deadline)
    rules = sorted(d.due.get("rrule", "") for d in deadlines)
    assert "FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=15" in rules
    assert "FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=20" in rules
    quarterly = next(d for d in deadlines if d.due.get("rrule", "").startswith("FREQ=YEARLY"))
    assert quarterly.days == [date(2036, m, 20) for m in (3, 6, 9, 12)]
    # two days of two months are two days, no rule
    assert date(2036, 6, 30) in [day for d in deadlines if "rrule" not in d.due for day in d.days]


def test_a_quarters_or_half_years_month_worded_otherwise_recurs() -> None:
    text = (
        "Kế hoạch công tác thi đua năm 2036 của UBND huyện Phù Cát\n"
        "Các xã gửi hồ sơ về Phòng Nội vụ trước ngày 12 của tháng cuối cùng hàng quý trong năm.\n"
        "Hằng quý, các trường gửi báo cáo chậm nhất là ngày 8 tháng đầu tiên của quý sau.\n"
        "Các hội đoàn thể nộp danh sách về Văn phòng ngày 22 tháng cuối quý.\n"
        "Báo cáo sơ kết gửi trước ngày 18 của tháng cuối mỗi 6 tháng.\n"
    )
    rules = sorted(d.due["rrule"] for d in extract(text).of(Deadline) if "rrule" in d.due)
    assert rules == [
        "FREQ=MONTHLY;BYMONTH=1,4,7,10;BYMONTHDAY=8",
        "FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=12",
        "FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=22",
        "FREQ=MONTHLY;BYMONTH=6,12;BYMONTHDAY=18",
    ]


def test_a_bare_day_of_a_quarters_month_that_nothing_sends_on_is_no_deadline() -> None:
    for sentence in (
        "Lãnh đạo xã tiếp công dân ngày 12 tháng cuối quý tại trụ sở.",
        "Các thôn tổ chức họp dân ngày 12 hằng tháng.",
    ):
        assert not extract(f"Kế hoạch năm 2036 của UBND xã Cát Hanh\n{sentence}\n").of(Deadline)


def test_an_undated_reply_keeps_a_recurring_deadlines_days_after_the_letter_it_cites() -> None:
    text = (
        "Sở Y tế nhận được Công văn số 45/SNV-TĐKT ngày 20/5/2036 của Sở Nội vụ về công tác "
        "thi đua. Sở Y tế đề nghị các đơn vị gửi báo cáo trước ngày 10 của tháng cuối mỗi quý.\n"
    )
    deadline = next(d for d in extract(text).of(Deadline) if "rrule" in d.due)
    assert deadline.days == [date(2036, 6, 10), date(2036, 9, 10), date(2036, 12, 10)]
    # the draft says where the rule starts, so that loading it gives the same days
    assert deadline.due["start"] == "20/05/2036"


def test_a_report_due_on_a_weekday_of_each_week_is_a_weekly_recurring_deadline() -> None:
    text = (
        "Kế hoạch phòng, chống sốt xuất huyết năm 2036 của UBND huyện Tam Nông\n"
        "Các trạm y tế gửi báo cáo số ca mắc về Trung tâm Y tế huyện trước 16 giờ thứ Sáu "
        "hằng tuần.\n"
        "Các xã cập nhật kết quả phun hóa chất vào thứ Hai và thứ Năm hằng tuần.\n"
        "Ban Chỉ đạo họp giao ban vào sáng thứ Ba hằng tuần tại Hội trường UBND huyện.\n"
    )
    deadlines = {d.due["rrule"]: d for d in extract(text).of(Deadline)}
    assert sorted(deadlines) == ["FREQ=WEEKLY;BYDAY=FR", "FREQ=WEEKLY;BYDAY=MO,TH"]
    friday = deadlines["FREQ=WEEKLY;BYDAY=FR"]
    assert friday.due["before"] and len(friday.days) == 52 and friday.days[0] == date(2036, 1, 4)
    assert not deadlines["FREQ=WEEKLY;BYDAY=MO,TH"].due["before"]


def test_a_news_pages_date_line_its_other_articles_and_counted_meetings_are_no_events() -> None:
    text = (
        "Cụm thi đua số 3 sơ kết 6 tháng đầu năm 2036\n"
        "15/07/2036\n"
        "Theo báo cáo, các đơn vị đã tổ chức 45 hội nghị, hội thảo; ngày 20/7/2036 Cụm ký "
        "kết giao ước thi đua bổ sung.\n"
        "Hội nghị lần trước được tổ chức ngày 10/01/2036 tại tỉnh Đông Sơn.\n"
        "Hội nghị thống nhất tổ chức Hội nghị tổng kết Cụm vào ngày 15/12/2036.\n"
        "Tin mới:\n"
        "Hội nghị giao ban thi đua quý III (30/07/2036)\n"
    )
    extraction = extract(text)
    assert extraction.document.published == date(2036, 7, 15)
    meetings = extraction.of(Meeting)
    assert [(m.day, m.title) for m in meetings] == [(date(2036, 12, 15), "Hội nghị tổng kết Cụm")]


def test_a_deadline_that_opens_its_sentence_is_named_by_what_follows() -> None:
    text = (
        "KẾ HOẠCH bình xét thi đua năm 2036\n"
        "Chậm nhất đến ngày 25/11/2036, các đơn vị hoàn thành việc bình xét.\n"
        "Hạn chót nhận hồ sơ: ngày 30/11/2036.\n"
    )
    deadlines = extract(text).of(Deadline)
    assert [(d.days, d.what) for d in deadlines] == [
        ([date(2036, 11, 25)], "Hoàn thành việc bình xét"),
        ([date(2036, 11, 30)], "Hồ sơ"),
    ]


def test_a_quarter_that_says_when_things_happen_is_no_deadline() -> None:
    text = (
        "Huyện triển khai kế hoạch năm 2036\n"
        "Lãnh đạo huyện chỉ đạo các ngành xây dựng kế hoạch tổ chức tốt các hoạt động văn hóa, "
        "thể thao, tuyên truyền các ngày lễ lớn trong quý II năm 2036.\n"
        "Các xã hoàn thành việc rà soát trong quý III/2036.\n"
    )
    deadlines = extract(text).of(Deadline)
    assert [d.days for d in deadlines] == [[date(2036, 9, 30)]]


def test_three_days_listed_make_one_gathering_over_them() -> None:
    text = (
        "KẾ HOẠCH Tổ chức Hội thao năm 2036\n"
        "Hội thao diễn ra trong các ngày 12, 13, 14/11/2036 tại Nhà thi đấu huyện.\n"
    )
    meeting = extract(text).of(Meeting)[0]
    assert (meeting.day, meeting.end) == (date(2036, 11, 12), date(2036, 11, 14))


def test_an_hour_that_opens_a_system_or_closes_a_window_is_no_meeting() -> None:
    text = (
        "THÔNG BÁO Cuộc thi ảnh năm 2036\n"
        "Cổng thông tin điện tử mở từ 00 giờ 00 ngày 01/7/2036 cho thí sinh tra cứu.\n"
        "Hồ sơ dự thi nộp trực tiếp từ 8 giờ ngày 10/6/2036 đến 17 giờ ngày 20/6/2036.\n"
        "Tổ chức bốc thăm thứ tự thi: 8 giờ ngày 25/6/2036.\n"
    )
    extraction = extract(text)
    assert [m.day for m in extraction.of(Meeting)] == [date(2036, 6, 25)]
    assert extraction.of(Phase)[0].title == "Hồ sơ dự thi nộp trực tiếp"


def test_a_numbered_time_line_dates_the_meeting_its_plan_names() -> None:
    text = (
        "UBND HUYỆN PHÚ LỘC\nPhú Lộc, ngày 01 tháng 12 năm 2036\nKẾ HOẠCH\n"
        "Tổ chức Hội nghị tổng kết công tác thi đua, khen thưởng năm 2036\n"
        "I. THỜI GIAN, ĐỊA ĐIỂM\n"
        "1. Thời gian: 01 buổi, bắt đầu từ 8h00, thứ Sáu ngày 26/12/2036.\n"
        "2. Địa điểm: Hội trường UBND huyện.\n"
    )
    meeting = extract(text).of(Meeting)[0]
    assert (meeting.day, meeting.start_time, meeting.location) == (
        date(2036, 12, 26),
        time(8, 0),
        "Hội trường UBND huyện",
    )
    assert meeting.title.startswith("Hội nghị tổng kết")


def test_one_window_said_twice_is_one_span() -> None:
    text = (
        "UBND TỈNH NAM AN\nNam An, ngày 10 tháng 8 năm 2036\nKẾ HOẠCH\n"
        "3. Các đơn vị treo cờ Tổ quốc từ ngày 30/8 đến hết ngày 02/9/2036.\n"
        "4. Thời gian treo cờ: từ ngày 30/8/2036 đến ngày 02/9/2036.\n"
        "5. Các trường tổ chức tuyên truyền từ ngày 30/8 đến ngày 02/9/2036.\n"
    )
    phases = extract(text).of(Phase)
    assert [p.title for p in phases] == [
        "Các đơn vị treo cờ Tổ quốc",
        "Các trường tổ chức tuyên truyền",
    ]


def test_headlines_dated_first_and_a_most_read_box_are_other_articles() -> None:
    text = (
        "Huyện An Lạc tổng kết phong trào thi đua năm 2036\n"
        "Hội nghị sơ kết năm 2037 dự kiến tổ chức ngày 15/7/2037.\n"
        "14/12/2036 - Khai mạc Hội thi văn nghệ quần chúng huyện\n"
        "05/12/2036 | Lễ phát động Tết trồng cây năm 2037 vào ngày 05/02/2037\n"
        "Xem nhiều\n"
        "Tọa đàm về công tác thi đua (20/01/2037)\n"
    )
    assert [m.day for m in extract(text).of(Meeting)] == [date(2037, 7, 15)]


def test_a_timeline_of_days_with_colons_is_no_list_of_headlines() -> None:
    text = (
        "KẾ HOẠCH tháng thanh niên năm 2036\n"
        "20/3/2036: tổ chức Hội trại thanh niên tại sân vận động xã.\n"
        "26/3/2036: tổ chức Lễ mít tinh kỷ niệm ngày thành lập Đoàn.\n"
    )
    assert [m.day for m in extract(text).of(Meeting)] == [date(2036, 3, 20), date(2036, 3, 26)]


def test_an_anniversary_the_document_looks_back_on_is_no_event() -> None:
    text = (
        "UBND TỈNH HÒA NAM\nHòa Nam, ngày 05 tháng 01 năm 2036\nBÁO CÁO\n"
        "Năm 2035, tỉnh đã tổ chức thành công các hoạt động kỷ niệm 50 năm Ngày giải phóng "
        "miền Nam, thống nhất đất nước (30/4/1975 - 30/4/2025).\n"
        "Năm 2036, tỉnh tuyên truyền kỷ niệm 106 năm Ngày thành lập Đảng (3/2/1930 - 3/2/2036).\n"
    )
    extraction = extract(text)
    assert [c.day for c in extraction.of(Commemoration)] == [date(2036, 2, 3)]
    assert any("30/04/2025" in n.message for n in extraction.notes)


def test_a_decisions_day_before_a_meetings_name_does_not_date_it() -> None:
    text = (
        "UBND TỈNH HÒA NAM\nHòa Nam, ngày 05 tháng 3 năm 2036\nKẾ HOẠCH\n"
        "Theo Quyết định phê duyệt ngày 12/02/2036, Hội nghị tổng kết tổ chức vào ngày "
        "20/3/2036.\n"
        "Ngày 01/3/2036, Ban chỉ đạo đã họp; Lễ ra quân tổ chức vào ngày 25/3/2036.\n"
    )
    assert [m.day for m in extract(text).of(Meeting)] == [date(2036, 3, 20), date(2036, 3, 25)]


def test_a_news_report_told_as_just_held_is_no_event() -> None:
    text = (
        "Huyện An Lạc tổng kết phong trào thi đua năm 2036\n"
        "Vừa qua, UBND huyện tổ chức Hội nghị tổng kết phong trào thi đua vào ngày 20/12/2036.\n"
        "Mới đây, tại Hội trường xã, Đảng ủy xã tổ chức Lễ trao Huy hiệu Đảng ngày 18/12/2036.\n"
        "Trong 2 ngày 15 và 16/12/2036, Huyện đoàn tổ chức Hội trại thanh niên.\n"
        "Theo kế hoạch, Hội nghị sơ kết năm 2037 sẽ diễn ra ngày 10/7/2037.\n"
    )
    extraction = extract(text)
    assert [m.day for m in extraction.of(Meeting)] == [date(2037, 7, 10)]
    assert not extraction.of(Review)


def test_a_plan_whose_sentence_opens_with_the_days_names_the_gathering_after_them() -> None:
    text = (
        "UBND HUYỆN AN LẠC\nAn Lạc, ngày 01 tháng 11 năm 2036\nKẾ HOẠCH tổng kết năm 2036\n"
        "Trong 2 ngày 15 và 16/12/2036, Huyện đoàn tổ chức Hội trại thanh niên tại xã An Bình.\n"
    )
    meeting = extract(text).of(Meeting)[0]
    assert (meeting.day, meeting.end) == (date(2036, 12, 15), date(2036, 12, 16))
    assert meeting.title.startswith("Hội trại thanh niên")


def test_a_deadline_or_window_long_gone_by_when_the_document_is_issued_is_no_event() -> None:
    text = (
        "UBND TỈNH HÒA NAM\nHòa Nam, ngày 01 tháng 6 năm 2036\nKẾ HOẠCH\n"
        "Năm 2035, 100% đơn vị gửi báo cáo trước ngày 15/12/2035 theo quy định.\n"
        "Từ ngày 01/3 đến ngày 30/4/2036, các đơn vị tự kiểm tra.\n"
        "Các đơn vị gửi hồ sơ trước ngày 30/9/2036.\n"
        "Từ ngày 01/7 đến ngày 31/7/2036, các đơn vị tự chấm điểm.\n"
    )
    extraction = extract(text)
    assert [d.days for d in extraction.of(Deadline)] == [[date(2036, 9, 30)]]
    assert [(p.start, p.end) for p in extraction.of(Phase)] == [
        (date(2036, 7, 1), date(2036, 7, 31))
    ]


def test_a_school_year_in_the_opening_line_dates_days_of_the_next_calendar_year() -> None:
    text = (
        "TRƯỜNG THCS AN LẠC\n"
        "KẾ HOẠCH thi đua năm học 2036-2037\n"
        "- Khai giảng năm học mới: ngày 05/9.\n"
        "- Sơ kết học kỳ I: trước ngày 15/01.\n"
        "- Các tổ nộp hồ sơ thi đua trước ngày 20/5.\n"
    )
    extraction = extract(text)
    assert [e.day for e in extraction.of(Meeting)] == [date(2036, 9, 5)]
    assert sorted(d.days[0] for d in extraction.of(Deadline)) == [
        date(2037, 1, 15),
        date(2037, 5, 20),
    ]


def test_links_to_other_articles_inside_the_text_are_no_events() -> None:
    text = (
        "Huyện Tây Sơn phát động thi đua năm 2036\n"
        "Xem thêm: Huyện Tây Sơn tổ chức Hội nghị tổng kết năm 2036 (15/12/2036)\n"
        ">> Hội thi cán bộ văn hóa xã giỏi sẽ diễn ra ngày 20/3/2036\n"
        "Theo kế hoạch, Hội nghị sơ kết dự kiến tổ chức ngày 15/7/2036.\n"
    )
    assert [m.day for m in extract(text).of(Meeting)] == [date(2036, 7, 15)]


def test_a_schedule_line_gives_its_hour_and_place_and_a_bulleted_attendance_is_no_item() -> None:
    text = (
        "Lịch công tác tuần 51 của Thường trực UBND huyện (từ ngày 15/12 đến ngày 19/12/2036)\n"
        "THỨ HAI (15/12/2036):\n"
        "- 14h00: Phó Chủ tịch dự Hội nghị tổng kết ngành Giáo dục. Địa điểm: Hội trường huyện.\n"
        "THỨ BA (16/12/2036):\n"
        "- Cả ngày: Chủ tịch UBND huyện đi kiểm tra các công trình tại xã An Bình.\n"
        "- Thành phần: Trưởng phòng Kinh tế - Hạ tầng; Trưởng phòng Tài chính - Kế hoạch.\n"
    )
    meetings = extract(text).of(Meeting)
    assert [(m.day, m.start_time, m.location) for m in meetings] == [
        (date(2036, 12, 15), time(14, 0), "Hội trường huyện"),
        (date(2036, 12, 16), None, None),
    ]
    assert meetings[0].title == "Phó Chủ tịch dự Hội nghị tổng kết ngành Giáo dục"
    assert meetings[1].title.startswith("Chủ tịch UBND huyện đi kiểm tra")


def test_a_week_schedule_copied_as_a_table_makes_a_meeting_of_each_row() -> None:
    text = (
        "LỊCH CÔNG TÁC CỦA THƯỜNG TRỰC UBND HUYỆN\n"
        "(Từ ngày 15/12/2036 đến ngày 19/12/2036)\n"
        "| Thứ | Ngày | Thời gian | Nội dung công việc | Địa điểm |\n"
        "| Thứ Hai | 15/12/2036 | 8h00 | Họp giao ban Thường trực UBND huyện | Phòng họp 1 |\n"
        "| | | 14h00 | Dự Hội nghị tổng kết ngành Giáo dục | Hội trường huyện |\n"
        "| Thứ Ba | 16/12/2036 | Cả ngày | Kiểm tra các công trình tại xã An Bình | Xã An Bình |\n"
    )
    meetings = extract(text).of(Meeting)
    assert [(m.day, m.start_time, m.location) for m in meetings] == [
        (date(2036, 12, 15), time(8, 0), "Phòng họp 1"),
        (date(2036, 12, 15), time(14, 0), "Hội trường huyện"),
        (date(2036, 12, 16), None, "Xã An Bình"),
    ]
    assert meetings[1].title == "Dự Hội nghị tổng kết ngành Giáo dục"


def test_a_text_without_diacritics_is_read_as_a_marked_one() -> None:
    text = (
        "UBND XA AN LAC\nAn Lac, ngay 01 thang 11 nam 2036\nKE HOACH\n"
        "To chuc Hoi nghi tong ket phong trao thi dua nam 2036 cua xa An Lac, tinh Nam Son\n"
        "Hoi nghi tong ket du kien to chuc vao ngay 20/12/2036 tai Hoi truong UBND xa.\n"
        "Cac thon gui bao cao tong ket ve UBND xa truoc ngay 10/12/2036.\n"
    )
    extraction = extract(text)
    assert [m.day for m in extraction.of(Meeting)] == [date(2036, 12, 20)]
    assert [d.days for d in extraction.of(Deadline)] == [[date(2036, 12, 10)]]


def test_a_marked_text_is_left_as_it_is() -> None:
    assert not unmarked("Hội nghị tổng kết dự kiến tổ chức vào ngày 20/12/2036. " * 10)
    assert unmarked("Hoi nghi tong ket du kien to chuc vao ngay 20/12/2036. " * 10)


def test_a_plans_table_with_the_day_first_dates_what_its_row_says() -> None:
    text = (
        "UBND HUYỆN AN LẠC\nAn Lạc, ngày 01 tháng 3 năm 2036\nKẾ HOẠCH thi đua năm 2036\n"
        "| Ngày | Nội dung | Đơn vị thực hiện |\n"
        "| 15/3/2036 | Tổ chức Lễ phát động phong trào thi đua | Phòng Nội vụ |\n"
        "| 15/6/2036 | Các xã gửi báo cáo sơ kết | Các xã |\n"
        "| 01/10 - 15/10/2036 | Kiểm tra chéo giữa các cụm | Các cụm |\n"
    )
    extraction = extract(text)
    assert [m.day for m in extraction.of(Meeting)] == [date(2036, 3, 15)]
    assert [d.days for d in extraction.of(Deadline)] == [[date(2036, 6, 15)]]
    assert [(p.start, p.end, p.title) for p in extraction.of(Phase)] == [
        (date(2036, 10, 1), date(2036, 10, 15), "Kiểm tra chéo giữa các cụm")
    ]


def test_one_deadline_worded_twice_is_one_deadline() -> None:
    text = (
        "UBND TỈNH HÒA NAM\nHòa Nam, ngày 01 tháng 11 năm 2036\nKẾ HOẠCH\n"
        "Các đơn vị gửi báo cáo tổng kết về Sở Nội vụ trước ngày 15/12/2036.\n"
        "Hạn cuối nhận báo cáo tổng kết: ngày 15/12/2036.\n"
        "Hồ sơ khen thưởng gửi trước ngày 15/12/2036.\n"
    )
    deadlines = extract(text).of(Deadline)
    assert [d.what for d in deadlines] == ["Báo cáo tổng kết", "Hồ sơ khen thưởng"]


def test_a_kind_run_into_its_lower_case_title_names_the_year() -> None:
    text = (
        "TỈNH ỦY BÌNH NAM\nSố 15-CT/TU\nBình Nam, ngày 25 tháng 12 năm 2035\n"
        "CHỈ THỊ về tổ chức Tết Nguyên đán năm 2036\n"
        "Các cơ quan báo cáo tình hình Tết về Văn phòng Tỉnh ủy trước ngày 27/02.\n"
    )
    extraction = extract(text)
    assert extraction.document.title == "Tổ chức Tết Nguyên đán năm 2036"
    assert extraction.of(Deadline)[0].days == [date(2036, 2, 27)]


def test_a_comma_before_den_still_closes_a_range_opened_by_tu() -> None:
    text = (
        "UBND TỈNH HÒA NAM\nHòa Nam, ngày 02 tháng 5 năm 2036\nKẾ HOẠCH\n"
        "Tháng hành động vì môi trường được triển khai từ ngày 5/6, đến ngày 30/6.\n"
    )
    phases = extract(text).of(Phase)
    assert [(p.start, p.end) for p in phases] == [(date(2036, 6, 5), date(2036, 6, 30))]


def test_a_range_told_as_coming_after_something_done_is_an_event() -> None:
    done = "Huyện đoàn An Lạc đã tổ chức tập huấn cho các chi đoàn về Hội trại thanh niên năm 2036"
    where = "tại sân vận động huyện từ 20/7 đến 24/7/2036.\n"
    coming = extract(f"{done} sẽ diễn ra {where}").of(Meeting)
    assert [(m.day, m.end) for m in coming] == [(date(2036, 7, 20), date(2036, 7, 24))]
    assert extract(f"{done} {where}").of(Meeting) == []


def test_a_day_written_with_its_year_elsewhere_takes_that_year() -> None:
    text = (
        "Chiều 5-9, Ban tổ chức các ngày lễ lớn huyện An Lạc họp nghe báo cáo kế hoạch tổ "
        "chức Lễ Giỗ lần thứ 60 của cụ Trần Văn An (12.10.1976 - 12.10.2036) và dự thảo kế "
        "hoạch tổ chức các ngày lễ lớn năm 2037.\n"
        "Ban tổ chức dự kiến Lễ Giỗ lần thứ 60 sẽ diễn ra trong 2 ngày 11 và 12-10 tại nhà "
        "thờ họ Trần. Các ngày lễ lớn năm 2037 gồm kỷ niệm 107 năm Ngày thành lập Đảng Cộng "
        "sản Việt Nam (3.2.1930 - 3.2.2037).\n"
    )
    extraction = extract(text)
    memorial = next(c for c in extraction.of(Commemoration) if c.origin == date(1976, 10, 12))
    assert (memorial.day, memorial.years, memorial.title) == (
        date(2036, 10, 12),
        60,
        "Lễ Giỗ lần thứ 60 của cụ Trần Văn An",
    )
    assert [(m.day, m.end) for m in extraction.of(Meeting)] == [
        (date(2036, 10, 11), date(2036, 10, 12))
    ]


def test_an_exam_on_one_day_is_a_phase_of_that_day() -> None:
    exam = "Kỳ thi chọn học sinh giỏi lớp 9 cấp huyện năm học 2035 - 2036"
    (phase,) = extract(f"{exam} sẽ tổ chức vào ngày 12/01/2036 tại bốn điểm thi.\n").of(Phase)
    assert (phase.start, phase.end, phase.title) == (date(2036, 1, 12), date(2036, 1, 12), exam)
    assert extract(f"{exam} đã tổ chức vào ngày 12/01/2036 tại bốn điểm thi.\n").of(Phase) == []


def test_a_review_held_on_a_named_day_is_dated_by_it() -> None:
    text = (
        "BỘ Y TẾ\nHà Nội, ngày 01 tháng 8 năm 2036\nKẾ HOẠCH\nĐợt thi đua kéo dài đến hết ngày "
        "30/9/2036, tổ chức sơ kết vào dịp kỷ niệm Ngày Phụ nữ Việt Nam 20/10.\n"
    )
    reviews = extract(text).of(Review)
    assert [(r.start, r.end, r.review_kind) for r in reviews] == [
        (date(2036, 10, 20), date(2036, 10, 20), "so_ket")
    ]


SCHOOL_CALENDAR = """Lịch năm học 2036 - 2037 của trường Cao đẳng An Lạc
Khóa 5
Sinh hoạt đầu khóa: 05/09/2036
Học kỳ I: từ 08/09/2036 - 16/01/2037
Thi học kỳ I: từ 04/01/2037 - 16/01/2037
Học kỳ II: từ 18/01/2037 - 28/06/2037
Thi học kỳ II: từ 14/06/2037 - 28/06/2037
Nghỉ hè: từ 05/07/2037
Nghỉ lễ, tết
Quốc khánh: 02/09/2036 - 03/09/2036
Tết Âm lịch: từ 01/02/2037 - 12/02/2037
Quốc tế lao động: 01/05/2037
"""


def test_a_calendars_labelled_lines_are_items_of_their_own() -> None:
    extraction = extract(SCHOOL_CALENDAR)
    titled = {(p.title, p.start) for p in extraction.of(Phase)}
    assert ("Thi học kỳ I", date(2037, 1, 4)) in titled
    assert ("Học kỳ II", date(2037, 1, 18)) in titled
    # a holiday's name before a span of days off: the break is a phase over them
    assert ("Quốc khánh", date(2036, 9, 2)) in titled
    assert [(m.title, m.day) for m in extraction.of(Meeting)] == [
        ("Sinh hoạt đầu khóa", date(2036, 9, 5))
    ]


def test_a_result_published_at_an_hour_is_a_deadline_not_a_meeting() -> None:
    extraction = extract(
        "SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH AN LẠC\nAn Lạc, ngày 02 tháng 3 năm 2036\nTHÔNG BÁO\n"
        "Thời gian công bố kết quả thi dự kiến vào 9 giờ 00 ngày 20/4/2036.\n"
        "Lễ trao giải tổ chức vào 8 giờ 00 ngày 25/4/2036.\n"
    )
    (deadline,) = extraction.of(Deadline)
    (meeting,) = extraction.of(Meeting)
    assert (deadline.what, deadline.days, meeting.day) == (
        "Công bố kết quả thi",
        [date(2036, 4, 20)],
        date(2036, 4, 25),
    )


def test_a_ceremony_over_a_week_is_a_programme_of_activities() -> None:
    said = "Lễ kỷ niệm 30 năm ngày thành lập xã An Hòa dự kiến sẽ được tổ chức từ ngày"
    long = extract(f"{said} 2 đến ngày 9/10/2036 với nhiều hoạt động văn hóa, thể thao.\n")
    assert [(p.start, p.end) for p in long.of(Phase)] == [(date(2036, 10, 2), date(2036, 10, 9))]
    assert long.of(Meeting) == []
    short = extract(f"{said} 8 đến ngày 9/10/2036 tại hội trường xã.\n")
    assert [(m.day, m.end) for m in short.of(Meeting)] == [(date(2036, 10, 8), date(2036, 10, 9))]


def test_an_estimate_bounded_by_a_later_day_is_not_a_deadline() -> None:
    plan = "UBND HUYỆN AN LẠC\nAn Lạc, ngày 02 tháng 3 năm 2036\nKẾ HOẠCH\n"
    estimate = "Các xã hoàn thành giải thi đấu vào cuối tháng 6"
    assert extract(f"{plan}{estimate}, trễ nhất là đến tháng 8/2036.\n").of(Deadline) == []
    (deadline,) = extract(f"{plan}{estimate}.\n").of(Deadline)
    assert deadline.days == [date(2036, 6, 30)]


def test_a_timeline_line_dates_what_follows_its_day() -> None:
    extraction = extract(
        "UBND HUYỆN AN LẠC\nSố: 15/KH-UBND\nAn Lạc, ngày 02 tháng 3 năm 2036\nKẾ HOẠCH\n"
        "- Ngày 20/3/2036: Tổ chức Lễ phát động thi đua.\n"
        "- Ngày 25/3/2036: Các xã đăng ký thi đua về Phòng Nội vụ.\n"
        "- Tháng 12/2036: Tổng kết phong trào thi đua.\n"
    )
    assert [(e.kind, e.key_dates()[0][0]) for e in extraction.events] == [
        ("review", date(2036, 12, 1)),
        ("meeting", date(2036, 3, 20)),
        ("deadline", date(2036, 3, 25)),
    ]
    assert extraction.of(Review)[0].title == "Tổng kết phong trào thi đua"


def test_a_count_from_the_day_a_unit_receives_the_text_is_asked_not_dated() -> None:
    plan = "UBND HUYỆN AN LẠC\nSố: 15/KH-UBND\nAn Lạc, ngày 02 tháng 3 năm 2036\nKẾ HOẠCH\n"
    sent = "Các xã gửi hồ sơ đề nghị khen thưởng trong thời hạn 05 ngày làm việc kể từ ngày"
    received = extract(f"{plan}{sent} nhận được văn bản này.\n")
    assert received.of(Deadline) == []
    assert any("05 ngày làm việc" in note.message for note in received.notes)
    (signed,) = extract(f"{plan}{sent} ký văn bản này.\n").of(Deadline)
    assert signed.days == [date(2036, 3, 7)]  # signed on a Sunday: five working days on


def test_a_tournament_at_an_hour_on_a_named_weekday_is_a_meeting() -> None:
    (race,) = extract(
        "UBND XÃ AN HÒA\nAn Hòa, ngày 02 tháng 3 năm 2036\nTHÔNG BÁO\n"
        "Giải bóng đá thiếu niên xã sẽ được tổ chức vào lúc 7h30 sáng Chủ nhật, ngày 22/3/2036 "
        "tại sân vận động xã.\n"
    ).of(Meeting)
    assert (race.title, race.day, race.start_time) == (
        "Giải bóng đá thiếu niên xã",
        date(2036, 3, 22),
        time(7, 30),
    )


def test_a_day_of_each_month_something_is_held_on_is_no_deadline() -> None:
    plan = "UBND XÃ AN HÒA\nAn Hòa, ngày 02 tháng 1 năm 2036\nTHÔNG BÁO\n"
    held = extract(f"{plan}Lãnh đạo xã tiếp công dân định kỳ vào ngày 10 hằng tháng.\n")
    assert held.of(Deadline) == []
    (sent,) = extract(f"{plan}Các thôn gửi báo cáo về xã vào ngày 10 hằng tháng.\n").of(Deadline)
    assert sent.due["rrule"] == "FREQ=MONTHLY;BYMONTHDAY=10"


def test_a_meeting_told_as_coming_early_next_year_falls_in_it() -> None:
    (meeting,) = extract(
        "Tin hoạt động\nCập nhật: 10/12/2035\nHội nghị tổng kết công tác thi đua năm 2035 của "
        "huyện sẽ diễn ra vào ngày 05/01.\n"
    ).of(Meeting)
    assert (meeting.day, meeting.title) == (
        date(2036, 1, 5),
        "Hội nghị tổng kết công tác thi đua năm 2035 của huyện",
    )


def test_a_lunar_day_restated_as_a_solar_one_dates_the_deadline() -> None:
    directive = "UBND TỈNH HÒA NAM\nHòa Nam, ngày 05 tháng 02 năm 2036\nCHỈ THỊ\n"
    asked = "Các sở báo cáo tình hình Tết về UBND tỉnh trước 15 giờ ngày mùng 6 Tết"
    deadlines = extract(f"{directive}{asked} (tức ngày 11/02/2036).\n").of(Deadline)
    assert [(d.what, d.days) for d in deadlines] == [("Báo cáo tình hình Tết", [date(2036, 2, 11)])]


PROGRAMME = """CHƯƠNG TRÌNH HỘI DIỄN VĂN NGHỆ QUẦN CHÚNG HUYỆN AN LẠC NĂM 2036
TT
Thời gian
Nội dung
Người thực hiện
Ngày 14/10/2036
1
7h00 - 7h30’
Đón tiếp đại biểu, các đội
Ban tổ chức
2
7h30’ - 8h00’
Khai mạc Hội diễn
Lãnh đạo UBND huyện
3
8h00 - 11h00
Các đội biểu diễn tại Nhà văn hóa huyện
Ban giám khảo
Ngày 15/10/2036
4
15h00 - 16h00
Bế mạc và trao giải
Ban tổ chức
"""


def test_a_programme_copied_one_cell_a_line_dates_its_gatherings() -> None:
    meetings = extract(PROGRAMME).of(Meeting)
    assert {(m.title, m.day, m.end, m.start_time) for m in meetings} == {
        ("Khai mạc Hội diễn", date(2036, 10, 14), None, time(7, 30)),
        ("Bế mạc và trao giải", date(2036, 10, 15), None, time(15, 0)),
        (
            "HỘI DIỄN VĂN NGHỆ QUẦN CHÚNG HUYỆN AN LẠC NĂM 2036",
            date(2036, 10, 14),
            date(2036, 10, 15),
            None,
        ),
    }


def test_a_programmes_days_said_in_words_date_its_gatherings_as_figures_do() -> None:
    in_words = PROGRAMME.replace("Ngày 14/10/2036", "Ngày 14 tháng 10 năm 2036").replace(
        "Ngày 15/10/2036", "Ngày 15 tháng 10 năm 2036"
    )
    meetings = extract(in_words).of(Meeting)
    assert {(m.title, m.day) for m in meetings if m.end is None} == {
        ("Khai mạc Hội diễn", date(2036, 10, 14)),
        ("Bế mạc và trao giải", date(2036, 10, 15)),
    }
    # a day in words that goes on with what is done there is a sentence, no day's heading
    said = "LỊCH HỘI DIỄN NĂM 2036\nNgày 14 tháng 10 năm 2036 các đội tập trung tại huyện.\n7h30’\n"
    assert not any(m.start_time for m in extract(said).of(Meeting))


def test_a_bare_time_line_under_a_heading_that_names_a_window_dates_that_window() -> None:
    extraction = extract(
        "UBND HUYỆN AN LẠC\nAn Lạc, ngày 02 tháng 3 năm 2036\nKẾ HOẠCH\nTổ chức Hội thi năm 2036\n"
        "2. Đăng ký dự thi\nThời gian: Từ ngày 01/6/2036 đến ngày 30/6/2036.\n"
    )
    assert extraction.of(Period) == []
    assert [d.days for d in extraction.of(Deadline)] == [[date(2036, 6, 30)]]


def test_tomorrows_meeting_and_the_nearest_tense_word_say_it_is_to_come() -> None:
    page = "Giáo dục\n15/03/2036 08:30\n"
    tomorrow = extract(f"{page}Sáng mai (16/3), Huyện đoàn An Lạc sẽ tổ chức Lễ ra quân.\n")
    final = extract(
        f"{page}Vòng chung kết Hội thi sẽ diễn ra vào ngày 25/3/2036, vòng sơ khảo đã diễn ra "
        "ngày 10/3.\n"
    )
    assert [m.day for m in [*tomorrow.of(Meeting), *final.of(Meeting)]] == [
        date(2036, 3, 16),
        date(2036, 3, 25),
    ]


def test_deadline_wordings_of_a_receiving_window_and_a_short_due_line() -> None:
    plan = "UBND HUYỆN AN LẠC\nAn Lạc, ngày 02 tháng 3 năm 2036\nKẾ HOẠCH\nHội thi năm 2036\n"
    lines = (
        "Hạn nộp bài dự thi: ngày 30/6/2036.",
        "Thời gian nhận hồ sơ: đến hết ngày 31/8/2036.",
        "Các trường đăng ký trước ngày 05/4/2036 và tổ chức vòng trường trong tháng 4/2036.",
    )
    due = [d.days for line in lines for d in extract(f"{plan}{line}\n").of(Deadline)]
    # the month of the school round is when it is held, not a day anything is due
    assert due == [[date(2036, 6, 30)], [date(2036, 8, 31)], [date(2036, 4, 5)]]


def test_a_news_page_tells_days_over_before_its_own_as_held() -> None:
    page = "Tin tức\nCập nhật: 13/03/2036 10:20\n"
    held = "Trong các ngày 10 và 11/3, tại Nhà văn hóa huyện diễn ra Hội thi văn nghệ cấp huyện.\n"
    coming = "Trong các ngày 20 và 21/3, tại Nhà văn hóa huyện sẽ diễn ra Hội thi văn nghệ.\n"
    assert extract(page + held).events == []
    assert [(m.day, m.end) for m in extract(page + coming).of(Meeting)] == [
        (date(2036, 3, 20), date(2036, 3, 21))
    ]


def test_a_contests_round_over_listed_days_is_a_gathering() -> None:
    plan = "UBND HUYỆN AN LẠC\nAn Lạc, ngày 02 tháng 3 năm 2036\nKẾ HOẠCH\nHội thi năm 2036\n"
    rounds = extract(f"{plan}Vòng chung kết tổ chức ngày 9, 10/12/2036 tại Nhà văn hóa huyện.\n")
    assert rounds.of(Phase) == []
    assert [(m.title, m.day, m.end) for m in rounds.of(Meeting)] == [
        ("Vòng chung kết", date(2036, 12, 9), date(2036, 12, 10))
    ]


def test_a_few_days_under_a_bare_time_line_are_the_titled_gatherings() -> None:
    plan = "UBND HUYỆN AN LẠC\nAn Lạc, ngày 02 tháng 3 năm 2036\nKẾ HOẠCH\n"
    days = "Thời gian: 02 ngày, từ ngày 15/10/2036 đến ngày 16/10/2036.\n"
    contest = extract(f"{plan}Tổ chức Hội thi tiếng hát công nhân năm 2036\n{days}")
    assert contest.of(Period) == []
    assert [(m.day, m.end) for m in contest.of(Meeting)] == [
        (date(2036, 10, 15), date(2036, 10, 16))
    ]
    drive = extract(f"{plan}Tổ chức đợt ra quân làm sạch môi trường năm 2036\n{days}")
    assert [(p.start, p.end) for p in drive.of(Period)] == [
        (date(2036, 10, 15), date(2036, 10, 16))
    ]


def test_a_school_years_frame_reads_its_lines() -> None:
    extraction = extract(
        "UBND TỈNH HÒA NAM\nSố: 15/QĐ-UBND\nHòa Nam, ngày 02 tháng 8 năm 2036\nQUYẾT ĐỊNH\n"
        "Ban hành khung kế hoạch thời gian năm học 2036-2037\n"
        "Ngày tựu trường: ngày 28/8/2036.\n"
        "Học kỳ I: từ ngày 08/9/2036 đến trước ngày 16/01/2037.\n"
        "Thi học sinh giỏi cấp tỉnh lớp 12: ngày 10/12/2036.\n"
    )
    assert extraction.of(Deadline) == []
    assert [(p.title, p.start, p.end) for p in extraction.of(Phase)] == [
        ("Học kỳ I", date(2036, 9, 8), date(2037, 1, 16)),
        ("Thi học sinh giỏi cấp tỉnh lớp 12", date(2036, 12, 10), date(2036, 12, 10)),
    ]
    assert [m.day for m in extraction.of(Meeting)] == [date(2036, 8, 28)]


def test_last_years_day_does_not_date_this_years_on_the_same_day() -> None:
    plan = "UBND HUYỆN AN LẠC\nAn Lạc, ngày 02 tháng 3 năm 2036\nKẾ HOẠCH\nThi đua năm 2036\n"
    last = "Năm 2035, huyện đã tổ chức Hội nghị tổng kết vào ngày 20/12/2035."
    this = "Hội nghị tổng kết năm 2036 dự kiến tổ chức vào ngày 20/12."
    days = [m.day for m in extract(f"{plan}{last} {this}\n").of(Meeting)]
    assert days == [date(2036, 12, 20)]


def test_a_festival_at_its_place_stays_a_gathering_and_thi_dua_is_no_exam() -> None:
    plan = "UBND HUYỆN AN LẠC\nAn Lạc, ngày 02 tháng 3 năm 2036\nKẾ HOẠCH\nThi đua năm 2036\n"
    festival = extract(
        f"{plan}Lễ hội Đền An Lạc diễn ra từ ngày 10 đến ngày 16/3/2036 tại Khu di tích Đền.\n"
    )
    assert [(m.day, m.end) for m in festival.of(Meeting)] == [
        (date(2036, 3, 10), date(2036, 3, 16))
    ]
    assert extract(f"{plan}Thi đua lập thành tích: ngày 15/5/2036.\n").of(Phase) == []


def test_a_quarter_that_opens_a_sentence_of_work_to_finish_is_its_deadline() -> None:
    plan = "UBND HUYỆN AN LẠC\nAn Lạc, ngày 02 tháng 1 năm 2036\nKẾ HOẠCH\nRà soát năm 2036\n"
    done = extract(f"{plan}Trong quý II/2036, các xã hoàn thành việc rà soát hồ sơ.\n")
    assert [d.days for d in done.of(Deadline)] == [[date(2036, 6, 30)]]
    assert extract(f"{plan}Trong quý II/2036, tổ chức các ngày lễ lớn.\n").events == []


def test_a_start_and_an_end_told_apart_make_one_range() -> None:
    plan = "UBND HUYỆN AN LẠC\nAn Lạc, ngày 02 tháng 3 năm 2036\nKẾ HOẠCH\nThể thao năm 2036\n"
    games = extract(
        f"{plan}Giải bóng đá thiếu niên huyện bắt đầu từ ngày 10/4/2036 và kết thúc vào ngày "
        "15/4/2036 tại sân vận động huyện.\n"
    )
    assert games.of(Deadline) == []
    assert [(m.title, m.day, m.end) for m in games.of(Meeting)] == [
        ("Giải bóng đá thiếu niên huyện", date(2036, 4, 10), date(2036, 4, 15))
    ]
    two = extract(f"{plan}Lễ Khai mạc vào ngày 01/8 và Lễ Bế mạc vào ngày 10/8/2036.\n")
    assert [(m.day, m.end) for m in two.of(Meeting)] == [
        (date(2036, 8, 1), None),
        (date(2036, 8, 10), None),
    ]


def test_an_hour_said_with_hoi_dates_the_gathering_named_just_before() -> None:
    invitation = "UBND HUYỆN AN LẠC\nAn Lạc, ngày 02 tháng 3 năm 2036\nGIẤY MỜI\n"
    named = "Kính mời đồng chí đến dự Hội nghị tổng kết công tác thi đua."
    when = "Thời gian: vào hồi 14 giờ 00 phút, ngày 20/3/2036."
    for text in (f"{named} {when}", f"{named}\n{when}"):
        meetings = extract(f"{invitation}{text}\n").of(Meeting)
        assert [(m.title, m.day, m.start_time) for m in meetings] == [
            ("Hội nghị tổng kết công tác thi đua", date(2036, 3, 20), time(14, 0))
        ]


def test_the_ten_days_of_a_month_said_the_old_way_date_a_deadline() -> None:
    plan = "UBND HUYỆN AN LẠC\nAn Lạc, ngày 02 tháng 3 năm 2036\nKẾ HOẠCH\nThi đua năm 2036\n"
    (deadline,) = extract(f"{plan}Các xã gửi báo cáo về huyện trong trung tuần tháng 7/2036.\n").of(
        Deadline
    )
    assert deadline.due == {"rule": "fuzzy", "term": "giua_thang", "month": "7/2036"}
