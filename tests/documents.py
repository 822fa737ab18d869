"""Documents made for the importer's tests, as offices have them: a PDF with a text layer
(reportlab, DejaVu Sans for Vietnamese), the same PDF scanned (pages rendered by
``pdftoppm``, speckled and tilted a little with Pillow, saved back as an image-only PDF),
and a Word file whose schedule is a table (python-docx).
"""

from __future__ import annotations

import random
import subprocess
import tempfile
import textwrap
from pathlib import Path

import docx
from PIL import Image, ImageFilter

FONT_PATHS = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
)


def _font() -> str:
    from reportlab.pdfbase import pdfmetrics  # noqa: PLC0415
    from reportlab.pdfbase.ttfonts import TTFont  # noqa: PLC0415

    if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
        path = next((p for p in FONT_PATHS if p.is_file()), None)
        if path is None:
            raise FileNotFoundError("DejaVu Sans (Debian package fonts-dejavu-core) is missing")
        pdfmetrics.registerFont(TTFont("DejaVuSans", str(path)))
    return "DejaVuSans"


def text_pdf(text: str, path: Path, *, max_pages: int | None = None, size: int = 12) -> int:
    """``text`` set as A4 pages with a text layer; returns the number of pages."""
    from reportlab.lib.pagesizes import A4  # noqa: PLC0415
    from reportlab.pdfgen import canvas  # noqa: PLC0415

    font = _font()
    page = canvas.Canvas(str(path), pagesize=A4)
    _, height = A4
    margin, leading = 60, size * 1.5
    lines = [part for line in text.splitlines() for part in textwrap.wrap(line, 80) or [""]]
    pages, y = 1, height - margin
    page.setFont(font, size)
    for line in lines:
        if y < margin:
            if max_pages is not None and pages >= max_pages:
                break
            page.showPage()
            page.setFont(font, size)
            pages, y = pages + 1, height - margin
        page.drawString(margin, y, line)
        y -= leading
    page.save()
    return pages


def scanned_pdf(source: Path, path: Path, *, seed: int = 7, dpi: int = 200) -> int:
    """``source`` (a PDF) as a scan: every page an image with speckles and a slight tilt, no
    text layer. Returns the number of pages."""
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-gray", "-png", str(source), f"{folder}/page"],
            check=True,
            capture_output=True,
        )
        images = [_noisy(Image.open(p), rng) for p in sorted(Path(folder).glob("page*.png"))]
        images[0].save(path, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
        return len(images)


def _noisy(image: Image.Image, rng: random.Random) -> Image.Image:
    """Salt-and-pepper speckles, a blur of the scanner's lens, a tilt under one degree."""
    image = image.convert("L")
    pixels = image.load()
    assert pixels is not None
    width, height = image.size
    for _ in range(width * height // 400):
        x, y = rng.randrange(width), rng.randrange(height)
        pixels[x, y] = 0 if rng.random() < 0.5 else 255
    image = image.filter(ImageFilter.GaussianBlur(0.6))
    return image.rotate(rng.uniform(-0.8, 0.8), fillcolor=255, expand=False)


def schedule_docx(
    path: Path, before: list[str], headings: list[str], rows: list[list[str]], after: list[str]
) -> None:
    """A .docx: paragraphs, a table with a heading row and its rows, paragraphs."""
    document = docx.Document()
    for line in before:
        document.add_paragraph(line)
    table = document.add_table(rows=1 + len(rows), cols=len(headings))
    for i, heading in enumerate(headings):
        table.cell(0, i).text = heading
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    for line in after:
        document.add_paragraph(line)
    document.save(str(path))
