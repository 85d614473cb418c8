"""One archive row: checked into an article, analysed, and summed up as a dataset row.

The analysis is `Pipeline.analyze`, article by article, exactly as `sourcemark analyze` and
the API run it, so an article gets the same answer in a corpus as on its own. (Parsing
several articles' paragraphs in one `nlp.pipe` batch was about 20% faster here, but changed
the parse of 2 paragraphs in 2,197: an answer would then depend on its neighbours.)
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyarrow as pa
from pydantic import ValidationError
from spacy.tokens import Doc

from ..cli import as_request_paragraphs
from ..config import Settings
from ..contract import BREAKDOWN_KEYS, SOURCE_TYPES, AnalyzeRequest
from ..documents import split_paragraphs
from .inputs import META_FIELDS, BadRow

QUOTE_KINDS = ("direct", "mixed")  # attributions that carry quoted words
FORMULA_TYPES = ("anonymous", "vague")
_ARTICLES = frozenset(("a", "an", "the"))

ROW_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        *((name, pa.string()) for name in META_FIELDS),
        ("n_paragraphs", pa.int32()),
        ("n_chars", pa.int64()),  # non-space characters: what the shares are fractions of
        ("n_attributions", pa.int32()),
        ("n_quotes", pa.int32()),
        ("n_sources", pa.int32()),
        *((f"share_{key}", pa.float64()) for key in BREAKDOWN_KEYS),
        *((f"sources_{kind}", pa.list_(pa.string())) for kind in SOURCE_TYPES),
        *((f"formulas_{kind}", pa.list_(pa.string())) for kind in FORMULA_TYPES),
        ("tone_outlet", pa.float64()),
        ("tone_sources", pa.float64()),
    ]
)


@dataclass
class Article:
    id: str
    paragraphs: list[dict]  # [{"id", "text"}], as Pipeline.analyze takes them
    meta: dict[str, str | None]


@dataclass
class Outcome:
    """What a run of rows gave: dataset rows, their full analyses, and the bad rows."""

    rows: list[dict] = field(default_factory=list)
    analyses: list[dict] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)


def analyze_rows(
    pipeline, rows: Iterable[tuple[str, dict | BadRow]], keep_analyses: bool = True
) -> Outcome:
    """Analyse (where, row) pairs one article at a time; a bad row is recorded, not raised.
    Without `keep_analyses` only the rows are kept, not the (much larger) contracts."""
    outcome = Outcome()
    for where, row in rows:
        try:
            if isinstance(row, BadRow):
                raise row
            article = article_from_row(row, pipeline.settings)
            try:
                result, analysis = analyze_article(pipeline, article)
            except Exception as error:  # one article's failure must not stop the archive
                reason = f"analysis failed: {type(error).__name__}: {error}"
                raise BadRow(reason, article.id) from error
        except BadRow as bad:
            outcome.errors.append({"id": bad.id, "where": where, "reason": bad.reason})
            continue
        outcome.rows.append(result)
        if keep_analyses:
            outcome.analyses.append({"id": article.id, "analysis": analysis})
    return outcome


def article_from_row(row: dict, settings: Settings) -> Article:
    """Check a row (`id`, `text` or `paragraphs`, metadata) against the API's own limits."""
    row_id = row.get("id")
    if isinstance(row_id, bool) or not isinstance(row_id, str | int) or not str(row_id).strip():
        raise BadRow("no id (a string or a number)", row_id if isinstance(row_id, str) else None)
    row_id = str(row_id)
    if row.get("paragraphs") is not None:
        paragraphs = row["paragraphs"]
        if not isinstance(paragraphs, list):
            raise BadRow("paragraphs is not a list", row_id)
        texts = [_text(p.get("text") if isinstance(p, dict) else p, row_id) for p in paragraphs]
    elif row.get("text") is not None:
        texts = split_paragraphs(_text(row["text"], row_id))
    else:
        raise BadRow("no text", row_id)
    if not any(not ch.isspace() for t in texts for ch in t):
        raise BadRow("no text", row_id)
    over = _over_limits(texts, settings)
    if over:
        raise BadRow(over, row_id)
    request = {"paragraphs": as_request_paragraphs(texts)}
    try:
        AnalyzeRequest.model_validate(request)  # e.g. unpaired surrogates from JSON escapes
    except ValidationError as error:
        first = error.errors(include_url=False, include_input=False)[0]
        field_name = ".".join(str(part) for part in first["loc"])
        raise BadRow(f"{field_name}: {first['msg']}", row_id) from None
    meta = {name: _meta_value(row.get(name)) for name in META_FIELDS}
    return Article(id=row_id, paragraphs=request["paragraphs"], meta=meta)


