"""`python -m sourcemark.evaluation`: prints the evaluation tables on dev data; exits 0."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import ggt, polnear, tone

DEFAULT_DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data"


@dataclass(frozen=True)
class Section:
    name: str
    run: Callable[[Path, argparse.Namespace], str]


# Add a section here: a name for --section and a function returning its printed report.
SECTIONS = [
    Section("polnear", lambda data, o: polnear.run(data, errors=o.errors, limit=o.limit)),
    Section("ggt", lambda data, o: ggt.run(data, errors=o.errors, limit=o.limit)),
    Section("tone", lambda data, o: tone.run(data, errors=o.errors)),
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sourcemark.evaluation", description=__doc__)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data dir")
    parser.add_argument("--errors", action="store_true", help="print the errors, grouped")
    parser.add_argument("--limit", type=int, help="only the first N articles of each set")
    parser.add_argument(
        "--section",
        choices=[s.name for s in SECTIONS],
        action="append",
        help="run only this section (repeatable)",
    )
    options = parser.parse_args(argv)
    if not options.data.is_dir():
        print(f"evaluation skipped: no data directory at {options.data}")
        return 0
    for section in SECTIONS:
        if options.section and section.name not in options.section:
            continue
        print(section.run(options.data, options).rstrip("\n"), end="\n\n", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
