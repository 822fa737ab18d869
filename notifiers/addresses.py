"""Addresses and display names as they go into a message: checked, never trusted.

A unit's name and addresses come from files an office edits; nothing here lets them add a
header or a recipient. An address must parse as exactly one RFC 5322 addr-spec (the
standard library's parser: no CR/LF, no second address, no display name); it goes on the
wire in ASCII — an internationalised domain in IDNA form — because thidua does not ask
relays for SMTPUTF8. A display name is folded to one line and written as a phrase of
plain atoms, quoted strings and RFC 2047 encoded words.

Why phrases are built here rather than left to `email.utils.formataddr`: a long
Vietnamese name must be split into several encoded words, and two encoded words side by
side in a phrase are read differently by RFC 2047 readers (the space between them
vanishes) and by CPython's own parser (it keeps it). So consecutive words that need
encoding become one encoded word and plain ASCII words between them stay as they are:
every reader then sees the same name.
"""

from __future__ import annotations

import re
import string
import unicodedata
from email.charset import Charset
from email.errors import HeaderParseError, MessageDefect
from email.headerregistry import Address, HeaderRegistry
from functools import lru_cache

from translations import gettext as _

_ATEXT = frozenset(string.ascii_letters + string.digits + "!#$%&'*+-/=?^_`{|}~")
_PRINTABLE_ASCII = frozenset(chr(c) for c in range(0x20, 0x7F))
_HEADERS = HeaderRegistry()
# Control characters (category Cc) that str.split() does not already treat as white space.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")
_UTF8 = Charset("utf-8")  # encoded words: the shorter of Q and B for each run


class InvalidAddress(ValueError):
    """Not one e-mail address that can go on the wire."""


@lru_cache(maxsize=4096)  # a unit's addresses come back in every dispatch
def wire_address(text: str) -> str:
    """The address as it goes into ``RCPT TO`` and the headers: one ASCII addr-spec."""
    candidate = text.strip()
    if not candidate:
        raise InvalidAddress(_("an empty e-mail address"))
    if "@" in candidate and not candidate.rpartition("@")[0].isascii():
        raise InvalidAddress(
            _(
                "%(text)s: a local part in Vietnamese needs SMTPUTF8, which thidua does not use",
                text=repr(text),
            )
        )
    try:
        parsed = Address(addr_spec=candidate)
    except (ValueError, IndexError, HeaderParseError, MessageDefect) as exc:
        raise InvalidAddress(
            _("%(text)s is not an e-mail address (%(reason)s)", text=repr(text), reason=exc)
        ) from exc
    if not parsed.username or not parsed.domain:
        raise InvalidAddress(
            _("%(text)s is not an e-mail address (no local part or domain)", text=repr(text))
        )
    return Address(username=parsed.username, domain=_ascii_domain(parsed.domain, text)).addr_spec


def _ascii_domain(domain: str, text: str) -> str:
    if domain.isascii():
        return domain.lower()
    try:
        return domain.encode("idna").decode("ascii")
    except UnicodeError as exc:
        raise InvalidAddress(
            _(
                "%(text)s: the domain %(domain)s is not a valid name",
                text=repr(text),
                domain=repr(domain),
            )
        ) from exc


def one_line(text: str) -> str:
    """NFC text on one line: control characters dropped, every run of white space (line
    breaks included) one space."""
    return " ".join(_CONTROL.sub("", unicodedata.normalize("NFC", text)).split())


@lru_cache(maxsize=4096)
def phrase(name: str) -> str:
    """A display name as an RFC 5322 phrase in ASCII (see the module docstring)."""
    words: list[str] = []
    to_encode: list[str] = []
    for word in one_line(name).split(" "):
        if word and _is_atom(word):
            _flush(to_encode, words)
            words.append(word)
        elif word and set(word) <= _PRINTABLE_ASCII and "=?" not in word:
            _flush(to_encode, words)
            words.append(_quoted(word))
        elif word:
            to_encode.append(word)
    _flush(to_encode, words)
    return " ".join(words)


def mailbox(name: str, address: str) -> str:
    """``phrase <address>``, or the bare address when there is no name; ``address`` must
    already be a `wire_address`."""
    shown = phrase(name)
    return f"{shown} <{address}>" if shown else address


def parse_mailbox(text: str, setting: str) -> tuple[str, str]:
    """(display name, wire address) from a setting such as ``Ban TĐKT <thidua@snv.vn>``:
    exactly one mailbox, without a flaw the standard parser would have to guess past."""
    header = _HEADERS("from", text)
    problems = [str(defect) for defect in header.defects]
    if len(header.addresses) != 1 or problems or any(c in text for c in "\r\n"):
        why = "; ".join(problems) or _("write one address, e.g. Ban TĐKT <thidua@snv.gov.vn>")
        raise InvalidAddress(
            _(
                "%(setting)s: %(text)s is not one e-mail address (%(why)s)",
                setting=setting,
                text=repr(text),
                why=why,
            )
        )
    [found] = header.addresses
    try:
        return one_line(found.display_name), wire_address(found.addr_spec)
    except InvalidAddress as exc:
        raise InvalidAddress(f"{setting}: {exc}") from exc


def _is_atom(word: str) -> bool:
    return all(c in _ATEXT for c in word) and "=?" not in word


def _quoted(word: str) -> str:
    return '"' + word.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _flush(to_encode: list[str], words: list[str]) -> None:
    if to_encode:
        words.append(_UTF8.header_encode(" ".join(to_encode)))
        to_encode.clear()
