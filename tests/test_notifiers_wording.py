"""A notice's wording from a draft (rendered once for every unit told the same, each unit's
name and links filled in) is exactly its rendering on its own: for every kind and both
languages, with and without links, and for names and links that HTML escapes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from notifiers import wording
from notifiers.base import Notice, Recipient
from tests import notices as n

TODAY = date(2023, 7, 3)
OFFICE = "Ban Thi đua - Khen thưởng"
UNITS = ("so-tai-chinh", "so-y-te", "ubnd-tam-nong")
HOSTILE_NAMES = (
    "Sở <img src=x onerror=alert(1)> & \"Tài\" 'chính'",
    "Đơn vị 100% %(unit)s {{ notice }}",
    "  UBND   xã  ",
    "Sở\nNội vụ",
    "\ue000name\ue001 giả",
)


def notices() -> list[Notice]:
    """Notices of every kind that goes to many units, for several units each."""
    mid = n.due_item(n.HA_GIANG_MID, TODAY)
    end = n.due_item(n.HA_GIANG_END, TODAY)
    found = []
    for unit in UNITS:
        found += [
            n.notice("reminder", unit, TODAY, (end,)),
            n.notice("overdue", unit, TODAY, (mid,)),
            n.notice("digest", unit, TODAY, (end, mid)),
            n.notice("digest", unit, TODAY, (end, mid), language="en"),
            n.notice("reminder", unit, TODAY, (replace(end, submit_url=None),), feed_url=None),
            n.notice("calendar_link", unit, TODAY),
        ]
    lists = (n.late_list(n.HA_GIANG_MID, TODAY, UNITS, total=40),)
    found.append(n.notice("late_list", "ban-tdkt", TODAY, late_lists=lists, feed_url=None))
    return found


def own_links(notice: Notice, number: int) -> Notice:
    """``notice`` with links of a unit of its own (an ampersand HTML escapes)."""
    items = tuple(
        replace(item, submit_url=f"https://thidua.vn/s/{item.uid}?u={number}&sig=a{number}")
        if item.submit_url
        else item
        for item in notice.items
    )
    feed = f"https://thidua.vn/feeds/{number}.ics?t=a&b={number}" if notice.feed_url else None
    return replace(notice, items=items, feed_url=feed)


@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_filled_draft_is_the_notice_rendered_on_its_own(language: str) -> None:
    wording._drafted.cache_clear()
    for number, found in enumerate(notices()):
        notice = own_links(replace(found, language=language), number)  # type: ignore[arg-type]
        assert wording.word(notice, OFFICE) == wording.rendered(notice, OFFICE)
    assert wording._drafted.cache_info().hits > 0  # the units shared drafts


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_names_that_html_escapes_are_filled_in_as_rendered(name: str) -> None:
    for found in notices():
        notice = replace(found, to=Recipient("x", name, ("vanthu@stc.phutho.example",)))
        assert wording.word(notice, OFFICE) == wording.rendered(notice, OFFICE)


@settings(max_examples=60, deadline=None)
@given(name=st.text(min_size=1, max_size=40), number=st.integers(0, 10**6))
def test_any_name_is_filled_in_as_rendered(name: str, number: int) -> None:
    notice = own_links(n.notice("digest", "so-y-te", TODAY, tuple(notices()[2].items)), number)
    notice = replace(notice, to=Recipient("x", name, ("vanthu@syt.phutho.example",)))
    assert wording.word(notice, OFFICE) == wording.rendered(notice, OFFICE)