def _text(value, row_id: str) -> str:
    if isinstance(value, bytes):
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError as error:
            raise BadRow(f"not UTF-8 ({error.reason} at byte {error.start})", row_id) from None
    if not isinstance(value, str):
        raise BadRow(f"text is a {type(value).__name__}, not a string", row_id)
    return value


def _over_limits(texts: list[str], settings: Settings) -> str | None:
    if len(texts) > settings.max_paragraphs:
        return f"{len(texts)} paragraphs, at most {settings.max_paragraphs} allowed"
    longest = max(len(t) for t in texts)
    if longest > settings.max_paragraph_chars:
        return (
            f"a paragraph of {longest} characters, at most {settings.max_paragraph_chars} allowed"
        )
    total = sum(len(t) for t in texts)
    if total > settings.max_total_chars:
        return f"{total} characters in all, at most {settings.max_total_chars} allowed"
    return None


def _meta_value(value) -> str | None:
    """Metadata as text; dates and times in ISO 8601, whatever form they came in."""
    if value is None:
        return None
    if isinstance(value, datetime.date):  # datetime too
        return value.isoformat()
    text = str(value).strip()
    for kind in (datetime.date, datetime.datetime):
        try:
            return kind.fromisoformat(text).isoformat()
        except ValueError:
            continue
    return text or None


def analyze_article(pipeline, article: Article) -> tuple[dict, dict]:
    """The article's dataset row and its full analysis contract."""
    # Parsed first so the formulas can read lemmas; analyze then finds the parses cached.
    docs = pipeline.parse([p["text"] for p in article.paragraphs])
    analysis = pipeline.analyze(article.paragraphs)
    return article_row(article, analysis, docs), analysis


def article_row(article: Article, analysis: dict, docs: list[Doc]) -> dict:
    summary = analysis["summary"]
    share = summary["share"]
    # The contract rounds each share to 4 places; scaled, the six sum to 1.
    total = sum(share[key] for key in BREAKDOWN_KEYS)
    attributions = [a for p in analysis["paragraphs"] for a in p["attributions"]]
    tone = summary.get("tone") or {}
    return {
        "id": article.id,
        **article.meta,
        "n_paragraphs": summary["paragraphs"],
        "n_chars": sum(not ch.isspace() for p in article.paragraphs for ch in p["text"]),
        "n_attributions": summary["attributions"],
        "n_quotes": sum(a["kind"] in QUOTE_KINDS for a in attributions),
        "n_sources": len(analysis["sources"]),
        **{f"share_{key}": share[key] / total for key in BREAKDOWN_KEYS},
        **{
            f"sources_{kind}": [s["name"] for s in analysis["sources"] if s["type"] == kind]
            for kind in SOURCE_TYPES
        },
        **{f"formulas_{kind}": found for kind, found in formulas(analysis, docs).items()},
        "tone_outlet": (tone.get("outlet") or {}).get("compound"),
        "tone_sources": (tone.get("sources") or {}).get("compound"),
    }


def formulas(analysis: dict, docs: list[Doc]) -> dict[str, list[str]]:
    """How anonymous and vague sources are brought in: the mention up to its head noun,
    lower-cased, without articles, with the cue's lemma ("senior officials say",
    "according to experts"). Pronouns ("he said") are no formula of their own."""
    found: dict[str, list[str]] = {kind: [] for kind in FORMULA_TYPES}
    for paragraph, doc in zip(analysis["paragraphs"], docs, strict=True):
        for attribution in paragraph["attributions"]:
            source, cue = attribution["source"], attribution["cue"]
            if not source or not cue or source["type"] not in FORMULA_TYPES:
                continue
            mention = doc.char_span(source["start"], source["end"], alignment_mode="expand")
            cue_span = doc.char_span(cue["start"], cue["end"], alignment_mode="expand")
            if mention is None or cue_span is None or mention.root.pos_ == "PRON":
                continue
            words = [
                t.lower_
                for t in mention
                if t.i <= mention.root.i and not t.is_punct and t.lower_ not in _ARTICLES
            ]
            if attribution["kind"] == "according_to":
                formula = [t.lower_ for t in cue_span] + words
            else:
                formula = [*words, cue_span.root.lemma_.lower()]
            found[source["type"]].append(" ".join(formula))
    return found
