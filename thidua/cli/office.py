"""``thidua users``: the office staff who sign in to the web pages.

A password is typed twice at a hidden prompt, or read from the first line of standard
input with ``--password-stdin`` (for scripts: never on the command line, where other users
of the machine could read it in the process list).
"""

from __future__ import annotations

import sys

import click

from thidua import users as accounts
from thidua.cli.common import BadInput, emit, err_console, format_option, pass_app
from thidua.cli.i18n import group
from thidua.context import AppContext
from translations import N_, ngettext
from translations import gettext as _


def register(main: click.Group) -> None:
    main.add_command(users)


password_stdin_option = click.option(
    "--password-stdin",
    is_flag=True,
    help=N_("Read the password from the first line of standard input instead of prompting."),
)


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline()
        if not line:
            raise BadInput(_("--password-stdin: standard input is empty"))
        return line.rstrip("\r\n")
    return click.prompt(
        _("Password"), hide_input=True, confirmation_prompt=_("Repeat the password"), err=True
    )


@group(help=N_("The office staff who sign in to the web pages."))
def users() -> None:
    pass


@users.command(
    "add", help=N_("Add USERNAME (letters a-z, digits, . _ @ + -), asking for the password twice.")
)
@click.argument("username", help=N_("The sign-in name."))
@click.option("--name", "display_name", metavar="NAME", help=N_("Full name shown on the pages."))
@password_stdin_option
@pass_app
def add(app: AppContext, username: str, display_name: str | None, password_stdin: bool) -> None:
    try:
        name = accounts.normalize_username(username)
        _require_absent(app, name)
        password = _read_password(password_stdin)
        with app.database.session() as session, session.begin():
            user = accounts.add_user(
                session, name, password, display_name=display_name, now=app.now()
            )
    except accounts.UserError as exc:
        raise BadInput(str(exc)) from exc
    err_console.print(
        _("user %(user)s added (%(name)s)", user=user.username, name=user.display_name)
    )


def _require_absent(app: AppContext, username: str) -> None:
    """Before asking for a password that could not be used."""
    with app.database.session() as session:
        if accounts.find(session, username) is not None:
            raise accounts.UserError(_("user %(user)s already exists", user=repr(username)))


@users.command("list", help=N_("The office staff, active or not, with their last sign-in."))
@format_option
@pass_app
def list_(app: AppContext, fmt: str) -> None:
    with app.database.session() as session:
        records = [
            {
                "username": u.username,
                "name": u.display_name,
                "active": u.active,
                "created_at": u.created_at.isoformat(),
                "last_login_at": u.last_login_at.isoformat() if u.last_login_at else None,
            }
            for u in accounts.all_users(session)
        ]
    emit(
        fmt,
        records,
        [
            ("username", N_("Username")),
            ("name", N_("Full name")),
            ("active", N_("Active")),
            ("last_login_at", N_("Last sign-in")),
        ],
        title=ngettext("%(n)d user", "%(n)d users", len(records)),
    )


@users.command(
    "disable", help=N_("Stop USERNAME from signing in; open sessions end at their next request.")
)
@click.argument("username", help=N_("The sign-in name."))
@pass_app
def disable(app: AppContext, username: str) -> None:
    _set_active(app, username, active=False)
    err_console.print(_("user %(user)s disabled", user=username))


@users.command("enable", help=N_("Let a disabled (or locked) USERNAME sign in again."))
@click.argument("username", help=N_("The sign-in name."))
@pass_app
def enable(app: AppContext, username: str) -> None:
    _set_active(app, username, active=True)
    err_console.print(_("user %(user)s enabled", user=username))


def _set_active(app: AppContext, username: str, *, active: bool) -> None:
    with app.database.session() as session, session.begin():
        try:
            accounts.set_active(session, username, active)
        except accounts.UserError as exc:
            raise BadInput(str(exc)) from exc


@users.command(
    "password", help=N_("Set a new password for USERNAME; sessions opened with the old one end.")
)
@click.argument("username", help=N_("The sign-in name."))
@password_stdin_option
@pass_app
def password(app: AppContext, username: str, password_stdin: bool) -> None:
    try:
        with app.database.session() as session:
            accounts.require(session, username)
        new_password = _read_password(password_stdin)
        with app.database.session() as session, session.begin():
            accounts.set_password(session, username, new_password, now=app.now())
    except accounts.UserError as exc:
        raise BadInput(str(exc)) from exc
    err_console.print(_("password of %(user)s changed", user=username))
