"""The sourcing profile of a corpus dataset, summed up with Arrow's group-bys: shares by
source type per outlet and per month, the most cited named sources, and the commonest
anonymous and vague formulas. Shares are weighted by characters, as in the contract."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from ..contract import BREAKDOWN_KEYS
from .store import ERRORS, read_rows

ALL = "all outlets"
NO_OUTLET = "(no outlet)"
NAMED_TYPES = ("named_person", "named_organization")
FORMULA_TYPES = ("anonymous", "vague")
_MONTH = r"^\d{4}-\d{2}"


@dataclass
class Group:
    """Articles that share an outlet, a month, or both."""

    key: str
    articles: int
    chars: int
    share: dict[str, float]  # by BREAKDOWN_KEYS, weighted by characters
    tone_outlet: float | None  # mean over articles of the outlet's own voice
    tone_sources: float | None
    attributions: int
    quotes: int


@dataclass
class Profile:
    articles: int
    bad_rows: int
    outlets: list[Group]  # by articles, most first; ALL first of all
    months: list[Group]  # all outlets, in order
    own_voice: dict[str, dict[str, float]]  # outlet -> month -> own-voice share
    undated: int  # articles without an ISO date, left out of `months`
    named: list[tuple[str, str, int]]  # (name, type, articles citing it), most first
    formulas: dict[str, list[tuple[str, int]]]  # type -> (formula, times), most first
    top_by_outlet: dict[str, dict[str, list[tuple[str, int]]]] = field(default_factory=dict)


def build_profile(out: str | Path, top: int = 15) -> Profile:
    table = read_rows(out)
    outlet = pc.fill_null(table["outlet"], NO_OUTLET)
    table = table.set_column(table.schema.get_field_index("outlet"), "outlet", outlet)
    dated = pc.fill_null(pc.match_substring_regex(table["published"], _MONTH), False)
    months = table.filter(dated)
    months = months.append_column("month", pc.utf8_slice_codeunits(months["published"], 0, 7))

    outlets = _groups(table, ["outlet"])
    outlets.sort(key=lambda g: (-g.articles, g.key))
    overall = _groups(table, [])
    own_voice: dict[str, dict[str, float]] = defaultdict(dict)
    for row in _grouped(months, ["outlet", "month"]):
        own_voice[row["outlet"]][row["month"]] = row["share"]["unattributed"]

    named = _item_counts(table, {f"sources_{t}": t for t in NAMED_TYPES}, per_article=True)
    formulas = {t: _item_counts(table, {f"formulas_{t}": t}) for t in FORMULA_TYPES}
    top_by_outlet = {
        g.key: {
            "named": [(name, n) for (name, _), n in _top(named.get(g.key, Counter()), 3)],
            **{t: _top(formulas[t].get(g.key, Counter()), 3) for t in FORMULA_TYPES},
        }
        for g in outlets
    }
    return Profile(
        articles=table.num_rows,
        bad_rows=_count_lines(Path(out) / ERRORS),
        outlets=[*overall, *outlets] if overall else [],
        months=sorted(_groups(months, ["month"]), key=lambda g: g.key),
        own_voice=dict(own_voice),
        undated=table.num_rows - months.num_rows,
        named=[(name, kind, n) for (name, kind), n in _top(_total(named), top)],
        formulas={t: _top(_total(formulas[t]), top) for t in FORMULA_TYPES},
        top_by_outlet=top_by_outlet,
    )


def _grouped(table: pa.Table, keys: list[str]) -> list[dict]:
    """Per group: articles, characters, character-weighted shares, mean tones, counts."""
    if table.num_rows == 0:
        return []
    chars = pc.cast(table["n_chars"], pa.float64())
    columns = {key: table[key] for key in keys}
    columns |= {f"w_{k}": pc.multiply(table[f"share_{k}"], chars) for k in BREAKDOWN_KEYS}
    columns |= {c: table[c] for c in ("n_chars", "tone_outlet", "tone_sources")}
    columns |= {c: table[c] for c in ("n_attributions", "n_quotes")}
    sums = [(f"w_{k}", "sum") for k in BREAKDOWN_KEYS]
    sums += [
        ("n_chars", "sum"),
        ("n_chars", "count"),
        ("n_attributions", "sum"),
        ("n_quotes", "sum"),
    ]
    means = [("tone_outlet", "mean"), ("tone_sources", "mean")]
    rows = pa.table(columns).group_by(keys).aggregate(sums + means).to_pylist()
    for row in rows:
        total = row["n_chars_sum"]
        row["share"] = {k: (row[f"w_{k}_sum"] / total if total else 0.0) for k in BREAKDOWN_KEYS}
    return rows


def _groups(table: pa.Table, keys: list[str]) -> list[Group]:
    return [
        Group(
            key=row[keys[0]] if keys else ALL,
            articles=row["n_chars_count"],
            chars=row["n_chars_sum"],
            share=row["share"],
            tone_outlet=row["tone_outlet_mean"],
            tone_sources=row["tone_sources_mean"],
            attributions=row["n_attributions_sum"],
            quotes=row["n_quotes_sum"],
        )
        for row in _grouped(table, keys)
    ]


def _item_counts(
    table: pa.Table, columns: dict[str, str], per_article: bool = False
) -> dict[str, Counter]:
    """outlet -> Counter of list items (with their type where `columns` has several): how
    often each occurs, or with `per_article` in how many articles."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for column, kind in columns.items():
        lists = table[column].combine_chunks()
        rows = pc.list_parent_indices(lists)
        items = pa.table(
            {"outlet": pc.take(table["outlet"], rows), "row": rows, "item": pc.list_flatten(lists)}
        )
        if per_article:
            items = items.group_by(["outlet", "row", "item"]).aggregate([])
        for row in items.group_by(["outlet", "item"]).aggregate([("item", "count")]).to_pylist():
            key = (row["item"], kind) if len(columns) > 1 else row["item"]
            counts[row["outlet"]][key] += row["item_count"]
    return counts


def _total(by_outlet: dict[str, Counter]) -> Counter:
    total: Counter = Counter()
    for counts in by_outlet.values():
        total.update(counts)
    return total


def _top(counts: Counter, n: int) -> list[tuple]:
    return sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))[:n]


def _count_lines(path: Path) -> int:
    if not path.is_file():
        return 0
    with open(path, "rb") as f:
        return sum(1 for _ in f)
