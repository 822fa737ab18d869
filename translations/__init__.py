"""The house's one translation room: gettext catalogs, Vietnamese first, English complete.

Every string a person reads — office pages, e-mails, CLI messages and ``--help``, errors,
the importer's review notes — is written in the code as an English msgid and translated
here. The catalogs are gettext ``.po`` files in this package
(``translations/<lang>/LC_MESSAGES/thidua.po``), compiled with Babel on first use, so there
is no build step and no binary file in the repository. The compiled catalog is kept in
``translations/__pycache__`` under the checksum of its ``.po``, as Python keeps bytecode: the
next command reads it with the standard library alone, without loading Babel. It is kept
parsed, as ``marshal`` writes the messages, which loads in a quarter of the time gettext
takes to parse a ``.mo`` (every command reads the catalog before it starts). English is the
msgid itself; Vietnamese (one plural form) is the default language everywhere.

This room imports nothing of ours, so every other room may use it::

    from translations import N_, gettext as _

    _("Unknown unit or group %(code)s", code=code)          # the current language
    _("%(n)d units", language="en", n=3)                    # a given language
    with using("en"): ...                                   # a block in one language

`said` is ``_`` for a message kept and shown later, perhaps in another language (an
issue of a campaign file, read by the command line and shown on a page): it is the text in
the current language, and it keeps its msgid and values for `Said.in_language`.

``N_`` only marks a msgid that is translated later, where it is shown; ``NC_`` does the
same for a msgid with a context (``msgctxt``), for a short word that means two things in
English ("Review": an event kind, and the page that reviews a draft), translated later with
``pgettext``; ``NN_`` marks a singular and its plural, translated by another library's
``ngettext`` (Click's messages).
"""

from __future__ import annotations

import gettext as _gettext
import io
import marshal
import os
import sys
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import IO, Any

LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"
LANGUAGE_NAMES = {"vi": "Tiếng Việt", "en": "English"}
DOMAIN = "thidua"
CATALOG_DIR = Path(__file__).parent

_current: ContextVar[str] = ContextVar("thidua_language", default=DEFAULT_LANGUAGE)


def N_(message: str) -> str:  # gettext's conventional name for "mark only"
    """Marks a msgid that is translated later, where it is shown."""
    return message


def NC_(context: str, message: str) -> str:
    """Marks ``message`` in ``context``, translated later with `pgettext`."""
    return message


def NN_(singular: str, plural: str) -> tuple[str, str]:
    """Marks a singular msgid and its plural, translated later with `ngettext`."""
    return singular, plural


# The week from Monday, as `date.weekday` counts; the catalog holds the house's spelling
# ("Chủ nhật", as official documents write it, where CLDR has "Chủ Nhật").
WEEKDAYS = (
    N_("Monday"),
    N_("Tuesday"),
    N_("Wednesday"),
    N_("Thursday"),
    N_("Friday"),
    N_("Saturday"),
    N_("Sunday"),
)
WEEKDAYS_SHORT = (
    NC_("short weekday", "Mon"),
    NC_("short weekday", "Tue"),
    NC_("short weekday", "Wed"),
    NC_("short weekday", "Thu"),
    NC_("short weekday", "Fri"),
    NC_("short weekday", "Sat"),
    NC_("short weekday", "Sun"),
)


def po_path(language: str) -> Path:
    return CATALOG_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(language: str) -> _gettext.NullTranslations:
    """The catalog of ``language`` (English, and any language without a file: the msgids)."""
    path = po_path(language)
    if language not in LANGUAGES or not path.is_file():
        return _gettext.NullTranslations()
    source = path.read_bytes()
    # Named for the interpreter too, as bytecode is: marshal's format is Python's own.
    name = f"{DOMAIN}.{language}.{_digest(source)}-{sys.implementation.cache_tag}.marshal"
    cached = CATALOG_DIR / "__pycache__" / name
    try:
        return KeptCatalog(io.BytesIO(cached.read_bytes()))
    except (OSError, EOFError, ValueError, TypeError):  # not kept yet, or a torn file
        pass
    catalog = _gettext.GNUTranslations(io.BytesIO(compile_po(source, language)))
    _keep(cached, kept_form(catalog))
    return catalog


class KeptCatalog(_gettext.GNUTranslations):
    """A catalog read back from its `kept_form`, through the hook gettext leaves for other
    formats than ``.mo``."""

    def _parse(self, fp: IO[bytes]) -> None:
        # Written by `_keep` into the package's __pycache__: trusted as the bytecode beside it is.
        self._info, self._charset, self._catalog = marshal.loads(fp.read())  # noqa: S302
        plural_forms = self._info.get("plural-forms")  # as gettext reads it from a .mo
        if plural_forms is None:
            self.plural = lambda n: int(n != 1)
        else:
            self.plural = _gettext.c2py(plural_forms.split(";")[1].split("plural=")[1])


