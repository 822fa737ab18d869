"""A validation issue's message in the page's language.

The readers of ``thidua check`` (`config.files`, `config.schema`, `calendars.checks`) word
their messages for the terminal, `said` in the current language. A page shows them beside
their fields in the clerk's language, shorter where the field already says where: each
message's English is matched against the forms those modules write, and its parts (the
value, the code, the days) are put into the msgid of the page's sentence in the catalog
(`translations`). A message of a form not listed here is shown in full, in the page's
language.
"""

from __future__ import annotations

import re

from translations import N_, in_language
from translations import gettext as _

# The messages that carry no value: their text is their msgid.
FIXED = frozenset(
    {
        N_("required, but missing"),
        N_("must not be empty"),
        N_("must be a list"),
        N_("must be a mapping of fields"),
        N_("an end time needs a start time"),
        N_("a unit cannot be its own parent"),
        N_("an address is listed twice"),
        N_("a deadline cannot follow itself"),
        N_("counts from the document's date, but the document has no date"),
        N_("the rule gives no day within the period"),
        N_("has no day within the campaign period, so no event"),
        N_("write the end with 'until:', not inside the rule"),
        N_("a campaign with this code is already stored: choose another code"),
    }
)

# (the English form, the msgid its parts go into), first match wins.
PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), msgid)
    for pattern, msgid in (
        (
            r"^the range ends \((?P<e>[^)]+)\) before it starts \((?P<s>[^)]+)\)$",
            N_("the range ends (%(e)s) before it starts (%(s)s)"),
        ),
        (
            r"^the meeting ends \((?P<e>[^)]+)\) before it starts \((?P<s>[^)]+)\)$",
            N_("the meeting ends (%(e)s) before it starts (%(s)s)"),
        ),
        (r"^'?(?P<value>.*?)'? is not a date\b.*$", N_("%(value)s is not a date")),
        (r"^'?(?P<value>.*?)'? is not a month\b.*$", N_("%(value)s is not a month")),
        (r"^'?(?P<value>.*?)'? is not a time of day\b.*$", N_("%(value)s is not a time of day")),
        (r"^(?P<value>.*) is not a whole number$", N_("%(value)s is not a whole number")),
        (
            r"^'(?P<value>.*)' is not a code: .*$",
            N_("%(value)s is not a code: use letters, digits, '-', '_' or '.' (at most 64)"),
        ),
        (
            r"^unknown (?:unit or group|unit) '(?P<code>[^']*)' "
            r"\(did you mean '(?P<hint>[^']*)'\?\)$",
            N_("no stored unit or group has the code %(code)s (did you mean %(hint)s?)"),
        ),
        (
            r"^unknown (?:unit or group|unit) '(?P<code>[^']*)'$",
            N_("no stored unit or group has the code %(code)s"),
        ),
        (r"^value is not a valid email address\b.*$", N_("this is not a valid e-mail address")),
        (
            r"^event code '(?P<code>[^']*)' is used twice.*$",
            N_("the code %(code)s is used by two events"),
        ),
        (
            r"^unit code '(?P<code>[^']*)' is used twice.*$",
            N_("the code %(code)s is used by two units"),
        ),
        (
            r"^code '(?P<code>[^']*)' is already a (?:group|unit).*$",
            N_("the code %(code)s is already used by a unit or a group"),
        ),
        (
            r"^.* (?P<day>\d\d/\d\d/\d{4}) is outside the campaign period "
            r"\((?P<s>[^ ]+) – (?P<e>[^)]+)\)$",
            N_("%(day)s is outside the campaign period (%(s)s – %(e)s)"),
        ),
        (r"^'(?P<value>[^']*)' is not one of .*$", N_("%(value)s is not one of the choices")),
        (
            r"^give 'catalog' .*$",
            N_("choose a day of the catalog, or give a code, a title and an origin"),
        ),
        (
            r"^'(?P<value>.*)' is neither a date, 'document', nor an event of this campaign.*$",
            N_("%(value)s is neither a date, the document, nor an event of this campaign"),
        ),
        (r"^group '(?P<code>[^']*)' contains itself$", N_("group %(code)s contains itself")),
        (r"^'(?P<value>.*)' is not an RFC 5545 rule.*$", N_("%(value)s is not a repetition rule")),
        (r"^'(?P<term>\w+)' needs 'month'.*$", N_("this term needs a month")),
        (r"^'(?P<term>\w+)' needs 'year'.*$", N_("this term needs a year")),
        (r"^unknown field .*$", N_("this field is not part of the file")),
    )
)


def translated(message: str, language: str) -> str:
    """``message`` (an issue, `said` in any language) in ``language``, in the page's
    shorter words where it has them."""
    english = in_language(message, "en")
    if english in FIXED:
        return _(english, language=language)
    for pattern, msgid in PATTERNS:
        match = pattern.match(english)
        if match:
            return _(msgid, language=language, **match.groupdict())
    return in_language(message, language)
