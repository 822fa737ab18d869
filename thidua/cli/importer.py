"""``thidua import-text``: a directive's text to a draft campaign file."""

from __future__ import annotations

from pathlib import Path

import click
from rich.table import Table

from calendars.timeline import kind_label
from config.dates import vn_date
from config.files import read_bundle
from importer import (
    Directory,
    Draft,
    Extraction,
    UnreadableDocument,
    build_draft,
    builtin_directory,
    directory_from_store,
    directory_from_units_file,
    extract,
    load_document,
)
from thidua.cli.common import BadInput, err_console, pass_app, print_issues, store_exists
from thidua.cli.i18n import command
from thidua.context import AppContext
from translations import N_
from translations import gettext as _


def register(main: click.Group) -> None:
    main.add_command(import_text)


@command(
    "import-text",
    help=N_(
        "Read a plan or directive (text, .docx, .pdf or a scanned page) and write a "
        "draft campaign file.\n\n"
        "Every event in the draft quotes the sentence it came from; items to check "
        'are marked "REVIEW". A summary table goes to the terminal (standard error).'
    ),
)
@click.argument(
    "file", type=click.Path(path_type=Path), help=N_("The document: .txt, .docx, .pdf or an image.")
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help=N_("Write the draft here (default: standard output)."),
)
@click.option(
    "--units",
    "units_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help=N_(
        "Match addressees against this units file "
        "(default: the stored groups, else the built-in categories)."
    ),
)
@click.option(
    "--year", type=click.IntRange(1900, 2200), help=N_("Read the document as of this year.")
)
@click.option("--code", help=N_("The campaign code (default: from the issuer and the year)."))
@click.option("--force", is_flag=True, help=N_("Overwrite the output file if it exists."))
@pass_app
def import_text(
    app: AppContext,
    file: Path,
    output: Path | None,
    units_file: Path | None,
    year: int | None,
    code: str | None,
    force: bool,
) -> None:
    if output is not None and output.exists() and not force:
        raise BadInput(_("%(path)s exists; use --force to overwrite it", path=output))
    try:
        document = load_document(file)
    except UnreadableDocument as exc:
        raise BadInput(str(exc)) from exc
    text = document.text
    if not text.strip():
        raise BadInput(_("%(path)s: the document has no text", path=file))
    directory = _directory(app, units_file)
    extraction = extract(text, year=year, calendar=app.calendar)
    extraction.reading = document.notes
    try:
        draft = build_draft(extraction, directory, source_name=file.name, code=code)
    except ValueError as exc:
        raise BadInput(str(exc)) from exc
    if output is None:
        click.echo(draft.text, nl=False)
    else:
        try:
            output.write_text(draft.text, encoding="utf-8")
        except OSError as exc:
            raise BadInput(
                _("%(path)s: cannot write the draft (%(error)s)", path=output, error=exc.strerror)
            ) from exc
    _summary(extraction, draft, output)


def _directory(app: AppContext, units_file: Path | None) -> Directory:
    if units_file is not None:
        bundle = read_bundle([units_file])
        if bundle.errors or not bundle.units_files:
            print_issues(bundle.issues)
            raise BadInput(_("%(path)s: not a usable units file", path=units_file))
        return directory_from_units_file(
            bundle.units_files[0].model, _("the units file %(path)s", path=units_file)
        )
    if store_exists(app):
        with app.database.session() as session:
            stored = directory_from_store(session)
        if stored is not None:
            return stored
    return builtin_directory()


def _summary(extraction: Extraction, draft: Draft, output: Path | None) -> None:
    info = extraction.document
    document = " ".join(
        part
        for part in (
            info.kind or _("Document"),
            _("No. %(number)s", number=info.number) if info.number else "",
            _("dated %(date)s", date=vn_date(info.date)) if info.date else "",
            _("by %(issuer)s", issuer=info.issuer) if info.issuer else "",
        )
        if part
    )
    table = Table(title=document, title_justify="left")
    for header in (_("Kind"), _("Date"), _("Content"), _("Details"), ""):
        table.add_column(header, overflow="fold")
    for row in draft.rows:
        table.add_row(
            kind_label(row.kind),
            row.when,
            row.title,
            row.detail,
            _("REVIEW") if row.review else "",
            style="yellow" if row.review else None,
        )
    err_console.print(table)
    err_console.print(
        _(
            "%(events)d event(s), %(reviews)d item(s) to review; draft written to %(where)s",
            events=len(draft.rows),
            reviews=draft.reviews,
            where=str(output) if output else _("standard output"),
        ),
        markup=False,
        soft_wrap=True,
    )
