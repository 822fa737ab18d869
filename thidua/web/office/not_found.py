"""The app's answer to an address it does not know, or a method an address does not take:
the office's error page, in the reader's language (Vietnamese by default), for browsers.

The feeds', the API's and the submission links' rooms (`guard.is_foreign`) keep the plain
answer calendar clients and scripts expect; their own "no such feed" or "no such unit"
answers are made by those rooms and never pass here.
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from thidua.web.office.guard import is_foreign
from thidua.web.office.i18n import N_
from thidua.web.office.render import error_page

MESSAGES = {
    404: N_("There is no page at the address %(path)s."),
    405: N_("The address %(path)s does not take this kind of request."),
}


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    headers = dict(exc.headers or {})
    if is_foreign(request.url.path):
        return PlainTextResponse(exc.detail, status_code=exc.status_code, headers=headers)
    message = MESSAGES.get(exc.status_code, N_("This request cannot be answered."))
    response = error_page(request, exc.status_code, message, path=request.url.path[:200])
    response.headers.update(headers)  # 405: Allow
    return response


def exception_handlers() -> dict[type[Exception], object]:
    return {HTTPException: http_error}
