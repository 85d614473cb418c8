"""The learned role tagger: decoding its marks into attributions, loading, and training."""

import itertools
import random

import numpy
import pytest
from spacy.tokens import Doc, Span

from sourcemark.attribution.cues import Cue
from sourcemark.attribution.engine import (
    AttributionEngine,
    _described_subject,
    _has_words,
    _run_head,
)
from sourcemark.attribution.roles import (
    CONTENT,
    CUE,
    CUE_PROBABILITY_KEY,
    ROLE_MODEL_DIR,
    ROLE_TAGGER,
    ROLES_KEY,
    SOURCE,
    add_role_tagger,
    decode,
    runs,
)
from sourcemark.attribution.sources import Mention, whole_run
from sourcemark.training.train_roles import (
    distill,
    gold_spans,
    tags_for,
    train,
    train_and_distill,
)


def test_runs_read_b_and_i_per_role():
    tags = ["BOO", "IOO", "OBO", "OOB", "OOI", "OOO", "OOB"]
    assert runs(tags, SOURCE) == [(0, 2)]
    assert runs(tags, CUE) == [(2, 3)]
    assert runs(tags, CONTENT) == [(3, 5), (6, 7)]


def test_an_i_without_a_b_still_starts_a_run():
    assert runs(["OOI", "OOI", "OOO"], CONTENT) == [(0, 2)]


def test_runs_are_read_as_token_by_token():
    def token_by_token(tags, role):
        found, start = [], None
        for i, tag in enumerate([*tags, "OOO"]):
            letter = tag[role]
            if start is not None and letter != "I":
                found.append((start, i))
                start = None
            if letter == "B" or (letter == "I" and start is None):
                start = i
        return found

    rng = random.Random(7)
    labels = ["".join(letters) for letters in itertools.product("BIO", repeat=3)]
    for length in [0, 1, 2, 5, 40] * 20:
        tags = [rng.choice(labels) for _ in range(length)]
        for role in (SOURCE, CUE, CONTENT):
            assert runs(tags, role) == token_by_token(tags, role)


def test_decode_links_the_subject_and_the_clause(pipeline):
    doc = pipeline.nlp("Officials said the plan had failed.")
    tags = ["BOO", "OBO", "OOB", "OOI", "OOI", "OOI", "OOO"]
    (found,) = decode(doc, tags)
    assert found.cue == (1, 2) and found.source == (0, 1) and found.content == [(2, 6)]


@pytest.mark.parametrize(
    ("marked", "source"),
    [
        ({"party": "B", "chair": "I", "Whit": "I"}, (6, 10)),  # "Dana" left out
        ({"party": "B", "chair": "I", "Dana": "I"}, (6, 10)),  # "Whit" left out
        ({"Whit": "B"}, (8, 10)),
        ({"party": "B", "chair": "I"}, (6, 8)),  # no name cut: as marked
    ],
)
def test_a_source_run_takes_the_whole_of_a_name_it_takes_part_of(pipeline, marked, source):
    doc = pipeline.parse(["“We won,” said party chair Dana Whit."])[0]
    assert [e.text for e in doc.ents] == ["Dana Whit"]
    tags = ["OOB", "OOI", "OOI", "OOI", "OOI", "OBO"] + ["OOO"] * (len(doc) - 6)
    for i, token in enumerate(doc):
        if token.text in marked:
            tags[i] = marked[token.text] + "OO"
    (found,) = decode(doc, tags)
    assert found.source == source


def test_decode_gives_interrupted_content_to_one_cue(pipeline):
    doc = pipeline.nlp("“We are ready,” the mayor said, “and we will win.”")
    words = [t.text for t in doc]
    tags = ["OOO"] * len(doc)
    for i in range(1, words.index(",")):
        tags[i] = "OOB" if i == 1 else "OOI"
    said = words.index("said")
    tags[said - 2], tags[said - 1], tags[said] = "BOO", "IOO", "OBO"
    second = words.index("and")
    for i in range(second, len(doc) - 2):
        tags[i] = "OOB" if i == second else "OOI"
    (found,) = decode(doc, tags)
    assert found.source == (said - 2, said)
    assert len(found.content) == 2


