"""The command line in the setting's language, Vietnamese by default.

Help texts are written as English msgids (``help=N_("...")`` on commands, options and
arguments) and translated when help is shown, by `TranslatedCommand` and `TranslatedGroup`,
so the language is the one current at that moment, not at import. Click's own words
("Usage:", "Options", "Error: …", "Show this message and exit.") come from the same catalog:
`speak_click_in_the_catalog` points the ``gettext`` names of Click's modules at it, and
`CLICK_MESSAGES` lists, as msgids, the messages of Click an office can meet.

The language is read here without building `config.settings.Settings` (``thidua --help``
must not load pydantic): ``THIDUA_LANGUAGE``, else ``language`` in the settings file, else
the current language (Vietnamese, unless a caller runs the command inside `using`).
"""

from __future__ import annotations

import copy
import gettext as _gettext
import importlib
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, Self

import click

from translations import N_, NC_, NN_, current_language, pgettext, translations, using
from translations import gettext as _

# Click's messages an office can meet, exactly as Click writes them (a test checks they are
# still Click's); Vietnamese keeps their ``{name}`` fields.
CLICK_MESSAGES = (
    N_("Usage:"),
    N_("Options"),
    N_("Commands"),
    N_("Positional arguments"),
    N_("Show this message and exit."),
    N_("Error: {message}"),
    N_("Try '{command} {option}' for help."),
    N_("Invalid value: {message}"),
    N_("Invalid value for {param_hint}: {message}"),
    N_("Missing argument"),
    N_("Missing option"),
    N_("Missing parameter"),
    N_("Missing parameter: {param_name}"),
    N_("Missing command."),
    N_("No such option {name!r}."),
    N_("No such command {name!r}."),
    N_("Option {name!r} does not take a value."),
    N_("{value} is not in the range {range}."),
    N_("{value!r} is not a valid {number_type}."),
    N_("default: {default}"),
    N_("required"),
    N_("Aborted!"),
    N_("Error: The two entered values do not match."),
)
CLICK_PLURALS = (
    NN_("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"),
    NN_("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"),
    NN_("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."),
    NN_("{value!r} is not {choice}.", "{value!r} is not one of {choices}."),
)
# The placeholders of the usage lines ("thidua submit [OPTIONS] DEADLINE UNIT"), ours and
# Click's own, translated in the words of ``--help`` and of errors ("thiếu đối số 'ĐƠN_VỊ'"),
# so that a Vietnamese help that says "--campaign MÃ" matches the usage that shows it.
METAVARS = (
    NC_("metavar", "OPTIONS"),
    NC_("metavar", "COMMAND"),
    NC_("metavar", "ARGS"),
    NC_("metavar", "CODE"),
    NC_("metavar", "FILES"),
    NC_("metavar", "FILE"),
    NC_("metavar", "DATE"),
    NC_("metavar", "ISO-DATETIME"),
    NC_("metavar", "INTEGER"),
    NC_("metavar", "RANGE"),
    NC_("metavar", "TEXT"),
    NC_("metavar", "ADDRESS"),
    NC_("metavar", "DEADLINE"),
    NC_("metavar", "UNIT"),
    NC_("metavar", "NAME"),
    NC_("metavar", "USERNAME"),
    NC_("metavar", "BOOLEAN"),
)
_PLACEHOLDER = re.compile(r"\b[A-Z][A-Z_-]*[A-Z]\b")


def metavar(text: str) -> str:
    """A usage placeholder (``[FILES]...``, ``CODE``) in the current language."""
    return _PLACEHOLDER.sub(lambda word: pgettext("metavar", word[0]), text)


# The modules of Click that bind ``gettext``'s functions at import (``from gettext import
# gettext as _``): the only way in is to rebind those names.
CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "termui", "types")


