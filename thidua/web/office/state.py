"""What the office's pages keep in the session cookie, and nothing else touches it.

The cookie is Starlette's signed (not encrypted) session: it holds only the user's id, a
fingerprint of the password it was opened with (`thidua.users.fingerprint`), the CSRF token,
the token of the server's record of the sign-in (ended at sign-out), the chosen language
and one-shot messages for the next page. No personal data.
"""

from __future__ import annotations

import secrets
from typing import Any

from thidua.users import StaffUser

USER_ID = "uid"
FINGERPRINT = "fp"
SESSION_ID = "sid"  # names the server's record of this sign-in (`thidua.users`)
CSRF = "csrf"
LANGUAGE = "lang"
FLASH = "flash"

SESSION_MAX_AGE = 12 * 60 * 60  # a working day: sign in again the next morning

Session = dict[str, Any]


def csrf_token(session: Session) -> str:
    """The session's CSRF token, made on first use; every form posts it back."""
    token = session.get(CSRF)
    if not token:
        token = session[CSRF] = secrets.token_urlsafe(32)
    return str(token)


def sign_in(session: Session, user: StaffUser, fingerprint: str, token: str) -> None:
    """A fresh session for ``user``: nothing carried over but the language, and a new
    CSRF token (a token seen before sign-in is worth nothing after it)."""
    language = session.get(LANGUAGE)
    session.clear()
    if language:
        session[LANGUAGE] = language
    session[USER_ID] = user.id
    session[FINGERPRINT] = fingerprint
    session[SESSION_ID] = token
    csrf_token(session)


def sign_out(session: Session) -> None:
    language = session.get(LANGUAGE)
    session.clear()
    if language:
        session[LANGUAGE] = language


def flash(session: Session, level: str, message: str, **params: Any) -> None:
    """A message for the next page shown: ``message`` is an untranslated msgid (mark it
    with `N_`), translated when shown; ``level`` is info, success, warning or error."""
    session[FLASH] = [*session.get(FLASH, []), [level, message, params]]


def pop_flashes(session: Session) -> list[tuple[str, str, dict[str, Any]]]:
    if FLASH not in session:
        return []
    return [(level, message, params) for level, message, params in session.pop(FLASH)]
