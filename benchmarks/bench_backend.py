"""`make bench`: every figure of the performance goals, measured side by side in one run.

The machine is shared and noisy, so each comparison alternates its sides (article by
article, or run by run in ABBA order) and reports medians or totals of the same work.
Prints a table of figure, measurement, goal and whether it is met, and writes it, with the
date and the machine, to bench/results.json. Figures that need ../shared/data (or the
built extension and Chromium) are skipped with the reason when it is missing.
"""

from __future__ import annotations

import argparse
import datetime
import json
import queue
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import page_load
from harness import (
    FIXTURE,
    REPO,
    Server,
    articles,
    machine,
    memory_mb,
    request_body,
    texts,
    words,
)

from sourcemark.documents import read_article

STOCK_PARSER = Path(__file__).resolve().parent / "stock_parse.py"
ROLES_OFF = {"SOURCEMARK_LEARNED_ROLES": "0"}
ONE_THREAD = {"SOURCEMARK_PARSE_THREADS": "1"}
CACHES_OFF = {"SOURCEMARK_PARSE_CACHE_BYTES": "0", "SOURCEMARK_ANALYSIS_CACHE_BYTES": "0"}


@dataclass
class Figure:
    key: str
    label: str
    goal: float
    better: str  # "<=" or ">="
    unit: str = ""
    value: float | None = None
    detail: str = ""
    skipped: str = ""

    @property
    def met(self) -> bool | None:
        if self.value is None:
            return None
        return self.value <= self.goal if self.better == "<=" else self.value >= self.goal


FIGURES = [
    Figure("ratio", "full /v1/analyze over HTTP ÷ bare stock nlp.pipe", 0.75, "<=", "×"),
    Figure("repeat", "repeat of a seen article", 10, "<=", "ms"),
    Figure("cold_start", "cold start to first answered /v1/health", 3, "<=", "s"),
    Figure("workers", "8 clients, --workers 2 ÷ --workers 1 throughput", 1.8, ">=", "×"),
    Figure("jobs", "analyze DIR --jobs 2 ÷ --jobs 1, words/s", 1.7, ">=", "×"),
    Figure("worker_rss", "peak RSS per worker after 1,000 distinct articles", 450, "<=", "MB"),
    Figure("page_load", "page load to markers, seed page, Chromium", 1.0, "<=", "s"),
]


def median(values) -> float:
    return statistics.median(values)


