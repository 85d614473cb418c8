"""`python -m sourcemark.extractbench --data DIR --out DIR`: score the paragraph finder."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .datasets import load_pages
from .harness import DIST, run_pages
from .metric import page_counts, scores

WORST_SHOWN = 10


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sourcemark.extractbench", description=__doc__)
    parser.add_argument("--data", type=Path, required=True, help="benchmark folder")
    parser.add_argument("--out", type=Path, required=True, help="where predictions.json goes")
    parser.add_argument("--mode", choices=("extension", "inject"), default="extension")
    parser.add_argument("--extension", type=Path, default=DIST, help="built extension folder")
    parser.add_argument("--only", nargs="*", help="page ids to run (default: all)")
    parser.add_argument(
        "--page-scripts",
        action="store_true",
        help="let the saved pages run their own scripts (off: they break without their servers)",
    )
    parser.add_argument("--label", help="name printed with the scores (default: folder name)")
    args = parser.parse_args(argv)

    if not args.data.is_dir():
        print(f"{args.data}: no such folder", file=sys.stderr)
        return 2
    pages = load_pages(args.data)
    if args.only:
        pages = [p for p in pages if p.id in set(args.only)]
    label = args.label or args.data.name

    def progress(page, texts):
        print("." if texts is not None else "!", end="", flush=True)

    found = run_pages(
        pages,
        mode=args.mode,
        extension=args.extension,
        progress=progress,
        page_scripts=args.page_scripts,
    )
    print()
    predictions = {p.id: {"articleBody": "\n".join(found[p.id] or [])} for p in pages}
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "predictions.json").write_text(
        json.dumps(predictions, ensure_ascii=False, indent=1), encoding="utf-8"
    )

    counts = {p.id: page_counts(p.expected, predictions[p.id]["articleBody"]) for p in pages}
    total = scores(counts.values())
    not_articles = sum(1 for p in pages if found[p.id] is None)
    print(
        f"{label}: {total.pages} pages  precision={total.precision:.3f}  "
        f"recall={total.recall:.3f}  F1={total.f1:.3f}  "
        f"(no paragraphs sent: {not_articles})"
    )
    print(f"worst {WORST_SHOWN} pages by F1:")
    worst = sorted(pages, key=lambda p: counts[p.id].f1)[:WORST_SHOWN]
    for p in worst:
        c = counts[p.id]
        print(
            f"  F1={c.f1:.3f}  P={c.precision or 0:.3f}  R={c.recall or 0:.3f}  "
            f"{p.id[:16]}  {p.url or ''}"
        )
    print(f"predictions: {args.out / 'predictions.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
