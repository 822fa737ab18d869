"""The pages' two languages: Vietnamese, the default, and English at the press of a button.

Templates and code mark text with gettext calls whose msgids are English (``{{ _("…") }}``,
``{% trans %}`` in templates; `N_` and `translate` in code); `thidua.web.office.vi` is the
Vietnamese catalog, a plain dict rendered through Jinja2's i18n extension. Not gettext
``.po``/``.mo`` files: the catalog is a few hundred short strings, and ``.mo`` files need a
compile step (msgfmt or Babel) the package would have to run or ship. A test extracts every
msgid from the templates and the code and fails on any without a translation.
"""

from __future__ import annotations

import gettext
from functools import cache
from typing import Any

import translations as house
from calendars.timeline import WEEKDAY_NAMES
from config.dates import MONTHS_EN
from thidua.web.office.vi import MESSAGES as VI_MESSAGES

LANGUAGES = ("vi", "en")
LANGUAGE_NAMES = {"vi": "Tiếng Việt", "en": "English"}

WEEKDAYS = {
    "vi": WEEKDAY_NAMES,
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
WEEKDAYS_SHORT = {
    "vi": ("T2", "T3", "T4", "T5", "T6", "T7", "CN"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}


def N_(message: str) -> str:  # gettext's conventional name for "mark only"
    """Marks a msgid that is translated later, where it is shown."""
    return message


class Catalog(gettext.NullTranslations):
    """gettext's interface over a dict; Vietnamese has one form for all numbers. A msgid
    the dict lacks is looked up in the house's catalog (`translations`), where new pages'
    text goes."""

    def __init__(self, messages: dict[str, str]) -> None:
        super().__init__()
        self._messages = messages

    def gettext(self, message: str) -> str:
        return self._messages.get(message) or house.translations("vi").gettext(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return self._messages.get(msgid1) or house.translations("vi").ngettext(msgid1, msgid2, n)


@cache
def translations(language: str) -> gettext.NullTranslations:
    return Catalog(VI_MESSAGES) if language == "vi" else gettext.NullTranslations()


def translate(language: str, message: str, **params: Any) -> str:
    """``message`` (a msgid) in ``language``, with ``%(name)s`` filled from ``params``."""
    text = translations(language).gettext(message)
    return text % params if params else text


def weekday(language: str, day_index: int) -> str:
    return WEEKDAYS[language][day_index]


def month_title(language: str, year: int, month: int) -> str:
    if language == "vi":
        return f"Tháng {month} năm {year}"
    return f"{MONTHS_EN[month]} {year}"
