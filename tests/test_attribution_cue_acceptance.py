"""How the engine weighs the role tagger against the rules' cue model, on hand-set marks."""

import pytest

from sourcemark.attribution.cues import (
    MAX_WEAK_MODEL_PROBABILITY,
    MIN_TAGGER_CUE_PROBABILITY,
    MIN_TAGGER_WEAK_CUE_PROBABILITY,
)
from sourcemark.attribution.engine import (
    MIN_LEARNED_CUE_CONFIDENCE,
    MIN_LEARNED_VERB_CONFIDENCE,
    MIN_LEARNED_VERB_MODEL_PROBABILITY,
)
from sourcemark.attribution.quotes import find_quotes
from sourcemark.attribution.roles import CUE_PROBABILITY_KEY, ROLES_KEY


@pytest.fixture(scope="module")
def engine(pipeline):
    return pipeline.engine


def marked(nlp, text: str, tags: dict[str, str], cue_probability: dict[str, float]):
    """A parse whose role tags and cue probabilities are set by hand, per word."""
    doc = nlp(text)
    words = [t.text for t in doc]
    doc.user_data[ROLES_KEY] = [tags.get(w, "OOO") for w in words]
    doc.user_data[CUE_PROBABILITY_KEY] = [cue_probability.get(w, 0.0) for w in words]
    return doc


def cue_texts(engine, doc) -> list[str]:
    return [d.cue.span.text for d in engine.paragraph(doc) if d.cue is not None]


def test_the_model_judges_verbs_outside_quotes_only(engine, analyze):
    doc = analyze.nlp("“The dam will hold,” the engineer said, and the town said nothing.")
    quotes = find_quotes(doc)
    by_word = {t.text: t for t in doc}
    said = [t for t in doc if t.text == "said"]
    assert engine.cues.model_probability(by_word["hold"], quotes) is None  # quoted
    assert engine.cues.model_probability(by_word["engineer"], quotes) is None  # a noun
    probability = engine.cues.model_probability(said[0], quotes)
    assert probability is not None and probability >= engine.cues.model.threshold
    assert engine.cues.is_cue_word(said[0], quotes)


def test_the_tagger_vetoes_a_rule_cue_it_is_sure_is_none(engine, analyze):
    text = "Officials said the talks would resume."
    sure = marked(analyze.nlp, text, {}, {"said": 0.9})
    assert [c.head.text for c in engine.cues.find(sure, [])] == ["said"]
    vetoed = marked(analyze.nlp, text, {}, {"said": MIN_TAGGER_CUE_PROBABILITY / 2})
    assert engine.cues.find(vetoed, []) == []
    untagged = analyze.nlp(text)
    del untagged.user_data[CUE_PROBABILITY_KEY]  # a pipeline without the tagger
    assert [c.head.text for c in engine.cues.find(untagged, [])] == ["said"]


def test_a_cue_the_model_is_only_fairly_sure_of_needs_more_from_the_tagger(engine, analyze):
    text = "The council approved the budget."
    approved = next(t for t in analyze.nlp(text) if t.text == "approved")
    model = engine.cues.model_probability(approved, [])
    assert engine.cues.model.threshold <= model < MAX_WEAK_MODEL_PROBABILITY
    between = (MIN_TAGGER_CUE_PROBABILITY + MIN_TAGGER_WEAK_CUE_PROBABILITY) / 2
    doc = marked(analyze.nlp, text, {}, {"approved": between})
    assert engine.cues.find(doc, []) == []
    doc = marked(analyze.nlp, text, {}, {"approved": MIN_TAGGER_WEAK_CUE_PROBABILITY + 0.05})
    assert [c.head.text for c in engine.cues.find(doc, [])] == ["approved"]
    # A cue the model is sure of keeps what the tagger gives it between the two.
    said = marked(analyze.nlp, "Officials said the talks would resume.", {}, {"said": between})
    assert [c.head.text for c in engine.cues.find(said, [])] == ["said"]


DECIDED = "The committee decided against a new tax."
DECIDED_TAGS = {"The": "BOO", "committee": "IOO", "decided": "OBO", "a": "OOB", "new": "OOI"}
DECIDED_TAGS["tax"] = "OOI"


def test_a_plausible_verb_needs_less_of_the_taggers_confidence(engine, analyze):
    probe = analyze.nlp(DECIDED)
    decided = next(t for t in probe if t.text == "decided")
    model = engine.cues.model_probability(decided, [])
    # The rules alone miss it, yet the model gives it some chance.
    assert MIN_LEARNED_VERB_MODEL_PROBABILITY <= model < engine.cues.model.threshold
    fairly_sure = (MIN_LEARNED_VERB_CONFIDENCE + MIN_LEARNED_CUE_CONFIDENCE) / 2
    doc = marked(analyze.nlp, DECIDED, DECIDED_TAGS, {"decided": fairly_sure})
    assert cue_texts(engine, doc) == ["decided"]
    unsure = MIN_LEARNED_VERB_CONFIDENCE - 0.05
    doc = marked(analyze.nlp, DECIDED, DECIDED_TAGS, {"decided": unsure})
    assert cue_texts(engine, doc) == []


def test_a_verb_the_model_rules_out_needs_more_than_the_tagger(engine, analyze):
    text = "The mayor visited the old bridge."
    probe = analyze.nlp(text)
    visited = next(t for t in probe if t.text == "visited")
    assert engine.cues.model_probability(visited, []) < MIN_LEARNED_VERB_MODEL_PROBABILITY
    tags = {"The": "BOO", "mayor": "IOO", "visited": "OBO", "the": "OOB", "old": "OOI"}
    tags["bridge"] = "OOI"
    doc = marked(analyze.nlp, text, tags, {"visited": 0.99})
    assert cue_texts(engine, doc) == []