def test_a_cue_with_no_source_in_its_sentence_has_none(pipeline):
    doc = pipeline.nlp("The plan is believed to be dead.")
    tags = ["OOB", "OOI", "OBO", "OBO", "OOB", "OOI", "OOI", "OOO"][: len(doc)]
    found = decode(doc, tags)
    assert found and all(f.source is None for f in found)


def test_the_shipped_tagger_marks_a_plain_report(pipeline):
    if not (ROLE_MODEL_DIR / "model").is_file():
        pytest.fail("the role tagger's weights are missing from the package")
    assert ROLE_TAGGER in pipeline.nlp.pipe_names
    doc = pipeline.parse(["The foreign minister said on Monday that the talks had failed."])[0]
    tags = doc.user_data[ROLES_KEY]
    words = [t.text for t in doc]
    assert tags[words.index("said")][CUE] == "B"
    assert tags[words.index("minister")][SOURCE] in "BI"
    assert tags[words.index("failed")][CONTENT] == "I"


def test_the_tagger_reads_what_the_pipeline_s_tok2vec_made_of_the_words(pipeline):
    tagger = pipeline.nlp.get_pipe(ROLE_TAGGER)
    with pipeline.nlp.select_pipes(disable=[ROLE_TAGGER]):
        doc = pipeline.nlp("The foreign minister said on Monday that the talks had failed.")
    assert doc.tensor.shape == (len(doc), 96)  # en_core_web_sm's shared tok2vec
    read = list(tagger(doc).user_data[CUE_PROBABILITY_KEY])
    doc.tensor = doc.tensor * 0
    assert tagger(doc).user_data[CUE_PROBABILITY_KEY] != read
    doc.tensor = numpy.zeros((0, 0), dtype="float32")  # as the parse cache keeps a doc
    with pytest.raises(ValueError, match="after the tok2vec"):
        tagger(doc)


def test_the_tagger_tags_an_empty_paragraph_with_nothing(pipeline):
    docs = list(pipeline.nlp.pipe(["", "The mayor said the bridge is safe."]))
    assert docs[0].user_data[ROLES_KEY] == [] and docs[0].user_data[CUE_PROBABILITY_KEY] == []
    assert len(docs[1].user_data[ROLES_KEY]) == len(docs[1])


def test_gold_spans_and_tags_from_brat(pipeline):
    text = "Intro.\n\nThe mayor said the bridge is safe."
    ann = (
        "T1\tSource 8 17\tThe mayor\nT2\tCue 18 22\tsaid\n"
        "T3\tContent 23 31;36 41\tthe bridge safe\nT4\tAttribution 18 22\tsaid\n"
        "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n"
    )
    spans = gold_spans(ann)
    assert spans[SOURCE] == [(8, 17)] and spans[CONTENT] == [(23, 31), (36, 41)]
    doc = pipeline.nlp.make_doc(text[8:])
    assert tags_for(doc, 8, spans) == ["BOO", "IOO", "OBO", "OOB", "OOI", "OOO", "OOB", "OOO"]


def _tiny_examples(nlp, n: int = 8):
    from spacy.tokens import Doc
    from spacy.training import Example

    words = ["Officials", "said", "the", "plan", "failed", "."]
    tags = ["BOO", "OBO", "OOB", "OOI", "OOI", "OOO"]
    predicted = _with_tensor(Doc(nlp.vocab, words=words))
    return [Example(predicted, Doc(nlp.vocab, words=words, tags=tags))] * n


def _with_tensor(doc):
    """The doc with a tok2vec output of its own words (the shipped tagger reads it): fixed
    numbers per word, for a blank pipeline has no tok2vec."""
    import zlib

    import numpy

    rows = [numpy.random.default_rng(zlib.crc32(t.text.encode())).random(8) for t in doc]
    doc.tensor = numpy.asarray(rows, dtype="float32")
    return doc


def test_training_writes_a_tagger_that_loads(tmp_path):
    """Two epochs on a handful of examples: the loop runs, keeps a model, and it reloads."""
    import spacy

    nlp = spacy.blank("en")
    examples = _tiny_examples(nlp)
    best = train(nlp, list(examples), examples[:2], epochs=2, out=tmp_path / "roles")
    assert 0.0 <= best <= 1.0
    fresh = spacy.blank("en")
    # Built as the file beside the weights says: the teacher's own CNN, which reads no
    # tok2vec output (the shipped tagger's config could not take these weights).
    assert add_role_tagger(fresh, tmp_path / "roles")
    doc = fresh("Officials said the plan failed .")
    assert len(doc.user_data[ROLES_KEY]) == 6


