"""The corpus pieces without a cluster: partitions, rows, formulas, the profile, the CLI."""

import json
import subprocess
import sys

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from sourcemark import cli
from sourcemark.corpus import commands, job
from sourcemark.corpus.articles import ROW_SCHEMA, Outcome, analyze_rows
from sourcemark.corpus.inputs import InputError, Partition, input_files, plan, read_partition
from sourcemark.corpus.profile import ALL, build_profile
from sourcemark.corpus.report import render_html, render_text
from sourcemark.corpus.store import MANIFEST, Store

from .conftest import FIXTURES
from .corpus_articles import ARTICLES, write_jsonl


def ids_and_rows(source, size=None):
    partitions = plan(source, input_files(source), size)
    return [found for partition in partitions for found in read_partition(partition)]


def ids_read(source, size):
    partitions = plan(source, input_files(source), size)
    return partitions, [
        row.get("id") if isinstance(row, dict) else row.id
        for partition in partitions
        for _, row in read_partition(partition)
    ]


@pytest.mark.parametrize("size", [1, 2, 3, 7, 1000])
def test_json_lines_partitions_read_every_line_once(tmp_path, size):
    source = write_jsonl(tmp_path / "a.jsonl", ARTICLES * 3, bad=False)
    partitions, ids = ids_read(source, size)
    assert ids == [a["id"] for a in ARTICLES * 3]
    assert (len(partitions) == 1) == (size >= len(ids))  # cut by bytes, about `size` rows each


@pytest.mark.parametrize("size", [1, 2, 5])
def test_parquet_partitions_slice_row_groups(tmp_path, size):
    rows = [{"id": f"a{i}", "text": f"Article {i}."} for i in range(11)]
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "a.parquet", row_group_size=4)
    partitions, ids = ids_read(tmp_path / "a.parquet", size)
    assert ids == [row["id"] for row in rows]
    assert len(partitions) == sum(-(-n // size) for n in (4, 4, 3))


def test_a_folder_is_read_in_name_order_skipping_hidden_files(tmp_path):
    for name in ("b.txt", "a.txt", ".hidden.txt", "_skip/c.txt", "notes.md", "d.html"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("Some text.", encoding="utf-8")
    partitions, ids = ids_read(tmp_path, 2)
    assert ids == ["a.txt", "b.txt", "d.html"]  # the page has no article: a bad row, by name
    assert [p.files for p in partitions] == [("a.txt", "b.txt"), ("d.html",)]


def test_a_page_in_a_folder_brings_its_paragraphs_and_title(tmp_path):
    (tmp_path / "page.html").write_bytes((FIXTURES / "article.html").read_bytes())
    [(where, row)] = ids_and_rows(tmp_path)
    assert where == row["id"] == "page.html"
    assert row["title"] == "Harbour council delays vote on the new ferry terminal"
    assert row["paragraphs"][1].startswith("The Eastport harbour council postponed its vote")


def test_an_input_with_no_articles_is_refused(tmp_path):
    with pytest.raises(InputError, match="no corpus files"):
        input_files(tmp_path)
    with pytest.raises(InputError, match="no such file"):
        input_files(tmp_path / "missing.jsonl")


def test_a_folder_that_is_not_a_run_is_not_written_into(tmp_path):
    source = write_jsonl(tmp_path / "a.jsonl", ARTICLES[:1], bad=False)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "thesis.tex").write_text("mine", encoding="utf-8")
    with pytest.raises(InputError, match="not empty"):
        Store(tmp_path / "out").open(source, None)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("processes:3", 3), ("tcp://10.0.0.5:8786", "tcp://10.0.0.5:8786")],
)
def test_scheduler_choices(value, expected):
    assert job.parse_scheduler(value) == expected
    assert isinstance(job.parse_scheduler("local"), int)


@pytest.mark.parametrize("value", ["processes:0", "processes:two", "threads", ""])
def test_a_bad_scheduler_is_a_clear_error(value):
    with pytest.raises(ValueError, match="--scheduler"):
        job.parse_scheduler(value)


