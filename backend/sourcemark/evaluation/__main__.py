"""Print the evaluation sections: `python -m sourcemark.evaluation [--data DIR] [--errors]`."""

from __future__ import annotations

import argparse
from pathlib import Path

from . import tone

DEFAULT_DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data"


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m sourcemark.evaluation")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    parser.add_argument("--errors", action="store_true", help="list the worst cases")
    args = parser.parse_args()
    print(tone.run(args.data, errors=args.errors), end="")


if __name__ == "__main__":
    main()