def test_the_distilled_tagger_learns_the_teachers_tags_and_loads_as_shipped(tmp_path):
    """The shipped tagger is distilled: it learns the teacher's tags, not the gold ones, and
    loads with the pipeline's default config."""
    import spacy

    nlp = spacy.blank("en")
    examples = _tiny_examples(nlp)
    train(nlp, list(examples), examples[:2], epochs=30, out=tmp_path / "teacher")
    teacher = nlp.get_pipe(ROLE_TAGGER)
    docs = [eg.predicted for eg in examples]
    taught = teacher(docs[0].copy()).user_data[ROLES_KEY]
    assert taught == [t.tag_ for t in examples[0].reference]  # the teacher learnt them
    distill(nlp, teacher, docs, epochs=30, out=tmp_path / "student")
    assert nlp.pipe_names == [ROLE_TAGGER]  # the student is gone from nlp
    fresh = spacy.blank("en")
    assert add_role_tagger(fresh, tmp_path / "student")
    doc = _with_tensor(fresh.make_doc("Officials said the plan failed ."))
    assert fresh.get_pipe(ROLE_TAGGER)(doc).user_data[ROLES_KEY] == taught


def test_training_twice_from_the_seed_writes_the_same_weights(tmp_path):
    """`make train` is reproducible: same seed, same data, byte-identical weights."""
    import spacy
    from thinc.api import fix_random_seed

    from sourcemark.training.train_roles import SEED

    for run in ("first", "second"):
        fix_random_seed(SEED)
        nlp = spacy.blank("en")
        examples = _tiny_examples(nlp)
        train_and_distill(nlp, list(examples), examples[:2], 2, tmp_path / run, 2)
        assert nlp.pipe_names == []
    first, second = ((tmp_path / run / "model").read_bytes() for run in ("first", "second"))
    assert first == second


def test_the_tagger_can_be_left_out(pipeline):
    from sourcemark.config import Settings
    from sourcemark.pipeline import Pipeline

    assert Settings.from_env({"SOURCEMARK_LEARNED_ROLES": "0"}).learned_roles is False
    rules_only = Pipeline(Settings(learned_roles=False))
    assert ROLE_TAGGER not in rules_only.nlp.pipe_names
    assert rules_only._model_key != pipeline._model_key  # parses differ, caches must too


def test_a_source_run_starting_on_a_possessive_mark_takes_in_its_owner(pipeline):
    doc = pipeline.parse(["NASA's Galileo probe measured a rise in plasma density."])[0]
    run = (1, 4)  # "'s Galileo probe", as the tagger marked it on a news page
    assert doc[run[0]].dep_ == "case"
    mention = AttributionEngine._whole_source(doc, *run, exclude=set(), cue=doc[4:5])
    assert doc[min(mention.tokens) : max(mention.tokens) + 1].text == "NASA's Galileo probe"


def test_a_source_run_that_starts_a_relative_clause_is_the_phrase_it_hangs_from(pipeline):
    doc = pipeline.parse(["Ann Lee, who was elected in 2019, doesn't see the plan as useful."])[0]
    run = (3, 9)  # "who was elected in 2019,": the tagger left out the name
    assert doc[3].dep_ == "nsubjpass" and doc[3].head.dep_ == "relcl"
    mention = AttributionEngine._whole_source(doc, *run, exclude=set(), cue=doc[9:12])
    assert (
        doc[min(mention.tokens) : max(mention.tokens) + 1].text
        == "Ann Lee, who was elected in 2019,"
    )
    assert mention.head.text == "Lee"


def test_a_source_run_that_starts_the_cues_relative_clause_is_its_pronoun(pipeline):
    doc = pipeline.parse(["We met Ann Lee, who ran the agency for years and believes it works."])[0]
    run = (5, 11)  # "who ran the agency for years"; the cue "believes" is in the same clause
    assert doc[12].text == "believes" and doc[12].head.i == 6
    mention = AttributionEngine._whole_source(doc, *run, exclude=set(), cue=doc[12:13])
    assert mention.tokens == {5} and mention.antecedent.text == "Lee"


