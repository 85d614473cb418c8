"""The output folder: a Parquet dataset with one file per partition, written so that a run
can stop anywhere and start again.

    OUT/part-00000.parquet         one row per article (articles.ROW_SCHEMA)
    OUT/_corpus.json               the input, its fingerprint and its partitions
    OUT/_errors/part-00000.jsonl   the partition's bad rows: {"id", "where", "reason"}
    OUT/_errors.jsonl              every bad row, gathered at the end of each run
    OUT/_full/part-00000.jsonl     with --full: {"id", "analysis"} for each article

A partition's Parquet file is written last, by an atomic rename, so its presence means the
partition is complete. Parquet readers (pyarrow, pandas, Dask, Spark) skip names that start
with "_" or ".", so OUT reads as a dataset of article rows alone.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from .articles import ROW_SCHEMA, Outcome
from .inputs import InputError, Partition, fingerprint, input_files, plan

MANIFEST = "_corpus.json"
ERRORS = "_errors.jsonl"
ERRORS_DIR = "_errors"
FULL_DIR = "_full"


class Store:
    def __init__(self, out: str | Path):
        self.out = Path(out)

    def open(self, root: Path, partition_size: int | None) -> list[Partition]:
        """The run's partitions: planned afresh for a new OUT, read back for one started
        before on the same input."""
        files = input_files(root)
        run = {
            "input": str(root.resolve()),
            "fingerprint": fingerprint(files),
            "partition_size": partition_size,
        }
        manifest = self.out / MANIFEST
        if manifest.is_file():
            started = json.loads(manifest.read_text(encoding="utf-8"))
            if {k: started.get(k) for k in run} != run:
                raise InputError(
                    f"{self.out} holds a run over other input, or the input or --partition-size "
                    "changed since: write to a new folder, or delete this one"
                )
            for stale in self.out.rglob(".*.tmp"):
                stale.unlink()
            return [Partition.from_json(p) for p in started["partitions"]]
        if self.out.exists() and any(self.out.iterdir()):
            raise InputError(f"{self.out} is not empty and holds no corpus run: name a new folder")
        partitions = plan(root, files, partition_size)
        self.out.mkdir(parents=True, exist_ok=True)
        run["partitions"] = [p.as_json() for p in partitions]
        _write_atomic(manifest, lambda tmp: tmp.write_text(json.dumps(run), encoding="utf-8"))
        return partitions

    def part_path(self, partition: Partition) -> Path:
        return self.out / f"{partition.name}.parquet"

    def full_path(self, partition: Partition) -> Path:
        return self.out / FULL_DIR / f"{partition.name}.jsonl"

    def errors_path(self, partition: Partition) -> Path:
        return self.out / ERRORS_DIR / f"{partition.name}.jsonl"

    def is_done(self, partition: Partition, full: bool) -> bool:
        return self.part_path(partition).is_file() and (
            not full or self.full_path(partition).is_file()
        )

    def write(self, partition: Partition, outcome: Outcome, full: bool) -> None:
        """The partition's errors and full analyses, then its rows, which mark it done."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        self.record_errors(partition, outcome.errors)
        if full:
            path = self.full_path(partition)
            path.parent.mkdir(exist_ok=True)
            _write_atomic(path, lambda tmp: _write_jsonl(tmp, outcome.analyses))
        table = pa.Table.from_pylist(outcome.rows, schema=ROW_SCHEMA)
        _write_atomic(self.part_path(partition), lambda tmp: pq.write_table(table, tmp))

    def record_errors(self, partition: Partition, errors: list[dict]) -> None:
        path = self.errors_path(partition)
        if errors:
            path.parent.mkdir(exist_ok=True)
            _write_atomic(path, lambda tmp: _write_jsonl(tmp, errors))
        else:
            path.unlink(missing_ok=True)  # from an earlier, failed try

    def gather_errors(self) -> int:
        """Gather every partition's bad rows into OUT/_errors.jsonl; return how many."""
        lines = []
        for path in sorted((self.out / ERRORS_DIR).glob("part-*.jsonl")):
            lines += path.read_text(encoding="utf-8").splitlines()
        (self.out / ERRORS).write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
        return len(lines)


def _write_jsonl(path: Path, records: list[dict]) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for record in records:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")


def _write_atomic(path: Path, write) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    write(tmp)
    os.replace(tmp, path)


def read_rows(out: str | Path, columns: list[str] | None = None):
    """The dataset's article rows as one pyarrow Table."""
    import pyarrow.dataset as ds

    if not (Path(out) / MANIFEST).is_file():
        raise InputError(f"{out}: no corpus run here (no {MANIFEST})")
    return ds.dataset(out, format="parquet", schema=ROW_SCHEMA).to_table(columns=columns)
