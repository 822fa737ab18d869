"""General rules of the importer found on dev batch 19 (issue 11), each shown on invented
sentences: a break of days off is one phase titled from its clause, whatever the words that
join its days; one day off is a phase of that day, and a day off in lieu inside a break is the
break's own; the same break said twice is one event; a make-up working day is no day off but a
phase of its own (dev 1052, batch 22); the holiday
a break is for is no commemoration and its "Lễ" no ceremony, while a ceremony a plan holds is
still read; a locality's liberation day dated with its founding day is a commemoration; figures
counted over past days are no phase."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from bench.evaluation import Gold, gold_item, score
from importer import extract
from importer.model import Commemoration, Event, Meeting, Phase

_NOTICE = "THÔNG BÁO\nVề việc nghỉ lễ, nghỉ Tết\n\n"
_PLAN = "KẾ HOẠCH\nTổ chức các hoạt động\n\nTân An, ngày 10 tháng 3 năm 2032\n\n"


def _events(text: str) -> list[Event]:
    return [e for e in extract(text).events if e.kind != "period"]


def _kinds(text: str) -> list[tuple[str, list[tuple[date, ...]]]]:
    return [(e.kind, e.key_dates()) for e in _events(text)]


def test_a_break_to_a_weekday_past_a_lunar_aside_is_one_phase() -> None:
    text = _NOTICE + (
        "Công chức nghỉ Tết Nguyên đán từ thứ Năm 23/01/2031 (tức 29 tháng Chạp) đến hết thứ "
        "Tư 29/01/2031 (tức mùng 5 tháng Giêng), tổng cộng 7 ngày liên tục."
    )
    events = _events(text)
    assert _kinds(text) == [("phase", [(date(2031, 1, 23), date(2031, 1, 29))])]
    assert events[0].title == "Nghỉ Tết Nguyên đán"


def test_days_off_told_by_duoc_nghi_are_a_phase() -> None:
    for clause in (
        "Cán bộ, công chức được nghỉ từ ngày 30/4/2031 đến hết ngày 04/5/2031.",
        "Người lao động được nghỉ 5 ngày liên tục từ thứ Tư 30/4/2031 đến hết Chủ nhật 04/5/2031.",
    ):
        assert _kinds(_NOTICE + clause) == [("phase", [(date(2031, 4, 30), date(2031, 5, 4))])]
    # leaving is no break
    assert not _events(_NOTICE + "Ông Trần Văn B nghỉ hưu từ ngày 01/7/2031 đến nay.")


def test_a_bare_break_is_titled_by_the_holiday_it_is_for() -> None:
    text = _NOTICE + (
        "Trường thông báo lịch nghỉ lễ Quốc khánh 2/9 như sau. Viên chức được nghỉ 2 ngày, từ "
        "01/9 đến hết 02/9/2031."
    )
    (event,) = _events(text)
    assert event.title == "Nghỉ lễ Quốc khánh 2/9 (2 ngày)"


def test_one_day_off_is_a_phase_of_that_day_and_a_working_saturday_none() -> None:
    text = _NOTICE + "Học sinh được nghỉ Tết Dương lịch năm 2032 vào ngày 1-1-2032 (thứ Năm)."
    events = _events(text)
    assert _kinds(text) == [("phase", [(date(2032, 1, 1), date(2032, 1, 1))])]
    assert events[0].title == "Nghỉ Tết Dương lịch năm 2032"
    # a make-up working day is no day off (it is a phase of its own: dev 1052)
    assert all(
        not e.title.startswith("Nghỉ")
        for e in _events(_NOTICE + "Công chức đi làm bù vào thứ Bảy ngày 10/01/2032.")
    )


def test_a_day_in_lieu_inside_the_break_is_the_breaks_own() -> None:
    text = _NOTICE + (
        "Trong dịp Lễ kỷ niệm ngày Chiến thắng 30/4 và ngày Quốc tế Lao động 1/5 năm 2031, "
        "viên chức được nghỉ như sau: do ngày 01/5/2031 là thứ Năm nên nghỉ bù vào thứ Sáu ngày "
        "02/5/2031. Như vậy, trong dịp Lễ sẽ nghỉ từ ngày 30/4 đến hết ngày 04/5/2031."
    )
    assert _kinds(text) == [("phase", [(date(2031, 4, 30), date(2031, 5, 4))])]


def test_the_same_break_said_twice_is_one_event_two_breaks_stay_two() -> None:
    text = _NOTICE + (
        "Sinh viên được nghỉ Tết từ ngày 20/01/2031 đến hết ngày 02/02/2031. Lịch nghỉ Tết của "
        "sinh viên kéo dài 14 ngày, từ 20/01 đến hết 02/02/2031. Công chức được nghỉ 7 ngày, "
        "từ 23/01 đến hết 29/01/2031."
    )
    assert _kinds(text) == [
        ("phase", [(date(2031, 1, 20), date(2031, 2, 2))]),
        ("phase", [(date(2031, 1, 23), date(2031, 1, 29))]),
    ]


def test_a_make_up_working_saturday_is_a_phase_of_its_own_no_break() -> None:
    text = _NOTICE + (
        "Công chức đi làm bù thứ Bảy, ngày 10/01/2032 để nghỉ thứ Sáu, ngày 02/01/2032. Như "
        "vậy, dịp Tết Dương lịch, công chức sẽ nghỉ liền từ ngày 01/01 đến hết ngày 04/01/2032."
    )
    assert sorted(_kinds(text)) == [
        ("phase", [(date(2032, 1, 1), date(2032, 1, 4))]),
        ("phase", [(date(2032, 1, 10), date(2032, 1, 10))]),
    ]
    assert [e.title for e in _events(text) if e.key_dates()[0][0] == date(2032, 1, 10)] == [
        "Làm bù thứ Bảy, ngày 10/01/2032"
    ]


def test_a_make_up_day_in_brackets_after_a_break_is_a_phase() -> None:
    text = _NOTICE + (
        "Người lao động được nghỉ 4 ngày liên tục từ thứ Năm ngày 30/4/2037 đến hết Chủ nhật "
        "ngày 03/5/2037 (làm bù vào thứ Bảy ngày 09/5/2037)."
    )
    spans = {e.title: e.key_dates() for e in _events(text)}
    assert spans["Làm bù thứ Bảy ngày 09/05/2037"] == [(date(2037, 5, 9), date(2037, 5, 9))]
    assert len(spans) == 2


def test_the_holiday_of_a_break_is_no_commemoration_nor_ceremony() -> None:
    text = _NOTICE + "Nhiều trường đã thông báo lịch nghỉ lễ dịp Quốc khánh 2/9/2031."
    extraction = extract(text)
    assert not [e for e in extraction.events if isinstance(e, Commemoration | Meeting)]
    assert any("Quốc khánh" in n.message for n in extraction.notes)


def test_a_holiday_with_its_founding_day_in_a_notice_is_still_celebrated() -> None:
    text = _NOTICE + (
        "Cán bộ được nghỉ lễ kỷ niệm 86 năm Quốc khánh (02/9/1945 - 02/9/2031) từ 31/8 đến "
        "hết 3/9/2031."
    )
    kinds = [e.kind for e in _events(text)]
    assert sorted(kinds) == ["commemoration", "phase"]


def test_a_ceremony_a_plan_holds_is_still_read_beside_days_off() -> None:
    for text, title in (
        (
            _PLAN + "Tổ chức Lễ kỷ niệm 57 năm Ngày giải phóng miền Nam vào 8 giờ ngày 30/4/2032.",
            "Lễ kỷ niệm 57 năm Ngày giải phóng miền Nam",
        ),
        (
            _PLAN
            + (
                "Công chức được nghỉ lễ từ 30/4 đến hết 01/5/2032. Huyện tổ chức Lễ kỷ niệm ngày "
                "Chiến thắng 30/4 vào 8 giờ ngày 29/4/2032 tại Nhà văn hóa huyện."
            ),
            "Lễ kỷ niệm",
        ),
    ):
        meetings = [e for e in _events(text) if isinstance(e, Meeting)]
        assert [m.title for m in meetings] == [title]


def test_a_localitys_liberation_day_with_its_founding_day_is_a_commemoration() -> None:
    # the second day of an anniversary, after "và"
    text = _PLAN + (
        "Trường tổ chức kỷ niệm 57 năm Ngày giải phóng miền Nam (30/4/1975 - 30/4/2032) và "
        "Giải phóng thành phố Đà Lạt (3/4/1975 - 3/4/2032)."
    )
    found = {(c.day, c.origin) for c in _events(text) if isinstance(c, Commemoration)}
    assert (date(2032, 4, 3), date(1975, 4, 3)) in found
    # a count of years and the founding day alone: the anniversary falls that many years later
    for clause in (
        "Nhân dịp kỷ niệm 57 năm ngày giải phóng huyện Mỏ Cày 29/4/1975, xã tổ chức giải bóng đá.",
        "Chào mừng 57 năm Ngày Giải phóng huyện Mỏ Cày (29/4/1975), các đơn vị treo cờ.",
    ):
        (item,) = [c for c in _events(_PLAN + clause) if isinstance(c, Commemoration)]
        assert (item.day, item.origin, item.years) == (date(2032, 4, 29), date(1975, 4, 29), 57)


def test_figures_counted_over_past_days_are_no_phase() -> None:
    for clause in (
        "Từ ngày 1/1 đến ngày 30/6/2032, Sở giao 240 nhiệm vụ cho các phòng; trong đó 31 nhiệm "
        "vụ quá hạn.",
        "Từ đầu năm đến ngày 15/8/2032, huyện tiếp nhận 1.250 hồ sơ, trong số đó có 12 hồ sơ "
        "trễ hạn.",
    ):
        assert not [e for e in _events(_PLAN + clause) if isinstance(e, Phase)]
    # work to be done over days, with a number in it, is still a span
    text = _PLAN + "Từ ngày 5/8 đến ngày 12/8/2032, các đơn vị tự kiểm tra 12 tiêu chí."
    assert [e.kind for e in _events(text)] == ["phase"]


def test_a_gold_day_off_matches_a_phase_of_that_one_day() -> None:
    extraction = extract(_NOTICE + "Công chức được nghỉ Tết Dương lịch vào ngày 1-1-2032.")

    def tp(item: dict[str, str]) -> int:
        gold = Gold(Path("g.yaml"), "t.txt", [gold_item(item)], [], {})
        return score(gold, extraction).true_positives

    assert tp({"kind": "holiday", "date": "2032-01-01"}) == 1
    assert tp({"kind": "holiday", "date": "2032-01-02"}) == 0
    assert tp({"kind": "meeting", "date": "2032-01-01"}) == 0


def test_a_break_past_a_lunar_gloss_without_tuc_is_one_phase() -> None:
    # the lunar day glossed bare in brackets, "(29 tháng Chạp)", not "(tức …)"
    text = _NOTICE + (
        "Học sinh nghỉ Tết từ Thứ Bảy, 14/02/2037 (29 tháng Chạp)\n"
        "đến hết Chủ nhật, 22/02/2037 (mùng 7 Tết)."
    )
    assert _kinds(text) == [("phase", [(date(2037, 2, 14), date(2037, 2, 22))])]


def test_a_founding_day_after_the_next_day_named_is_not_the_break_holidays() -> None:
    text = _NOTICE + (
        "Tam Kỳ, ngày 10 tháng 4 năm 2031\n\nHuyện thông báo lịch nghỉ lễ nhân Ngày Giỗ Tổ Hùng "
        "Vương, kỷ niệm 56 năm Ngày giải phóng miền Nam, thống nhất đất nước (30/4/1975 - "
        "30/4/2031) tới toàn thể cán bộ."
    )
    days = [(c.day, c.years) for c in extract(text).of(Commemoration)]
    assert days == [(date(2031, 4, 30), 56)]


def test_days_off_given_for_named_days_are_each_a_phase() -> None:
    text = _NOTICE + (
        "Giáo viên được nghỉ nhân kỷ niệm 56 năm ngày giải phóng miền Nam, thống nhất đất nước "
        "ngày 30/4/2031 (thứ Tư); và được nghỉ ngày Quốc tế Lao động ngày 01/5/2031 (thứ Năm)."
    )
    phases = [e.key_dates() for e in extract(text).of(Phase)]
    assert phases == [[(date(2031, 4, 30),) * 2], [(date(2031, 5, 1),) * 2]]
    assert [(c.day, c.years) for c in extract(text).of(Commemoration)] == [(date(2031, 4, 30), 56)]