def test_a_source_is_never_a_lone_comma(analyze):
    result = analyze(
        "The program aims to help participants make healthy choices, Kim says. Toronto retiree"
        " Doug Purdy, who lost 16 lbs. “and two belt loops” between May and October, says the"
        " program changed his life."
    )
    named = [a["source"]["name"] for a in result["paragraphs"][0]["attributions"] if a["source"]]
    assert named and all(any(c.isalnum() for c in name) for name in named)


def test_a_source_run_of_a_lone_comma_is_the_noun_phrase_before_it(pipeline):
    doc = pipeline.parse(["MSNBC, for one, did replay the speech later."])[0]
    assert doc[1].text == "," and doc[1].head.pos_ not in ("NOUN", "PROPN")
    mention = AttributionEngine._whole_source(doc, 1, 2, exclude=set(), cue=doc[5:6])
    assert [doc[i].text for i in sorted(mention.tokens)] == ["MSNBC"]


def test_a_quote_before_a_learned_cue_is_that_cues_speakers(pipeline):
    # The rules leave "reflected" (the cue model gives it 0.2 to 0.45) and both quotes float;
    # the tagger marks the tenant, "reflected" and both quotes. The first quote comes before
    # the cue: carried on the last speaker instead, it would be the landlord's.
    paragraphs = [
        "The landlord, Maria Costa, said the flat had passed every inspection.",
        "“Climbing the stairs to my flat on the fourth floor took me half an hour, and I had to"
        " stop on every landing,” the tenant reflected in her complaint."
        " “I missed a month of work.”",
    ]
    docs = pipeline.parse(paragraphs)
    doc = docs[1]
    words = [t.text for t in doc]
    reflected = words.index("reflected")
    quotes = [(0, words.index("”") + 1), (words.index(".") + 1, len(doc))]
    tags = ["OOO"] * len(doc)
    tags[reflected - 2], tags[reflected - 1], tags[reflected] = "BOO", "IOO", "OBO"
    for start, end in quotes:
        for i in range(start, end):
            tags[i] = "OOB" if i == start else "OOI"
    doc.user_data[ROLES_KEY] = tags
    doc.user_data[CUE_PROBABILITY_KEY] = [0.9 if i == reflected else 0.0 for i in range(len(doc))]
    results, _ = pipeline.engine.analyze(docs)
    first = doc[quotes[0][0] : quotes[0][1]]
    holding = [
        a
        for a in results[1]
        if any(c["start"] <= first.start_char < c["end"] for c in a["content"])
    ]
    assert holding and all(a["source"]["text"] == "the tenant" for a in holding), holding
    assert "Maria Costa" not in {a["source"]["name"] for a in results[1]}


def test_a_source_run_takes_in_the_whole_words_and_names_it_cuts_into(pipeline):
    doc = pipeline.parse(
        ["As papers leaked to the New York Times have shown, anti-government protests grew."]
    )[0]
    words = [t.text for t in doc]
    york, anti = words.index("York"), words.index("anti")
    assert any(e.text.endswith("New York Times") for e in doc.ents)
    start, end = whole_run(doc, york, york + 2)  # "York Times", as a tagger marked it
    assert doc[start:end].text.endswith("New York Times")
    start, end = whole_run(doc, anti + 1, anti + 4)  # "-government protests"
    assert doc[start:end].text == "anti-government protests"
    shown = words.index("shown")
    mention = AttributionEngine._whole_source(doc, york, york + 2, set(), doc[shown : shown + 1])
    assert "New" in {doc[i].text for i in mention.tokens}


def test_a_source_run_is_widened_only_to_names_that_may_be_sources(pipeline):
    doc = Doc(pipeline.nlp.vocab, words=["Last", "week", "Stumpf", "spoke"])
    doc.ents = [Span(doc, 0, 3, label="DATE")]  # as the recogniser read it on a news page
    assert whole_run(doc, 2, 3) == (2, 3)
    doc.ents = [Span(doc, 0, 3, label="PERSON")]
    assert whole_run(doc, 2, 3) == (0, 3)


