"""Corpus benchmark: PolNeAR train through `sourcemark corpus analyze` on 1 and 2 local
worker processes, beside `sourcemark analyze DIR --jobs 2` on the same articles.

Every run starts from nothing (a new cluster, the model loaded for its workers) and the
three are timed in alternation, round after round, so the machine's drift hits all of them.
For the corpus runs, start-up (cluster and model loads) is timed apart from the analysis,
which is what an archive of a million articles pays for. CPU seconds per article, all
processes counted, show the cost of each path even when other work shares the cores.
BLAS runs one thread per worker process on every side, so two processes don't fight over
two cores.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

from sourcemark.config import Settings
from sourcemark.corpus import job

REPO = Path(__file__).resolve().parent.parent
ONE_THREAD = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def polnear_jsonl(text_dir: Path, limit: int | None, path: Path) -> tuple[Path, Path]:
    """PolNeAR's articles as JSON Lines (outlet and date from the file name), and a folder
    of the same .txt files for `sourcemark analyze DIR`."""
    files = sorted(text_dir.glob("*.txt"))[:limit]
    folder = path.parent / "text"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    with open(path, "w", encoding="utf-8") as out:
        for file in files:
            outlet, published = file.stem.split("_")[:2]
            text = file.read_text(encoding="utf-8")
            row = {"id": file.stem, "outlet": outlet, "published": published, "text": text}
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            (folder / file.name).symlink_to(file.resolve())
    return path, folder


def cpu_seconds() -> float:
    """CPU time of this process (the Dask scheduler and client run here) and of every child
    process that has ended (workers, nannies, `analyze --jobs` and its pool)."""
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def corpus_run(source: Path, out: Path, workers: int) -> tuple[float, float, int]:
    """(start-up seconds, analysis seconds, articles) for one run on a new LocalCluster."""
    shutil.rmtree(out, ignore_errors=True)
    settings = Settings.from_env()
    started = time.perf_counter()
    with job.connect(f"processes:{workers}", settings) as client:
        client.register_plugin(job.PipelinePlugin(settings), name=job.plugin_name(settings))
        ready = time.perf_counter()
        result = job.run(source, out, settings=settings, client=client, log=io.StringIO())
        finished = time.perf_counter()
    if result.failed or result.bad_rows:
        raise SystemExit(f"corpus run failed: {result}")
    return ready - started, finished - ready, result.articles


def jobs_run(folder: Path, out: Path, jobs: int) -> float:
    shutil.rmtree(out, ignore_errors=True)
    command = [sys.executable, "-m", "sourcemark.cli", "analyze", str(folder), "--out", str(out)]
    started = time.perf_counter()
    subprocess.run(
        [*command, "--jobs", str(jobs)],
        check=True,
        env={**os.environ, **ONE_THREAD},
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--articles", type=int, default=None, help="the first N only")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--work", type=Path, default=REPO / "build" / "bench-corpus")
    args = parser.parse_args()

    text_dir = args.data / "polnear" / "train" / "text"
    if not text_dir.is_dir():
        print(f"no PolNeAR train at {text_dir}: nothing to measure", file=sys.stderr)
        return 1
    source, folder = polnear_jsonl(text_dir, args.articles, args.work / "polnear-train.jsonl")
    n = len(source.read_text(encoding="utf-8").splitlines())
    print(f"PolNeAR train: {n} articles; {os.cpu_count()} cores; load {os.getloadavg()[0]:.1f}")

    # Alternate the order each round so drift doesn't always favour one side.
    runs = {
        "corpus, 1 worker": lambda: corpus_run(source, args.work / "one", 1),
        "corpus, 2 workers": lambda: corpus_run(source, args.work / "dataset", 2),
        "analyze --jobs 2": lambda: (0.0, jobs_run(folder, args.work / "jobs", 2), n),
    }
    best: dict[str, tuple[float, float]] = {}
    for r in range(args.rounds):
        names = list(runs)[r % 3 :] + list(runs)[: r % 3]
        for name in names:
            cpu = cpu_seconds()
            startup, analysis, articles = runs[name]()
            cpu = cpu_seconds() - cpu
            assert articles == n, (name, articles)
            total = startup + analysis
            print(
                f"round {r + 1}  {name:18s} {total:7.1f} s in all  ({n / total:5.2f} articles/s, "
                f"{cpu / n:.3f} CPU s/article)"
                + (
                    f";  start-up {startup:5.1f} s, then {n / analysis:5.2f} articles/s"
                    if startup
                    else ""
                )
            )
            if name not in best or total < sum(best[name]):
                best[name] = (startup, analysis)

    def rate(name: str, steady: bool = False) -> float:
        startup, analysis = best[name]
        return n / (analysis if steady else startup + analysis)

    one, two, jobs = "corpus, 1 worker", "corpus, 2 workers", "analyze --jobs 2"
    print(f"load average now {os.getloadavg()[0]:.1f} (other work on the machine slows every run)")
    print(
        f"speed-up, 2 workers over 1: {rate(two) / rate(one):.2f}x in all, "
        f"{rate(two, True) / rate(one, True):.2f}x after start-up (goal >= 1.8x)"
    )
    print(
        f"corpus on 2 workers against analyze --jobs 2: {rate(two) / rate(jobs):.2f}x the "
        "articles/s (goal: within 10%, 0.90-1.10x)"
    )
    print(f"2-worker dataset for `sourcemark corpus report`: {args.work / 'dataset'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
