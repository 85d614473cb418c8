"""The corpus run on Dask: one task per partition, the model loaded once per worker.

The same code runs on a laptop's LocalCluster and on any cluster Dask deploys (Kubernetes,
SLURM, YARN): `--scheduler tcp://host:8786` joins it. Workers must see INPUT and OUT at the
same paths (a shared file system), and have Sourcemark installed.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import sys
import time
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import dask
from distributed import Client, LocalCluster, WorkerPlugin, as_completed, get_worker
from tqdm import tqdm

from ..config import Settings
from .articles import analyze_rows
from .inputs import InputError, Partition, read_partition
from .store import ERRORS, Store

if TYPE_CHECKING:
    from ..pipeline import Pipeline

SHOWN_ERRORS = 20  # bad rows printed as they come; all of them go to the errors file

# Pipelines loaded in this process for the local cluster's workers, by plugin name. On Linux
# the workers are forked from this process once it holds the model: they start at once and
# share the model's memory, where spawned workers each import spaCy and load a copy. On 160
# PolNeAR articles, 2 workers spent 0.20 CPU s an article forked, 0.26 spawned.
_FORKED_PIPELINES: dict[str, Pipeline] = {}


class PipelinePlugin(WorkerPlugin):
    """Gives each worker the model once, when it joins, for every task there: the one it
    inherited when forked from the process that loaded it, or one it loads."""

    idempotent = True  # registered again under the same name: keep the loaded model

    def __init__(self, settings: Settings):
        self.settings = settings
        self.pipeline = None
        self.loads = 0

    async def setup(self, worker):
        inherited = _FORKED_PIPELINES.get(plugin_name(self.settings))
        # Else off the worker's event loop, which must keep answering the scheduler meanwhile.
        self.pipeline = inherited or await asyncio.to_thread(worker_pipeline, self.settings)
        self.loads += 1


def worker_pipeline(settings: Settings) -> Pipeline:
    """A worker's pipeline: a worker process per core, so each parses in one thread."""
    from ..pipeline import Pipeline

    return Pipeline(settings.for_worker_process())


def plugin_name(settings: Settings) -> str:
    """One plugin per set of settings, so a cluster reused with other settings reloads."""
    return "sourcemark-pipeline-" + hashlib.sha256(repr(settings).encode()).hexdigest()[:12]


def _serves_dashboard(dask_scheduler) -> bool:
    """Whether the scheduler's dashboard shows anything: it needs bokeh installed there."""
    from importlib.util import find_spec

    return "dashboard" in dask_scheduler.services and find_spec("bokeh") is not None


def analyze_partition(partition: Partition, out: str, full: bool, plugin: str) -> dict:
    """The task: read the partition, analyse its articles, write its files."""
    pipeline = get_worker().plugins[plugin].pipeline
    outcome = analyze_rows(pipeline, read_partition(partition), keep_analyses=full)
    Store(out).write(partition, outcome, full)
    return {"articles": len(outcome.rows), "errors": outcome.errors[:SHOWN_ERRORS]}


@dataclass
class RunResult:
    partitions: int
    skipped: int  # written by an earlier run
    articles: int
    bad_rows: int  # in the whole dataset, earlier runs included
    failed: int  # partitions that raised; run again to retry them
    seconds: float


def parse_scheduler(scheduler: str) -> str | int:
    """'local' (a worker process per core), 'processes:N', or a scheduler address."""
    if scheduler == "local":
        from dask.system import CPU_COUNT

        return CPU_COUNT
    if scheduler.startswith("processes:"):
        count = scheduler.partition(":")[2]
        if not count.isdigit() or int(count) < 1:
            raise ValueError(f"--scheduler {scheduler}: processes:N needs a whole number N >= 1")
        return int(count)
    if "://" in scheduler:
        return scheduler
    raise ValueError(
        f"--scheduler {scheduler}: use local, processes:N or a scheduler address (tcp://host:8786)"
    )


# A local cluster's housekeeping, made less frequent: at Dask's defaults (a 20 ms event-loop
# tick, a stack sample every 10 ms, memory polled every 100 ms) an idle 2-worker cluster
# used 10% of a core, and a run 15-20% more CPU per article than with these.
QUIET = {
    "distributed.admin.tick.interval": "500ms",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.worker.profile.enabled": False,
}


