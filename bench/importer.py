"""Score the directive importer against gold files, split by split, and time it.

    python bench/importer.py                        # every split present
    python bench/importer.py --split seeds --split dev -v
    python bench/importer.py GOLD_DIR TEXT_DIR      # one folder of gold files and texts

The splits: ``seeds`` (the five seed documents), ``tuning`` (tests/data/importer/tuning,
written before the importer was read and then tuned on), ``dev`` (tests/data/importer/dev:
tune freely) and ``test`` (tests/data/importer/test: scored, never tuned on). For each gold
file (the format of shared/seeds/gold/) the importer reads its document (.txt, .docx, .pdf or
an image) and the events it extracts are scored over (kind, dates[, origin]): precision,
recall and F1 per file and per split (micro-averaged). Only events a reader would list
count: a campaign period the text does not date is never an event. Header fields named in
the gold ``campaign`` are reported beside. ``--verbose`` lists what was missed and what was
extracted without a gold match.

Then the time the importer takes: seconds per page of text (a page counted as 3,000
characters, the importer run on every document of the splits) and seconds per OCR page (a
page rendered from a seed text, read back through Tesseract), when Tesseract and
pdftoppm are installed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.evaluation import FileScore, evaluate, overall, timed_extractions  # noqa: E402

SHARED_SEEDS = ROOT.parent / "shared" / "seeds"
CORPUS = ROOT / "tests" / "data" / "importer"
PAGE_CHARACTERS = 3000


def splits() -> dict[str, tuple[Path, Path]]:
    """Each split's gold folder and document folder, for the splits present."""
    seeds_gold = SHARED_SEEDS / "gold"
    if not seeds_gold.is_dir():
        seeds_gold = ROOT / "tests" / "data" / "seeds" / "gold"
    found = {"seeds": (seeds_gold, ROOT / "examples" / "texts")}
    for name in ("tuning", "dev", "test"):
        folder = CORPUS / name
        if (folder / "gold").is_dir() and any((folder / "gold").glob("*.y*ml")):
            found[name] = (folder / "gold", folder)
    return found


def line(score: FileScore, width: int = 40) -> str:
    header = score.header
    header_text = f"{sum(header.values())}/{len(header)}" if header else "-"
    return (
        f"{score.name[:width]:<{width}} {score.gold:>5} {score.extracted:>5} "
        f"{score.true_positives:>4} {score.false_positives:>4} {score.false_negatives:>4} "
        f"{score.precision:>6.3f} {score.recall:>6.3f} {score.f1:>6.3f}  {header_text:>6}"
    )


def heading(first: str = "file", width: int = 40) -> str:
    return (
        f"{first:<{width}} {'gold':>5} {'found':>5} {'tp':>4} {'fp':>4} {'fn':>4} "
        f"{'P':>6} {'R':>6} {'F1':>6}  {'header':>6}"
    )


def report(scores: list[FileScore], *, verbose: bool) -> FileScore:
    """Per-file lines (with misses when verbose); returns the overall score."""
    for score in scores:
        print(line(score))
        if verbose:
            for missed in score.missed:
                print(f"    missed:   {missed.label()}")
            for extra in score.spurious:
                print(f"    spurious: {extra}")
            for key, ok in score.header.items():
                if not ok:
                    print(f"    header:   {key} differs")
    total = overall(scores)
    print(line(total))
    return total


def text_speed(folders: list[Path]) -> tuple[float, int] | None:
    """Seconds per page of text over every document of the folders, and the page count."""
    seconds, characters = 0.0, 0
    for folder in folders:
        for text, elapsed in timed_extractions(folder):
            seconds += elapsed
            characters += len(text)
    pages = max(1, round(characters / PAGE_CHARACTERS))
    return (seconds / pages, pages) if characters else None


def ocr_speed() -> tuple[float, int] | str:
    """Seconds per OCR page: a seed text made a PDF (reportlab), rendered (pdftoppm) and
    read back (Tesseract, Vietnamese); or why it cannot be measured here."""
    from importer import scans  # noqa: PLC0415

    missing = scans.ocr_missing()
    if missing:
        return missing
    try:
        from tests.documents import text_pdf  # noqa: PLC0415
    except ImportError as exc:  # reportlab is a test extra
        return f"needs the test extras ({exc})"
    seed = ROOT / "examples" / "texts" / "004_c16090252e2c5fc3.txt"
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "seed.pdf"
        pages = text_pdf(seed.read_text("utf-8"), pdf, max_pages=3)
        started = time.perf_counter()
        scans.ocr_pdf(pdf)
        return (time.perf_counter() - started) / pages, pages


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold_dir", type=Path, nargs="?")
    parser.add_argument("text_dir", type=Path, nargs="?")
    parser.add_argument(
        "--split", action="append", choices=("seeds", "tuning", "dev", "test"), default=None
    )
    parser.add_argument("--verbose", "-v", action="store_true")
    parser.add_argument("--no-timing", action="store_true", help="Scores only.")
    args = parser.parse_args()
    if args.gold_dir is not None:
        if args.text_dir is None or not args.gold_dir.is_dir() or not args.text_dir.is_dir():
            parser.error("GOLD_DIR and TEXT_DIR must be directories")
        chosen = {"files": (args.gold_dir, args.text_dir)}
    else:
        present = splits()
        chosen = {k: v for k, v in present.items() if args.split is None or k in args.split}
    totals: dict[str, tuple[FileScore, int]] = {}
    for name, (gold_dir, text_dir) in chosen.items():
        print(f"== {name}: {gold_dir}")
        print(heading())
        scores = evaluate(gold_dir, text_dir)
        totals[name] = (report(scores, verbose=args.verbose), len(scores))
        print()
    print(heading("split", 10).replace("header", " files"))
    for name, (total, files) in totals.items():
        total.name = name
        print(line(total, 10)[:-6] + f"{files:>6}")
    if args.no_timing:
        return 0
    print()
    speed = text_speed([text for _, text in chosen.values()])
    if speed:
        print(f"text: {speed[0]:.4f} s per page ({speed[1]} pages of {PAGE_CHARACTERS} characters)")
    ocr = ocr_speed()
    if isinstance(ocr, str):
        print(f"ocr: not measured: {ocr}")
    else:
        print(f"ocr: {ocr[0]:.2f} s per page ({ocr[1]} pages at 300 dpi, Tesseract vie)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
