"""An archive's articles: JSON Lines, Parquet or .txt/.html files, cut into partitions.

A partition is a small, picklable description (a byte range of a JSON Lines file, a slice of
a Parquet row group, a list of files) that a worker reads on its own, so the client never
holds the archive. The same input and partition size always give the same partitions, which
is what lets an interrupted run skip the ones already written.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..documents import DocumentError, read_article

JSONL_SUFFIXES = (".jsonl", ".ndjson")
PARQUET_SUFFIXES = (".parquet", ".pq")
ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
META_FIELDS = ("url", "title", "outlet", "published")
COLUMNS = ("id", "text", "paragraphs", *META_FIELDS)
# Enough partitions to keep every worker of a small cluster busy to the end, none so large
# that a lost worker costs much: at most this many articles in one.
TARGET_PARTITIONS = 64
MAX_PARTITION_ARTICLES = 1000
_SAMPLE_BYTES = 1 << 20


class InputError(Exception):
    """An input that can't be read as a corpus at all; the message says why."""


class BadRow(Exception):
    """One article that can't be analysed; the run records it and goes on."""

    def __init__(self, reason: str, id: object = None):
        super().__init__(reason)
        self.reason = reason
        self.id = None if id is None else str(id)


@dataclass(frozen=True)
class Partition:
    index: int
    kind: str  # "jsonl" (byte range), "parquet" (row-group slice) or "files"
    path: str  # the file, or for "files" the folder the names are relative to
    start: int = 0  # jsonl: byte offset; parquet: first row within the row group
    stop: int = 0
    row_group: int = 0
    files: tuple[str, ...] = field(default_factory=tuple)

    @property
    def name(self) -> str:
        return f"part-{self.index:05d}"

    def as_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> Partition:
        return cls(**{**data, "files": tuple(data.get("files", ()))})


def _listing(root: Path) -> list[Path]:
    if root.is_file():
        return [root]
    if not root.is_dir():
        raise InputError(f"{root}: no such file or folder")
    return sorted(
        p
        for p in root.rglob("*")
        if p.is_file()
        and not any(part.startswith((".", "_")) for part in p.relative_to(root).parts)
    )


def input_files(root: Path) -> list[Path]:
    """The corpus files under `root` (or `root` itself): JSON Lines, Parquet, .txt/.html."""
    known = JSONL_SUFFIXES + PARQUET_SUFFIXES + ARTICLE_SUFFIXES
    files = [p for p in _listing(root) if p.suffix.lower() in known]
    if not files:
        raise InputError(
            f"{root}: no corpus files (JSON Lines {'/'.join(JSONL_SUFFIXES)}, "
            f"Parquet {'/'.join(PARQUET_SUFFIXES)}, or {'/'.join(ARTICLE_SUFFIXES)} articles)"
        )
    return files


def fingerprint(files: list[Path]) -> str:
    """Changes when any input file is added, removed, resized or rewritten."""
    digest = hashlib.sha256()
    for path in files:
        stat = path.stat()
        digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _mean_line_bytes(path: Path) -> float:
    with open(path, "rb") as f:
        sample = f.read(_SAMPLE_BYTES)
    return len(sample) / max(1, sample.count(b"\n"))


def _parquet_groups(path: Path) -> list[int]:
    import pyarrow.parquet as pq

    try:
        metadata = pq.ParquetFile(path).metadata
    except Exception as error:  # pyarrow raises its own kinds for a damaged file
        raise InputError(f"{path}: not a Parquet file ({error})") from None
    return [metadata.row_group(i).num_rows for i in range(metadata.num_row_groups)]