class StockParser:
    """The stock pipeline in a process of its own (stock_parse.py)."""

    def __init__(self):
        self.process = subprocess.Popen(
            [sys.executable, str(STOCK_PARSER)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        if self.process.stdout.readline().strip() != "ready":
            raise RuntimeError("the stock parser did not start")

    def parse(self, paragraphs: list[str]) -> float:
        self.process.stdin.write(json.dumps(paragraphs) + "\n")
        self.process.stdin.flush()
        return float(self.process.stdout.readline())

    def stop(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=30)


# ---- the figures -----------------------------------------------------------------------------


def ratio_and_repeat(pages: list[list[str]], rounds: int, out: dict[str, Figure], info: dict):
    """Each article, first sight, through the full analysis over HTTP (and, for information,
    without the role tagger, and parsing in one thread) and through the bare stock parse, in
    rotating order; then once more (a repeat). Fresh servers and a fresh stock parser each
    round, all warmed up on the same other article, so that every article is new to each
    side, and so are its words to spaCy's lemmatizer cache."""
    warm_up = read_article(str(FIXTURE))
    sides = ("stock", "full", "rules", "one_thread", "repeat")
    times: dict[str, list[list[float]]] = {k: [] for k in sides}
    for round_ in range(rounds):
        stock = StockParser()
        stock.parse(warm_up)
        servers = {
            "full": Server(),
            "rules": Server(env=ROLES_OFF),
            "one_thread": Server(env=ONE_THREAD),
        }
        for server in servers.values():
            server.wait_ready().analyze(request_body(warm_up))
        analyses = {"stock": stock.parse} | {name: _via(s) for name, s in servers.items()}
        order = list(analyses)
        for i, page in enumerate(pages):
            measured = {}
            shift = (i + round_) % len(order)
            for side in order[shift:] + order[:shift]:
                measured[side] = analyses[side](page)
            measured["repeat"] = servers["full"].analyze(request_body(page))
            for side, seconds in measured.items():
                if round_ == 0:
                    times[side].append([])
                times[side][i].append(seconds)
        for server in servers.values():
            server.stop()
        stock.stop()
    per_article = {side: [median(t) for t in runs] for side, runs in times.items()}
    stock_ms = median(per_article["stock"]) * 1000
    full_ms = median(per_article["full"]) * 1000
    rules_ms = median(per_article["rules"]) * 1000
    one_thread_ms = median(per_article["one_thread"]) * 1000
    paired = [f / s for f, s in zip(per_article["full"], per_article["stock"], strict=True)]
    ratio = out["ratio"]
    ratio.value = full_ms / stock_ms
    ratio.detail = (
        f"medians over {len(pages)} articles × {rounds} rounds: {full_ms:.0f} ms against "
        f"{stock_ms:.0f} ms; median of paired ratios {median(paired):.2f}; without the role "
        f"tagger (SOURCEMARK_LEARNED_ROLES=0): {rules_ms:.0f} ms, {rules_ms / stock_ms:.2f}×; "
        f"parsing in one thread (SOURCEMARK_PARSE_THREADS=1, as --workers and --jobs do): "
        f"{one_thread_ms:.0f} ms, {one_thread_ms / stock_ms:.2f}×"
    )
    info["ratio_without_role_tagger"] = round(rules_ms / stock_ms, 3)
    info["ratio_in_one_parse_thread"] = round(one_thread_ms / stock_ms, 3)
    info["stock_parse_median_ms"] = round(stock_ms, 1)
    info["full_analysis_median_ms"] = round(full_ms, 1)
    repeat = out["repeat"]
    repeat.value = median(per_article["repeat"]) * 1000
    repeat.detail = f"median over the same articles, max {max(per_article['repeat']) * 1000:.1f} ms"


def _via(server: Server):
    return lambda paragraphs: server.analyze(request_body(paragraphs))


def tagger_share(pages: list[list[str]], info: dict) -> str:
    """The role tagger's share of the analysis' time, in this process, component by component."""
    from sourcemark.config import Settings
    from sourcemark.pipeline import Pipeline
    from sourcemark.report import build_analysis

    pipeline = Pipeline(Settings(parse_cache_bytes=0, analysis_cache_bytes=0))
    seconds: dict[str, float] = {}
    for page in pages:
        docs = [pipeline.nlp.make_doc(p) for p in page]
        for name, component in pipeline.nlp.pipeline:
            started = time.perf_counter()
            if hasattr(component, "pipe"):
                docs = list(component.pipe(docs, batch_size=pipeline.settings.batch_size))
            else:  # a function component (the deadline check between components)
                docs = [component(doc) for doc in docs]
            seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - started
        started = time.perf_counter()
        attributions, roster = pipeline.engine.analyze(docs)
        ids = [str(i) for i in range(len(docs))]
        build_analysis(
            ids=ids, docs=docs, attributions=attributions, roster=roster, tone=pipeline.tone
        )
        seconds["attribution, tone, report"] = seconds.get("attribution, tone, report", 0.0) + (
            time.perf_counter() - started
        )
    total = sum(seconds.values())
    info["seconds_by_step"] = {k: round(v, 3) for k, v in seconds.items()}
    share = seconds.get("sourcemark_roles", 0.0) / total
    info["role_tagger_share"] = round(share, 3)
    # The checks between components take no measurable time: they are left out.
    steps = ", ".join(f"{k} {v:.2f}" for k, v in seconds.items() if v >= 0.005)
    return (
        f"seconds by step over the same articles, in one process: {steps}; role tagger {share:.0%}"
    )


def cold_start(runs: int, out: dict[str, Figure], info: dict) -> None:
    first, ready = [], []
    for _ in range(runs):
        with Server() as server:
            server.wait_ready()
            first.append(server.first_answer)
            ready.append(server.ready)
    figure = out["cold_start"]
    figure.value = median(first)
    figure.detail = (
        f"median of {runs}; the model is ready (health 200) after a median {median(ready):.2f} s"
    )
    info["model_ready_s"] = round(median(ready), 2)


@dataclass
class Sent:
    """A run of concurrent clients: when it began, each answer's time, and when the first
    client found no work left (from then on, fewer clients are at work)."""

    started: float
    answered: list[float]
    drained: float

    def steady_rate(self) -> float:
        """Answers a second while every client was at work."""
        done = sum(1 for t in self.answered if t <= self.drained)
        return done / (self.drained - self.started)

    def rate(self) -> float:
        """Answers a second over the whole run, its tail included."""
        return len(self.answered) / (max(self.answered) - self.started)


def _send_all(server: Server, bodies: list[bytes], clients: int) -> Sent:
    """Every body analysed by `clients` concurrent clients, each on its own connection."""
    work: queue.Queue[bytes] = queue.Queue()
    for body in bodies:
        work.put(body)
    failures, answered, drained = [], [], []

    def client():
        connection = server.connect()
        while True:
            try:
                body = work.get_nowait()
            except queue.Empty:
                drained.append(time.perf_counter())
                break
            try:
                server.analyze(body, connection)
                answered.append(time.perf_counter())
            except Exception as error:  # counted, and the figure withheld
                failures.append(error)
        connection.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise RuntimeError(f"{len(failures)} requests failed, e.g. {failures[0]}")
    return Sent(started, answered, min(drained))


def _throughput(workers: int, bodies: list[bytes], clients: int) -> Sent:
    """`clients` concurrent clients getting every body analysed by `--workers workers`."""
    with Server("--workers", str(workers)) as server:
        server.wait_ready(workers=workers)
        return _send_all(server, bodies, clients)


def workers_throughput(pages: list[list[str]], out: dict[str, Figure], per_run: int) -> None:
    """--workers 1 and 2 in ABBA order, each run on fresh servers with articles they haven't
    seen (A and B are two sets of distinct articles). Throughput is counted while all 8
    clients are at work: at the end of a run a worker whose clients have their answers waits
    for the other's, which says how long the run was, not how fast the server serves."""
    sets = [[request_body(p) for p in pages[:per_run]], [request_body(p) for p in pages[per_run:]]]
    runs: dict[int, list[Sent]] = {1: [], 2: []}
    for workers, bodies in ((1, sets[0]), (2, sets[0]), (2, sets[1]), (1, sets[1])):
        runs[workers].append(_throughput(workers, bodies, clients=8))
    steady = {w: statistics.mean(r.steady_rate() for r in sent) for w, sent in runs.items()}
    whole = {w: statistics.mean(r.rate() for r in sent) for w, sent in runs.items()}
    figure = out["workers"]
    figure.value = steady[2] / steady[1]
    figure.detail = (
        f"{2 * per_run} articles each, with all 8 clients at work: --workers 1 "
        f"{steady[1]:.2f} articles/s, --workers 2 {steady[2]:.2f} articles/s; over whole runs, "
        f"tails included: {whole[1]:.2f} and {whole[2]:.2f} ({whole[2] / whole[1]:.2f}×)"
    )


def jobs_scaling(paths: list[Path], out: dict[str, Figure]) -> None:
    """analyze DIR --jobs 1 and 2 in ABBA order, each run from process start to exit."""
    work = Path(tempfile.mkdtemp(prefix="sourcemark-bench-jobs-"))
    folder = work / "in"
    folder.mkdir()
    for path in paths:
        shutil.copy(path, folder / path.name)
    total_words = sum(words(read_article(str(p))) for p in paths)
    seconds = {1: 0.0, 2: 0.0}
    try:
        for jobs in (1, 2, 2, 1):
            started = time.perf_counter()
            command = [
                "analyze",
                str(folder),
                "--out",
                str(work / f"out{jobs}"),
                "--jobs",
                str(jobs),
            ]
            subprocess.run(
                [sys.executable, "-m", "sourcemark.cli", *command],
                check=True,
                stderr=subprocess.DEVNULL,
            )
            seconds[jobs] += time.perf_counter() - started
    finally:
        shutil.rmtree(work, ignore_errors=True)
    figure = out["jobs"]
    figure.value = seconds[1] / seconds[2]
    rates = {jobs: 2 * total_words / s for jobs, s in seconds.items()}
    figure.detail = (
        f"{len(paths)} articles, {total_words} words, twice each: --jobs 1 {rates[1]:.0f} "
        f"words/s, --jobs 2 {rates[2]:.0f} words/s (process start to exit)"
    )


def worker_memory(pages: list[list[str]], out: dict[str, Figure], info: dict) -> None:
    """1,000 distinct articles through --workers 2 with default caches; the workers' peak RSS."""
    with Server("--workers", "2") as server:
        pids = server.wait_ready(workers=2).workers()
        baseline = [memory_mb(pid)["VmRSS"] for pid in pids]
        _send_all(server, [request_body(p) for p in pages], clients=4)
        after = [memory_mb(pid) for pid in pids]
    peaks = [m["VmHWM"] for m in after]
    ends = [m["VmRSS"] for m in after]
    figure = out["worker_rss"]
    figure.value = max(peaks)
    figure.detail = (
        f"{len(pages)} articles, 4 clients; per worker, RSS at start {_mbs(baseline)}, "
        f"peak {_mbs(peaks)}, at the end {_mbs(ends)}"
    )
    info["worker_rss_start_mb"] = [round(b) for b in baseline]


def _mbs(values: list[float]) -> str:
    return ", ".join(f"{v:.0f}" for v in values) + " MB"


def distinct_pages(pool: list[list[str]], count: int) -> list[list[str]]:
    """`count` articles with distinct paragraphs: the pool, then pool articles again with
    each paragraph marked as an update (so no parse is reused)."""
    pages = list(pool[:count])
    n = 0
    while len(pages) < count:
        pages.append([f"{p} (Update {n // len(pool) + 1}.)" for p in pool[n % len(pool)]])
        n += 1
    return pages


def page_load_time(seed: Path, visits: int, out: dict[str, Figure]) -> None:
    """The seed page through the extension against a warm backend that analyses it anew on
    every visit (its caches off); the median of the visits."""
    with Server(env=CACHES_OFF) as server:
        server.wait_ready().analyze(request_body(read_article(str(FIXTURE))))
        times = page_load.visits_ms(f"http://127.0.0.1:{server.port}", seed, visits)
    figure = out["page_load"]
    figure.value = median(times) / 1000
    figure.detail = (
        f"median of {visits} visits, each analysed anew (backend caches off): "
        f"{', '.join(f'{t:.0f}' for t in times)} ms"
    )


# ---- the run ---------------------------------------------------------------------------------


def table(figures: list[Figure]) -> str:
    lines = ["| figure | measured | goal | met |", "|---|---|---|---|"]
    for f in figures:
        goal = f"{f.better.replace('<=', '≤').replace('>=', '≥')} {f.goal:g} {f.unit}".strip()
        if f.value is None:
            lines.append(f"| {f.label} | skipped: {f.skipped} | {goal} | — |")
        else:
            met = "met" if f.met else "not met"
            lines.append(f"| {f.label} | {f.value:.2f} {f.unit} | {goal} | {met} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of the ratio figure")
    parser.add_argument("--only", help="comma-separated figure keys (default: all)")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results.json")
    args = parser.parse_args()
    wanted = set(args.only.split(",")) if args.only else {f.key for f in FIGURES}
    out = {f.key: f for f in FIGURES}
    info: dict = {}
    seed = args.data / "seed" / "russia-security-demands.txt"
    dev = texts(args.data / "polnear" / "dev" / "text")
    train = texts(args.data / "polnear" / "train" / "text")
    started = time.perf_counter()
    host = machine()
    print(f"machine: {host['cpu']}, {host['cores']} cores; load average {host['load_average']}")

    if seed.exists() and len(dev) >= 20:
        ratio_pages = articles([seed, *dev[:20]])
        ratio_note = "seed + 20 PolNeAR dev articles"
    else:
        ratio_pages = articles([FIXTURE])
        ratio_note = f"no data at {args.data}: the test fixture article only"
    print(f"ratio and repeat on {ratio_note}")
    steps = [
        ("ratio", lambda: ratio_and_repeat(ratio_pages, args.rounds, out, info)),
        ("cold_start", lambda: cold_start(3, out, info)),
    ]
    if len(train) >= 200:
        steps += [
            ("workers", lambda: workers_throughput(articles(train[:96]), out, 48)),
            ("jobs", lambda: jobs_scaling(train[:200], out)),
            (
                "worker_rss",
                lambda: worker_memory(
                    distinct_pages(articles([seed, *train, *dev]), 1000), out, info
                ),
            ),
        ]
    else:
        for key in ("workers", "jobs", "worker_rss"):
            out[key].skipped = f"needs PolNeAR train in {args.data}"
    if not seed.exists():
        out["page_load"].skipped = f"needs the seed article in {args.data}"
    elif reason := page_load.unavailable():
        out["page_load"].skipped = reason
    else:
        steps.append(("page_load", lambda: page_load_time(seed, 5, out)))
    for key, step in steps:
        if key not in wanted and not (key == "ratio" and "repeat" in wanted):
            continue
        print(f"measuring {key} ...", flush=True)
        step_started = time.perf_counter()
        step()
        print(f"  ({time.perf_counter() - step_started:.0f} s)", flush=True)
    if "ratio" in wanted:
        info["role_tagger"] = tagger_share(ratio_pages, info)

    figures = [f for f in FIGURES if f.key in wanted]
    print()
    print(table(figures))
    for f in figures:
        if f.detail:
            print(f"- {f.label}: {f.detail}")
    if "role_tagger" in info:
        print(f"- role tagger: {info['role_tagger']}")
    host["load_average_after"] = [round(x, 2) for x in machine()["load_average"]]
    result = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": host,
        "minutes": round((time.perf_counter() - started) / 60, 1),
        "figures": [{**asdict(f), "met": f.met} for f in figures],
        "info": info,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"\nwritten to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
