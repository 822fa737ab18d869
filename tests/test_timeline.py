"""The README's complete example is a valid pair of files, and each of its rules expands to
the days a careful reader works out by hand."""

from __future__ import annotations

import re
from datetime import date, time
from pathlib import Path

import pytest

from calendars.checks import check_bundle
from calendars.timeline import Occurrence, expand
from calendars.workdays import WorkCalendar
from config.files import Bundle, read_bundle
from tests.conftest import ROOT

CAL = WorkCalendar()


@pytest.fixture(scope="module")
def readme_bundle(tmp_path_factory: pytest.TempPathFactory) -> Bundle:
    blocks = re.findall(r"```yaml\n(.*?)```", (ROOT / "README.md").read_text("utf-8"), re.S)
    assert len(blocks) == 2, "the README shows one campaign file and one units file"
    folder = tmp_path_factory.mktemp("readme")
    paths = []
    for name, block in zip(("campaign.yaml", "units.yaml"), blocks, strict=True):
        path = folder / name
        path.write_text(block, encoding="utf-8")
        paths.append(path)
    bundle = read_bundle(paths)
    check_bundle(bundle, CAL)
    return bundle


@pytest.fixture(scope="module")
def occurrences(readme_bundle: Bundle) -> dict[str, Occurrence]:
    return {o.uid: o for o in expand(readme_bundle.campaigns[0].model, CAL, "t.example")}


def test_the_readme_example_is_valid(readme_bundle: Bundle) -> None:
    assert [str(i) for i in readme_bundle.issues] == []


def last_day(occurrences: dict[str, Occurrence], code: str) -> tuple[str, str, str]:
    occ = occurrences[f"phu-tho-2025/{code}@t.example"]
    return occ.details["date"], occ.details["nominal_date"], occ.details["effective_date"]


def test_each_rule_gives_the_day_the_wording_means(occurrences: dict[str, Occurrence]) -> None:
    assert last_day(occurrences, "dang-ky-thi-dua") == ("2025-02-15", "2025-02-14", "2025-02-14")
    assert last_day(occurrences, "bao-cao-so-ket") == ("2025-06-20", "2025-06-20", "2025-06-20")
    assert last_day(occurrences, "tong-ket-dot-1") == ("2025-07-31", "2025-07-31", "2025-07-31")
    assert last_day(occurrences, "bao-cao-giua-nam") == ("2025-06-30", "2025-06-30", "2025-06-30")
    # 10 working days after Thursday 10/07/2025, the day itself not counted.
    assert last_day(occurrences, "ho-so-khen-thuong")[2] == "2025-07-24"


def test_a_recurring_deadline_has_one_occurrence_per_day_with_its_own_uid(
    occurrences: dict[str, Occurrence],
) -> None:
    quarterly = sorted(
        (o.details["date"], o.start.isoformat(), o.uid)
        for o in occurrences.values()
        if o.event == "bao-cao-quy"
    )
    assert quarterly == [
        ("2025-03-20", "2025-03-19", "phu-tho-2025/bao-cao-quy/20250320@t.example"),
        ("2025-06-20", "2025-06-19", "phu-tho-2025/bao-cao-quy/20250620@t.example"),
        ("2025-09-20", "2025-09-19", "phu-tho-2025/bao-cao-quy/20250920@t.example"),
        ("2025-12-20", "2025-12-19", "phu-tho-2025/bao-cao-quy/20251220@t.example"),
    ]


def test_commemorations_are_counted_and_rounded(occurrences: dict[str, Occurrence]) -> None:
    party = occurrences["phu-tho-2025/thanh-lap-dang/20250203@t.example"]
    assert party.title == "95 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 – 03/02/2025)"
    assert (party.details["years"], party.details["round_kind"]) == (95, "năm lẻ 5")
    south = occurrences["phu-tho-2025/giai-phong-mien-nam/20250430@t.example"]
    assert (south.details["years"], south.details["round_kind"]) == (50, "năm tròn")
    own = occurrences["phu-tho-2025/tai-lap-tinh/20250101@t.example"]
    assert (own.details["years"], own.details["round"]) == (28, False)


def test_a_meeting_keeps_its_times(occurrences: dict[str, Occurrence]) -> None:
    meeting = occurrences["phu-tho-2025/hoi-nghi-so-ket@t.example"]
    assert (meeting.start, meeting.start_time, meeting.end_time) == (
        date(2025, 7, 10),
        time(8, 0),
        time(11, 30),
    )
    assert meeting.details["timezone"] == "Asia/Ho_Chi_Minh"


