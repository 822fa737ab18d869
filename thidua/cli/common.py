"""The root ``thidua`` group and what its commands share: the context, ``--now``, output
formats and printing of file issues."""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from config.dates import parse_date
from thidua import __version__
from thidua.cli.lazy import LazyGroup
from translations import N_
from translations import gettext as _

if TYPE_CHECKING:  # the service's rooms load when a command runs, not for --help
    from rich.console import Console

    from config.files import Issue
    from config.settings import Settings
    from thidua.context import AppContext

F = TypeVar("F", bound=Callable[..., Any])


@cache
def error_console() -> Console:
    """Where messages go (stderr); made when a command module first imports `err_console`,
    so that ``thidua --help`` does not load Rich."""
    from rich.console import Console  # noqa: PLC0415 (see above)

    return Console(stderr=True, highlight=False)


def __getattr__(name: str) -> Any:
    if name == "err_console":
        return error_console()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class BadInput(click.ClickException):
    """Input the user can fix; exits with 2 and changes nothing."""

    exit_code = 2


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(_("%(prog)s, version %(version)s", prog="thidua", version=__version__))
        ctx.exit()


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    help=N_(
        "thidua: calendars, iCalendar feeds and e-mail reminders for emulation campaigns "
        "(phong trào thi đua)."
    ),
)
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_print_version,
    help=N_("Show the version and exit."),
)
@click.pass_context
def main(ctx: click.Context) -> None:
    from thidua.context import AppContext  # noqa: PLC0415 (not for --help)

    app = AppContext(settings=read_settings())
    ctx.obj = app
    ctx.call_on_close(app.close)


def read_settings() -> Settings:
    """The settings, or exit 2 naming each wrong ``THIDUA_*`` variable (or entry of the
    settings file) and what is wrong, in the command's language."""
    from pydantic import ValidationError  # noqa: PLC0415 (not for --help)

    from config.settings import Settings, config_file  # noqa: PLC0415 (not for --help)

    try:
        return Settings()
    except ValidationError as exc:
        # Only now: config.files loads YAML and the schema, which a good start never needs.
        from config.files import plain_message  # noqa: PLC0415

        wrong = "; ".join(
            f"{setting_name(str(error['loc'][0]))}: {plain_message(error)}"
            for error in exc.errors(include_url=False)
        )
    except ValueError as exc:
        # tomllib is loaded only when there is a settings file to read: a start without
        # one does not pay for it (TOMLDecodeError is a ValueError).
        import tomllib  # noqa: PLC0415

        if not isinstance(exc, tomllib.TOMLDecodeError):
            raise
        # tomllib's words say where and what.
        wrong = f"{config_file()}: " + _("not valid TOML: %(problem)s", problem=str(exc))
    raise BadInput(_("the settings are wrong: %(errors)s", errors=wrong))


def setting_name(field_name: str) -> str:
    """A setting as the IT person wrote it: ``THIDUA_SMTP_PORT`` when that variable is set,
    else the entry of the settings file (variables win over the file)."""
    from config.settings import config_file  # noqa: PLC0415 (not for --help)

    variable = f"THIDUA_{field_name.upper()}"
    if any(name.upper() == variable for name in os.environ) or not config_file().is_file():
        return variable
    return f"{config_file()}: {field_name}"


def pass_app(func: F) -> F:
    """Hand the command the `AppContext`, turning an outdated schema into a clear error."""

    @click.pass_obj
    def wrapper(app: AppContext, *args: Any, **kwargs: Any) -> Any:
        from thidua.database import SchemaOutdated  # noqa: PLC0415 (not for --help)

        try:
            return func(app, *args, **kwargs)
        except SchemaOutdated as exc:
            raise click.ClickException(str(exc)) from exc

    wrapper.__name__ = func.__name__
    wrapper.__doc__ = func.__doc__
    return wrapper  # type: ignore[return-value]


