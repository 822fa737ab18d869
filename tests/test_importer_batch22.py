"""General rules of the importer found on dev batch 22, each shown on invented sentences: a
news page's stamp set as a bullet ("• Thứ ba, 18/3/2031 16:05 (GMT+7)") dates the page; the
plan a thing is measured against ("so với dự kiến ban đầu") does not tell it to come."""

from __future__ import annotations

from datetime import date

from importer import extract
from importer.model import Event, Meeting


def _events(text: str) -> list[Event]:
    return [e for e in extract(text).events if e.kind != "period"]


def _kinds(text: str) -> list[tuple[str, list[tuple[date, ...]]]]:
    return [(e.kind, e.key_dates()) for e in _events(text)]


_BULLETED = (
    "Hội đồng nhân dân huyện Bắc Sơn họp kỳ thứ 7\n\n"
    "  • Thứ ba, 18/3/2031 16:05 (GMT+7)\n  • 2 giờ trước\n\n"
)


def test_a_page_stamp_set_as_a_bullet_dates_the_page() -> None:
    text = _BULLETED + "Kỳ họp thứ 7 sẽ khai mạc vào sáng ngày 20/3."
    extraction = extract(text)
    assert extraction.document.published == date(2031, 3, 18)
    assert [(e.kind, e.day) for e in extraction.of(Meeting)] == [("meeting", date(2031, 3, 20))]


def test_a_sitting_measured_against_the_plan_on_the_pages_day_is_held() -> None:
    text = _BULLETED + (
        "Chiều 18/3, tại phiên họp toàn thể, Hội đồng đã biểu quyết kéo dài kỳ họp thêm một "
        "ngày so với dự kiến ban đầu."
    )
    assert _kinds(text) == []