def plan(root: Path, files: list[Path], partition_size: int | None = None) -> list[Partition]:
    """Cut the corpus `files` (under `root`) into partitions of about `partition_size`
    articles (by default enough for TARGET_PARTITIONS, at most MAX_PARTITION_ARTICLES)."""
    jsonl = [p for p in files if p.suffix.lower() in JSONL_SUFFIXES]
    parquet = {p: _parquet_groups(p) for p in files if p.suffix.lower() in PARQUET_SUFFIXES}
    articles = [p for p in files if p.suffix.lower() in ARTICLE_SUFFIXES]
    line_bytes = {p: _mean_line_bytes(p) for p in jsonl}
    if partition_size is None:
        total = (
            len(articles)
            + sum(sum(groups) for groups in parquet.values())
            + sum(p.stat().st_size / line_bytes[p] for p in jsonl)
        )
        partition_size = min(MAX_PARTITION_ARTICLES, max(1, math.ceil(total / TARGET_PARTITIONS)))
    if partition_size < 1:
        raise InputError("the partition size must be at least one article")

    specs: list[dict] = []
    for path in jsonl:
        size = path.stat().st_size
        block = max(1, round(partition_size * line_bytes[path]))
        specs += [
            {"kind": "jsonl", "path": str(path), "start": s, "stop": min(size, s + block)}
            for s in range(0, size, block)
        ]
    for path, groups in parquet.items():
        specs += [
            {
                "kind": "parquet",
                "path": str(path),
                "row_group": g,
                "start": s,
                "stop": min(n, s + partition_size),
            }
            for g, n in enumerate(groups)
            for s in range(0, n, partition_size)
        ]
    if articles:
        folder = root if root.is_dir() else root.parent
        names = [str(p.relative_to(folder)) for p in articles]
        specs += [
            {"kind": "files", "path": str(folder), "files": tuple(names[s : s + partition_size])}
            for s in range(0, len(names), partition_size)
        ]
    return [Partition(index=i, **spec) for i, spec in enumerate(specs)]


def read_partition(partition: Partition) -> Iterator[tuple[str, dict | BadRow]]:
    """(where, row) for each row: a dict with keys from COLUMNS, or BadRow for one that
    can't be read; `where` says where it is in the input, for the errors file."""
    readers = {"jsonl": _jsonl_rows, "parquet": _parquet_rows, "files": _file_rows}
    yield from readers[partition.kind](partition)


def _jsonl_rows(partition: Partition) -> Iterator[tuple[str, dict | BadRow]]:
    name = Path(partition.path).name
    with open(partition.path, "rb") as f:
        if partition.start > 0:
            # A line belongs to the partition its first byte falls in: finish the one under way.
            f.seek(partition.start - 1)
            f.readline()
        position = f.tell()
        while position < partition.stop:
            line = f.readline()
            if not line:
                break
            where = f"{name} byte {position}"
            position += len(line)
            if line.strip():
                yield where, _json_row(line)


def _json_row(line: bytes) -> dict | BadRow:
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as error:
        row = _loose_json(line.decode("utf-8", errors="replace"))
        row_id = row.get("id") if isinstance(row, dict) else None
        return BadRow(f"not UTF-8 ({error.reason} at byte {error.start})", id=row_id)
    row = _loose_json(text)
    if row is None:
        return BadRow("not valid JSON")
    if not isinstance(row, dict):
        return BadRow("not a JSON object")
    return row


def _loose_json(text: str):
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


def _parquet_rows(partition: Partition) -> Iterator[tuple[str, dict | BadRow]]:
    import pyarrow.parquet as pq

    parquet = pq.ParquetFile(partition.path)
    columns = [c for c in COLUMNS if c in parquet.schema_arrow.names]
    table = parquet.read_row_group(partition.row_group, columns=columns)
    table = table.slice(partition.start, partition.stop - partition.start)
    first = sum(parquet.metadata.row_group(g).num_rows for g in range(partition.row_group))
    name = Path(partition.path).name
    for i, row in enumerate(table.to_pylist()):
        yield f"{name} row {first + partition.start + i}", row


def _file_rows(partition: Partition) -> Iterator[tuple[str, dict | BadRow]]:
    folder = Path(partition.path)
    for name in partition.files:
        path = folder / name
        if path.suffix.lower() == ".txt":
            try:
                yield name, {"id": name, "text": path.read_bytes()}
            except OSError as error:
                yield name, BadRow(error.strerror or str(error), id=name)
            continue
        try:
            yield name, {"id": name, "paragraphs": read_article(str(path)), **_html_metadata(path)}
        except DocumentError as error:
            yield name, BadRow(str(error), id=name)


def _html_metadata(path: Path) -> dict:
    """The page's own url, title, site name and date, where trafilatura finds them."""
    import trafilatura

    found = trafilatura.extract_metadata(path.read_text(encoding="utf-8", errors="replace"))
    if found is None:
        return {}
    values = {
        "url": found.url,
        "title": found.title,
        "outlet": found.sitename,
        "published": found.date,
    }
    return {k: v for k, v in values.items() if v}
