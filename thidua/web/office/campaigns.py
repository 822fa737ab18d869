"""The campaigns: their list and pages (with their feeds' subscribe links), and loading
files from the browser.

Loading goes in two steps, like ``thidua check`` then ``thidua load``. Uploaded files are
checked by `thidua.bundles` — the
same reading and messages as the CLI, each naming the file, the line and the field — and
shown for review: each file's text (editable), its problems, the events it dates and what
loading it would change (a load rolled back). "Load" checks the files again, as they are
then, and loads them in one transaction, or shows the problems and stores nothing. The
files travel in the review form itself, so nothing is kept on the server in between.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from calendars import queries, timeline
from calendars.feeds import Audience
from calendars.store import LoadReport
from config.files import Bundle, Issue
from thidua import bundles, history
from thidua.context import AppContext
from thidua.web.office import agenda, importing, state, subscribe
from thidua.web.office.history import lines
from thidua.web.office.i18n import N_
from thidua.web.office.progress import deadline_progress
from thidua.web.office.render import (
    context_of,
    error_page,
    form_of,
    language_of,
    page,
    today_of,
    translate,
)

MAX_FILES = 20
MAX_FILE_BYTES = 2 * 1024 * 1024
YAML_SUFFIXES = (".yaml", ".yml")


def routes() -> list[BaseRoute]:
    return [
        Route("/campaigns", campaign_list, methods=["GET"], name="campaigns"),
        Route("/campaigns/check", check, methods=["POST"], name="campaigns_check"),
        Route("/campaigns/load", load, methods=["POST"], name="campaigns_load"),
        Route("/campaigns/{code}", campaign_page, methods=["GET"], name="campaign"),
    ]


# --- reading ---------------------------------------------------------------------------


def campaign_list(request: Request) -> Response:
    return page(request, "campaigns.html", _list_values(request))


def _list_values(request: Request, **extra: Any) -> dict[str, Any]:
    context = context_of(request)
    with context.database.session() as session:
        campaigns = queries.campaigns(session)
    everything = subscribe.shared(context.settings, Audience("all"))
    return {
        "campaigns": campaigns,
        "pasted": "",
        "import_error": None,
        "feed": everything,
        "directive_suffixes": importing.DIRECTIVE_SUFFIXES,
        **extra,
    }


def campaign_page(request: Request) -> Response:
    code = request.path_params["code"]
    show_cancelled = request.query_params.get("cancelled") == "1"
    today = today_of(request)
    context = context_of(request)
    with context.database.session() as session:
        campaign = next((c for c in queries.campaigns(session) if c.code == code), None)
        if campaign is None:
            return error_page(request, 404, N_("There is no campaign %(code)s."), code=code)
        items = agenda.entries(
            session, queries.Window(), campaign=code, include_cancelled=show_cancelled
        )
        progress = deadline_progress(session, items, today)
        changes = history.of_subject(session, "campaign", code)
    return page(
        request,
        "campaign.html",
        {
            "campaign": campaign,
            "loaded_at": campaign.updated_at.astimezone(context.settings.tz),
            "entries": items,
            "progress": progress,
            "show_cancelled": show_cancelled,
            "feed": subscribe.shared(context.settings, Audience("campaign", code)),
            "history": lines(changes, campaign.title, language_of(request), context.settings.tz),
        },
    )


# --- checking and loading --------------------------------------------------------------


@dataclass
class ReviewFile:
    """One file on the review page."""

    name: str
    text: str
    issues: list[Issue] = field(default_factory=list)
    kind: str | None = None  # "campaign" or "units" once read
    events: list[agenda.Entry] = field(default_factory=list)


@dataclass
class Review:
    files: list[ReviewFile]
    # About the upload itself (a file that is not YAML, too large…): text, or an `Issue`
    # that renders itself in the page's language.
    problems: list[str | Issue]
    bundle: Bundle | None = None
    report: LoadReport | None = None

    @property
    def loadable(self) -> bool:
        return not self.problems and self.bundle is not None and not self.bundle.errors

    @property
    def error_count(self) -> int:
        return len(self.problems) + (len(self.bundle.errors) if self.bundle else 0)

    @property
    def warning_count(self) -> int:
        return len(self.bundle.warnings) if self.bundle else 0


async def check(request: Request) -> Response:
    form = await form_of(request)
    uploads, problems = await _uploads(request, form)
    review = await run_in_threadpool(_review, context_of(request), uploads, problems)
    return page(request, "review.html", {"review": review}, status_code=200)


async def load(request: Request) -> Response:
    form = await form_of(request)
    uploads, problems = await _uploads(request, form)
    context = context_of(request)
    review = await run_in_threadpool(_review, context, uploads, problems, preview=False)
    if not review.loadable or review.bundle is None:
        return page(request, "review.html", {"review": review}, status_code=422)
    prune = form.get("prune") == "1"  # the review listed the units this deactivates
    report = await run_in_threadpool(
        functools.partial(bundles.store_bundle, context, review.bundle, prune=prune)
    )
    state.flash(
        request.session,
        "success" if report.changed else "info",
        N_("Loaded %(files)s: %(summary)s."),
        files=", ".join(f.name for f in review.files),
        summary=report_summary(request, report),
    )
    codes = [source.model.campaign.code for source in review.bundle.campaigns]
    target = f"/campaigns/{codes[0]}" if len(codes) == 1 else "/campaigns"
    return RedirectResponse(target, status_code=303)


def import_failed(request: Request, pasted: str, message: str, status: int) -> Response:
    """The campaigns page again, saying why, with the pasted text kept."""
    values = _list_values(request, pasted=pasted, import_error=message)
    return page(request, "campaigns.html", values, status_code=status)


async def _uploads(
    request: Request, form: FormData
) -> tuple[list[tuple[str, bytes]], list[str | Issue]]:
    """The files of a check or load form: uploaded files, or the (name, content) pairs of
    the review page; and what is wrong with the upload itself, in words."""
    uploads: list[tuple[str, bytes]] = []
    problems: list[str | Issue] = []
    for item in form.getlist("files"):
        if not isinstance(item, UploadFile) or not item.filename:
            continue
        name = clean_name(item.filename)
        data = await item.read(MAX_FILE_BYTES + 1)
        _add_upload(request, uploads, problems, name, item.filename, data)
    names, contents = form.getlist("name"), form.getlist("content")
    for raw_name, content in zip(names, contents, strict=False):
        text = str(content).replace("\r\n", "\n")
        _add_upload(
            request, uploads, problems, clean_name(str(raw_name)), str(raw_name), text.encode()
        )
    if not uploads and not problems:
        problems.append(translate(request, N_("Choose at least one campaign or units file.")))
    return uploads, problems


def _add_upload(
    request: Request,
    uploads: list[tuple[str, bytes]],
    problems: list[str | Issue],
    name: str | None,
    raw_name: str,
    data: bytes,
) -> None:
    if name is None:
        problems.append(translate(request, N_("%(name)r is not a file name."), name=raw_name))
    elif not name.lower().endswith(YAML_SUFFIXES):
        problems.append(
            translate(
                request,
                N_("%(name)s: upload campaign or units files (.yaml or .yml)."),
                name=name,
            )
        )
    elif len(data) > MAX_FILE_BYTES:
        problems.append(
            translate(request, N_("%(name)s: the file is larger than 2 MB."), name=name)
        )
    elif any(existing == name for existing, _ in uploads):
        problems.append(translate(request, N_("%(name)s: two files have this name."), name=name))
    elif len(uploads) >= MAX_FILES:
        problems.append(
            translate(request, N_("At most %(count)d files at a time."), count=MAX_FILES)
        )
    else:
        uploads.append((name, data))


def clean_name(raw: str) -> str | None:
    """The file name without any folder a browser sent; None when nothing sensible is left."""
    name = unicodedata.normalize("NFC", PurePath(raw.replace("\\", "/")).name).strip()
    if not name or name in {".", ".."} or len(name) > 200:
        return None
    if any(ord(c) < 32 or c in '<>:"|?*' for c in name):
        return None
    return name


def _review(
    context: AppContext,
    uploads: list[tuple[str, bytes]],
    problems: list[str | Issue],
    *,
    preview: bool = True,
) -> Review:
    files = [ReviewFile(name, data.decode("utf-8", errors="replace")) for name, data in uploads]
    review = Review(files, problems)
    if not uploads:
        return review
    bundle = bundles.check_uploads(context, uploads)
    review.bundle = bundle
    by_name = {f.name: f for f in files}
    for issue in bundle.issues:
        if issue.file in by_name:
            by_name[issue.file].issues.append(issue)
        else:
            problems.append(issue)
    for source in bundle.units_files:
        by_name[source.name].kind = "units"
    for source in bundle.campaigns:
        target = by_name[source.name]
        target.kind = "campaign"
        if source.name not in {i.file for i in bundle.errors}:
            target.events = _events(context, source.model)
    if preview and review.loadable:
        review.report = bundles.preview_bundle(context, bundle)
    return review


def _events(context: AppContext, model: Any) -> list[agenda.Entry]:
    """The occurrences a campaign file dates, as the pages list them (not yet stored)."""
    return [
        agenda.Entry(
            id=0,
            uid=o.uid,
            kind=o.kind,
            title=o.title,
            start=o.start,
            end=o.end,
            start_time=o.start_time,
            end_time=o.end_time,
            campaign=o.campaign,
            campaign_title=model.campaign.title,
            details=o.details,
        )
        for o in timeline.expand(model, context.calendar, context.settings.uid_domain)
    ]


REPORT_PARTS = (
    ("units", N_("units")),
    ("groups", N_("groups")),
    ("campaigns", N_("campaigns")),
    ("events", N_("events")),
    ("occurrences", N_("dated occurrences")),
    ("assignments", N_("unit assignments")),
)


def report_summary(request: Request, report: LoadReport) -> str:
    """What a load changed, in words of the page's language."""
    if not report.changed:
        return translate(request, N_("nothing changed"))
    parts = []
    for attribute, label in REPORT_PARTS:
        counts = getattr(report, attribute)
        if counts.changed:
            parts.append(
                translate(
                    request,
                    N_("%(what)s: %(created)d new, %(updated)d changed, %(cancelled)d removed"),
                    what=translate(request, label),
                    created=counts.created,
                    updated=counts.updated,
                    cancelled=counts.cancelled,
                )
            )
    return "; ".join(parts)