def setting_language() -> str | None:
    """``THIDUA_LANGUAGE`` or the settings file's ``language``, as `Settings` reads them
    (variables in any case, the file at ``THIDUA_CONFIG``, default ``./thidua.toml``)."""
    for name, value in os.environ.items():
        if name.upper() == "THIDUA_LANGUAGE":
            return value
    path = Path(os.environ.get("THIDUA_CONFIG", "thidua.toml"))
    if not path.is_file():
        return None
    import tomllib  # noqa: PLC0415 (only with a settings file: most starts have none)

    try:
        with path.open("rb") as file:
            value = tomllib.load(file).get("language")
    except (OSError, tomllib.TOMLDecodeError):
        return None  # `Settings` reports a broken file when a command runs
    return value if isinstance(value, str) else None


def _click_gettext(message: str) -> str:
    return translations(current_language()).gettext(message)


def _click_ngettext(singular: str, plural: str, n: int) -> str:
    return translations(current_language()).ngettext(singular, plural, n)


def speak_click_in_the_catalog() -> None:
    """Click's messages and placeholders in the current language, from the house's
    catalog."""
    routes: dict[Callable[..., str], Callable[..., str]] = {
        _gettext.gettext: _click_gettext,
        _gettext.ngettext: _click_ngettext,
    }
    for name in CLICK_MODULES:
        module = importlib.import_module(f"click.{name}")
        for attribute in ("_", "ngettext"):
            bound = getattr(module, attribute, None)
            if bound in routes:
                setattr(module, attribute, routes[bound])
    for kind in (click.Parameter, click.Argument):  # Option makes its metavar as Parameter
        made = kind.__dict__["make_metavar"]
        if not getattr(made, "translated", False):
            kind.make_metavar = _translated_metavar(made)  # type: ignore[method-assign]


def _translated_metavar(made: Callable[..., str]) -> Callable[..., str]:
    def make_metavar(self: click.Parameter, ctx: click.Context) -> str:
        return metavar(made(self, ctx))

    make_metavar.translated = True  # type: ignore[attr-defined]
    return make_metavar


def _text(text: str | None) -> str | None:
    return _(text) if text else text


def _param(param: click.Parameter) -> click.Parameter:
    help_text = getattr(param, "help", None)
    if not help_text:
        return param
    shown = copy.copy(param)
    shown.help = _(help_text)  # type: ignore[attr-defined]
    return shown


class TranslatedCommand(click.Command):
    """A command whose help, short help, epilog and parameters' help are msgids, shown in
    the current language."""

    def in_language(self) -> Self:
        """A copy to format: its texts translated, its help option made again (Click keeps
        the one it made first, in the language of that moment)."""
        shown = copy.copy(self)
        shown.help = _text(self.help)
        shown.short_help = _text(self.short_help)
        shown.epilog = _text(self.epilog)
        shown.params = [_param(param) for param in self.params]
        shown._help_option = None
        return shown

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        super(TranslatedCommand, self.in_language()).format_help(ctx, formatter)

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        """``[OPTIONS]`` and a group's ``COMMAND [ARGS]...`` in the current language."""
        return [metavar(piece) for piece in super().collect_usage_pieces(ctx)]

    def get_short_help_str(self, limit: int = 45) -> str:
        return super(TranslatedCommand, self.in_language()).get_short_help_str(limit)

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Run in the setting's language, if one is set."""
        with using(setting_language()):
            return super().main(*args, **kwargs)


class TranslatedGroup(TranslatedCommand, click.Group):
    """A group of translated commands; its subcommands are made translated too."""

    command_class = TranslatedCommand
    group_class = type  # a subgroup is of the same class


def command(name: str | None = None, **attrs: Any) -> Callable[[Callable[..., Any]], click.Command]:
    """``click.command`` for a `TranslatedCommand` (write its help as ``help=N_(...)``)."""
    return click.command(name, cls=TranslatedCommand, **attrs)


def group(name: str | None = None, **attrs: Any) -> Callable[[Callable[..., Any]], click.Group]:
    """``click.group`` for a `TranslatedGroup`."""
    return click.group(name, cls=TranslatedGroup, **attrs)
