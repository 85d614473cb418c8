"""`sourcemark corpus analyze|report`: the arguments, and a clear word when Dask is missing."""

from __future__ import annotations

import argparse
import importlib
import sys

EXTRA_HINT = "pip install 'sourcemark[corpus]'"
EXTRA_MODULES = ("dask", "distributed", "pyarrow", "matplotlib")


def add_corpus_commands(commands) -> None:
    """Add `corpus analyze` and `corpus report` to the `sourcemark` subcommands."""
    corpus = commands.add_parser(
        "corpus", help="sourcing statistics over a whole news archive, on Dask"
    )
    actions = corpus.add_subparsers(dest="corpus_command", required=True)
    analyze = actions.add_parser(
        "analyze",
        help="analyse an archive into a Parquet dataset, one row per article",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    analyze.add_argument(
        "input",
        help="a JSON Lines or Parquet file (a row per article: id, text or paragraphs, and "
        "url, title, outlet, published if known), or a folder of such files or of "
        ".txt/.html articles",
    )
    analyze.add_argument("--out", required=True, help="the dataset folder to write (or resume)")
    analyze.add_argument(
        "--scheduler",
        default="local",
        help="local (a worker process per core), processes:N, or a Dask scheduler address "
        "such as tcp://host:8786",
    )
    analyze.add_argument(
        "--full", action="store_true", help="also write each article's full analysis (JSON Lines)"
    )
    analyze.add_argument(
        "--partition-size",
        type=int,
        default=None,
        help="articles per partition (default: enough for 64 partitions, at most 1000 each)",
    )
    analyze.set_defaults(func=_run("job"))
    report = actions.add_parser(
        "report", help="print the sourcing profile of a dataset and write it as an HTML page"
    )
    report.add_argument("out", help="a dataset written by `sourcemark corpus analyze`")
    report.add_argument("--html", help="the page to write (default: OUT/_report.html)")
    report.add_argument("--top", type=int, default=15, help="how many sources and formulas to list")
    report.set_defaults(func=_run("report"))


def _run(module: str):
    def command(args) -> int:
        try:
            target = importlib.import_module(f"sourcemark.corpus.{module}")
        except ModuleNotFoundError as error:
            if (error.name or "").partition(".")[0] not in EXTRA_MODULES:
                raise
            print(f"sourcemark: the corpus commands need {EXTRA_HINT} ({error})", file=sys.stderr)
            return 2
        return target.main(args)

    return command
