"""The evaluation's metrics on tiny hand-made gold and predictions."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from sourcemark.evaluation import ggt
from sourcemark.evaluation.articles import Predicted, join_continuations, paragraph_starts
from sourcemark.evaluation.polnear import (
    Errors,
    GoldArticle,
    Scores,
    annotator_agreement,
    format_errors,
    parse_ann,
    score_types,
)
from sourcemark.evaluation.spans import (
    Relation,
    char_counts,
    linked_matches,
    normalize,
    overlaps,
    span_counts,
)

ROOT = Path(__file__).resolve().parents[1]


def test_exact_and_overlap_span_counts():
    gold = [((0, 5),), ((10, 20),), ((30, 35), (40, 45))]
    pred = [((0, 5),), ((12, 25),), ((44, 50),), ((60, 70),)]
    exact = span_counts(gold, pred, "exact")
    assert (exact.tp_pred, exact.pred, exact.tp_gold, exact.gold) == (1, 4, 1, 3)
    overlap = span_counts(gold, pred, "overlap")
    # (12,25) overlaps (10,20); (44,50) overlaps the second piece of the discontinuous span.
    assert (overlap.tp_pred, overlap.pred, overlap.tp_gold, overlap.gold) == (3, 4, 3, 3)
    assert overlap.precision == pytest.approx(0.75)
    assert overlap.recall == pytest.approx(1.0)
    assert overlap.f1 == pytest.approx(2 * 0.75 / 1.75)


def test_discontinuous_exact_needs_every_piece():
    gold = [((30, 35), (40, 45))]
    assert span_counts(gold, [((40, 45), (30, 35))], "exact").tp_gold == 1
    assert span_counts(gold, [((30, 35),)], "exact").tp_gold == 0


def test_empty_spans_are_not_predictions():
    counts = span_counts([((0, 3),)], [(), ((5, 5),)], "overlap")
    assert counts.pred == 0 and counts.recall == 0.0


def test_character_counts():
    counts = char_counts([((0, 10),)], [((5, 15),), ((8, 12),)])
    assert (counts.tp_pred, counts.pred, counts.gold) == (5, 10, 10)
    assert counts.f1 == pytest.approx(0.5)


def test_linked_matching_is_one_to_one_and_source_optional():
    with_source = Relation(cue=((10, 14),), source=((0, 9),), content=((15, 40),))
    no_source = Relation(cue=((50, 54),), source=(), content=((55, 70),))
    pred_right = Relation(cue=((10, 14),), source=((4, 9),), content=((20, 30),))
    pred_wrong_source = Relation(cue=((10, 14),), source=((41, 45),), content=((20, 30),))
    pred_any_source = Relation(cue=((50, 54),), source=((80, 85),), content=((60, 61),))
    assert linked_matches([with_source], [pred_wrong_source]) == [None]
    assert linked_matches([with_source, no_source], [pred_any_source, pred_right]) == [1, 0]
    # Two gold relations cannot share one prediction.
    assert linked_matches([with_source, with_source], [pred_right]) == [0, None]


def test_overlaps_and_normalize():
    assert normalize([(5, 9), (1, 2), (3, 3)]) == ((1, 2), (5, 9))
    assert overlaps(((0, 5),), ((4, 6),))
    assert not overlaps(((0, 5),), ((5, 6),))


def test_parse_ann_reads_events_and_discontinuous_spans():
    ann = "\n".join(
        [
            "T1\tSource 0 5\tAlice",
            "T2\tCue 6 10\tsaid",
            "T3\tContent 11 20;25 30\tsomething … more",
            "T4\tAttribution 6 10\tsaid",
            "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
            "T5\tCue 40 44\tseen",
            "T6\tContent 45 50\tthing",
            "T7\tAttribution-no-source 40 44\tseen",
            "E2\tAttribution-no-source:T7 Content:T6 Cue:T5",
        ]
    )
    first, second = parse_ann(ann)
    assert first == Relation(cue=((6, 10),), source=((0, 5),), content=((11, 20), (25, 30)))
    assert second.source == () and second.cue == ((40, 44),)


def _ann(*relations: tuple[int, int, int, int, int, int]) -> str:
    """BRAT lines for (source, cue, content) offset pairs."""
    lines = []
    for n, (s0, s1, c0, c1, t0, t1) in enumerate(relations):
        ids = [f"T{3 * n + k}" for k in range(1, 4)]
        lines += [f"{ids[0]}\tSource {s0} {s1}\tx", f"{ids[1]}\tCue {c0} {c1}\tx"]
        lines += [f"{ids[2]}\tContent {t0} {t1}\tx"]
        lines.append(
            f"E{n + 1}\tAttribution:{ids[1]} Source:{ids[0]} Cue:{ids[1]} Content:{ids[2]}"
        )
    return "\n".join(lines)


def test_annotator_agreement_scores_later_annotators_against_the_first(tmp_path):
    both = [(0, 5, 6, 10, 11, 20), (30, 35, 36, 40, 41, 50)]
    folder = tmp_path / "dev" / "attributions"
    folder.mkdir(parents=True)
    (folder / "story_a.ann").write_text(_ann(*both))
    (folder / "story_b.ann").write_text(_ann(*both))  # agrees on both
    (folder / "story_c.ann").write_text(_ann(both[0]))  # leaves the second out
    (folder / "alone_a.ann").write_text(_ann(both[0]))  # one annotator: not a pair
    scores, pairs, articles = annotator_agreement(tmp_path)
    assert (pairs, articles) == (2, 1)
    assert scores.linked.precision == 1.0
    assert scores.linked.recall == 3 / 4
    assert scores.spans["cue", "overlap"].recall == 3 / 4


def test_paragraph_starts_map_back_to_the_text():
    text = "Title line\n\n  First para.\n\nSecond\nstill second.\n"
    paragraphs = ["Title line", "First para.", "Second\nstill second."]
    starts = paragraph_starts(text, paragraphs)
    assert [text[s : s + len(p)] for s, p in zip(starts, paragraphs, strict=True)] == paragraphs


def test_ggt_separator_keeps_offsets():
    text = "One.\n .\n Two said X.\n .\n Three."
    converted = ggt.as_txt(text)
    assert len(converted) == len(text)
    assert converted.index("Two") == text.index("Two")


def _predicted(start: int, end: int) -> Predicted:
    relation = Relation(cue=((0, 1),), source=((0, 1),), content=((start, end),))
    return Predicted(relation, "direct", "said", "named_person", "A", 0)


def test_ggt_matching_takes_the_best_unmatched_prediction_above_threshold():
    gold = [{"quote_span": [0, 100]}, {"quote_span": [200, 300]}]
    small, big, far = _predicted(0, 20), _predicted(0, 90), _predicted(200, 225)
    pairs = ggt.match_article(gold, [small, big, far], 0.3)
    assert pairs[0][1] is big
    assert pairs[1][1] is None  # 25% of the second quote is below 0.3
    assert ggt.match_article(gold, [far], 0.2)[1][1] is far


def test_continued_quotes_join_the_attribution_they_carry_on_for_polnear():
    said = replace(_predicted(10, 20), id="a1")
    other = replace(_predicted(30, 40), id="a2")
    carried = replace(_predicted(50, 60), id="a3", continues="a1")
    carried.relation = replace(carried.relation, cue=(), source=())
    joined = join_continuations([said, other, carried])
    assert [p.id for p in joined] == ["a1", "a2"]
    assert joined[0].relation.content == ((10, 20), (50, 60))
    assert joined[0].relation.cue == said.relation.cue
    assert joined[1] is other


def test_evaluation_skips_without_data(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "sourcemark.evaluation", "--data", str(tmp_path / "none")],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT / "backend")},
        check=False,
    )
    assert result.returncode == 0
    assert "skipped" in result.stdout


def test_sections_skip_when_their_data_is_missing(tmp_path):
    (tmp_path / "ggt").mkdir()
    (tmp_path / "ggt" / "x.jsonl").write_text(json.dumps({}))
    assert "skipped" in ggt.run(tmp_path)


@pytest.mark.parametrize(
    ("reference", "name", "right"),
    [
        ("Darian Lonechild", "Ms. Darian Lonechild", True),
        ("Darian Lonechild", "she", False),
        ("Shannon Phillips", "Shannon Phillips’s statement", True),
        ("Cecil Foster", "Cecil Foster's book", True),
        ("Cecil Foster", "Fosters", False),
    ],
)
def test_named_right_reads_an_owners_name_in_a_documents(reference, name, right):
    assert ggt.named_right(reference, name) is right


def test_a_labelled_source_with_no_cue_found_counts_its_gold_cue_by_lemma():
    text = "Ana Ruiz endorsed the plan on Monday."
    cue, source, content = ((9, 17),), ((0, 8),), ((18, 26),)
    gold = GoldArticle("a", text, [Relation(cue=cue, source=source, content=content)])
    errors = Errors()
    score_types([{"start": 0, "end": 8, "type": "named_person"}], [], gold, Scores(), errors)
    assert dict(errors.cues_needed) == {"endorse": 1}
    assert "their gold cues, by lemma: endorse 1" in format_errors(errors)
