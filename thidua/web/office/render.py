"""Render the office's templates (``thidua/templates``): one Jinja2 environment per
language, autoescaping every template, with undefined names as errors rather than blanks.

Every page gets the signed-in user, the language, the session's CSRF token, the messages
left for it (`state.flash`), the service's time zone (``tz``) and the helpers the templates
share (dates as dd/mm/yyyy, moments as dd/mm/yyyy HH:MM in ``tz``, weekday names, kind
labels).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from starlette.requests import HTTPConnection, Request
from starlette.responses import HTMLResponse

from calendars.timeline import kind_label
from config.dates import vn_date
from thidua.context import AppContext
from thidua.users import StaffUser
from thidua.web.office import i18n, state
from translations import NC_, pgettext, using

GROUP_KINDS = {
    "khoi": NC_("group kind", "Emulation bloc"),
    "cum": NC_("group kind", "Emulation cluster"),
    "category": NC_("group kind", "Category"),
}


def group_kind(kind: str, language: str) -> str:
    label = GROUP_KINDS.get(kind)
    return pgettext("group kind", label, language) if label else kind


def context_of(connection: HTTPConnection) -> AppContext:
    """The `AppContext` the app was made with (`thidua.web.create_app`)."""
    return connection.app.state.context  # type: ignore[no-any-return]


def language_of(connection: HTTPConnection) -> str:
    chosen = connection.session.get(state.LANGUAGE)
    return chosen if chosen in i18n.LANGUAGES else context_of(connection).settings.language


def user_of(connection: HTTPConnection) -> StaffUser | None:
    user = connection.scope.get("user")
    return user if isinstance(user, StaffUser) else None


def today_of(connection: HTTPConnection) -> date:
    """Today in the service's time zone, by the app's clock."""
    context = context_of(connection)
    return context.now().astimezone(context.settings.tz).date()


@cache
def environment(language: str) -> Environment:
    env = Environment(
        loader=PackageLoader("thidua", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        extensions=["jinja2.ext.i18n"],
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_translations(i18n.translations(language), newstyle=True)  # type: ignore[attr-defined]
    env.filters["vn_date"] = vn_date
    env.filters["moment"] = lambda moment, tz: f"{moment.astimezone(tz):%d/%m/%Y %H:%M}"
    env.filters["weekday"] = lambda day: i18n.weekday(language, day.weekday())
    env.globals["kind_label"] = lambda kind: kind_label(kind, language)
    env.globals["group_kind"] = lambda kind: group_kind(kind, language)
    env.globals["weekdays_short"] = i18n.weekdays_short(language)
    env.globals["weekdays"] = i18n.weekdays(language)
    env.globals["month_title"] = lambda year, month: i18n.month_title(language, year, month)
    env.globals["language_names"] = i18n.LANGUAGE_NAMES
    return env


def page(
    connection: HTTPConnection,
    template: str,
    values: Mapping[str, Any] | None = None,
    *,
    status_code: int = 200,
) -> HTMLResponse:
    """A page of the office, rendered in the request's language."""
    language = language_of(connection)
    with using(language):  # what renders itself (a file's issue) speaks the page's language
        html = _render(connection, template, language, values)
    return HTMLResponse(html, status_code=status_code)


def _render(
    connection: HTTPConnection, template: str, language: str, values: Mapping[str, Any] | None
) -> str:
    session = connection.session
    return (
        environment(language)
        .get_template(template)
        .render(
            request=connection,
            user=user_of(connection),
            lang=language,
            csrf_token=state.csrf_token(session),
            flashes=state.pop_flashes(session),
            path=connection.url.path,
            full_path=_full_path(connection),
            here=_full_path(connection) if connection.scope.get("method") == "GET" else "/",
            today=today_of(connection),
            tz=context_of(connection).settings.tz,
            **(values or {}),
        )
    )


def error_page(
    connection: HTTPConnection, status_code: int, message: str, **params: Any
) -> HTMLResponse:
    """An error in the layout; ``message`` is a msgid (marked with `i18n.N_`)."""
    text = i18n.translate(language_of(connection), message, **params)
    return page(
        connection, "error.html", {"status": status_code, "message": text}, status_code=status_code
    )


def translate(connection: HTTPConnection, message: str, **params: Any) -> str:
    return i18n.translate(language_of(connection), message, **params)


def _full_path(connection: HTTPConnection) -> str:
    query = connection.url.query
    return connection.url.path + (f"?{query}" if query else "")


# The limits of an office form: files and fields, and a field's size (a file's text sent
# back from the review page can be as large as an uploaded file; a campaign's form has a
# dozen fields for each of up to a few hundred events).
FORM_LIMITS: dict[str, int] = {
    "max_files": 50,
    "max_fields": 5000,
    "max_part_size": 3 * 1024 * 1024,
}


async def form_of(request: Request) -> Any:
    """The request's form (urlencoded or multipart), within `FORM_LIMITS`."""
    return await request.form(**FORM_LIMITS)
