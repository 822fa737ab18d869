"""PDF files and scanned pages: the text layer of a PDF (pypdf), and, where a page has none
(a scan), the page rendered by poppler's ``pdftoppm`` and read by Tesseract with its
Vietnamese model; images (.png, .jpg, .tif) are read by Tesseract directly.

Both tools are Debian packages (``tesseract-ocr``, ``tesseract-ocr-vie``, ``poppler-utils``;
the Makefile installs them). They run as child processes with a time limit, on at most
`MAX_PAGES` pages, so a hostile file costs bounded time.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import tempfile
from pathlib import Path

from translations import gettext as _

MAX_PAGES = 200
OCR_SECONDS_PER_PAGE = 120  # a time limit, generous for a loaded machine
DPI = 300
# a page whose text layer has fewer letters than this is taken for a scan
MIN_LETTERS_PER_PAGE = 40


class ScanError(ValueError):
    """The PDF or image cannot be read; the message says why."""


def ocr_missing() -> str | None:
    """Why OCR cannot run here (a tool or the Vietnamese model missing), or None."""
    for tool, package in (("tesseract", "tesseract-ocr"), ("pdftoppm", "poppler-utils")):
        if shutil.which(tool) is None:
            return _(
                "%(tool)s is not installed (Debian package %(package)s)", tool=tool, package=package
            )
    try:
        listed = subprocess.run(  # noqa: S603 (a fixed command, no shell)
            [_tool("tesseract"), "--list-langs"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return str(exc)
    if "vie" not in listed.stdout.split():
        return _("Tesseract has no Vietnamese model (Debian package tesseract-ocr-vie)")
    return None


def read_pdf(path: Path) -> tuple[str, list[int]]:
    """The text of a PDF, page by page (pages separated by a form feed), and the numbers of
    the pages that were read by OCR."""
    from pypdf import PdfReader  # noqa: PLC0415 (only PDFs need it)
    from pypdf.errors import PyPdfError  # noqa: PLC0415

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            raise ScanError(
                _("%(path)s: the PDF is encrypted; save an unprotected copy", path=path)
            )
        count = len(reader.pages)
        if count > MAX_PAGES:
            raise ScanError(
                _(
                    "%(path)s: %(n)d pages; at most %(max)d are read",
                    path=path,
                    n=count,
                    max=MAX_PAGES,
                )
            )
        texts = [page.extract_text() or "" for page in reader.pages]
    except ScanError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise ScanError(
            _("%(path)s: not a readable PDF file (%(error)s)", path=path, error=exc)
        ) from exc
    scanned = [i + 1 for i, text in enumerate(texts) if _letters(text) < MIN_LETTERS_PER_PAGE]
    if scanned:
        missing = ocr_missing()
        if missing:
            raise ScanError(
                _(
                    "%(path)s: page(s) %(pages)s are scanned and OCR is not available: %(why)s",
                    path=path,
                    pages=", ".join(map(str, scanned)),
                    why=missing,
                )
            )
        for number in scanned:
            texts[number - 1] = ocr_pdf(path, first=number, last=number)
    return "\n\f\n".join(t.strip("\n") for t in texts), scanned


def _letters(text: str) -> int:
    return sum(c.isalpha() for c in text)


def ocr_pdf(path: Path, first: int | None = None, last: int | None = None) -> str:
    """The pages ``first``–``last`` (all by default) of a PDF rendered and read by OCR."""
    with tempfile.TemporaryDirectory(prefix="thidua-ocr-") as folder:
        prefix = Path(folder) / "page"
        command = ["pdftoppm", "-r", str(DPI), "-gray", "-png"]
        if first is not None:
            command += ["-f", str(first), "-l", str(last or first)]
        _run(
            [*command, str(path), str(prefix)], path, pages=(last or first or 1) - (first or 1) + 1
        )
        images = sorted(Path(folder).glob("page*.png"))
        return "\n\f\n".join(ocr_image(image, shown=path) for image in images)


def ocr_image(path: Path, shown: Path | None = None) -> str:
    """An image's text, read by Tesseract (Vietnamese, automatic page layout)."""
    missing = ocr_missing()
    if missing:
        raise ScanError(
            _("%(path)s: OCR is not available: %(why)s", path=shown or path, why=missing)
        )
    return _run(["tesseract", str(path), "stdout", "-l", "vie", "--psm", "4"], shown or path)


def _tool(name: str) -> str:
    return shutil.which(name) or name


def _run(command: list[str], shown: Path, pages: int = 1) -> str:
    """A tool's output; its arguments are file paths, never run through a shell."""
    try:
        done = subprocess.run(  # noqa: S603
            [_tool(command[0]), *command[1:]],
            capture_output=True,
            timeout=OCR_SECONDS_PER_PAGE * max(1, pages),
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise ScanError(_("%(path)s: reading the scan took too long", path=shown)) from exc
    if done.returncode != 0:
        error = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ScanError(
            _(
                "%(path)s: the scan cannot be read (%(error)s)",
                path=shown,
                error=error[-1] if error else done.returncode,
            )
        )
    return done.stdout.decode("utf-8", "replace")