def now_option(func: F) -> F:
    """``--now ISO-DATETIME``: the clock the command reads (default: the real time)."""

    def set_now(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
        if value is None:
            return
        from thidua.context import AppContext, parse_now  # noqa: PLC0415 (not for --help)

        app: AppContext = ctx.ensure_object(AppContext)
        try:
            app.now_override = parse_now(value, app.settings)
        except ValueError as exc:
            raise click.BadParameter(
                _("%(value)s is not an ISO date or datetime", value=repr(value))
            ) from exc

    return click.option(
        "--now",
        metavar="ISO-DATETIME",
        expose_value=False,
        callback=set_now,
        help=N_("Act as if it were this time (e.g. 2024-02-10T07:30); default: now."),
    )(func)


class DateParam(click.ParamType):
    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        try:
            return parse_date(value)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
    help=N_("Output format."),
)


def store_exists(app: AppContext) -> bool:
    """Whether there is a database to look codes up in (a SQLite file may not exist yet)."""
    url = app.settings.effective_database_url
    if url.startswith("sqlite:///"):
        return Path(url.removeprefix("sqlite:///")).exists()
    return True


def print_issues(issues: Iterable[Issue]) -> None:
    for issue in issues:
        style = "yellow" if issue.severity == "warning" else "red"
        error_console().print(str(issue), style=style, markup=False, soft_wrap=True)


def emit(
    fmt: str,
    records: Iterable[dict[str, Any]],
    columns: Sequence[tuple[str, str]],
    *,
    title: str | None = None,
) -> None:
    """Print records as a table (the given columns, headed by their msgids translated),
    JSON (every field) or CSV (headed by the keys). JSON and CSV are written as the
    records come, a chunk at a time: an iterator of records is never held whole."""
    if fmt == "json":
        _write_chunks(json_array_pieces(records))
        return
    if fmt == "csv":
        _write_chunks(csv_pieces(records, [key for key, _header in columns]))
        return
    from rich.console import Console  # noqa: PLC0415 (not for --help)
    from rich.table import Table  # noqa: PLC0415
    from rich.text import Text  # noqa: PLC0415

    # Text, not str: Rich would read "[bold]" in a title as markup and drop it (and a
    # header as markup with emoji codes, loading their table of some 4,000 names).
    table = Table(title=Text(title) if title else None, show_lines=False, expand=False)
    for _key, header in columns:
        table.add_column(Text(_(header)) if header else header, overflow="fold")
    for record in records:
        table.add_row(*(Text(_cell(record.get(key))) for key, _header in columns))
    Console(highlight=False).print(table)  # made now: the terminal's width may have changed


# About this many characters are written at a time.
CHUNK_CHARS = 1 << 16


def json_array_pieces(records: Iterable[dict[str, Any]]) -> Iterator[str]:
    """``json.dumps(list(records), ensure_ascii=False, indent=2)`` and a newline, the same
    characters, one record encoded at a time."""
    separator = "[\n"
    for record in records:
        # An element of a list indented by 2: the list of it alone, less "[\n" and "\n]".
        yield separator + json.dumps([record], ensure_ascii=False, indent=2)[2:-2]
        separator = ",\n"
    yield "[]\n" if separator == "[\n" else "\n]\n"


def csv_pieces(records: Iterable[dict[str, Any]], keys: list[str]) -> Iterator[str]:
    """A CSV headed by ``keys``, one line at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(keys)
    for record in records:
        writer.writerow([_cell(record.get(key)) for key in keys])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def _write_chunks(pieces: Iterable[str]) -> None:
    """Write the pieces to standard output, joined into chunks of about `CHUNK_CHARS`."""
    chunk: list[str] = []
    size = 0
    for piece in pieces:
        chunk.append(piece)
        size += len(piece)
        if size >= CHUNK_CHARS:
            sys.stdout.write("".join(chunk))
            chunk, size = [], 0
    sys.stdout.write("".join(chunk))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)