def kept_form(catalog: _gettext.GNUTranslations) -> bytes:
    """What `KeptCatalog` reads: the catalog's header fields, charset and messages."""
    return marshal.dumps((catalog._info, catalog._charset, catalog._catalog))


def compile_po(source: bytes, language: str) -> bytes:
    """The ``.mo`` bytes of a ``.po`` catalog (fuzzy entries left out)."""
    from babel.messages.mofile import write_mo  # noqa: PLC0415 (only when the .po changed)
    from babel.messages.pofile import read_po  # noqa: PLC0415

    compiled = io.BytesIO()
    write_mo(compiled, read_po(io.BytesIO(source), locale=language, domain=DOMAIN), use_fuzzy=False)
    return compiled.getvalue()


def _digest(source: bytes) -> str:
    """The ``.po`` file's size and CRC-32: a changed catalog is another name. Not hashlib,
    whose import (OpenSSL's) would cost ``thidua --help`` more than the rest of reading
    the catalog; a trusted folder needs no cryptographic hash, as bytecode needs none."""
    return f"{len(source):x}-{zlib.crc32(source):08x}"


def _keep(cached: Path, compiled: bytes) -> None:
    """Write the compiled catalog whole (a reader never sees half of it) and drop the ones
    of older ``.po`` files (and ``.mo`` files kept by earlier versions); a read-only
    installation just compiles each time."""
    try:
        cached.parent.mkdir(exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(compiled)
        os.replace(partial, cached)
        prefix = cached.name.rsplit(".", 2)[0]  # thidua.vi
        tag = sys.implementation.cache_tag  # another interpreter's catalog is its own
        for old in cached.parent.glob(f"{prefix}.*"):
            if old != cached and old.name.endswith((f"-{tag}.marshal", ".mo")):
                old.unlink(missing_ok=True)
    except OSError:
        pass


def language_or_default(language: str | None) -> str:
    """``language`` when it is one of ours, else the current one."""
    return language if language in LANGUAGES else _current.get()


def current_language() -> str:
    return _current.get()


@contextmanager
def using(language: str | None) -> Iterator[str]:
    """Run a block with ``language`` as the current language (unknown: unchanged)."""
    chosen = language_or_default(language)
    token = _current.set(chosen)
    try:
        yield chosen
    finally:
        _current.reset(token)


def gettext(message: str, /, language: str | None = None, **params: Any) -> str:
    """``message`` (an English msgid) in ``language`` or the current one, ``%(name)s`` filled
    from ``params``."""
    text = translations(language_or_default(language)).gettext(message)
    return text % params if params else text


def pgettext(context: str, message: str, /, language: str | None = None, **params: Any) -> str:
    """``message`` as ``context`` means it (the catalog's ``msgctxt``)."""
    text = translations(language_or_default(language)).pgettext(context, message)
    return text % params if params else text


def ngettext(
    singular: str, plural: str, n: int, /, language: str | None = None, **params: Any
) -> str:
    """The form of ``n`` (``n`` is also ``%(n)d`` unless given)."""
    text = translations(language_or_default(language)).ngettext(singular, plural, n)
    params.setdefault("n", n)
    return text % params


class Said(str):
    """A message in the current language that remembers its msgid and values."""

    msgid: str
    params: dict[str, Any]

    def __new__(cls, message: str, /, **params: Any) -> Said:
        said = super().__new__(cls, gettext(message, **params))
        said.msgid, said.params = message, params
        return said

    def in_language(self, language: str | None) -> str:
        """The same message in ``language``, and so are its values that were `said`."""
        params = {name: in_language(value, language) for name, value in self.params.items()}
        return gettext(self.msgid, language, **params)


def said(message: str, /, **params: Any) -> Said:
    """``message`` (an English msgid) in the current language, kept for `Said.in_language`."""
    return Said(message, **params)


def in_language(message: Any, language: str | None) -> Any:
    """A message in ``language`` when it was `said`, else as it is."""
    return message.in_language(language) if isinstance(message, Said) else message


def weekday_name(index: int, language: str | None = None) -> str:
    """The name of weekday ``index`` (0 is Monday): ``Thứ Năm``, ``Thursday``."""
    return gettext(WEEKDAYS[index], language)


def weekday_short(index: int, language: str | None = None) -> str:
    """Its abbreviation, for a calendar's column: ``T5``, ``Thu``."""
    return pgettext("short weekday", WEEKDAYS_SHORT[index], language)


_ = gettext
