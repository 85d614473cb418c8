"""Cues from data: the lexicon and the cue model that learn_cues.py learns from annotated
paragraphs (PolNeAR train in `make train`; small sentences of our own here)."""

from sourcemark.attribution.cue_model import CueModel, features
from sourcemark.training.learn_cues import count_lexicon, examples, fit

CUES = [
    "Officials insisted that the bridge was safe.",
    "The mayor insisted the budget would balance.",
    "Critics insisted that nothing had changed.",
    "The union insisted the strike would go on.",
]
NOT_CUES = [
    "The children painted the fence on Sunday.",
    "The workers painted the hall blue.",
    "Volunteers painted the school last year.",
]


def annotated(nlp) -> list:
    """(doc, indexes of cue heads) per paragraph: "insisted" is marked, "painted" is not."""
    paragraphs = []
    for text in CUES + NOT_CUES:
        doc = nlp(text)
        paragraphs.append((doc, {t.i for t in doc if t.lower_ == "insisted"}))
    return paragraphs


def test_the_lexicon_counts_cue_uses_per_frame(pipeline):
    lexicon = count_lexicon(annotated(pipeline.nlp))
    frames = lexicon["insist/VERB"]
    assert sum(cues for cues, _ in frames.values()) == len(CUES)
    assert all(cues == total for cues, total in frames.values())
    assert not any(key.startswith("paint/") for key in lexicon)  # never marked: not listed


def test_the_learned_model_tells_a_cue_from_another_verb_in_new_sentences(pipeline):
    paragraphs = annotated(pipeline.nlp)
    rows, labels = examples(paragraphs, count_lexicon(paragraphs))
    weights, bias = fit(rows, labels)
    model = CueModel(weights, bias, threshold=0.5)
    doc = pipeline.nlp("The minister insisted that taxes would fall, and her aides painted signs.")
    insisted, painted = doc[2], next(t for t in doc if t.lower_ == "painted")
    assert model.probability(features(insisted, in_quote=False, sentence_quotes=False)) > 0.5
    assert model.probability(features(painted, in_quote=False, sentence_quotes=False)) < 0.5


def test_nouns_that_head_cues_are_candidates_with_weights_of_their_own(pipeline):
    from sourcemark.attribution.cue_model import is_candidate

    doc = pipeline.nlp("His claim that the vote was rigged spread, and the mayor denied it.")
    claim, denied = doc[1], next(t for t in doc if t.lower_ == "denied")
    assert is_candidate(claim, set(), {"claim"}) and not is_candidate(claim, set(), set())
    noun = features(claim, in_quote=False, sentence_quotes=False)
    assert all(f.startswith("noun:") for f in noun)  # no weight shared with verbs
    assert {"noun:cmp=that", "noun:own=poss_person"} <= set(noun)
    verb = features(denied, in_quote=False, sentence_quotes=False)
    assert not any(f.startswith("noun:") or f.startswith("own=") for f in verb)


def test_the_lexicon_lists_the_nouns_the_model_judges(pipeline):
    from sourcemark.training.learn_cues import lexicon_nouns

    texts = ["Her claim that taxes would fall was false.", "Their claim that it rained held."]
    paragraphs = []
    for text in texts * 2:
        doc = pipeline.nlp(text)
        paragraphs.append((doc, {t.i for t in doc if t.lower_ == "claim"}))
    lexicon = count_lexicon(paragraphs)
    assert lexicon_nouns(lexicon) == ["claim"]
    rows, labels = examples(paragraphs, lexicon)
    assert sum(labels) == 4 and any(r[0].startswith("noun:") for r in rows)


def test_the_model_reads_the_words_beside_a_word_and_speech_in_its_sentence(pipeline):
    said = pipeline.nlp("Lee said the council wants a vote.")
    alone = pipeline.nlp("The council wants a vote.")
    wants_said = features(next(t for t in said if t.text == "wants"), False, False)
    wants_alone = features(next(t for t in alone if t.text == "wants"), False, False)
    assert {"pv=council", "nx=a", "l|pv=want|council", "l|nx=want|a"} <= set(wants_alone)
    assert "oc=True" in wants_said and "oc=False" in wants_alone
    # The speech word itself does not count as speech beside it.
    assert "oc=False" in features(said[1], False, False)
    assert features(alone[0], False, False).count("pv=<s>") == 1
    # Speech in another sentence of the paragraph is not beside it.
    two = pipeline.nlp("Lee said nothing. The council wants a vote.")
    assert "oc=False" in features(next(t for t in two if t.text == "wants"), False, False)


def test_words_that_report_speech_are_found_by_their_lemma(pipeline):
    from sourcemark.attribution.cue_model import REPORTING_LEMMAS, _reporting

    doc = pipeline.nlp("Said Lee: “They say so.” Writing that, she noted it, as the report stated.")
    found = _reporting(doc)
    assert found == [t.i for t in doc if t.lemma_.lower() in REPORTING_LEMMAS]
    assert len(found) >= 3