def test_the_backend_never_imports_the_corpus_extra():
    code = (
        "import sys, sourcemark.api, sourcemark.cli; sourcemark.cli.build_parser(); "
        "heavy = {'dask', 'distributed', 'pyarrow', 'matplotlib'}; "
        "print(sorted(heavy & {m.split('.')[0] for m in sys.modules}))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_without_the_extra_the_command_says_how_to_install_it(monkeypatch, capsys):
    def missing(name):
        raise ModuleNotFoundError("No module named 'dask'", name="dask")

    monkeypatch.setattr(commands.importlib, "import_module", missing)
    assert cli.main(["corpus", "report", "anywhere"]) == 2
    assert "pip install 'sourcemark[corpus]'" in capsys.readouterr().err


def test_formulas_name_the_unnamed_source_with_its_cue_lemma(pipeline):
    text = (
        "A senior administration official said the talks had stalled.\n\n"
        "Experts say the deal is unlikely before spring."
    )
    outcome = analyze_rows(pipeline, [("here", {"id": "f", "text": text})])
    [row] = outcome.rows
    assert row["formulas_anonymous"] == ["senior administration official say"]
    assert row["formulas_vague"] == ["experts say"]
    assert row["n_paragraphs"] == 2 and row["n_attributions"] == 2


def row(id, outlet, published, chars, own, named=(), anonymous=(), vague=()):
    """A dataset row whose text is `own` own voice and the rest named person."""
    shares = dict.fromkeys(("named_organization", "anonymous", "vague", "document"), 0.0) | {
        "named_person": 1 - own,
        "unattributed": own,
    }
    return {
        "id": id, "outlet": outlet, "published": published, "n_paragraphs": 1,
        "n_chars": chars, "n_attributions": len(named), "n_quotes": 0, "n_sources": len(named),
        **{f"share_{k}": v for k, v in shares.items()},
        "sources_named_person": list(named), "formulas_anonymous": list(anonymous),
        "formulas_vague": list(vague), "tone_outlet": 0.1, "tone_sources": None,
    }  # fmt: skip


@pytest.fixture
def dataset(tmp_path):
    rows = [
        row("a", "Gazette", "2024-01-05", 100, 0.5, ["Ana Ruiz", "Ana Ruiz"], ["officials say"]),
        row("b", "Gazette", "2024-02-01T09:00:00", 300, 0.1, ["Ana Ruiz"], ["officials say"]),
        row("c", "Post", "March 2024", 200, 1.0, ["Bo Li"], [], ["experts say"]),
        row("d", None, None, 100, 0.0),
    ]
    (tmp_path / MANIFEST).write_text(json.dumps({"partitions": []}), encoding="utf-8")
    store = Store(tmp_path)
    full = [{k: r.get(k) for k in ROW_SCHEMA.names} for r in rows]
    for i in (0, 1):
        store.write(
            Partition(index=i, kind="files", path="."), Outcome(rows=full[2 * i : 2 * i + 2]), False
        )
    (tmp_path / "_errors.jsonl").write_text('{"id": "x"}\n', encoding="utf-8")
    return tmp_path


def test_profile_weights_shares_by_characters(dataset):
    profile = build_profile(dataset)
    outlets = {g.key: g for g in profile.outlets}
    assert profile.outlets[0].key == ALL and profile.articles == 4 and profile.bad_rows == 1
    assert outlets["Gazette"].share["unattributed"] == pytest.approx((50 + 30) / 400)
    assert outlets[ALL].share["unattributed"] == pytest.approx((50 + 30 + 200) / 700)
    assert outlets["(no outlet)"].articles == 1
    assert [(m.key, m.articles) for m in profile.months] == [("2024-01", 1), ("2024-02", 1)]
    assert profile.undated == 2  # "March 2024" is no ISO date, and one has none
    assert profile.own_voice["Gazette"] == {"2024-01": 0.5, "2024-02": pytest.approx(0.1)}
    # a source named twice in one article counts once; formulas count every use
    assert profile.named[0] == ("Ana Ruiz", "named_person", 2)
    assert profile.formulas["anonymous"] == [("officials say", 2)]
    assert profile.top_by_outlet["Post"]["vague"] == [("experts say", 1)]


def test_report_text_and_page_show_the_profile(dataset):
    profile = build_profile(dataset)
    text = render_text(profile)
    assert "4 articles, 3 outlets" in text and "1 bad rows" in text
    assert "       2  officials say" in text
    page = render_html(profile, title="<b>archive</b>")
    assert "&lt;b&gt;archive&lt;/b&gt;" in page and "<b>archive" not in page
    # shares by outlet and by month, own voice by month, named sources, two kinds of formula
    assert page.count('src="data:image/svg+xml;base64,') == 6