def test_a_source_of_function_words_only_names_no_one(pipeline):
    doc = pipeline.parse(["Mayer was named chairman of the division in March."])[0]
    of = [t.text for t in doc].index("of")
    assert not _has_words(doc, Mention({of}, doc[of]))
    assert _has_words(doc, Mention({0}, doc[0]))


def test_a_source_that_is_only_a_day_names_no_one(pipeline):
    # "… condemned Wednesday’s attack, saying …": the tagger marked the day as the source.
    doc = pipeline.parse(["Ann Lee condemned Wednesday’s attack, saying it was cowardly."])[0]
    day = [t.text for t in doc].index("Wednesday")
    doc.ents = [Span(doc, day, day + 1, label="DATE")]
    assert not _has_words(doc, Mention({day, day + 1}, doc[day]))
    # A name the recogniser ran into a date is still a name: "Last week Stumpf".
    doc = Doc(pipeline.nlp.vocab, words=["Last", "week", "Stumpf", "spoke"])
    doc.ents = [Span(doc, 0, 3, label="DATE")]
    assert _has_words(doc, Mention({0, 1, 2}, doc[2]))


def test_a_source_leaves_out_when_it_spoke(pipeline, analyze):
    result = analyze(
        "A panel of judges in 2015 found that the rule broke the law.",
        "Officials there said the plan had failed.",
    )
    found = [p["attributions"][0]["source"]["text"] for p in result["paragraphs"]]
    assert found == ["A panel of judges", "Officials"]
    # The tagger's run, as it marked one on a news page, loses its "in 2015" too.
    doc = pipeline.parse(["A panel of judges in 2015 found that the rule broke the law."])[0]
    found_at = [t.text for t in doc].index("found")
    mention = AttributionEngine._whole_source(doc, 0, found_at, set(), doc[found_at : found_at + 1])
    assert doc[min(mention.tokens) : max(mention.tokens) + 1].text == "A panel of judges"


@pytest.mark.parametrize(
    ("words", "heads", "deps", "pos", "run", "head"),
    [
        # "projects" read as a noun: the phrase before it hangs from it word by word.
        (["The", "Harlow", "campaign", "projects", "gains"], [3, 3, 3, 3, 3],
         ["det", "compound", "compound", "ROOT", "dobj"], ["DET", "PROPN", "NOUN", "NOUN", "NOUN"],
         (0, 3), "campaign"),
        # A phrase's own head first, over a possessive or a preposition the run took in.
        (["opposition", "from", "some", "of", "them", "to", "his", "plan"],
         [0, 0, 1, 2, 3, 0, 7, 5], ["ROOT", "prep", "pobj", "prep", "pobj", "prep", "poss", "pobj"],
         ["NOUN", "ADP", "PRON", "ADP", "PRON", "ADP", "PRON", "NOUN"], (2, 7), "some"),
    ],
)  # fmt: skip
def test_a_source_run_split_by_the_parse_is_headed_by_a_noun(
    pipeline, words, heads, deps, pos, run, head
):
    doc = Doc(pipeline.nlp.vocab, words=words, heads=heads, deps=deps, pos=pos)
    assert _run_head(doc[run[0] : run[1]]).text == head


def test_a_source_run_that_only_describes_the_subject_gives_way_to_it(pipeline):
    doc = pipeline.parse(
        ["The anchor for Westvision, a Spanish-language channel, was trying to ask a question."]
    )[0]
    words = [t.text for t in doc]
    channel, trying = words.index("channel"), words.index("trying")
    assert doc[channel].dep_ == "appos"  # as the parser reads it
    cue = Cue(doc[trying], trying, trying + 1)
    run = Mention(set(range(words.index("a"), channel + 1)), doc[channel])
    subject = _described_subject(cue, run, {trying})
    assert subject is not None and subject.head.text == "anchor"
    # A name in apposition is a source of its own.
    doc = pipeline.parse(["The candidate, Dana Lee, was trying to ask a question."])[0]
    words = [t.text for t in doc]
    lee, trying = words.index("Lee"), words.index("trying")
    assert doc[lee].dep_ == "appos"
    cue = Cue(doc[trying], trying, trying + 1)
    assert _described_subject(cue, Mention({lee - 1, lee}, doc[lee]), {trying}) is None
