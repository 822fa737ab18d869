"""Commands loaded when they are run, so that ``thidua --help`` and a light command do not
import the whole service (SQLAlchemy, Alembic, Starlette, the importer) before starting.

`LazyGroup` knows each command by the dotted path of the object that implements it
(``"thidua.cli.calendar:events"``) and imports that module only when the command is
invoked or its own help is asked for. The root ``--help`` lists the commands without
importing them: their help (the ``help=N_("...")`` of their decorator) is read from the
module's source with `ast`, translated, and shortened exactly as Click would.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import click

from thidua.cli import collector
from thidua.cli.i18n import TranslatedGroup
from translations import gettext as _


def _split(spec: str) -> tuple[str, str]:
    module, _, attribute = spec.partition(":")
    return module, attribute


def load(spec: str) -> click.Command:
    """The command object a ``"module:attribute"`` spec names."""
    module, attribute = _split(spec)
    command = getattr(importlib.import_module(module), attribute)
    if not isinstance(command, click.Command):
        raise TypeError(f"{spec} is not a click command")
    return command


@cache
def _helps(module: str) -> dict[str, str]:
    """The help texts of a module's top-level commands, read from its source (no import):
    the ``help=`` (a literal, or ``N_`` of one) of a decorator of each function."""
    found = importlib.util.find_spec(module)
    if found is None or found.origin is None:
        return {}
    tree = ast.parse(Path(found.origin).read_text(encoding="utf-8"))
    return {
        node.name: text
        for node in tree.body
        if isinstance(node, ast.FunctionDef)
        for decorator in node.decorator_list
        if (text := _help_keyword(decorator))
    }


def _help_keyword(decorator: ast.expr) -> str:
    """The ``help=`` of a ``command(...)`` or ``group(...)`` decorator, else ``""``."""
    if not isinstance(decorator, ast.Call):
        return ""
    called = decorator.func
    name = called.attr if isinstance(called, ast.Attribute) else getattr(called, "id", "")
    if name not in {"command", "group"}:
        return ""
    for keyword in decorator.keywords:
        value = keyword.value
        if isinstance(value, ast.Call) and value.args:  # N_("...")
            value = value.args[0]
        if keyword.arg == "help" and isinstance(value, ast.Constant):
            return str(value.value)
    return ""


def source_help(spec: str) -> str:
    """The help text (a msgid) of the command a spec names, from its module's source."""
    module, attribute = _split(spec)
    return _helps(module).get(attribute, "")


class LazyGroup(TranslatedGroup):
    """A group whose commands are imported on first use.

    ``lazy`` maps a command name to its spec; ``extras`` maps a lazy group's name to the
    specs of subcommands defined elsewhere, added when that group is loaded.
    """

    def __init__(
        self,
        *args: Any,
        lazy: Mapping[str, str] | None = None,
        extras: Mapping[str, Sequence[str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.lazy: dict[str, str] = dict(lazy or {})
        self.extras: dict[str, list[str]] = {k: list(v) for k, v in (extras or {}).items()}

    def add_lazy(self, name: str, spec: str, *, extras: Sequence[str] = ()) -> None:
        self.lazy[name] = spec
        if extras:
            self.extras.setdefault(name, []).extend(extras)

    def main(self, args: Sequence[str] | None = None, *rest: Any, **kwargs: Any) -> Any:
        """Run the command; on the process's own command line (no ``args``), with few
        collector passes (`thidua.cli.collector`)."""
        if args is None:
            collector.short_lived()
        return super().main(args, *rest, **kwargs)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(self.commands) | set(self.lazy))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in self.lazy:
            self.add_command(self._load(cmd_name), cmd_name)
        return self.commands.get(cmd_name)

    def _load(self, name: str) -> click.Command:
        command = load(self.lazy[name])
        for spec in self.extras.get(name, ()):
            if not isinstance(command, click.Group):
                raise TypeError(f"{self.lazy[name]} is not a group: cannot add {spec}")
            command.add_command(load(spec))
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list, without importing commands not loaded yet."""
        rows = []
        width = formatter.width - 6 - max(len(name) for name in self.list_commands(ctx))
        for name in self.list_commands(ctx):
            if name in self.commands:
                command = self.commands[name]
                if command.hidden:
                    continue
                rows.append((name, command.get_short_help_str(width)))
            else:
                text = source_help(self.lazy[name])
                stand_in = click.Command(name, help=_(text) if text else None)
                rows.append((name, stand_in.get_short_help_str(width)))
        if rows:
            with formatter.section(_("Commands")):
                formatter.write_dl(rows)