@contextmanager
def connect(scheduler: str, settings: Settings | None = None):
    """A client of a new LocalCluster (one single-threaded worker process per core, as
    spaCy holds the GIL), or of the scheduler at the given address. With `settings`, on
    Linux, the local workers are forked from this process with its pipeline loaded."""
    target = parse_scheduler(scheduler)
    if isinstance(target, str):
        with Client(target) as client:
            yield client
        return
    config = dict(QUIET)
    name = None
    if settings is not None and sys.platform == "linux":
        name = plugin_name(settings)
        _FORKED_PIPELINES[name] = worker_pipeline(settings)
        config["distributed.worker.multiprocessing-method"] = "fork"
    with (
        _forgetting(name),
        dask.config.set(config),
        LocalCluster(
            n_workers=target,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address="127.0.0.1:0",
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


@contextmanager
def _forgetting(name: str | None):
    """Drop the pipeline loaded for the workers when their cluster has closed."""
    try:
        yield
    finally:
        _FORKED_PIPELINES.pop(name, None)


def run(
    source: str | Path,
    out: str | Path,
    *,
    scheduler: str = "local",
    full: bool = False,
    partition_size: int | None = None,
    settings: Settings | None = None,
    client: Client | None = None,
    log=None,
) -> RunResult:
    """Analyse the corpus at `source` into the dataset at `out`, skipping the partitions an
    earlier run wrote. `client` reuses a running cluster instead of `scheduler`."""
    started = time.perf_counter()
    log = log or sys.stderr
    settings = settings or Settings.from_env()
    store = Store(out)
    partitions = store.open(Path(source), partition_size)
    todo = [p for p in partitions if not store.is_done(p, full)]
    skipped = len(partitions) - len(todo)
    if skipped:
        print(f"{skipped} of {len(partitions)} partitions already written: skipped", file=log)
    articles = failed = 0
    if todo:
        with nullcontext(client) if client else connect(scheduler, settings) as active:
            name = plugin_name(settings)
            active.register_plugin(PipelinePlugin(settings), name=name)
            if active.run_on_scheduler(_serves_dashboard):
                print(f"Dask dashboard: {active.dashboard_link}", file=log)
            futures = active.map(
                analyze_partition, todo, out=str(out), full=full, plugin=name, pure=False
            )
            articles, failed = _follow(dict(zip(futures, todo, strict=True)), store, log)
    return RunResult(
        partitions=len(partitions),
        skipped=skipped,
        articles=articles,
        bad_rows=store.gather_errors(),
        failed=failed,
        seconds=time.perf_counter() - started,
    )


def _follow(partition_of: dict, store: Store, log) -> tuple[int, int]:
    """Wait for the partitions with a progress bar, telling of bad rows and failed
    partitions as they come; return (articles analysed, partitions failed)."""
    articles = failed = shown = 0
    with tqdm(total=len(partition_of), unit="part", file=log, disable=None) as bar:
        for future in as_completed(partition_of):
            bar.update()
            try:
                done = future.result()
            except Exception as error:  # a partition that can't be read; the rest go on
                failed += 1
                partition = partition_of[future]
                reason = f"partition failed: {type(error).__name__}: {error}"
                store.record_errors(
                    partition, [{"id": None, "where": partition.name, "reason": reason}]
                )
                bar.write(f"sourcemark: {partition.name}: {reason}", file=log)
                continue
            articles += done["articles"]
            bar.set_postfix(articles=articles)
            for error in done["errors"][: SHOWN_ERRORS - shown]:
                shown += 1
                bar.write(f"bad row {error['id'] or error['where']}: {error['reason']}", file=log)
    return articles, failed


def main(args) -> int:
    """`sourcemark corpus analyze`."""
    try:
        result = run(
            args.input,
            args.out,
            scheduler=args.scheduler,
            full=args.full,
            partition_size=args.partition_size,
            settings=Settings.from_env(model=args.model),
        )
    except InputError as error:
        print(f"sourcemark: {error}", file=sys.stderr)
        return 2
    rate = result.articles / result.seconds if result.seconds else 0.0
    print(
        f"{result.articles} articles analysed in {result.seconds:.1f} s ({rate:.2f}/s) "
        f"into {args.out}; {result.bad_rows} bad rows in {Path(args.out) / ERRORS}",
        file=sys.stderr,
    )
    if result.failed:
        print(
            f"sourcemark: {result.failed} partitions failed: run again to retry them",
            file=sys.stderr,
        )
    return 1 if result.failed else 0