def test_a_noun_the_model_knows_is_judged_as_a_verb_and_another_rests_on_the_tagger(
    engine, analyze
):
    known = "Her claim that the vote was rigged spread quickly."
    claim = next(t for t in analyze.nlp(known) if t.text == "claim")
    assert engine.cues.model_probability(claim, []) >= MAX_WEAK_MODEL_PROBABILITY
    doc = marked(analyze.nlp, known, {}, {"claim": MIN_TAGGER_CUE_PROBABILITY + 0.05})
    assert [c.head.text for c in engine.cues.find(doc, [])] == ["claim"]
    doc = marked(analyze.nlp, known, {}, {"claim": MIN_TAGGER_CUE_PROBABILITY / 2})
    assert engine.cues.find(doc, []) == []  # vetoed, as a verb would be
    # A noun that heads no cue in PolNeAR is not the model's: the tagger must be sure.
    text = "Her hunch that the vote was rigged spread quickly."
    hunch = next(t for t in analyze.nlp(text) if t.text == "hunch")
    assert engine.cues.model_probability(hunch, []) is None
    tags = {"Her": "BOO", "hunch": "OBO", "that": "OOB", "the": "OOI", "vote": "OOI"}
    tags.update({"was": "OOI", "rigged": "OOI"})
    sure = marked(analyze.nlp, text, tags, {"hunch": MIN_LEARNED_CUE_CONFIDENCE + 0.05})
    assert cue_texts(engine, sure) == ["hunch"]
    fairly_sure = marked(analyze.nlp, text, tags, {"hunch": MIN_LEARNED_CUE_CONFIDENCE - 0.1})
    assert cue_texts(engine, fairly_sure) == []


def test_the_tagger_cannot_veto_a_cue_inside_a_quote(engine, analyze):
    """PolNeAR, which the tagger learned from, leaves nested cues unmarked."""
    text = "The ministry did say that “Johnson noted the army will study the proposal.”"
    doc = marked(analyze.nlp, text, {}, {"say": 0.9})  # "noted" gets 0
    cues = engine.cues.find(doc, find_quotes(doc))
    assert "noted" in [c.head.text for c in cues]


def learned_kind(engine, nlp, text: str) -> str:
    """The kind of the learned draft for "Ms. Diaz described <the rest>"."""
    doc = nlp(text)
    tags = ["BOO", "IOO", "OBO"] + ["OOB"] + ["OOI"] * (len(doc) - 5) + ["OOO"]
    (draft,) = engine._learned_drafts(doc, doc.text, tags, find_quotes(doc))
    return draft.kind


def test_a_learned_cue_with_a_scare_quote_is_not_quoting_speech(engine, analyze):
    scare = "Ms. Diaz described the plan as “a dead end” for farmers."
    assert learned_kind(engine, analyze.nlp, scare) == "other"
    quoted = "Ms. Diaz described the plan as “a dead end for all our farmers” in March."
    assert learned_kind(engine, analyze.nlp, quoted) == "mixed"


def learned_source(engine, nlp, text: str, cue: str) -> str | None:
    """The source of the learned draft when the tagger marks `cue` and all after it, but no
    source."""
    doc = nlp(text)
    words = [t.text for t in doc]
    at = words.index(cue)
    tags = ["OOO"] * len(doc)
    tags[at] = "OBO"
    tags[at + 1 : -1] = ["OOB"] + ["OOI"] * (len(doc) - at - 3)
    (draft,) = engine._learned_drafts(doc, doc.text, tags, find_quotes(doc))
    if draft.source is None:
        return None
    return doc[min(draft.source.tokens) : max(draft.source.tokens) + 1].text


def test_a_learned_cue_without_a_tagged_source_takes_the_parse_subject(engine, analyze):
    text = "The mayor's aides recounted how the council had stalled the budget for months."
    assert learned_source(engine, analyze.nlp, text, "recounted") == "The mayor's aides"
    text = "Two weeks later, the union quietly dropped its demand for a raise."
    assert learned_source(engine, analyze.nlp, text, "dropped") == "the union"


def learned_source_run(engine, nlp, text: str, source: str, cue: str) -> str:
    """The source of the learned draft when the tagger marks the words of `source` (by
    position, from its first word), `cue`, and all after the cue."""
    doc = nlp(text)
    words = [t.text for t in doc]
    first, n = words.index(source.split()[0]), len(nlp(source))
    at = words.index(cue)
    tags = ["OOO"] * len(doc)
    tags[first : first + n] = ["BOO"] + ["IOO"] * (n - 1)
    tags[at] = "OBO"
    tags[at + 1 : -1] = ["OOB"] + ["OOI"] * (len(doc) - at - 3)
    (draft,) = engine._learned_drafts(doc, doc.text, tags, find_quotes(doc))
    return doc[min(draft.source.tokens) : max(draft.source.tokens) + 1].text


def test_a_learned_source_run_that_starts_inside_a_phrase_is_made_whole(engine, analyze):
    nlp = analyze.nlp
    text = "Advisers to the governor doubted that the bill would pass."
    assert learned_source_run(engine, nlp, text, "to the governor", "doubted") == (
        "Advisers to the governor"
    )
    text = "Close aides and the mayor worried that the budget would fail."
    assert learned_source_run(engine, nlp, text, "and the mayor", "worried") == (
        "Close aides and the mayor"
    )
    text = "The report drew praise from Lena Ortiz, who called it overdue."
    assert learned_source_run(engine, nlp, text, "from Lena Ortiz", "called") == "Lena Ortiz"
    text = "The mayor of Springfield doubted that the bill would pass."
    assert learned_source_run(engine, nlp, text, "The mayor of Springfield", "doubted") == (
        "The mayor of Springfield"
    )