def campaign_file(tmp_path: Path, body: str, policy: str = "next_working_day") -> list[Path]:
    path = tmp_path / "c.yaml"
    path.write_text(
        "campaign:\n"
        "  code: t\n  title: T\n  issuer: UBND tỉnh\n"
        "  document: {kind: Kế hoạch, date: 05/02/2024}\n"
        "  period: {start: 01/01/2024, end: 31/12/2026}\n"
        f"  non_working_day: {policy}\n" + body,
        encoding="utf-8",
    )
    units = tmp_path / "u.yaml"
    units.write_text("units:\n  - {code: u, name: U, emails: [u@u.example]}\n", encoding="utf-8")
    return [path, units]


def expand_file(paths: list[Path]) -> list[Occurrence]:
    bundle = read_bundle(paths)
    check_bundle(bundle, CAL)
    assert not bundle.errors, [str(i) for i in bundle.errors]
    return expand(bundle.campaigns[0].model, CAL, "t.example")


def test_yearly_deadline_across_a_multi_year_period(tmp_path: Path) -> None:
    body = (
        "deadlines:\n"
        "  - {code: dk, title: Đăng ký, what: Đăng ký thi đua, units: [u],\n"
        "     wording: trước ngày 15 tháng 3 hằng năm,\n"
        "     due: {rule: recurring, rrule: 'FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=15', before: true}}\n"
    )
    days = [
        (o.details["nominal_date"], o.start.isoformat())
        for o in expand_file(campaign_file(tmp_path, body))
        if o.kind == "deadline"
    ]
    # 14/03/2026 is a Saturday: the next working day is Monday 16/03/2026.
    assert days == [
        ("2024-03-14", "2024-03-14"),
        ("2025-03-14", "2025-03-14"),
        ("2026-03-14", "2026-03-16"),
    ]


def test_relative_to_the_document_date_under_previous_working_day(tmp_path: Path) -> None:
    body = (
        "deadlines:\n"
        "  - {code: bc, title: Báo cáo, what: Báo cáo, units: [u],\n"
        "     wording: trong vòng 5 ngày kể từ ngày ban hành,\n"
        "     due: {rule: relative, after: document, days: 5}}\n"
    )
    [deadline] = [
        o
        for o in expand_file(campaign_file(tmp_path, body, "previous_working_day"))
        if o.kind == "deadline"
    ]
    # 05/02/2024 + 5 days = Saturday 10/02/2024 (Tết): the last working day before is 07/02.
    assert (deadline.details["nominal_date"], deadline.start) == ("2024-02-10", date(2024, 2, 7))
    assert deadline.details["moved_because"] == "Tết Nguyên Đán"


def test_a_day_whose_years_nobody_counts_gets_no_count(tmp_path: Path) -> None:
    # the catalog keeps Ngày Môi trường thế giới from its first year, but no one says "52 năm"
    body = "commemorations:\n  - {catalog: moi-truong-the-gioi}\n  - {catalog: the-thao-viet-nam}\n"
    found = [o for o in expand_file(campaign_file(tmp_path, body)) if o.start.year == 2026]
    titles = {o.event: o.title for o in found}
    assert titles["moi-truong-the-gioi"] == "Ngày Môi trường thế giới (05/06/2026)"
    assert titles["the-thao-viet-nam"].startswith("80 năm Ngày Thể thao Việt Nam (27/03/1946")
    years = {o.event: o.details.get("years") for o in found}
    assert years == {"moi-truong-the-gioi": None, "the-thao-viet-nam": 80}


def test_a_day_of_its_own_in_its_first_year_gets_no_count(tmp_path: Path) -> None:
    # an office's day known only by its day this year: origin that day, no "0 năm"
    body = (
        "commemorations:\n"
        "  - {code: suc-khoe-tam-than, title: Ngày Sức khỏe tâm thần thế giới,"
        " origin: 10/10/2025, year: 2025}\n"
    )
    (day,) = [o for o in expand_file(campaign_file(tmp_path, body)) if o.kind == "commemoration"]
    assert day.title == "Ngày Sức khỏe tâm thần thế giới (10/10/2025)"
    assert "years" not in day.details
