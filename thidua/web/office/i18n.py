"""The office pages' two languages, Vietnamese by default and English at the press of a
button, over the house catalog (`translations`): this module only names what the pages
need in one place.

Templates and code mark text with English msgids (``{{ _("…") }}`` in templates; `N_` in
code, translated where it is shown with `translate`); the Vietnamese is in
``translations/vi/LC_MESSAGES/thidua.po`` like every other string of the house. A test
extracts every msgid and fails on any without a translation (``tests/test_translations.py``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from babel.dates import format_date

from translations import (
    LANGUAGE_NAMES,
    LANGUAGES,
    N_,
    gettext,
    translations,
    weekday_name,
    weekday_short,
)

__all__ = ["LANGUAGES", "LANGUAGE_NAMES", "N_", "translate", "translations"]


def translate(language: str, message: str, **params: Any) -> str:
    """``message`` (a msgid) in ``language``, with ``%(name)s`` filled from ``params``."""
    return gettext(message, language, **params)


def weekday(language: str, day_index: int) -> str:
    return weekday_name(day_index, language)


def weekdays(language: str) -> tuple[str, ...]:
    return tuple(weekday_name(index, language) for index in range(7))


def weekdays_short(language: str) -> tuple[str, ...]:
    return tuple(weekday_short(index, language) for index in range(7))


def month_title(language: str, year: int, month: int) -> str:
    """``Tháng 5 năm 2024`` / ``May 2024``."""
    # Translators: a CLDR date pattern (babel.dates) naming a month of a year.
    return format_date(date(year, month, 1), gettext("MMMM y", language), locale=language)
