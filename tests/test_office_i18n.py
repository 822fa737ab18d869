"""The office pages speak the house catalog in both languages: placeholders filled,
plurals, weekdays and months, escaping. That the catalog covers every page's msgid is
`tests/test_translations.py`'s to check, with the rest of the house."""

from __future__ import annotations

from thidua.web.office import i18n
from thidua.web.office.render import environment


def test_translate_fills_placeholders_in_each_language() -> None:
    assert i18n.translate("vi", "The next %(days)d days", days=30) == "30 ngày tới"
    assert i18n.translate("en", "The next %(days)d days", days=30) == "The next 30 days"
    assert i18n.translate("vi", "Not in the catalog") == "Not in the catalog"
    assert i18n.month_title("vi", 2024, 2) == "Tháng 2 năm 2024"
    assert i18n.month_title("en", 2024, 2) == "February 2024"
    assert i18n.weekday("vi", 6) == "Chủ nhật"
    assert i18n.weekdays_short("vi") == ("T2", "T3", "T4", "T5", "T6", "T7", "CN")
    assert i18n.weekdays("en")[3] == "Thursday"


def test_group_and_event_kinds_read_in_the_page_s_language() -> None:
    vi, en = environment("vi"), environment("en")
    source = "{{ kind_label('review') }} / {{ group_kind('cum') }} / {{ group_kind('x') }}"
    assert vi.from_string(source).render() == "Sơ kết, tổng kết / Cụm thi đua / x"
    assert en.from_string(source).render() == "Review / Emulation cluster / x"


def test_templates_render_plurals_in_both_languages() -> None:
    vi, en = environment("vi"), environment("en")
    source = '{{ ngettext("%(num)d unit is late", "%(num)d units are late", n) }}'
    assert vi.from_string(source).render(n=1) == "1 đơn vị quá hạn"
    assert vi.from_string(source).render(n=46) == "46 đơn vị quá hạn"
    assert en.from_string(source).render(n=1) == "1 unit is late"
    assert en.from_string(source).render(n=46) == "46 units are late"


def test_templates_escape_what_they_are_given() -> None:
    page = environment("vi").from_string("{{ _('Text of %(name)s', name=name) }}")
    assert page.render(name="<b>x</b>") == "Nội dung &lt;b&gt;x&lt;/b&gt;"
