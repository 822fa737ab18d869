"""The Vietnamese catalog covers every msgid of the templates and the code, keeps their
placeholders, holds no entry nothing uses, and is NFC text with its diacritics."""

from __future__ import annotations

import ast
import re
import unicodedata
from importlib import resources
from pathlib import Path

from thidua.web.office import i18n
from thidua.web.office.render import environment
from thidua.web.office.vi import MESSAGES
from translations import translations

TEMPLATES = Path(str(resources.files("thidua") / "templates"))
CODE = Path(str(resources.files("thidua") / "web" / "office"))
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdr]")
# Python code translates through these: `N_` marks, `translate` renders.
MARKERS = {"N_"}


def template_msgids() -> set[str]:
    env = environment("en")
    found = set()
    for path in sorted(TEMPLATES.glob("*.html")):
        for _line, _function, message in env.extract_translations(path.read_text("utf-8")):
            value = message[0] if isinstance(message, tuple) else message
            if value is not None:  # `_(message)` of a variable: marked where it is made
                found.add(value)
    return found


def code_msgids() -> set[str]:
    found = set()
    for path in sorted(CODE.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in MARKERS
            ):
                argument = node.args[0]
                assert isinstance(argument, ast.Constant), f"{path}: N_ of a non-literal"
                found.add(argument.value)
    return found


def test_every_msgid_has_a_vietnamese_translation() -> None:
    """In this catalog, or in the house's (`translations`), where new pages' text goes."""
    used = template_msgids() | code_msgids()
    assert len(used) > 100
    house = translations("vi")
    missing = sorted(m for m in used - set(MESSAGES) if house.gettext(m) == m)
    assert missing == []


def test_no_translation_is_left_over() -> None:
    unused = sorted(set(MESSAGES) - template_msgids() - code_msgids())
    assert unused == []


def test_translations_keep_the_placeholders() -> None:
    for msgid, text in MESSAGES.items():
        assert sorted(PLACEHOLDER.findall(msgid)) == sorted(PLACEHOLDER.findall(text)), msgid
        assert text.strip() == text and text, msgid


def test_translations_are_nfc_vietnamese() -> None:
    for msgid, text in MESSAGES.items():
        assert unicodedata.is_normalized("NFC", text), msgid
    # Diacritics intact: a sample of words the pages must spell right.
    joined = " ".join(MESSAGES.values())
    for word in ("Đăng nhập", "Tổng quan", "Phong trào", "Đơn vị", "hạn cuối", "ngày nghỉ"):
        assert word in joined


def test_translate_fills_placeholders_in_each_language() -> None:
    assert i18n.translate("vi", "The next %(days)d days", days=30) == "30 ngày tới"
    assert i18n.translate("en", "The next %(days)d days", days=30) == "The next 30 days"
    assert i18n.translate("vi", "Not in the catalog") == "Not in the catalog"
    assert i18n.month_title("vi", 2024, 2) == "Tháng 2 năm 2024"
    assert i18n.month_title("en", 2024, 2) == "February 2024"
    assert i18n.weekday("vi", 6) == "Chủ nhật"


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
