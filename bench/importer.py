"""Evaluate the directive importer against gold files.

    python bench/importer.py GOLD_DIR TEXT_DIR [--verbose]

For each gold file (the format of shared/seeds/gold/: ``source``, ``campaign``, ``events``,
``optional``) the importer reads its text from TEXT_DIR (.txt or .docx) and the events it
extracts are scored over (kind, dates[, origin]): precision, recall and F1 per file and
overall (micro-averaged). Header fields named in the gold ``campaign`` (issuer, number,
issued, signed_by) are checked and reported beside. ``--verbose`` lists what was missed and
what was extracted without a gold match.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from calendars.importer.evaluation import FileScore, evaluate, overall


def line(score: FileScore) -> str:
    header = score.header
    header_text = f"{sum(header.values())}/{len(header)}" if header else "-"
    return (
        f"{score.name:<34} {score.gold:>5} {score.extracted:>5} {score.true_positives:>4} "
        f"{score.false_positives:>4} {score.false_negatives:>4} {score.precision:>6.3f} "
        f"{score.recall:>6.3f} {score.f1:>6.3f}  {header_text:>6}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold_dir", type=Path)
    parser.add_argument("text_dir", type=Path)
    parser.add_argument("--verbose", "-v", action="store_true")
    args = parser.parse_args()
    if not args.gold_dir.is_dir() or not args.text_dir.is_dir():
        parser.error("GOLD_DIR and TEXT_DIR must be directories")
    scores = evaluate(args.gold_dir, args.text_dir)
    print(
        f"{'file':<34} {'gold':>5} {'found':>5} {'tp':>4} {'fp':>4} {'fn':>4} "
        f"{'P':>6} {'R':>6} {'F1':>6}  {'header':>6}"
    )
    for score in scores:
        print(line(score))
        if args.verbose:
            for missed in score.missed:
                print(f"    missed:   {missed.label()}")
            for extra in score.spurious:
                print(f"    spurious: {extra}")
            for key, ok in score.header.items():
                if not ok:
                    print(f"    header:   {key} differs")
    print(line(overall(scores)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
