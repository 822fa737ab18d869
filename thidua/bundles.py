"""From campaign and units files to the store: read and check them, preview what a load
would change, load them in one transaction. ``thidua check``/``load`` and the office's
upload page both go through here, so a file means the same wherever it comes from.
"""

from __future__ import annotations

import dataclasses
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TypeVar

from sqlalchemy.orm import Session

from calendars import queries
from calendars.checks import check_bundle
from calendars.store import LoadReport, Progress, load_bundle
from config.files import Bundle, KnownCodes, read_bundle
from thidua.context import AppContext
from translations import Said, said

T = TypeVar("T")


class _Preview(Exception):
    """Raised inside a preview's transaction so that it rolls back."""


def check_files(app: AppContext, files: Iterable[Path], *, use_store: bool) -> Bundle:
    """Read, validate and date-check files, against the stored units when ``use_store``."""
    known = KnownCodes()
    if use_store:
        with app.database.session() as session:
            unit_codes, group_codes = queries.known_codes(session)
        known = KnownCodes(unit_codes, group_codes)
    bundle = read_bundle(files, known)
    check_bundle(bundle, app.calendar)
    return bundle


def check_uploads(app: AppContext, uploads: Sequence[tuple[str, bytes]]) -> Bundle:
    """`check_files` for files that came as (name, bytes), not from disk. Issues and the
    stored ``source_file`` name the uploaded names; names must be distinct file names."""
    with tempfile.TemporaryDirectory(prefix="thidua-upload-") as folder:
        names: dict[str, str] = {}
        paths = []
        for name, data in uploads:
            if Path(name).name != name or name in {"", ".", ".."}:
                raise ValueError(f"{name!r} is not a plain file name")
            path = Path(folder) / name
            path.write_bytes(data)
            names[str(path)] = name
            paths.append(path)
        bundle = check_files(app, paths, use_store=True)
    return _renamed(bundle, names)


def _renamed(bundle: Bundle, names: dict[str, str]) -> Bundle:
    for source in (*bundle.campaigns, *bundle.units_files):
        source.path = Path(names[str(source.path)])
    bundle.paths = [Path(names.get(str(p), str(p))) for p in bundle.paths]
    bundle.issues = [
        dataclasses.replace(
            issue, file=names.get(issue.file, issue.file), message=_named(issue.message, names)
        )
        for issue in bundle.issues
    ]
    return bundle


def _named(message: str, names: dict[str, str]) -> str:
    """A message that names another file ("already a unit (in …)") names its upload; a
    `said` one is said again with its values renamed, so it can still change language."""
    if isinstance(message, Said):
        params = {
            key: _named(value, names) if isinstance(value, str) else value
            for key, value in message.params.items()
        }
        return said(message.msgid, **params)
    for temporary, name in names.items():
        message = message.replace(temporary, name)
    return message


def store_bundle(
    app: AppContext,
    bundle: Bundle,
    *,
    progress: Progress | None = None,
    prune: bool = False,
    after: Callable[[Session, LoadReport], None] | None = None,
) -> LoadReport:
    """Load a bundle without errors in one transaction (all of it, or nothing); units and
    groups its units files do not list are deactivated only when ``prune``. ``after``
    runs in the same transaction once the bundle is written (the office's pages plan the
    reminders and record who changed what there)."""
    with app.database.session() as session, session.begin():
        report = load_bundle(
            session,
            bundle,
            app.calendar,
            domain=app.settings.uid_domain,
            now=app.now(),
            progress=progress,
            prune=prune,
        )
        if after is not None:
            after(session, report)
        return report


def try_bundle(
    app: AppContext,
    bundle: Bundle,
    look: Callable[[Session, LoadReport], T],
    *,
    prune: bool = False,
) -> T:
    """Load the bundle in a transaction, let ``look`` read the result, then roll it all
    back: the real outcome of a load, with nothing written."""
    found: list[T] = []
    with app.database.session() as session:
        try:
            with session.begin():
                report = load_bundle(
                    session,
                    bundle,
                    app.calendar,
                    domain=app.settings.uid_domain,
                    now=app.now(),
                    prune=prune,
                )
                found.append(look(session, report))
                raise _Preview
        except _Preview:
            pass
    return found[0]


def preview_bundle(app: AppContext, bundle: Bundle, *, prune: bool = False) -> LoadReport:
    """What loading the bundle would change, computed by loading it in a transaction that
    is then rolled back: the real diff, with nothing written."""
    return try_bundle(app, bundle, lambda _session, report: report, prune=prune)
