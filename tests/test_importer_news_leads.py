"""General rules of the importer found on the ninth split's news pages once retired into dev,
each shown on an invented sentence: a span a news page opens on its day of posting ("từ hôm
nay, 12.9, đến ngày 15.9")."""

from __future__ import annotations

from datetime import date
from typing import TypeVar

from importer import extract
from importer.dates import ranges
from importer.model import Event, Meeting

E = TypeVar("E", bound=Event)


def of(kind: type[E], text: str) -> list[E]:
    """The events of one kind the importer reads in ``text``."""
    return [e for e in extract(text).events if isinstance(e, kind)]


def test_a_span_opened_on_the_day_of_posting_is_one_range() -> None:
    for text in (
        "Hội chợ nông sản năm 2036 sẽ diễn ra từ hôm nay, 12.9, đến ngày 15.9 tại tỉnh.",
        "Hội chợ nông sản năm 2036 sẽ diễn ra từ hôm nay (12/9) đến ngày 15/9 tại tỉnh.",
    ):
        [fair] = of(Meeting, text)
        assert fair.key_dates() == [(date(2036, 9, 12), date(2036, 9, 15))]


def test_today_without_from_opens_no_span() -> None:
    # near miss: the day of posting and a later day, not joined by "từ … đến"
    text = "Hôm nay, 12/9, Ban tổ chức họp báo, đến ngày 15/9/2036 công bố kết quả."
    assert ranges(text) == []
