"""`sourcemark corpus` on a real 2-worker LocalCluster: the same answers as one process,
the model loaded once per worker, bad rows recorded, restarts, and every input format."""

import json
import os
import subprocess
import sys

import dask
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from sourcemark.config import Settings
from sourcemark.corpus import job
from sourcemark.corpus.articles import analyze_rows
from sourcemark.corpus.inputs import InputError, input_files, plan, read_partition
from sourcemark.corpus.store import ERRORS, FULL_DIR, read_rows

from .conftest import REPO
from .corpus_articles import ARTICLES, BAD_LINES, write_jsonl

SETTINGS = Settings()


@pytest.fixture(scope="module")
def cluster():
    """One LocalCluster of two single-threaded worker processes for the whole module, forked
    (on Linux) from this process with the pipeline loaded, as `corpus analyze` starts them."""
    with job.connect("processes:2", SETTINGS) as client:
        yield client


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_jsonl(tmp_path_factory.mktemp("input") / "articles.jsonl")


@pytest.fixture(scope="module")
def first_run(cluster, corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("runs") / "dataset"
    result = job.run(
        corpus, out, full=True, partition_size=2, settings=SETTINGS, client=cluster, log=sys.stdout
    )
    return out, result


def single_process(pipeline, source):
    """The same input analysed in this process, as one partition."""
    [partition] = plan(source, input_files(source), partition_size=10_000)
    return analyze_rows(pipeline, read_partition(partition))


def by_id(rows):
    return sorted(rows, key=lambda row: row["id"])


def test_cluster_rows_match_the_single_process_path(first_run, corpus, pipeline):
    out, result = first_run
    expected = single_process(pipeline, corpus)
    assert result.partitions > 2 and result.failed == 0
    assert result.articles == len(ARTICLES) == len(expected.rows)
    assert by_id(read_rows(out).to_pylist()) == by_id(expected.rows)
    full = [
        json.loads(line)
        for path in sorted((out / FULL_DIR).glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    assert by_id(full) == by_id(expected.analyses)


def test_rows_carry_shares_summing_to_one_and_the_metadata(first_run):
    rows = {row["id"]: row for row in read_rows(first_run[0]).to_pylist()}
    for row in rows.values():
        shares = [value for key, value in row.items() if key.startswith("share_")]
        assert len(shares) == 6 and sum(shares) == pytest.approx(1.0, abs=1e-9)
    harbour = rows["harbour-2"]
    assert harbour["outlet"] == "Harbour Gazette"
    assert harbour["published"] == "2024-04-10T08:30:00+00:00"
    assert rows["harbour-1"]["url"] == "https://harbour.example/ferry-vote"
    assert rows["valley-2"]["n_paragraphs"] == 3  # the empty paragraph is kept, as in the API
    assert rows["eastport"]["outlet"] is None


def test_the_model_is_loaded_once_per_worker(first_run, cluster):
    _, result = first_run
    name = job.plugin_name(SETTINGS)
    loads = cluster.run(lambda dask_worker: dask_worker.plugins[name].loads)
    assert sorted(loads.values()) == [1, 1]  # two workers, more partitions than workers
    assert result.partitions > len(loads)
    # A worker per core: none parses in a second thread.
    threads = cluster.run(lambda dask_worker: dask_worker.plugins[name].pipeline.ner_ahead)
    assert set(threads.values()) == {None}
    if sys.platform == "linux":  # forked with the model loaded, not loaded again
        inherited = cluster.run(
            lambda dask_worker: (
                dask_worker.plugins[name].pipeline is job._FORKED_PIPELINES.get(name)
            )
        )
        assert set(inherited.values()) == {True}
    threads = cluster.run(lambda: os.environ.get("OPENBLAS_NUM_THREADS"))
    assert set(threads.values()) == {"1"}
    profiling = cluster.run(lambda: dask.config.get("distributed.worker.profile.enabled"))
    assert set(profiling.values()) == {False}  # job.QUIET reached the worker processes


def test_bad_rows_are_recorded_and_the_run_goes_on(first_run):
    out, result = first_run
    errors = [json.loads(line) for line in (out / ERRORS).read_text().splitlines()]
    assert result.bad_rows == len(errors) == len(BAD_LINES)
    for (_, row_id, reason), error in zip(
        BAD_LINES, sorted(errors, key=lambda e: int(e["where"].split()[-1])), strict=True
    ):
        assert error["id"] == row_id
        assert reason in error["reason"]
        assert error["where"].startswith("articles.jsonl byte ")


def test_a_restart_skips_the_partitions_already_written(first_run, corpus, cluster):
    out, first = first_run
    before = {p.name: p.stat().st_mtime_ns for p in out.glob("part-*.parquet")}
    lost = sorted(before)[1]
    rows_lost = pq.read_table(out / lost).num_rows
    (out / lost).unlink()
    again = job.run(
        corpus, out, full=True, partition_size=2, settings=SETTINGS, client=cluster, log=sys.stdout
    )
    assert again.skipped == first.partitions - 1
    assert again.articles == rows_lost
    after = {p.name: p.stat().st_mtime_ns for p in out.glob("part-*.parquet")}
    assert {k: v for k, v in after.items() if k != lost} == {
        k: v for k, v in before.items() if k != lost
    }
    assert again.bad_rows == first.bad_rows  # gathered again, not doubled
    assert read_rows(out).num_rows == len(ARTICLES)


def test_a_changed_input_is_not_resumed(cluster, tmp_path):
    source = write_jsonl(tmp_path / "one.jsonl", ARTICLES[:1], bad=False)
    out = tmp_path / "out"
    job.run(source, out, settings=SETTINGS, client=cluster, log=sys.stdout)
    write_jsonl(source, ARTICLES[:2], bad=False)
    with pytest.raises(InputError, match="changed"):
        job.run(source, out, settings=SETTINGS, client=cluster, log=sys.stdout)


def test_parquet_and_a_folder_give_the_rows_json_lines_gives(first_run, cluster, tmp_path):
    small = [a for a in ARTICLES if a["id"] in ("harbour-1", "valley-1", "eastport")]
    expected = {row["id"]: row for row in read_rows(first_run[0]).to_pylist()}
    table = pa.Table.from_pylist(small)
    pq.write_table(table, tmp_path / "articles.parquet", row_group_size=2)
    folder = tmp_path / "folder"
    folder.mkdir()
    for article in small:
        (folder / f"{article['id']}.txt").write_text(article["text"], encoding="utf-8")

    as_parquet = job.run(
        tmp_path / "articles.parquet", tmp_path / "from-parquet", partition_size=1,
        settings=SETTINGS, client=cluster, log=sys.stdout,
    )  # fmt: skip
    as_folder = job.run(
        folder, tmp_path / "from-folder", settings=SETTINGS, client=cluster, log=sys.stdout
    )
    assert as_parquet.partitions == 3 and as_folder.articles == 3
    for row in read_rows(tmp_path / "from-parquet").to_pylist():
        assert row == expected[row["id"]]
    for row in read_rows(tmp_path / "from-folder").to_pylist():
        stem = row["id"].removesuffix(".txt")
        metadata = {"id": stem, "url": None, "title": None, "outlet": None, "published": None}
        assert {**row, **metadata} == {**expected[stem], **metadata}


def test_command_line_analyze_and_report_on_a_running_cluster(cluster, tmp_path):
    hostile = {**ARTICLES[0], "id": "hostile", "outlet": "<img src=x onerror=alert(1)>"}
    source = write_jsonl(tmp_path / "in.jsonl", [ARTICLES[0], ARTICLES[2], hostile], bad=False)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "sourcemark.cli", "corpus"]
    address = cluster.scheduler.address
    analyzed = subprocess.run(
        [*command, "analyze", str(source), "--out", str(out), "--scheduler", address],
        capture_output=True, text=True, timeout=300, cwd=REPO,
    )  # fmt: skip
    assert analyzed.returncode == 0, analyzed.stderr
    assert "3 articles analysed" in analyzed.stderr
    reported = subprocess.run(
        [*command, "report", str(out)], capture_output=True, text=True, timeout=300, cwd=REPO
    )
    assert reported.returncode == 0, reported.stderr
    assert "Harbour Gazette" in reported.stdout and "Valley Post" in reported.stdout
    page = (out / "_report.html").read_text(encoding="utf-8")
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<script" not in page.lower() and "<link" not in page.lower()
    assert 'src="http' not in page and page.count('src="data:image/svg+xml;base64,') >= 3
