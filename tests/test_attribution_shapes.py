"""Quote shapes of real articles, on sentences written for these tests: interrupted quotes,
embedded posts, pull quotes, colon and noun cues, transcript and round-up labels, claims that
carry on after "said:", and invisible characters."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc, Span

from sourcemark.attribution import invisible
from sourcemark.attribution.content import find_content
from sourcemark.attribution.cues import CLOSING, Cue
from sourcemark.attribution.engine import (
    _clause_run_source,
    _headline_speaker,
    _holds_clause,
    _near_cue,
    _said_at_the_end,
)
from sourcemark.attribution.quotes import find_quotes
from sourcemark.attribution.sources import (
    Mention,
    _speaker_taken_for_object,
    find_source,
    saying_joined,
)

from .test_attribution import arcs, attributions, misparsed, only, texts, with_cue


def test_an_interrupted_quote_is_one_attribution_whose_second_piece_carries_on(analyze):
    text = "“The bridge will open in May,” the engineer said, “if the steel arrives on time.”"
    first, second = attributions(analyze(text))
    assert first["cue"]["text"] == "said" and first["source"]["text"] == "the engineer"
    assert texts(first) == ["“The bridge will open in May,”"]
    assert second["cue"] is None and second["continues"] == first["id"]
    assert second["source"]["source_id"] == first["source"]["source_id"]
    assert texts(second) == ["“if the steel arrives on time.”"]


def test_an_interrupted_claim_of_two_clauses_is_split_as_a_quote_is(analyze):
    text = (
        "The fees can be impossible for some refugees, she said, especially those still "
        "suffering from war trauma."
    )
    first, second = attributions(analyze(text))
    assert first["cue"]["text"] == "said" and texts(first) == [
        "The fees can be impossible for some refugees"
    ]
    assert second["cue"] is None and second["continues"] == first["id"]
    assert texts(second) == ["especially those still suffering from war trauma"]
    assert second["kind"] == first["kind"] == "indirect"


@pytest.mark.parametrize(
    "text",
    [
        "The ferry will stop, said harbour master Ian Moss, and the island will be cut off.",
        "The ferry will stop, the harbour master told reporters, and the island will suffer.",
    ],
)
def test_an_unquoted_claim_carried_on_after_an_inverted_or_object_cue(analyze, text):
    first, second = attributions(analyze(text))
    assert texts(first) == ["The ferry will stop"]
    assert second["cue"] is None and second["continues"] == first["id"]
    assert texts(second)[0].startswith("the island will")


def test_an_aside_cue_the_parser_hung_on_a_noun_interrupts_the_whole_clause(pipeline):
    text = "Tess and her brother hid in the barn, she said, but one neighbor ran to the road."
    parsed = pipeline.nlp(text)
    heads, deps, at = arcs(parsed)
    # As the parser read such a sentence on a real page: "said" hung on the first subject.
    heads[at["said"]] = at["Tess"]
    doc = misparsed(parsed, heads, deps)
    (draft,) = pipeline.engine.paragraph(doc)
    assert draft.cue.head.text == "said"
    assert [text[a:b] for a, b in draft.content] == [
        "Tess and her brother hid in the barn",
        "one neighbor ran to the road",
    ]


@pytest.mark.parametrize(
    ("tail", "found"),
    [("the state news agency said.", True), ("and the state news agency said.", False)],
)
def test_a_saying_that_ends_a_long_sentence_the_parser_broke(pipeline, tail, found):
    text = f"The envoy left for Oslo with his aides, including Bo Lund, {tail}"
    parsed = pipeline.nlp(text)
    heads, deps, at = arcs(parsed)
    # As the parser read such a sentence on a real page: "said" a second verb of the first
    # clause, and the speaker inside the list.
    heads[at["left"]], deps[at["left"]] = at["left"], "ROOT"
    heads[at["said"]], deps[at["said"]] = at["left"], "conj"
    heads[at["agency"]], deps[at["agency"]] = at["including"], "pobj"
    drafts = pipeline.engine.paragraph(misparsed(parsed, heads, deps))
    said = [d for d in drafts if d.cue is not None and d.cue.head.text == "said"]
    taken = [d for d in said if [text[a:b] for a, b in d.content] == [
        "The envoy left for Oslo with his aides, including Bo Lund"
    ]]  # fmt: skip
    assert bool(taken) == found
    if found:
        assert parsed[min(taken[0].source.tokens)].text == "the"


@pytest.mark.parametrize(
    ("ending", "subject", "speaker"),
    [
        ("argued Palva", False, "Palva"),
        ("declared bankruptcy", False, None),  # what was declared
        ("told Palva", False, None),  # whom it was told
        ("argued Palva in Ottawa", False, None),  # more than a name: not sure whose
        ("argued Palva", True, None),  # the parse gave the verb a subject: not this misparse
    ],
)
def test_a_saying_and_its_speaker_that_end_a_sentence_the_parser_broke(
    pipeline, ending, subject, speaker
):
    text = f"That is a problem for the youth, but for all of us too, {ending}."
    parsed = pipeline.nlp(text)
    heads, deps, at = arcs(parsed)
    # As the parser read such a sentence on a real page: the saying a second verb of the
    # claim, and the name after it its object.
    verb, after = at[ending.split()[0]], at[ending.split()[1]]
    heads[at["is"]], deps[at["is"]] = at["is"], "ROOT"
    heads[verb], deps[verb] = at["is"], "conj"
    heads[after], deps[after] = verb, "dobj"
    if subject:
        heads[at["youth"]], deps[at["youth"]] = verb, "nsubj"
    drafts = pipeline.engine.paragraph(misparsed(parsed, heads, deps))
    claim = "That is a problem for the youth, but for all of us too"
    taken = [d for d in drafts if [text[a:b] for a, b in d.content] == [claim]]
    assert [parsed[i].text for d in taken for i in sorted(d.source.tokens)] == (
        [speaker] if speaker else []
    )


@pytest.mark.parametrize("mark", ["because", "although"])
def test_a_reason_after_the_cue_carries_the_claim_on(pipeline, mark):
    text = f"Rents rose sharply last year, Ortiz said, {mark} the mill closed."
    parsed = pipeline.nlp(text)
    heads, deps, at = arcs(parsed)
    # As the parser reads some such sentences: the claim the complement of "said", and the
    # reason hung on "said" too.
    for word, head, dep in [("rose", "said", "ccomp"), ("said", "said", "ROOT"),
                            ("closed", "said", "advcl"), (",", "said", "punct"),
                            (".", "said", "punct")]:  # fmt: skip
        heads[at[word]], deps[at[word]] = at[head], dep
    (draft,) = pipeline.engine.paragraph(misparsed(parsed, heads, deps))
    assert [text[a:b] for a, b in draft.content] == [
        "Rents rose sharply last year",
        f"{mark} the mill closed",
    ]


@pytest.mark.parametrize(
    ("saying", "content"),
    [
        ("told reporters", "The crew left a bag in the lobby"),
        ("told Reuters", "The crew left a bag in the lobby"),
        ("explained it", None),  # what was explained is its object
        ("telling reporters", None),  # no finished saying of its own
    ],
)
def test_a_saying_that_ends_the_sentence_says_the_clause_before_it(pipeline, saying, content):
    text = f"The crew left a bag in the lobby, a guard {saying}."
    parsed = pipeline.nlp(text)
    # As the parser reads some such sentences: the saying a second clause of "left".
    heads = [1, 2, 2, 4, 2, 2, 7, 5, 11, 10, 11, 2, 11, 11]
    deps = ["det", "nsubj", "ROOT", "det", "dobj", "prep", "det", "pobj", "punct", "det",
            "nsubj", "advcl", "dobj", "punct"]  # fmt: skip
    (draft,) = pipeline.engine.paragraph(misparsed(parsed, heads, deps))
    pieces = [text[a:b] for a, b in draft.content]
    if content is None:
        assert not pieces[0].startswith("The crew"), pieces
    else:
        assert pieces == [content] and draft.kind == "indirect"


@pytest.mark.parametrize(
    ("verb", "whole"),
    [
        ("said", True),
        ("told", False),  # whom one tells is no part of what was said
    ],
)
def test_a_clause_subject_taken_for_the_object_is_part_of_what_was_said(pipeline, verb, whole):
    text = f"He {verb} small farms that sell eggs — especially those near town — will close."
    parsed = pipeline.nlp(text)
    heads, deps, at = arcs(parsed)
    # As the parser reads some such sentences: the subject the verb's object, and the
    # clause after the dashes left without one.
    heads[at["farms"]], deps[at["farms"]] = at[verb], "dobj"
    heads[at["close"]], deps[at["close"]] = at[verb], "ccomp"
    (draft,) = pipeline.engine.paragraph(misparsed(parsed, heads, deps))
    pieces = [text[a:b] for a, b in draft.content]
    if whole:
        assert pieces == [text[text.index("small") : -1]]
    else:
        assert not any(p.startswith("small farms") for p in pieces), pieces


HAND_LEMMAS = {"said": "say", "told": "tell", "wrote": "write", "accused": "accuse",
               "reporters": "reporter"}  # fmt: skip
PAST_TENSES = {"said", "told", "wrote", "accused"}


def _content_words(pipeline, parse: list[tuple[str, int, str, str]], cue: str) -> list[str]:
    """The content of the cue word in a sentence parsed by hand: (word, head, dep, POS)."""
    words, heads, deps, pos = (list(column) for column in zip(*parse, strict=True))
    lemmas = [HAND_LEMMAS.get(w, w.lower()) for w in words]
    tags = ["VBD" if w in PAST_TENSES else "" for w in words]
    doc = Doc(pipeline.nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags,
              lemmas=lemmas)  # fmt: skip
    i = words.index(cue)
    content, _ = find_content(Cue(doc[i], i, i + 1))
    return [doc[j].text for j in sorted(content)]


@pytest.mark.parametrize(
    "parse",
    [
        # "He said the plan: will close soon." A colon closes the object.
        [("He", 1, "nsubj", "PRON"), ("said", 1, "ROOT", "VERB"), ("the", 3, "det", "DET"),
         ("plan", 1, "dobj", "NOUN"), (":", 1, "punct", "PUNCT"), ("will", 6, "aux", "AUX"),
         ("close", 1, "ccomp", "VERB"), (".", 1, "punct", "PUNCT")],
        # "He said them will close." A pronoun object.
        [("He", 1, "nsubj", "PRON"), ("said", 1, "ROOT", "VERB"), ("them", 1, "dobj", "PRON"),
         ("will", 4, "aux", "AUX"), ("close", 1, "ccomp", "VERB"), (".", 1, "punct", "PUNCT")],
        # "He said the plan that will close." No subject can stand before "that".
        [("He", 1, "nsubj", "PRON"), ("said", 1, "ROOT", "VERB"), ("the", 3, "det", "DET"),
         ("plan", 1, "dobj", "NOUN"), ("that", 6, "mark", "SCONJ"), ("will", 6, "aux", "AUX"),
         ("close", 1, "ccomp", "VERB"), (".", 1, "punct", "PUNCT")],
    ],
)  # fmt: skip
def test_an_object_that_cannot_be_the_clause_subject_stays_out_of_what_was_said(pipeline, parse):
    content = _content_words(pipeline, parse, "said")
    assert "close" in content
    assert not {"plan", "them"} & set(content), content


@pytest.mark.parametrize(
    "parse",
    [
        # "The crew left, and a guard told reporters."
        [("The", 1, "det", "DET"), ("crew", 2, "nsubj", "NOUN"), ("left", 2, "ROOT", "VERB"),
         (",", 2, "punct", "PUNCT"), ("and", 7, "cc", "CCONJ"), ("a", 6, "det", "DET"),
         ("guard", 7, "nsubj", "NOUN"), ("told", 2, "conj", "VERB"),
         ("reporters", 7, "dobj", "NOUN"), (".", 2, "punct", "PUNCT")],
        # "The crew left, then a guard told reporters."
        [("The", 1, "det", "DET"), ("crew", 2, "nsubj", "NOUN"), ("left", 2, "ROOT", "VERB"),
         (",", 2, "punct", "PUNCT"), ("then", 7, "advmod", "ADV"), ("a", 6, "det", "DET"),
         ("guard", 7, "nsubj", "NOUN"), ("told", 2, "advcl", "VERB"),
         ("reporters", 7, "dobj", "NOUN"), (".", 2, "punct", "PUNCT")],
        # "The crew left, a guard told reporters, and ran."
        [("The", 1, "det", "DET"), ("crew", 2, "nsubj", "NOUN"), ("left", 2, "ROOT", "VERB"),
         (",", 2, "punct", "PUNCT"), ("a", 5, "det", "DET"), ("guard", 6, "nsubj", "NOUN"),
         ("told", 2, "advcl", "VERB"), ("reporters", 6, "dobj", "NOUN"),
         (",", 2, "punct", "PUNCT"), ("and", 2, "cc", "CCONJ"), ("ran", 2, "conj", "VERB"),
         (".", 2, "punct", "PUNCT")],
    ],
)  # fmt: skip
def test_a_saying_opened_by_a_conjunction_or_followed_by_more_is_not_the_clause_before(
    pipeline, parse
):
    assert "left" not in _content_words(pipeline, parse, "told")


def test_a_reason_with_no_comma_before_it_is_why_it_was_said_not_what(pipeline):
    # "Rents rose, Ortiz said because the mill closed."
    parse = [("Rents", 1, "nsubj", "NOUN"), ("rose", 4, "ccomp", "VERB"),
             (",", 4, "punct", "PUNCT"), ("Ortiz", 4, "nsubj", "PROPN"),
             ("said", 4, "ROOT", "VERB"), ("because", 8, "mark", "SCONJ"),
             ("the", 7, "det", "DET"), ("mill", 8, "nsubj", "NOUN"),
             ("closed", 4, "advcl", "VERB"), (".", 4, "punct", "PUNCT")]  # fmt: skip
    assert _content_words(pipeline, parse, "said") == ["Rents", "rose"]


def test_a_clause_hung_on_a_noun_is_not_widened_to_the_sentence(pipeline):
    # "They are so brazen that they scoff.": only an aside ("…, he said, …") stands for
    # the whole clause around it.
    parse = [("They", 1, "nsubj", "PRON"), ("are", 1, "ROOT", "AUX"), ("so", 3, "advmod", "ADV"),
             ("brazen", 1, "attr", "NOUN"), ("that", 6, "mark", "SCONJ"),
             ("they", 6, "nsubj", "PRON"), ("scoff", 3, "ccomp", "VERB"),
             (".", 1, "punct", "PUNCT")]  # fmt: skip
    assert _content_words(pipeline, parse, "scoff") == ["so", "brazen"]


def test_an_aside_hung_on_an_adjective_keeps_to_its_phrase(pipeline):
    # "It was a tax, no different, he said, from the last one.": only an aside on a noun is
    # taken for one on its clause; here the phrase it interrupts is what was said.
    parse = [("It", 1, "nsubj", "PRON"), ("was", 1, "ROOT", "AUX"), ("a", 3, "det", "DET"),
             ("tax", 1, "attr", "NOUN"), (",", 3, "punct", "PUNCT"), ("no", 6, "neg", "DET"),
             ("different", 3, "amod", "ADJ"), (",", 9, "punct", "PUNCT"),
             ("he", 9, "nsubj", "PRON"), ("said", 6, "parataxis", "VERB"),
             (",", 9, "punct", "PUNCT"), ("from", 6, "prep", "ADP"),
             ("the", 14, "det", "DET"), ("last", 14, "amod", "ADJ"),
             ("one", 11, "pobj", "NOUN"), (".", 1, "punct", "PUNCT")]  # fmt: skip
    content = _content_words(pipeline, parse, "said")
    assert content[:2] == ["no", "different"] and "It" not in content


def test_a_verb_with_its_own_subject_and_object_says_its_object_not_the_clause_above(pipeline):
    # "Standing beside the mayor, Huerta accused Sanders of idling.", as the parser may
    # read it: "accused" the complement of "Standing".
    parse = [("Standing", 0, "ROOT", "VERB"), ("beside", 0, "prep", "ADP"),
             ("the", 3, "det", "DET"), ("mayor", 1, "pobj", "NOUN"), (",", 0, "punct", "PUNCT"),
             ("Huerta", 6, "nsubj", "PROPN"), ("accused", 0, "ccomp", "VERB"),
             ("Sanders", 6, "dobj", "PROPN"), ("of", 6, "prep", "ADP"),
             ("idling", 8, "pcomp", "VERB"), (".", 0, "punct", "PUNCT")]  # fmt: skip
    assert _content_words(pipeline, parse, "accused") == ["Sanders", "of", "idling"]


@pytest.mark.parametrize(
    ("verb", "told", "then"),
    [
        ("told", "reporters", []),  # whom one tells is no object of what was said
        ("told", "crowd", []),  # nor a group one tells
        ("wrote", "reporters", [(":", 6, "punct", "PUNCT")]),  # what follows the colon is
    ],
)
def test_an_aside_cue_with_an_addressee_or_a_colon_keeps_the_clause_it_interrupts(
    pipeline, verb, told, then
):
    # "The plan will fail, Reyes told reporters." / "…, Reyes wrote reporters:"
    parse = [("The", 1, "det", "DET"), ("plan", 3, "nsubj", "NOUN"), ("will", 3, "aux", "AUX"),
             ("fail", 3, "ROOT", "VERB"), (",", 3, "punct", "PUNCT"),
             ("Reyes", 6, "nsubj", "PROPN"), (verb, 3, "parataxis", "VERB"),
             (told, 6, "dobj", "NOUN"), *then, (".", 3, "punct", "PUNCT")]  # fmt: skip
    assert _content_words(pipeline, parse, verb)[:4] == ["The", "plan", "will", "fail"]


def test_an_aside_cue_without_a_subject_of_its_own_keeps_the_clause_it_follows(pipeline):
    # "The plan will fail, citing costs."
    parse = [("The", 1, "det", "DET"), ("plan", 3, "nsubj", "NOUN"), ("will", 3, "aux", "AUX"),
             ("fail", 3, "ROOT", "VERB"), (",", 3, "punct", "PUNCT"),
             ("citing", 3, "parataxis", "VERB"), ("costs", 5, "dobj", "NOUN"),
             (".", 3, "punct", "PUNCT")]  # fmt: skip
    assert _content_words(pipeline, parse, "citing")[:4] == ["The", "plan", "will", "fail"]


def test_a_saying_that_ends_the_sentence_with_no_opener_is_the_clause_before(pipeline):
    # "The crew left, a guard told reporters.": the shape the three above vary.
    parse = [("The", 1, "det", "DET"), ("crew", 2, "nsubj", "NOUN"), ("left", 2, "ROOT", "VERB"),
             (",", 2, "punct", "PUNCT"), ("a", 5, "det", "DET"), ("guard", 6, "nsubj", "NOUN"),
             ("told", 2, "advcl", "VERB"), ("reporters", 6, "dobj", "NOUN"),
             (".", 6, "punct", "PUNCT")]  # fmt: skip
    assert _content_words(pipeline, parse, "told") == ["The", "crew", "left"]


def test_an_aside_after_and_is_not_a_saying_that_ends_the_sentence(pipeline):
    text = "They fixed the roof and, he argued, saved the house."
    parsed = pipeline.nlp(text)
    # As the parser reads some such sentences: "argued" a second clause of "fixed", holding
    # all that follows it.
    heads = [1, 1, 3, 1, 1, 7, 7, 1, 7, 7, 11, 9, 7]
    deps = ["nsubj", "ROOT", "det", "dobj", "cc", "punct", "nsubj", "conj", "punct", "xcomp",
            "det", "dobj", "punct"]  # fmt: skip
    (draft,) = pipeline.engine.paragraph(misparsed(parsed, heads, deps))
    assert [text[a:b] for a, b in draft.content] != ["They fixed the roof"]


@pytest.mark.parametrize(
    ("text", "cue", "source", "content"),
    [
        ("The plan was backed by the mayor on Monday.", "was backed", "the mayor", "The plan"),
        ("The delay angered the council.", "angered", "the council", "The delay"),
        # A pronoun is whom it is about, the reason what: "for the delay".
        ("He was criticized by the mayor for the delay.", "was criticized", "the mayor",
         "for the delay"),
    ],
)  # fmt: skip
def test_a_passive_with_its_agent_or_a_feeling_is_about_its_subject(
    analyze, text, cue, source, content
):
    a = with_cue(analyze(text), cue)[0]
    assert a["source"]["text"] == source
    assert texts(a) == [content]


def test_a_clause_of_its_own_saying_after_the_cue_is_not_the_claim_carried_on(analyze):
    text = "“The mill will close in May,” Reyes said, though he added that some jobs may stay."
    said = with_cue(analyze(text), "said")[0]
    assert texts(said) == ["“The mill will close in May,”"]


def test_a_subordinate_clause_after_the_cue_is_not_the_claim_carried_on(analyze):
    text = (
        "Details of the deal began to leak amid fears the merger will fail, insiders said, "
        "and as staff at the bank worry about cuts that could follow."
    )
    said = with_cue(analyze(text), "said")[0]
    assert all(a["continues"] != said["id"] for a in attributions(analyze(text)))


def test_a_participle_of_saying_is_its_own_attribution_not_the_objects(analyze):
    text = "The mayor criticized the budget, saying that it cuts too deep."
    result = analyze(text)
    assert texts(with_cue(result, "criticized")[0]) == ["the budget"]
    assert texts(with_cue(result, "saying")[0]) == ["that it cuts too deep"]
    # A participle that is no saying stays part of what the object says.
    text = "The mayor criticized the budget, making it clear that she will veto it."
    assert texts(with_cue(analyze(text), "criticized")[0])[0].endswith("she will veto it")
    # With no object of its own, the verb keeps the participle's clause.
    responded = with_cue(
        analyze("The mayor responded, saying that the budget cuts deep."), "responded"
    )
    assert texts(responded[0])[0].endswith("the budget cuts deep")


@pytest.mark.parametrize(
    "text",
    [
        "“Is the bridge closed?” the mayor asked, turning to the engineers.",
        "“Who pays for this?” Moreno asked, laughing.",
    ],
)
def test_a_participle_of_manner_after_the_cue_leaves_the_quote_as_what_was_said(analyze, text):
    a = only(analyze(text))
    assert a["kind"] == "direct"
    assert texts(a) == [text[: text.index("”") + 1]]


def test_a_participle_of_saying_or_of_being_or_with_no_comma_is_still_the_content(
    analyze, pipeline
):
    text = "The senator responded, calling the bill a disaster."
    assert texts(with_cue(analyze(text), "responded")[0]) == ["calling the bill a disaster"]
    doc = pipeline.nlp("The coach recalled losing the final.")
    content, _ = find_content(Cue(doc[2], 2, 3))
    assert [doc[i].text for i in sorted(content)] == ["losing", "the", "final"]
    text = "As the chemist notes, being able to smell traces of gas gives workers time to leave."
    assert texts(with_cue(analyze(text), "notes")[0]) == ["being able to smell traces of gas"]


def test_a_clause_after_a_full_stop_is_not_the_claim_carried_on(analyze):
    text = "The ferry will stop running, the harbour master said. The island will be cut off."
    assert texts(only(analyze(text))) == ["The ferry will stop running"]


def test_a_claim_interrupted_after_its_subject_stays_whole(analyze):
    text = "Police, the report says, have no policies to deal with the situation."
    a = only(analyze(text))
    assert a["continues"] is None and texts(a)[0] == "Police"


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("The merger, say analysts, marks a new era for the airline.", "analysts"),
        ("The new rules, say officials, will take effect in May.", "officials"),
    ],
)
def test_a_speaker_after_an_aside_cue_is_the_source_and_the_subject_before_its_content(
    analyze, text, speaker
):
    a = only(analyze(text))
    assert a["source"]["text"] == speaker
    assert texts(a)[0] == " ".join(text.split(",")[0].split())


@pytest.mark.parametrize(
    ("text", "source", "cue"),
    [
        ("In Dr. Okafor’s words, “The river is dying.”", "Dr. Okafor", "words"),
        ("In the words of Mayor Ann Poole, “This is a great day.”", "Mayor Ann Poole",
         "In the words of"),
    ],
)  # fmt: skip
def test_in_someones_words_opening_a_sentence_is_their_quote(analyze, text, source, cue):
    a = only(analyze(text))
    assert (a["source"]["text"], a["cue"]["text"]) == (source, cue)
    assert texts(a)[0].startswith("“")


def test_in_someones_words_before_a_colon_is_their_quote(analyze):
    a = only(
        analyze(
            "This is how hard the winter was, in the words of the ranger: “We lost half the herd.”"
        )
    )
    assert (a["source"]["text"], a["source"]["type"]) == ("the ranger", "anonymous")
    assert texts(a) == ["“We lost half the herd.”"]


def test_in_her_words_inside_a_claim_is_no_cue_of_its_own(analyze):
    result = analyze("She backed him because, in her words, he “knows how to do it.”")
    assert not with_cue(result, "words")


def test_a_quote_with_the_speaker_after_stays_whole(analyze):
    a = only(analyze("“We will appeal, and we will win,” the lawyer said after the ruling."))
    assert a["continues"] is None and len(a["content"]) == 1


def test_an_embedded_post_is_signed_by_its_byline(analyze):
    post = (
        "Great crowd in Dayton tonight. Thank you, Ohio! pic.twitter.com/AbC123"
        " — Rosa Velez (@rosavelez) May 3, 2016"
    )
    a = only(analyze(post))
    assert a["cue"]["text"] == "—"
    assert a["source"]["text"] == "Rosa Velez"
    assert texts(a) == ["Great crowd in Dayton tonight. Thank you, Ohio"]


@pytest.mark.parametrize("name", ["Rosa Velez", "Rosa Velez 🏳️‍🌈"])
def test_a_byline_opening_its_paragraph_signs_the_post_above(analyze, name):
    # As a page's embedded post comes out of its markup: the post, then its byline.
    result = analyze(
        "Great crowd in Dayton tonight. Thank you, Ohio! https://t.co/AbC123",
        f"— {name} (@rosavelez) May 3, 2016",
        "• Tickets for the next rally are free.",  # a list item: the byline opens no list
    )
    [post], [byline], after = (p["attributions"] for p in result["paragraphs"])
    assert (post["source"]["name"], post["kind"], post["cue"]) == ("Rosa Velez", "direct", None)
    assert texts(post) == ["Great crowd in Dayton tonight. Thank you, Ohio"]
    assert (byline["cue"]["text"], byline["source"]["text"]) == ("—", "Rosa Velez")
    assert byline["continues"] == post["id"] and not after
    assert post["confidence"] == byline["confidence"]


def test_i_and_we_in_an_embedded_post_are_its_author(analyze):
    result = analyze(
        "We believe masks will help, so our schools are giving them out today."
        " I urge all residents to use them https://t.co/AbC123",
        "— Rosa Velez (@rosavelez) May 3, 2016",
        "I asked her office about the masks.",  # the article's own writer again
    )
    post, _, after = (p["attributions"] for p in result["paragraphs"])
    cued = {a["cue"]["text"]: a["source"]["name"] for a in post if a["cue"]}
    assert cued == {"believe": "Rosa Velez", "urge": "Rosa Velez"}
    assert [a["source"]["name"] for a in after] == ["The writer"]


def test_a_byline_with_no_paragraph_above_signs_nothing(analyze):
    assert not attributions(analyze("— Rosa Velez (@rosavelez) May 3, 2016"))


def test_pull_quotes_one_per_line_each_signed_after_a_space_and_a_dash(analyze):
    # Web pages put a no-break space between the closing quote and the dash.
    result = analyze(
        "“We will win this.”\u00a0― Jacklyn Ashley\u00a0\n“It is over.” ― Carla Sanchez"
    )
    found = [(a["source"]["text"], texts(a)) for a in attributions(result)]
    assert found == [
        ("Jacklyn Ashley", ["“We will win this.”"]),
        ("Carla Sanchez", ["“It is over.”"]),
    ]


def test_a_pull_quote_signed_with_name_and_title(analyze):
    a = only(analyze("“Nobody reads the fine print.” Harriet Olsen, consumer advocate"))
    assert a["source"]["text"] == "Harriet Olsen"
    assert texts(a) == ["“Nobody reads the fine print.”"]


@pytest.mark.parametrize(
    "text",
    [
        "“Nobody reads the fine print,” said Ana Ruiz, who runs the shop. “Not one,” Lea Mori,"
        " a clerk, added, and left the room as “the busy” people, who read, stayed to sign it.",
        "“Nobody reads the fine print.” Harriet Olsen, consumer advocate for the city council"
        " and the long-suffering tenants of its oldest buildings",
        "“We read it.” Harriet Olsen, consumer advocate",
        "He signed ‘Harriet Olsen, consumer advocate",  # an opening mark signs nothing
    ],
)
def test_only_a_quote_mark_near_the_end_is_read_for_a_signed_pull_quote(pipeline, text):
    doc = pipeline.parse([text])[0]
    finder = pipeline.engine.cues
    near_the_end = finder._pull_quotes(doc)
    everywhere = finder.quote_labels(doc)
    assert set(near_the_end) <= set(everywhere)
    assert everywhere  # the texts hold matches to tell
    for _, start, end in set(everywhere) - set(near_the_end):  # each fails _labels' test
        assert doc[start].text not in CLOSING or not finder._signature(doc, end - 1)


def test_a_pull_quote_without_quotation_marks_is_signed_by_the_name_that_ends_it(analyze):
    text = "The board's failures to hear the families constitute an emergency. Greta Lindqvist"
    a = only(analyze(text))
    assert a["kind"] == "direct" and a["source"]["name"] == "Greta Lindqvist"
    assert a["cue"] is None  # the name is the source, not also its cue
    assert texts(a) == ["The board's failures to hear the families constitute an emergency"]


@pytest.mark.parametrize(
    "text",
    [
        "Now comes the real test for the senator from Vermont, Sen. Greta Lindqvist.",
        "Greta Lindqvist",  # a byline alone
        "It rained. Greta Lindqvist",  # too little before it to be a quote
    ],
)
def test_a_name_at_a_paragraphs_end_signs_only_a_sentence_of_its_own(analyze, text):
    assert attributions(analyze(text)) == []


def test_a_verb_pointing_at_what_follows_a_colon(analyze):
    text = "The senator posted this on Facebook: the vote was rigged from the start."
    a = only(analyze(text))
    assert a["cue"]["text"] == "posted" and a["source"]["text"] == "The senator"
    assert texts(a) == ["the vote was rigged from the start"]


def test_a_comment_made_before_a_colon_carries_into_the_quote_after_it(analyze):
    result = analyze(
        "On May 3, Okafor made the following comment:",
        "“Every family in this county deserves clean water.”",
    )
    said = only(result, 0)
    assert said["cue"]["text"] == "made" and said["source"]["text"] == "Okafor"
    assert only(result, 1)["continues"] == said["id"]


def test_a_noun_of_saying_before_a_colon(analyze):
    a = only(analyze("The coach's answer was simple: the team needs a new goalkeeper."))
    assert a["cue"]["text"] == "answer"
    assert a["source"]["text"] == "The coach"
    assert texts(a) == ["the team needs a new goalkeeper"]


def test_a_titled_transcript_label(analyze):
    result = analyze(
        "Senator Ruth Calder spoke to the committee on Tuesday.",
        "SEN. CALDER: We have waited long enough for this report.",
    )
    a = only(result, 1)
    assert a["cue"]["text"] == ":" and a["source"]["text"] == "SEN. CALDER"
    assert texts(a) == ["We have waited long enough for this report"]


def test_a_label_inside_a_paragraph_gives_its_quote_one_attribution(analyze):
    result = analyze("The debate turned to taxes. SANDERS: “Nobody pays their share.”")
    a = only(result)
    assert a["source"]["text"] == "SANDERS"
    assert (a["source"]["name"], a["source"]["type"]) == ("Sanders", "named_person")
    assert texts(a) == ["“Nobody pays their share.”"]
    body = only(analyze("The index is out. NATO: “We stand firm.”"))  # a body, as it was
    assert (body["source"]["name"], body["source"]["type"]) == ("NATO", "named_organization")


def test_a_heading_in_capitals_inside_a_paragraph_is_no_speaker(analyze):
    result = analyze("The index is out. JAPAN PMI: “Output fell again.”")
    assert all(a["source"]["text"] != "JAPAN PMI" for a in attributions(result))


def test_a_round_up_line(analyze):
    a = only(analyze("Jane Porter, The Daily Planet: The mayor has run out of excuses."))
    assert a["cue"]["text"] == ":" and a["source"]["text"] == "Jane Porter"
    assert texts(a) == ["The mayor has run out of excuses"]


def test_a_surname_in_capitals_labels_its_paragraph_whatever_its_tag(analyze):
    result = analyze(
        "Ted Cruz took the stage after the governor.",
        "CRUZ: We will win this state and the next one.",  # tagged a verb
        "CORRECTION: An earlier version of this story misspelled a name.",
    )
    a = only(result, 1)
    assert a["cue"]["text"] == ":" and a["source"]["text"] == "CRUZ"
    assert a["source"]["name"] == "Ted Cruz" and a["source"]["type"] == "named_person"
    assert texts(a) == ["We will win this state and the next one"]
    assert attributions(result, 2) == []


def test_a_titled_label_of_someone_not_named_before_is_a_person(analyze):
    a = only(analyze("MR. SMITH: The committee never saw the final draft."))
    assert a["source"]["text"] == "MR. SMITH" and a["source"]["type"] == "named_person"
    assert texts(a) == ["The committee never saw the final draft"]


def test_a_round_up_line_with_a_description(analyze):
    a = only(analyze("Carl Dent, columnist at the Daily Planet: The plan is doomed."))
    assert a["cue"]["text"] == ":" and a["source"]["text"] == "Carl Dent"
    assert a["source"]["type"] == "named_person"
    assert texts(a) == ["The plan is doomed"]


def test_a_label_inside_a_paragraph_before_a_quote(analyze):
    text = "The debate turned to taxes. Bernie Sanders: “Nobody in this town pays their share.”"
    a = only(analyze(text))
    assert a["source"]["text"] == "Bernie Sanders"
    assert texts(a) == ["“Nobody in this town pays their share.”"]


def test_a_claim_after_said_colon_carries_into_the_list(analyze):
    result = analyze(
        "The governor also said:",
        "- The bridge will be rebuilt by the end of next year.",
        "- Every school will get a new roof.",
        "The opposition leader called the plan a fantasy.",
        "- Taxes went up twice last year.",
    )
    root = only(result, 0)
    assert root["cue"]["text"] == "said" and root["source"]["text"] == "The governor"
    for paragraph in (1, 2):
        carried = only(result, paragraph)
        assert carried["continues"] == root["id"]
        assert carried["source"]["source_id"] == root["source"]["source_id"]
    assert all(a["continues"] != root["id"] for a in attributions(result, 4))


def test_a_claim_after_said_colon_carries_into_a_run_of_short_unmarked_items(analyze):
    result = analyze(
        "The coach said:",
        "The team needs a new goalkeeper.",
        "The stadium roof must be fixed before winter.",
        "Tickets will cost less next season.",
    )
    root = only(result, 0)
    for paragraph in (1, 2, 3):
        assert only(result, paragraph)["continues"] == root["id"]


def test_a_long_paragraph_after_said_colon_ends_the_carry_there(analyze):
    result = analyze(
        "The coach said:",
        "The team has lost seven of its last ten games, and the board, which meets in March, "
        "will have to decide whether the money for a new goalkeeper can be found before the "
        "transfer window closes at the end of the month.",
        "The stadium roof must be fixed before winter.",
    )
    root = only(result, 0)
    assert only(result, 1)["continues"] == root["id"]
    assert all(a["continues"] != root["id"] for a in attributions(result, 2))


def test_a_paragraph_naming_the_speaker_ends_the_carry(analyze):
    result = analyze(
        "In a long interview, Coach Ann Lee also said:",
        "The team needs a new goalkeeper.",
        "Lee flies to Madrid on Friday for talks.",
        "Tickets will cost less next season.",
    )
    root = only(result, 0)
    assert only(result, 1)["continues"] == root["id"]
    for paragraph in (2, 3):
        assert all(a["continues"] != root["id"] for a in attributions(result, paragraph))


def test_a_carried_list_item_is_its_words_without_its_number(analyze):
    result = analyze(
        "The governor said:",
        "1. The bridge will be rebuilt by the end of next year.",
        "2) Every school will get a new roof.",
    )
    assert texts(only(result, 1)) == ["The bridge will be rebuilt by the end of next year"]
    assert texts(only(result, 2)) == ["Every school will get a new roof"]


def test_according_to_before_a_colon_carries_into_the_list_only(analyze):
    result = analyze(
        "The plan has three parts, according to the city's budget office:",
        "- Bus fares will be frozen for two years.",
        "- Every library will open on Sundays.",
        "The council votes on the plan in March.",
    )
    root = only(result, 0)
    assert root["kind"] == "according_to" and texts(root) == ["The plan has three parts"]
    for paragraph in (1, 2):
        assert only(result, paragraph)["continues"] == root["id"]
    assert all(a["continues"] != root["id"] for a in attributions(result, 3))


def test_a_paragraph_after_wrote_colon_is_the_writers_though_it_holds_a_verb(analyze):
    """Right after "X wrote:", a verb that reports no speech is inside what X wrote."""
    result = analyze(
        "On his blog, the pastor Eli Hartman wrote:",
        "I think this prayer is timely, as the country faces a hard test.",
    )
    root = only(result, 0)
    carried = only(result, 1)
    assert carried["continues"] == root["id"]
    assert texts(carried) == ["I think this prayer is timely, as the country faces a hard test"]


def test_a_speaker_of_its_own_after_said_colon_ends_the_carry(analyze):
    result = analyze("The coach said:", "The captain said the team had lost its nerve.")
    root = only(result, 0) if attributions(result, 0) else None
    said = only(result, 1)
    assert said["source"]["text"] == "The captain"
    assert root is None or said["continues"] != root["id"]


def test_content_that_only_points_past_a_colon_is_what_follows(analyze):
    result = analyze(
        "The mayor released the following statement:",
        "“We grieve with the families of the victims.”",
    )
    root = only(result, 0)
    assert root["cue"]["text"] == "released" and texts(root) == []
    assert only(result, 1)["continues"] == root["id"]
    statement = only(analyze("The governor issued this statement: “Our prayers are with them.”"))
    assert texts(statement) == ["“Our prayers are with them.”"]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("The senator praised the plan, which includes a tax cut for farmers.", "the plan"),
        ("The mayor endorsed Ana Ruiz, a former city planner.", "Ana Ruiz"),
        # A list is no description, nor is a quote's own wording.
        (
            "The coach calls him a fast runner, a great kid and a leader.",
            "him a fast runner, a great kid and a leader",
        ),
        ("The senator praised “the plan, which saves lives.”", "“the plan, which saves lives.”"),
    ],
)
def test_the_outlets_description_after_an_object_is_not_what_was_said(analyze, text, content):
    assert texts(only(analyze(text))) == [content]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "Sanders offered some pointed advice to the nominee on Friday.",
            "some pointed advice to the nominee",
        ),
        # An occasion with more hanging on it stays.
        (
            "The mayor said on Friday during a news conference that he may wait.",
            "on Friday during a news conference that he may wait",
        ),
    ],
)
def test_when_something_was_said_is_not_what_was_said(analyze, text, content):
    assert texts(only(analyze(text))) == [content]


def test_a_saying_whose_only_words_tell_when_says_nothing_here(analyze):
    assert attributions(analyze("The senator commented on Monday.")) == []
    # What one apologizes for is what, not when or where.
    apology = only(analyze("The mayor apologized for his statements."))
    assert texts(apology) == ["for his statements"]


def test_a_name_beside_the_object_is_who_it_is_not_a_description(analyze):
    text = "The senators praised the Fed's new chair, Janet Yellen."
    assert texts(only(analyze(text))) == ["the Fed's new chair, Janet Yellen"]


def test_a_description_holding_the_sources_quoted_words_stays(analyze):
    # The parser hangs the quoted name-calling on the description of the person called it.
    text = "Lee called Ortiz, his Democratic presidential challenger, a union “co-founder.”"
    assert texts(only(analyze(text))) == [
        "Ortiz, his Democratic presidential challenger, a union “co-founder.”"
    ]


def test_said_colon_with_nothing_after_it_is_no_attribution(analyze):
    assert attributions(analyze("Later that day the governor said:")) == []


def test_invisible_characters_break_no_name_and_no_cue(analyze):
    text = "Dana\u200b Whitfield said the\u00ad bridge was safe, ac\u00adcording to the memo."
    result = analyze(text)
    said = with_cue(result, "said")[0]
    assert said["source"]["text"] == "Dana\u200b Whitfield"
    assert said["source"]["type"] == "named_person"
    assert any(a["cue"]["text"].startswith("ac\u00adcording") for a in attributions(result))
    for a in attributions(result):  # offsets in the original text
        for span in [a["cue"], a["source"], *a["content"]]:
            if span:
                assert text[span["start"] : span["end"]] == span["text"]


def test_an_invisible_character_splits_no_person_and_stays_out_of_names(analyze):
    result = analyze("Bernie Sanders spoke in Iowa.", "Sanders\u200b said the plan failed.")
    assert [(s["name"], s["type"]) for s in result["sources"]] == [
        ("Bernie Sanders", "named_person")
    ]
    result = analyze("Ber\u2060nie Sanders said the plan failed.")
    assert [s["name"] for s in result["sources"]] == ["Bernie Sanders"]


@pytest.mark.parametrize("space", ["\u00a0", "\u202f", "\u2009"])
def test_a_no_break_or_thin_space_splits_no_name(analyze, space):
    sent = [
        f"Radio host Mel{space}Ostrander said{space}the vote was rigged, his producer said.",
        f"Ostrander{space}added that he would appeal.",
    ]
    result = analyze(*sent)
    named = {(s["name"], s["type"]) for s in result["sources"]}
    assert ("Mel Ostrander", "named_person") in named
    assert [p["text"] for p in result["paragraphs"]] == sent
    for paragraph in result["paragraphs"]:  # spans quote the text as sent
        for a in paragraph["attributions"]:
            for span in [a["cue"], a["source"], *a["content"]]:
                if span:
                    assert paragraph["text"][span["start"] : span["end"]] == span["text"]
        for span in paragraph["unattributed"] + paragraph["markers"]:
            assert paragraph["text"][span["start"] : span["end"]] == span["text"]


@pytest.mark.parametrize(
    ("label", "name"),
    [
        ("Former secretary of state Ann Lee", "Ann Lee"),
        ("Longtime city councilman Tom Kerr", "Tom Kerr"),
    ],
)
def test_a_person_named_after_a_description_opens_a_speaker_label(analyze, label, name):
    found = only(analyze(f"{label}: “We learned that from the housing board.”"))
    assert (found["cue"]["text"], found["source"]["text"], found["source"]["name"]) == (
        ":",
        label,
        name,
    )


@pytest.mark.parametrize(
    "headline",
    [
        "Ann Lee Grills Harbor Board Chief: ‘You Should Resign.’",
        "Former Mayor Lee at Harbor Fair: Crowds return.",
    ],
)
def test_a_headline_is_no_described_speaker_label(analyze, headline):
    assert not [a for a in attributions(analyze(headline)) if a["cue"] and a["cue"]["text"] == ":"]


HARBOR_BODY = (
    "The harbor board met on Monday to discuss the schedule, and a spokesman said the delays"
    " were caused by repairs to the old pier that began in the spring."
)


@pytest.mark.parametrize(
    ("headline", "source"),
    [
        ("Insiders: Harbor board will reopen the pier.", "Insiders"),
        ("Newspaper: Harbor board chief used personal email.", "Newspaper"),
    ],
)
def test_a_headline_s_label_may_name_people_or_a_body_by_a_noun(analyze, headline, source):
    labelled = with_cue(analyze(headline, HARBOR_BODY), ":", 0)
    assert [a["source"]["text"] for a in labelled] == [source]
    # In the body such a line is a heading, not a speaker.
    assert not with_cue(analyze(HARBOR_BODY, headline), ":", 1)


@pytest.mark.parametrize(
    ("headline", "source", "content"),
    [
        ("Lee to Harbor Board: The dam will hold.", "Lee", "The dam will hold"),
        (
            "Mayor Dana Whitfield on the ferry delays: ‘We were ignored.’",
            "Mayor Dana Whitfield",
            "‘We were ignored.’",
        ),
    ],
)
def test_a_headline_s_label_may_say_whom_or_what_it_addresses(analyze, headline, source, content):
    [labelled] = with_cue(analyze(headline, HARBOR_BODY), ":", 0)
    assert (labelled["source"]["text"], texts(labelled)) == (source, [content])
    # In the body such a line is a subhead, not a speaker.
    assert not with_cue(analyze(HARBOR_BODY, headline), ":", 1)


def test_a_headline_s_label_in_capitals_stays_a_heading(analyze):
    assert not with_cue(analyze("BOOM: Harbor board reopens the pier.", HARBOR_BODY), ":", 0)


@pytest.mark.parametrize(
    ("words", "speaks"),
    [(["Carly", "Fiorina"], True), (["News", "Guide"], False), (["Fiorina"], False)],
)
def test_a_headline_label_the_recogniser_missed_is_a_name_by_its_first_name(analyze, words, speaks):
    doc = Doc(analyze.nlp.vocab, words=words, pos=["PROPN"] * len(words))
    assert _headline_speaker(doc[:], {"carly"}) is speaks


@pytest.mark.parametrize(
    ("text", "speaker", "quote"),
    [
        ("Ann Lee said,“We will rebuild the dam.”", "Ann Lee", "“We will rebuild the dam.”"),
        ('Ann Lee:"We will rebuild the dam."', "Ann Lee", '"We will rebuild the dam."'),
        ("“We will rebuild the dam,”said Ann Lee.", "Ann Lee", "“We will rebuild the dam,”"),
    ],
)
def test_a_quote_mark_glued_to_a_comma_or_colon_still_opens_a_quote(analyze, text, speaker, quote):
    found = attributions(analyze(text))
    assert [(a["source"]["name"], texts(a)) for a in found] == [(speaker, [quote])]


def test_a_parse_laid_back_over_invisible_characters_keeps_every_annotation(analyze):
    nlp = analyze.nlp
    text = "\ufeffThe mayor of Springfield\u200b said on Monday that \u2060taxes would rise. \u200b"
    (doc,) = invisible.parse(nlp, [text], batch_size=8)
    clean = nlp(invisible.INVISIBLE.sub("", text))
    assert doc.text == text
    assert [t.dep_ for t in doc] == [t.dep_ for t in clean]
    assert [t.head.i for t in doc] == [t.head.i for t in clean]
    assert [(e.start, e.end, e.label_) for e in doc.ents] == [
        (e.start, e.end, e.label_) for e in clean.ents
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The mayor said on Monday that taxes would rise.",
        "The mayor\u00a0said that taxes would rise.",  # read with a plain space
        "The mayor\u200b said that taxes would rise.",  # laid back over the original
    ],
)
def test_a_parse_keeps_its_text_once_joined(analyze, text):
    (doc,) = invisible.parse(analyze.nlp, [text], batch_size=8)
    assert invisible.text_of(doc) == doc.text == invisible.plain_spaces(text)
    assert (invisible.TEXT in doc.user_data) is ("\u200b" not in text)
    plain = analyze.nlp(text)  # not parsed by invisible.parse: joined from its tokens
    assert invisible.TEXT not in plain.user_data and invisible.text_of(plain) == plain.text


def noun_cue(nlp, text: str, noun: str):
    """The cue, content and source that a noun of saying or wanting heads."""
    from sourcemark.attribution.content import find_content
    from sourcemark.attribution.cues import Cue
    from sourcemark.attribution.sources import find_source

    doc = nlp(text)
    head = next(t for t in doc if t.text == noun)
    cue = Cue(head, head.i, head.i + 1)
    content, construction = find_content(cue)
    source = find_source(cue, content | {head.i})
    spoken = doc[min(content) : max(content) + 1].text if content else ""
    by = doc[min(source.tokens) : max(source.tokens) + 1].text if source else None
    return spoken, construction, by


def test_a_noun_cue_with_a_possessor_and_an_infinitive(analyze):
    said = noun_cue(analyze.nlp, "The mayor defended his plan to close the harbour.", "plan")
    assert said == ("to close the harbour", "noun", "his")


def test_a_noun_cue_whose_possessor_is_named(analyze):
    text = "Diaz's claim that the vote was rigged spread quickly."
    assert noun_cue(analyze.nlp, text, "claim") == ("that the vote was rigged", "noun", "Diaz")


def test_a_noun_cue_held_by_the_subject_of_a_light_verb(analyze):
    text = "The union made a demand for higher wages."
    assert noun_cue(analyze.nlp, text, "demand") == ("for higher wages", "noun", "The union")


def test_a_noun_cue_with_a_from_phrase(analyze):
    text = "The law drew criticism from several senators on Monday."
    assert noun_cue(analyze.nlp, text, "criticism")[2] == "several senators"


def test_the_calibrator_judges_only_the_attributions_kept(pipeline, analyze):
    """ "He said:" with nothing after is dropped, and so is its confidence: cross-validation
    pairs each judged attribution with the features the calibrator saw, in order."""
    seen = []
    calibrator = pipeline.engine.calibrator
    pipeline.engine.calibrator = lambda x: seen.append(x) or 0.5
    try:
        dropped = analyze("The mayor rose to speak and said:")
        kept = analyze("The mayor said the bridge would reopen in May.")
    finally:
        pipeline.engine.calibrator = calibrator
    assert attributions(dropped) == []
    assert len(attributions(kept)) == 1 and len(seen) == 1


def test_a_semicolon_parts_two_statements(analyze):
    """The parser may hang the clause on one side of a semicolon on the verb of the other, as
    its complement; each is its own statement, the content of its own cue only."""
    cases = {
        "Lina Ortiz proposes a tax on vacant homes; Sam Lee backs a freeze on rents.": {
            "proposes": ["a tax on vacant homes"],
            "backs": ["a freeze on rents"],
        },
        "The governor calls the plan reckless; her rivals call it overdue.": {
            "calls": ["the plan reckless"],
            "call": ["it overdue"],
        },
        "The mayor wants a new stadium; the council says the city cannot afford one.": {
            "says": ["the city cannot afford one"],
        },
    }
    for text, contents in cases.items():
        found = {a["cue"]["text"]: texts(a) for a in attributions(analyze(text))}
        assert found == contents, text


def test_a_semicolon_in_a_quote_or_a_list_parts_nothing(analyze):
    """Only a semicolon between two clauses, outside quotes, ends a statement."""
    cases = {
        "“We will fight; we will win,” she said.": ["“We will fight; we will win,”"],
        "He said the plan has three parts: taxes; spending; debt.": [
            "the plan has three parts: taxes; spending; debt"
        ],
    }
    for text, contents in cases.items():
        (found,) = attributions(analyze(text))
        assert texts(found) == contents, text


def test_a_question_put_to_someone_has_no_source(analyze):
    """ "Asked about …, X said": X was asked, by someone the article doesn't name."""
    for text in (
        "Asked about the poll, the mayor said it was rigged.",
        "When asked whether she would run, Smith said she had not decided.",
    ):
        asked, said = attributions(analyze(text))
        assert asked["cue"]["text"].lower() == "asked" and asked["source"] is None, text
        assert said["cue"]["text"] == "said" and said["source"] is not None, text
    asking = only(analyze("The senator asked whether the bill would pass."))
    assert asking["source"]["text"] == "The senator"


def test_a_short_quote_sentence_after_said_carries_on_the_speaker(analyze):
    said, more = attributions(analyze("“He carried most of the weight,” she said. “I was green.”"))
    assert said["cue"]["text"] == "said"
    assert more["continues"] == said["id"] and texts(more) == ["“I was green.”"]


def test_a_short_phrase_in_quotes_is_no_speech(analyze):
    result = analyze("“He carried most of the weight,” she said of “the boys” at home.")
    assert [texts(a) for a in attributions(result)] == [["“He carried most of the weight,”"]]


def test_a_verb_of_saying_that_names_something_reports_speech(analyze):
    called = only(analyze("The union called the offer an insult to every worker."))
    assert called["cue"]["text"] == "called" and called["kind"] == "indirect"
    assert texts(called) == ["the offer an insult to every worker"]
    asked_for = only(analyze("The senator called for talks."))
    assert asked_for["kind"] == "other"  # a demand, not words said of something


def test_an_expectation_no_one_holds_is_an_attribution_with_no_source(analyze):
    a = only(analyze("The mayor's veto is widely expected to come before Friday."))
    assert a["cue"]["text"] == "is widely expected" and a["source"] is None
    assert texts(a) == ["The mayor's veto", "to come before Friday"]
    by = only(analyze("The sale is expected by analysts to close in May."))
    assert by["source"]["text"] == "analysts"


def test_a_quote_given_twice_to_one_speakers_thread_is_shown_once():
    """The second piece of a learned "“A,” she said. “B”" can come back as a floating quote
    carried on to her: one row, not two."""
    from sourcemark.attribution.engine import AttributionEngine

    def attribution(ident, continues, *pieces):
        content = [{"start": a, "end": b, "text": "x" * (b - a)} for a, b in pieces]
        return {"id": ident, "continues": continues, "content": content}

    found = [
        attribution("a1", None, (52, 145)),
        attribution("a2", "a1", (188, 246)),
        attribution("a3", "a1", (188, 246)),  # the same quote, carried on again
        attribution("a4", "a1", (250, 270)),  # more of the quote: kept
        attribution("a5", None, (188, 246)),  # the same words, another speaker: kept
    ]
    results = [found]
    AttributionEngine._drop_repeated(results)
    assert [a["id"] for a in results[0]] == ["a1", "a2", "a4", "a5"]


@pytest.mark.parametrize(
    ("text", "run", "mention"),
    [
        ("Since the uprising, the country has been hailed as a model.", 4, "the country"),
        ("The mayor’s aides have said the plan is dead.", 2, "The mayor"),
        ("The new rules were praised by the industry.", 0, "The new rules"),
    ],
)
def test_a_tagged_source_of_one_determiner_or_possessive_is_its_phrase(analyze, text, run, mention):
    """The tagger may mark only "the" of "the country" as the source: the source is the
    phrase, not the word "The"."""
    from sourcemark.attribution.engine import AttributionEngine

    doc = analyze.nlp(text)
    cue = next(t for t in doc if t.pos_ == "VERB")
    found = AttributionEngine._whole_source(doc, run, run + 1, set(), doc[cue.i : cue.i + 1])
    assert doc[min(found.tokens) : max(found.tokens) + 1].text == mention


@pytest.mark.parametrize(
    "text",
    [
        "It seems that the mayor will run again.",
        "It appeared the talks had failed.",
    ],
)
def test_an_it_that_stands_for_nobody_is_no_source(analyze, text):
    for a in attributions(analyze(text)):
        assert a["source"] is None or a["source"]["text"].lower() != "it", a


def test_an_it_that_stands_for_a_source_stays_one(analyze):
    result = analyze("The ministry issued a report on Monday. It said prices would rise.")
    said = with_cue(result, "said")
    assert [a["source"]["text"] for a in said] == ["It"]


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        (
            "The mayor said the city will cut the budget, noting that the deficit is large.",
            "noting",
        ),
        ("Officials said the bridge was closed, citing safety concerns.", "citing"),
        ("Mr. Hale insisted that the jury was still out on the plan, citing growth.", "citing"),
        ("The mayor argued that a fence would keep deer out, saying it was cheap.", "saying"),
        # the comma inside the quote that closes the reported clause
        ('Mr. Hale said that the plan was "a disaster," adding that it cost too much.', "adding"),
        ("Ms. Ruiz said the fence “would keep deer out,” stating that it was cheap.", "stating"),
    ],
)
def test_a_participle_after_what_was_said_is_the_sayers(analyze, text, cue):
    found = with_cue(analyze(text), cue)
    sayer = attributions(analyze(text))[0]
    assert found[0]["source"]["text"] == sayer["source"]["text"]


def test_a_verb_hanging_from_the_site_something_was_posted_on_is_the_posters(pipeline, analyze):
    # Whether "accusing" is a cue here is the role tagger's call: the source is the rule's.
    text = "Last week, Taylor Swift posted on Twitter accusing Big Machine of blocking her show."
    doc = pipeline.parse([text])[0]
    accusing = next(t for t in doc if t.text == "accusing")
    assert accusing.dep_ == "acl" and accusing.head.text == "Twitter"
    mention = find_source(Cue(accusing, accusing.i, accusing.i + 1), set())
    assert doc[min(mention.tokens) : max(mention.tokens) + 1].text == "Taylor Swift"
    result = analyze("Ann Lee wrote on Facebook saying the vote was rigged.")
    assert with_cue(result, "saying")[0]["source"]["name"] == "Ann Lee"


@pytest.mark.parametrize(
    ("text", "verb", "source"),
    [
        ("The mayor answered the letter by warning that the bridge would close.", "warning",
         "The mayor"),
        ("After saying he was tired, the farmer left the hall early.", "saying", "the farmer"),
        # a passive's subject too
        ("After saying her foot was swollen, the runner was taken to the hospital.", "saying",
         "the runner"),
    ],
)  # fmt: skip
def test_a_verb_of_saying_that_a_preposition_takes_is_the_clause_subjects(
    pipeline, analyze, text, verb, source
):
    doc = pipeline.parse([text])[0]
    cue = next(t for t in doc if t.text == verb)
    assert cue.dep_ == "pcomp" and cue.head.dep_ == "prep"
    mention = find_source(Cue(cue, cue.i, cue.i + 1), set())
    assert doc[min(mention.tokens) : max(mention.tokens) + 1].text == source
    assert with_cue(analyze(text), verb)[0]["source"]["text"] == source


@pytest.mark.parametrize(
    ("text", "verb", "wrong"),
    [
        # the subject is the one asked, not who asks
        ("His comments came after being asked again to defend the plan.", "asked", "comments"),
        # the parser hangs "before" on the reported clause
        ("On Monday, the mayor groused to a crowd that the paper does not treat him properly "
         "before floating the idea that it should pay him.", "floating", "paper"),
        # the object of a verb of feeling feels; it does not withhold
        ("The speaker stunned the members by withholding his support.", "withholding",
         "members"),
    ],
)  # fmt: skip
def test_a_verb_after_a_preposition_is_not_said_by_the_asked_the_reported_or_the_moved(
    pipeline, text, verb, wrong
):
    doc = pipeline.parse([text])[0]
    cue = next(t for t in doc if t.text == verb)
    assert cue.dep_ == "pcomp" and cue.head.dep_ == "prep"
    mention = find_source(Cue(cue, cue.i, cue.i + 1), set())
    assert mention is None or mention.head.text != wrong


@pytest.mark.parametrize(
    ("text", "verb", "source"),
    [
        ("Farmers are more likely to say that the price is too low.", "say", "Farmers"),
        ("The mayor was quick to point out that the bridge was safe.", "point", "The mayor"),
        # an "it" that stands for no one says nothing
        ("It's worth noting that the bridge was built in 1950.", "noting", None),
    ],
)
def test_a_verb_of_saying_that_completes_an_adjective_is_the_copulas_subjects(
    pipeline, text, verb, source
):
    doc = pipeline.parse([text])[0]
    cue = next(t for t in doc if t.text == verb)
    assert cue.dep_ == "xcomp" and cue.head.dep_ == "acomp"
    mention = find_source(Cue(cue, cue.i, cue.i + 1), set())
    found = mention and doc[min(mention.tokens) : max(mention.tokens) + 1].text
    assert found == source


# "Khan said Trump was wrong and criticized him.", as the parser may read it: "criticized"
# joined to the reported clause, whose subject is Trump.
JOINED_TO_THE_CLAUSE = (
    ["Khan", "said", "Trump", "was", "wrong", "and", "criticized", "him", "."],
    [1, 1, 3, 1, 3, 3, 3, 6, 1],
    ["nsubj", "ROOT", "nsubj", "ccomp", "acomp", "cc", "conj", "dobj", "punct"],
)


def _drafts_by_cue(pipeline, text: str, heads: list[int], deps: list[str]) -> dict:
    doc = misparsed(pipeline.nlp(text), heads, deps)
    drafts = pipeline.engine.paragraph(doc)
    return {doc[d.cue.start].text: (doc, d) for d in drafts if d.cue is not None}


def test_a_verb_joined_to_the_reported_clause_is_the_sayers_and_ends_what_was_said(pipeline):
    words, heads, deps = JOINED_TO_THE_CLAUSE
    found = _drafts_by_cue(pipeline, " ".join(words[:-1]) + ".", heads, deps)
    doc, criticized = found["criticized"]
    assert [doc[i].text for i in sorted(criticized.source.tokens)] == ["Khan"]
    _, said = found["said"]
    assert [doc.text[a:b] for a, b in said.content] == ["Trump was wrong"]


def test_what_was_said_keeps_its_closing_quote_mark_and_not_the_sentences_alone(pipeline):
    text = 'Reyes said the plan was "bold" and called it "unheard of."'
    heads = [1, 1, 3, 4, 1, 6, 4, 6, 4, 4, 9, 12, 9, 12, 1, 1]
    deps = ["nsubj", "ROOT", "det", "nsubj", "ccomp", "punct", "acomp", "punct", "cc", "conj",
            "dobj", "punct", "oprd", "prep", "punct", "punct"]  # fmt: skip
    found = _drafts_by_cue(pipeline, text, heads, deps)
    doc, said = found["said"]
    assert [doc.text[a:b] for a, b in said.content] == ['the plan was "bold"']
    doc, called = found["called"]
    assert [doc[i].text for i in sorted(called.source.tokens)] == ["Reyes"]


@pytest.mark.parametrize(
    ("text", "heads", "deps"),
    [
        (  # a subject of its own
            "Khan said Trump was wrong and he criticized him.",
            [1, 1, 3, 1, 3, 3, 7, 3, 7, 1],
            ["nsubj", "ROOT", "nsubj", "ccomp", "acomp", "cc", "nsubj", "conj", "dobj", "punct"],
        ),
        (  # what seems so is not said
            "Khan said Trump was tired and appeared to sleep.",
            [1, 1, 3, 1, 3, 3, 3, 8, 6, 1],
            ["nsubj", "ROOT", "nsubj", "ccomp", "acomp", "cc", "conj", "aux", "xcomp", "punct"],
        ),
        (  # whose the report is, is not said
            "They emailed Khan saying Trump was wrong and criticized him.",
            [1, 1, 1, 2, 5, 3, 5, 5, 5, 8, 1],
            ["nsubj", "ROOT", "dobj", "acl", "nsubj", "ccomp", "acomp", "cc", "conj", "dobj",
             "punct"],
        ),
        (  # no reported clause
            "Khan left because Trump was wrong and criticized him.",
            [1, 1, 4, 4, 1, 4, 4, 4, 7, 1],
            ["nsubj", "ROOT", "mark", "nsubj", "advcl", "acomp", "cc", "conj", "dobj", "punct"],
        ),
    ],
)  # fmt: skip
def test_a_verb_joined_to_a_clause_is_the_clauses_unless_a_sayer_reports_it(
    pipeline, text, heads, deps
):
    doc = misparsed(pipeline.nlp(text), heads, deps)
    assert saying_joined(next(t for t in doc if t.dep_ == "conj")) is None


def test_a_verb_joined_to_a_reported_clause_is_reported_by_its_sayer(pipeline):
    words, heads, deps = JOINED_TO_THE_CLAUSE
    doc = misparsed(pipeline.nlp(" ".join(words[:-1]) + "."), heads, deps)
    assert saying_joined(doc[6]).text == "said"


@pytest.mark.parametrize(
    ("verb", "source"),
    [("issued", "The mayor"), ("released", "The mayor"), ("read", "a statement")],
)
def test_a_statement_issued_saying_something_is_its_issuers(pipeline, verb, source):
    # "The mayor issued a statement calling for calm.": whoever issues or releases it
    # calls; a statement only read out (or found, or cited) is what calls.
    parsed = pipeline.nlp(f"The mayor {verb} a statement calling for calm.")
    heads = [1, 2, 2, 4, 2, 4, 5, 6, 2]
    deps = ["det", "nsubj", "ROOT", "det", "dobj", "acl", "prep", "pobj", "punct"]
    doc = misparsed(parsed, heads, deps)
    mention = find_source(Cue(doc[5], 5, 6), set())
    assert doc[min(mention.tokens) : max(mention.tokens) + 1].text == source


def test_a_verb_joined_to_a_clause_reported_by_a_complement_is_its_subjects(pipeline):
    # "Khan continues to insist Trump was wrong and criticized him.": Khan criticized.
    parse = misparsed(
        pipeline.nlp("Khan continues to insist Trump was wrong and criticized him."),
        [1, 1, 3, 1, 5, 3, 5, 5, 5, 8, 1],
        ["nsubj", "ROOT", "aux", "xcomp", "nsubj", "ccomp", "acomp", "cc", "conj", "dobj",
         "punct"],
    )  # fmt: skip
    assert saying_joined(parse[8]).text == "insist"
    mention = find_source(Cue(parse[8], 8, 9), set())
    assert [parse[i].text for i in sorted(mention.tokens)] == ["Khan"]


@pytest.mark.parametrize(
    ("text", "heads", "deps", "source"),
    [
        (
            "The mayor rejected the notion, saying it was unfair.",
            [1, 2, 2, 4, 2, 4, 4, 8, 6, 8, 2],
            ["det", "nsubj", "ROOT", "det", "dobj", "punct", "acl", "nsubj", "ccomp", "acomp",
             "punct"],
            "The mayor",
        ),
        (  # no comma: the notion's own words, as in "a statement saying"
            "The mayor rejected the notion saying it was unfair.",
            [1, 2, 2, 4, 2, 4, 7, 5, 7, 2],
            ["det", "nsubj", "ROOT", "det", "dobj", "acl", "nsubj", "ccomp", "acomp", "punct"],
            "the notion",
        ),
    ],
)  # fmt: skip
def test_a_participle_after_a_comma_on_an_object_is_the_doers_aside(
    pipeline, text, heads, deps, source
):
    # As the parser reads some such sentences: "saying" hung on the object noun.
    doc = misparsed(pipeline.nlp(text), heads, deps)
    saying = next(t for t in doc if t.text == "saying")
    mention = find_source(Cue(saying, saying.i, saying.i + 1), set())
    assert doc[min(mention.tokens) : max(mention.tokens) + 1].text == source


def test_a_participle_after_a_clause_any_subject_reports_is_that_subjects(pipeline):
    # "Bennett denied that a shakeup is coming, explaining that he was away.", as the parser
    # may read it: "explaining" hung on the denied clause, whose subject is the shakeup.
    text = "Bennett denied that a shakeup is coming, explaining that he was away."
    heads = [1, 1, 6, 4, 6, 6, 1, 6, 6, 11, 11, 8, 11, 1]
    deps = ["nsubj", "ROOT", "mark", "det", "nsubj", "aux", "ccomp", "punct", "advcl", "mark",
            "nsubj", "ccomp", "advmod", "punct"]  # fmt: skip
    doc = misparsed(pipeline.nlp(text), heads, deps)
    mention = find_source(Cue(doc[8], 8, 9), set())
    assert [doc[i].text for i in sorted(mention.tokens)] == ["Bennett"]


def test_a_taggers_source_run_holding_a_clause_gives_way_to_its_subject(pipeline):
    # The tagger may mark "Graham, as a backer of the plan, is" as the source of
    # "proponent": the one who is the proponent is the copula's subject.
    doc = pipeline.nlp("Graham, as a backer of the plan, is its most outspoken proponent of it.")
    run = Mention(set(range(10)), doc[9])
    assert _holds_clause(doc, run)
    cue = Cue(doc[13], 11, 15)
    mention = _clause_run_source(doc, cue, run, set(range(11, 17)), [])
    assert [doc[i].text for i in sorted(mention.tokens)] == ["Graham"]


def test_a_taggers_source_run_of_a_noun_phrase_holds_no_clause(pipeline):
    doc = pipeline.nlp("Mr. Daniloff, now 81, said the swap was fair.")
    assert not _holds_clause(doc, Mention(set(range(6)), doc[1]))


def test_a_taggers_source_run_is_not_traded_for_a_quoted_word(pipeline):
    # As the parser may read it: "I", inside the quote, the subject of "said".
    parsed = pipeline.nlp("“I was jailed,” Mr. Daniloff, now 81 and retired, said.")
    heads = [t.head.i for t in parsed]
    deps = [t.dep_ for t in parsed]
    heads[1], deps[1] = 14, "nsubj"
    deps[7] = "npadvmod"
    doc = misparsed(parsed, heads, deps)
    run = Mention(set(range(6, 14)), doc[7])
    mention = _clause_run_source(doc, Cue(doc[14], 14, 15), run, {14}, find_quotes(doc))
    assert mention.tokens == run.tokens


def test_a_taggers_source_run_of_a_relative_clause_gives_way_to_what_it_describes(pipeline):
    # The tagger may mark ", who died" as the source of "is shown lecturing", whose
    # passive subject the parse doesn't take for a speaker.
    doc = pipeline.nlp(
        "Early in the video, the cleric Yusuf al-Rashidi, who died in 2011, is shown lecturing:"
        " “Take heed.”"
    )
    at = {t.text: t.i for t in doc}
    run = Mention({at["who"] - 1, at["who"], at["died"]}, doc[at["died"]])
    assert _holds_clause(doc, run)
    shown = at["shown"]
    taken = set(range(shown - 1, len(doc)))
    mention = _clause_run_source(doc, Cue(doc[shown], shown - 1, shown + 3), run, taken, [])
    assert mention.head.text == "Rashidi"


def test_of_two_subjects_before_the_verb_the_person_next_to_it_says_it(pipeline):
    parsed = pipeline.nlp(
        "On Tuesday at Linden College in Berea, OH, after winning Ohio in the primary, Gov. Ann"
        " Pryor said, “We will keep going.”"
    )
    heads, deps, at = arcs(parsed)
    # As the parser read such a sentence on a real page: the state a subject of "said" too.
    heads[at["OH"]], deps[at["OH"]] = at["said"], "nsubj"
    doc = misparsed(parsed, heads, deps)
    said = at["said"]
    mention = find_source(Cue(doc[said], said, said + 1), set())
    assert mention.head.text == "Pryor"


@pytest.mark.parametrize(
    ("name", "typed"),
    [("Granite Foundry", "named_organization"), ("Rosa Velez", "named_person")],
)
def test_a_byline_the_recogniser_calls_a_body_is_one_unless_a_first_name_opens_it(
    pipeline, name, typed
):
    post = pipeline.nlp("Great crowd in Dayton tonight. Thank you, Ohio! https://t.co/AbC123")
    byline = pipeline.nlp(f"— {name} (@handle) May 3, 2016")
    byline.ents = [Span(byline, 1, 3, label="ORG")]  # as the recogniser may read either
    result = pipeline.analyze_docs(["p0", "p1"], [post, byline])
    [signed] = attributions(result, 1)
    assert (signed["source"]["name"], signed["source"]["type"]) == (name, typed)


@pytest.mark.parametrize(
    "dateline",
    ["KYIV — ", "WOODSIDE, Calif. — ", "NEW YORK (AP) — ", "ST. LOUIS -- ", "LIMA, Peru (AP) - "],
)
def test_a_dateline_is_not_part_of_what_was_said(analyze, dateline):
    a = only(analyze(f"{dateline}The bridge will close at midnight, the ministry said."))
    assert texts(a) == ["The bridge will close at midnight"]


def test_capitals_that_open_a_claim_without_a_dash_are_part_of_it(analyze):
    a = only(analyze("NATO will send more troops, the minister said."))
    assert texts(a) == ["NATO will send more troops"]


def test_a_relative_pronoun_before_another_subject_is_the_object(pipeline):
    # As the parser reads it: "who" and "many" both subjects of "had supported".
    doc = pipeline.nlp("It was a blow to Mayor Ruiz, who many in the city had supported.")
    supported = next(t for t in doc if t.text == "supported")
    assert [t.text for t in supported.children if t.dep_ == "nsubj"] == ["who", "many"]
    assert find_source(Cue(supported, supported.i, supported.i + 1), set()).head.text == "many"


def test_a_participle_after_a_denied_notion_is_the_deniers(pipeline):
    doc = pipeline.nlp(
        "Reached by phone, Cole denied the notion that a campaign shakeup is coming, "
        "explaining that she was away."
    )
    explaining = next(t for t in doc if t.text == "explaining")
    # As the parser reads it: the participle hangs on the clause the notion holds.
    assert (explaining.head.text, explaining.head.dep_) == ("coming", "acl")
    source = find_source(Cue(explaining, explaining.i, explaining.i + 1), set())
    assert source.head.text == "Cole"


@pytest.mark.parametrize(
    "text, speaker, claim",
    [
        # The parser makes the speaker the subject of what follows.
        (
            "The cost of the bridge, said Ruiz and her aides, would be far too high.",
            "Ruiz and her aides",
            ["The cost of the bridge", "would be far too high"],
        ),
        # Or a second subject of the cue.
        (
            "The new rules, said the union’s lawyers, will hurt part-time workers.",
            "the union’s lawyers",
            ["The new rules", "will hurt part-time workers"],
        ),
    ],
)
def test_a_speaker_set_off_after_the_cue_says_the_sentence_around(analyze, text, speaker, claim):
    a = only(analyze(text))
    assert a["source"]["text"].rstrip(",") == speaker
    assert texts(a) == claim


def test_a_comma_that_closes_the_subjects_own_aside_sets_off_no_speaker(analyze):
    text = "Members of the board, who met on Monday, said the plan, already delayed, would go on."
    a = with_cue(analyze(text), "said")[0]
    assert a["source"]["text"].startswith("Members of the board")


def test_a_verb_joined_to_a_clause_inside_a_clause_of_being_is_the_reporters(pipeline):
    doc = pipeline.nlp(
        "Party leader Ana Ruiz said the warning was indicative that the mayor did not know "
        "what he was talking about, and accused the council of putting words in his mouth."
    )
    accused = next(t for t in doc if t.text == "accused")
    # As the parser reads it: joined to "know", inside the clause of "was".
    assert (accused.dep_, accused.head.text, accused.head.head.text) == ("conj", "know", "was")
    source = find_source(Cue(accused, accused.i, accused.i + 1), set())
    assert source.head.text == "Ruiz"


def test_a_described_name_the_parser_hung_before_a_subjectless_verb_says_it(pipeline):
    doc = pipeline.parse(["Brenna – a nurse for 30 years – said the ward was full."])[0]
    said = next(t for t in doc if t.text == "said")
    assert doc[0].dep_ == "npadvmod" and not any(c.dep_ == "nsubj" for c in said.children)
    mention = find_source(Cue(said, said.i, said.i + 1), set())
    assert doc[min(mention.tokens) : max(mention.tokens) + 1].text == (
        "Brenna – a nurse for 30 years"
    )
    dated = doc.copy()  # not the parse the pipeline keeps
    dated.ents = [Span(dated, 0, 1, label="DATE")]  # "Sunday – a day of rest – …": no one
    assert find_source(Cue(dated[said.i], said.i, said.i + 1), set()) is None


@pytest.mark.parametrize(
    ("text", "speaker", "said"),
    [
        (
            'The vote of the council marks "a new start" for the town, said Ana Ruiz, head of '
            "the tenants union.",
            "Ana Ruiz, head of the tenants union",
            'The vote of the council marks "a new start" for the town',
        ),
        (
            'The closure of the mill signals "the end of an era" for the valley, said Tom Hale, '
            "a retired logger.",
            "Tom Hale, a retired logger",
            'The closure of the mill signals "the end of an era" for the valley',
        ),
    ],
)
def test_a_claim_the_parser_took_for_a_subject_is_what_the_speaker_after_said(
    analyze, text, speaker, said
):
    [found] = with_cue(analyze(text), "said")
    assert found["source"]["text"] == speaker
    assert [c["text"] for c in found["content"]] == [said]


def test_a_second_subject_after_a_saying_not_set_off_by_a_comma_is_no_speaker(pipeline):
    # "Kemp said Ruiz would go.", misread with both names as subjects of "said": with no
    # comma before it, "said Ruiz" is not the inverted "…, said X".
    text = "Kemp said Ruiz would go."
    heads, deps = [1, 1, 1, 4, 1, 1], ["nsubj", "ROOT", "nsubj", "aux", "ccomp", "punct"]
    doc = misparsed(pipeline.nlp(text), heads, deps)
    mention = find_source(Cue(doc[1], 1, 2), set())
    assert [doc[i].text for i in sorted(mention.tokens)] == ["Kemp"]


def test_a_speaker_the_parser_set_beside_a_quoted_subject_says_the_quote(pipeline):
    # "“A fine piece of work by a very able team,” Kemp, the candidate, said.", misread with
    # the quote's "piece" for the subject and "Kemp, the candidate" as its apposition.
    text = "“A fine piece of work by a very able team,” Kemp, the candidate, said."
    heads = [18, 3, 3, 18, 3, 4, 5, 10, 9, 10, 6, 3, 3, 3, 13, 16, 13, 13, 18, 18]
    deps = ["punct", "det", "amod", "nsubj", "prep", "pobj", "prep", "det", "advmod", "amod",
            "pobj", "punct", "punct", "appos", "punct", "det", "appos", "punct", "ROOT",
            "punct"]  # fmt: skip
    doc = misparsed(pipeline.nlp(text), heads, deps)
    [found] = pipeline.analyze_docs(["p0"], [doc])["paragraphs"][0]["attributions"]
    assert found["source"]["name"] == "Kemp"
    assert [c["text"] for c in found["content"]] == ["“A fine piece of work by a very able team,”"]


def test_a_question_quoted_before_its_speaker_is_what_the_speaker_said(analyze):
    # The parser ends a sentence at the quote's question mark.
    result = analyze("“Why would anyone trust them?” Kemp said of the council on Tuesday.")
    [said] = with_cue(result, "said")
    assert said["source"]["text"] == "Kemp"
    assert "“Why would anyone trust them?”" in [c["text"] for c in said["content"]]


def test_a_question_quoted_before_another_sentence_is_not_its_sayings(analyze):
    result = analyze(
        "“Why would anyone trust them?” The council met on Tuesday, and Kemp said of the "
        "plan that it was late."
    )
    [said] = with_cue(result, "said")
    assert "“Why would anyone trust them?”" not in [c["text"] for c in said["content"]]


def test_a_short_quote_right_before_its_speaker_is_what_the_speaker_said(analyze):
    [said] = with_cue(analyze("“Absolutely not,” Kemp said of the plan on Tuesday."), "said")
    assert said["source"]["text"] == "Kemp"
    assert "“Absolutely not,”" in [c["text"] for c in said["content"]]


def test_a_short_quote_right_after_its_speaker_and_whom_it_addresses_is_what_was_said(analyze):
    [asked] = with_cue(analyze("Kemp asked Ruiz, “Why not?”"), "asked")
    assert asked["source"]["text"] == "Kemp"
    assert any("“Why not?”" in c["text"] for c in asked["content"])
    [told] = with_cue(analyze("She told them, “Not now.”"), "told")
    assert any("“Not now.”" in c["text"] for c in told["content"])


def test_a_saying_that_as_opens_qualifies_the_clause_it_hangs_on(analyze):
    [noted] = with_cue(
        analyze("Prices, as the mayor noted last week, have doubled since May."), "noted"
    )
    assert noted["source"]["text"] == "the mayor"
    assert [c["text"] for c in noted["content"]] == ["Prices", "have doubled since May"]


def test_a_saying_that_as_opens_with_words_of_its_own_says_those(analyze):
    result = analyze("The talks stalled on Monday, as Kemp called for a new vote.")
    [called] = with_cue(result, "called")
    assert [c["text"] for c in called["content"]] == ["for a new vote"]


@pytest.mark.parametrize(
    ("sentence", "verb", "said", "more"),
    [
        ("In a clip for her new show, Blige sings an old song.", "sings", "an old song", []),
        # What one tells whom stays the clause before the verb of saying.
        ("In a clip for her new show, Blige told the senator.", "told",
         "In a clip for her new show", []),
        # A clause after the verb is what it is about, whatever its object.
        ("In a clip for her new show, Blige convinced aides the song was old.", "convinced",
         "In a clip for her new show the song was old", [("was", "convinced", "ccomp")]),
    ],
)  # fmt: skip
def test_a_clause_the_parser_hung_before_a_verb_with_an_object_is_not_its_content(
    pipeline, sentence, verb, said, more
):
    parsed = pipeline.nlp(sentence)
    heads, deps, at = arcs(parsed)
    # As the parser reads some such sentences: "show" a verb, its clause the complement of
    # the verb after it.
    for word, head, dep in [("In", "show", "prep"), ("show", verb, "ccomp"),
                            (verb, verb, "ROOT"), (",", verb, "punct"), *more]:  # fmt: skip
        heads[at[word]], deps[at[word]] = at[head], dep
    pos = [t.pos_ for t in parsed]
    tags = [t.tag_ for t in parsed]
    pos[at["show"]], tags[at["show"]] = "VERB", "VBP"
    doc = misparsed(parsed, heads, deps, pos, tags)
    content, _ = find_content(Cue(doc[at[verb]], at[verb], at[verb] + 1))
    assert " ".join(doc[i].text for i in sorted(content)) == said


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("The mayor was a careful planner: an aide said she demanded notes before every speech.",
         "she demanded notes before every speech"),
        # With nothing else to say, the clause before the colon is what was said.
        ("The mayor was a careful planner: so an aide said.", "The mayor was a careful planner"),
        ("The plan has one aim: growth, the mayor said.", "The plan has one aim: growth"),
    ],
)  # fmt: skip
def test_a_clause_ended_by_a_colon_leads_in_to_what_follows(analyze, text, said):
    assert texts(only(analyze(text))) == [said]


def test_a_tagged_content_run_is_in_the_cues_sentence_or_a_quote(pipeline):
    text = "Ruiz scored in a fine first half. “We won,” she said. Lee added ten points at home."
    doc = pipeline.nlp(text)
    quotes = find_quotes(doc, text)
    at = {t.text: t.i for t in doc}
    added = doc[at["added"]].sent  # the cue's sentence
    half = (at["first"], at["half"] + 1)
    won = (at["We"], at["won"] + 1)
    points = (at["ten"], at["points"] + 1)
    assert not _near_cue(doc, half, added, quotes)  # another sentence: the tagger's slip
    assert _near_cue(doc, won, added, quotes)  # a quote may run across sentences
    assert _near_cue(doc, points, added, quotes)


def test_the_taggers_content_in_another_sentence_is_left_out(pipeline):
    text = "Dan Ruiz scored in a fine first half. Tom Lee added ten points."
    doc = pipeline.nlp(text)
    tags = ["OOO"] * len(doc)
    at = {t.text: t.i for t in doc}
    for word, tag in [("Tom", "BOO"), ("Lee", "IOO"), ("added", "OBO"), ("first", "OOB"),
                      ("half", "OOI"), ("ten", "OOB"), ("points", "OOI")]:  # fmt: skip
        tags[at[word]] = tag
    (draft,) = pipeline.engine._learned_drafts(doc, text, tags, find_quotes(doc, text))
    assert [text[a:b] for a, b in draft.content] == ["ten points"]


@pytest.mark.parametrize(
    ("paragraphs", "speakers"),
    [
        # A dateline, though it opens the article where a headline would.
        (["Washington, DC, United States: Getting to the Moon has been done."], []),
        (["The talks began on Monday.", "MOSCOW: The plan will fail, officials said."],
         ["officials"]),
        (["The panel has three members.", "Iowa: Tim Albrecht, Brad Anderson, Rob Barron."], []),
        # A headline's country may speak.
        (["Russia: The sanctions will fail.", "The talks began on Monday."], ["Russia"]),
    ],
)  # fmt: skip
def test_a_label_of_places_only_is_a_dateline_or_heading(analyze, paragraphs, speakers):
    result = analyze(*paragraphs)
    found = [a["source"]["text"] for n in range(len(paragraphs)) for a in attributions(result, n)]
    assert found == speakers


@pytest.mark.parametrize(
    ("text", "cues"),
    [
        ("Japan's Nikkei 225 declined 0.3%, while South Korea's Kospi fell 0.5%.", []),
        ("Danilo Gallinari added 25 points in his former home arena.", []),
        ("The mayor declined to comment.", ["declined"]),
        ("The coach added that the team would recover.", ["added"]),
    ],
)
def test_a_verb_of_rising_or_falling_by_an_amount_says_nothing(analyze, text, cues):
    assert [a["cue"]["text"] for a in attributions(analyze(text))] == cues


def test_an_amount_the_parser_hung_on_the_verb_is_not_its_object(pipeline):
    parsed = pipeline.nlp("He added that he could do without a Boeing 757 on long trips.")
    heads, deps, at = arcs(parsed)
    # As the parser reads some such sentences: the model's number a mark of "added".
    heads[at["757"]], deps[at["757"]] = at["added"], "punct"
    drafts = pipeline.engine.paragraph(misparsed(parsed, heads, deps))
    assert [d.cue.head.text for d in drafts] == ["added"]


@pytest.mark.parametrize(
    ("paragraph", "speakers"),
    [
        ("Hillary Clinton: 1,769.", []),  # a tally, not what she said
        ("Sen. Ann Lee: We will win this race.", ["Sen. Ann Lee"]),
        # Nothing after the colon: what she says is the next paragraph.
        ("Sen. Ann Lee:", ["Sen. Ann Lee"]),
    ],
)
def test_a_label_before_numbers_only_is_a_tally(analyze, paragraph, speakers):
    result = analyze("The count stands as follows.", paragraph, "“We will win this race.”")
    assert [a["source"]["text"] for a in attributions(result, 1)] == speakers


@pytest.mark.parametrize(
    ("sentence", "speaker", "name"),
    [
        # The parser makes the speaker after "said" its object: it says the clause before.
        (
            'Ortiz was known for telling others "he was in charge of the port" despite being'
            " the city envoy in Ottawa, said another witness in the inquiry, former harbor"
            " adviser Ana Ruiz.",
            "another witness in the inquiry, former harbor adviser Ana Ruiz",
            "Ana Ruiz",
        ),
        ("The vote will be close, said Maria Lopez.", "Maria Lopez", "Maria Lopez"),
    ],
)
def test_a_speaker_after_said_is_who_says_the_clause_before(analyze, sentence, speaker, name):
    [said] = with_cue(analyze(sentence), "said")
    assert (said["source"]["text"], said["source"]["name"]) == (speaker, name)
    assert texts(said)[0].startswith(sentence[:5])


@pytest.mark.parametrize(
    ("comma", "tag", "speaks"),
    [
        (True, "VBD", True),
        (False, "VBD", False),  # "… and said Ruiz …": the name is what is said
        (True, "VBG", False),  # "…, saying, “A reporter who …”": a participle's aside
    ],
)
def test_a_person_taken_for_the_object_of_said_speaks_only_after_a_comma(
    analyze, comma, tag, speaks
):
    # "…, said Ana Ruiz." as the parser sometimes has it: no subject, the name its object.
    words = ["It", "is", "over", *([","] if comma else []), "said", "Ruiz"]
    said = words.index("said")
    heads = [1, said, 1, *([said] if comma else []), said, said]
    deps = ["nsubj", "ccomp", "acomp", *(["punct"] if comma else []), "ROOT", "dobj"]
    doc = Doc(analyze.nlp.vocab, words=words, heads=heads, deps=deps)
    doc[said].lemma_, doc[said].tag_ = "say", tag
    doc.ents = [Span(doc, said + 1, said + 2, label="PERSON")]
    found = _speaker_taken_for_object(doc[said])
    assert (found is not None and found.text == "Ruiz") is speaks


def test_a_thing_said_after_a_comma_is_no_speaker(analyze):
    [saying] = with_cue(analyze("The mayor declined to answer questions, saying little."), "saying")
    assert saying["source"]["text"] == "The mayor"


def test_a_saying_that_ends_its_sentence_may_say_when_it_was_said(analyze):
    text = (
        "The harbour tunnel will close for repairs next spring, sooner than planned, "
        "the port authority said on Tuesday."
    )
    a = only(analyze(text))
    assert a["source"]["text"] == "the port authority"
    assert texts(a) == [
        "The harbour tunnel will close for repairs next spring, sooner than planned"
    ]


def rule_drafts(pipeline, text: str, arcs_as_read=()) -> dict[str, tuple[str, list[str]]]:
    """What the rules alone make of a text, by cue (its source and content, as text), with
    `arcs_as_read` (word, head, label) forced on the parse."""
    parsed = pipeline.nlp(text)
    heads, deps, at = arcs(parsed)
    for word, head, dep in arcs_as_read:
        heads[at[word]], deps[at[word]] = at[head], dep
    doc = misparsed(parsed, heads, deps)
    drafts = pipeline.engine._rule_drafts(doc, doc.text, find_quotes(doc))
    return {
        d.cue.span.text: (
            " ".join(doc[i].text for i in sorted(d.source.tokens)) if d.source else None,
            [text[a:b] for a, b in d.content],
        )
        for d in drafts
        if d.cue is not None
    }


def test_a_speaker_after_a_closing_quote_says_the_claim_before_it(pipeline):
    text = "“Read the letter the council sent after the vote,” Abara notes."
    parsed = pipeline.nlp(text)
    heads, deps, at = arcs(parsed)
    # As the parser read such a sentence in PolNeAR: the quote no clause of "notes", and
    # the name a word of a compound noun.
    for word, dep in [("Read", "xcomp"), ("Abara", "compound"), ("notes", "ROOT")]:
        heads[at[word]], deps[at[word]] = at["notes"], dep
    doc = misparsed(parsed, heads, deps)
    claim, speaker = _said_at_the_end(doc, Cue(doc[at["notes"]], at["notes"], at["notes"] + 1))
    assert [doc[i].text for i in sorted(speaker.tokens)] == ["Abara"]
    assert doc[max(claim)].text == "vote"


def test_a_speaker_at_the_end_holds_the_saying_inside_its_claim(pipeline):
    text = (
        "In the inquiry, Varga acknowledged that the scheme could be termed “creative "
        "accounting,” the auditor said in 2003."
    )
    # As the parser read such a sentence in PolNeAR: "said" a clause of the quoted words.
    misread = [("acknowledged", "acknowledged", "ROOT"), ("said", "accounting", "acl"),
               (".", "acknowledged", "punct")]  # fmt: skip
    drafts = rule_drafts(pipeline, text, misread)
    assert drafts["said"] == (
        "the auditor",
        ["In the inquiry, Varga acknowledged that the scheme could be termed “creative "
         "accounting,”"],
    )  # fmt: skip
    assert drafts["acknowledged"][1] == ["that the scheme could be termed “creative accounting,”"]


def test_a_participle_that_ends_a_sentence_says_what_was_done_not_who_spoke(pipeline):
    text = (
        "The city will keep testing the water in three districts for lead, a plan "
        "announced earlier this year."
    )
    assert "announced" not in rule_drafts(pipeline, text)


def test_only_a_speaker_that_ends_the_sentence_holds_a_saying_inside_its_claim(pipeline):
    text = (
        "I learned that the hard way: as a 20-year-old student, deep into campus politics, "
        "I wrote in “Pat Paulsen” on my first city ballot in 1988."
    )
    # "wrote" a clause of "learned", whose claim it takes for its own: neither holds the other.
    assert "learned" in rule_drafts(pipeline, text)


def test_a_relative_clause_that_ends_a_sentence_names_no_speaker(pipeline):
    text = (
        "The rover is based on the Moon Hopper probe, which the agency's chief engineer "
        "Dana Fields announced earlier this year."
    )
    assert rule_drafts(pipeline, text).get("announced", (None,))[0] is None


@pytest.mark.parametrize("joined", [", and three-quarters", ", while three-quarters"])
def test_a_second_saying_with_its_own_speaker_is_no_part_of_the_first(pipeline, joined):
    text = f"Six in 10 voters said the mayor is honest{joined} said the same of her rival."
    doc = pipeline.nlp(text)
    drafts = pipeline.engine._rule_drafts(doc, text, find_quotes(doc))
    assert [[text[a:b] for a, b in d.content] for d in drafts] == [
        ["the mayor is honest"],
        ["the same of her rival"],
    ]


def test_a_speakers_own_words_keep_the_sayings_inside_them(pipeline):
    text = "MAYOR OKAFOR: I think the council must act, and the city manager says he agrees."
    drafts = rule_drafts(pipeline, text)
    assert drafts[":"][1] == ["I think the council must act, and the city manager says he agrees"]


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        (
            "As first reported by the Daily Courier on Monday, the city will close two libraries.",
            ["the city will close two libraries"],
        ),
        (
            "The plaza cost $2 million, as reported by the Daily Courier.",
            ["The plaza cost $2 million"],
        ),
        (
            "The mayor met the union that day, as the Daily Courier reported on Tuesday, and "
            "she will meet the council next week.",
            ["The mayor met the union that day"],
        ),
    ],
)
def test_as_reported_by_someone_qualifies_the_clause_it_stands_in(pipeline, text, claim):
    source, content = rule_drafts(pipeline, text)["reported"]
    assert (source, content) == ("the Daily Courier", claim)


def test_as_someone_said_after_a_quote_says_the_quote(pipeline):
    text = "The fact that the vote “is a coin toss,” as Okafor said, raises the stakes."
    assert rule_drafts(pipeline, text)["said"][1] == ["“is a coin toss,”"]


def test_as_someone_is_known_by_others_is_no_report(pipeline):
    text = "Grandpa Jo, as he is affectionately known by his grandchildren, likes long walks."
    assert "known" not in {cue.split()[-1] for cue in rule_drafts(pipeline, text)}


@pytest.mark.parametrize(
    ("text", "cue", "speaker"),
    [
        (
            "Varga cannot say that “in her view,” Okafor added, saying it should be “up to "
            "the council to decide.”",
            "saying",
            "Okafor",
        ),
        (
            "Okafor pushed back on those claims Monday, saying that the budget had the right "
            "safeguards but was sunk by voter anger - and arguing that she and Varga shared "
            "the same goals.",
            "arguing",
            "Okafor",
        ),
        (
            "She said her brother has been a fair employer and would do the same as mayor, "
            "saying that he backs equal pay.",
            "saying",
            "She",
        ),
        (
            "Okafor said Varga “would have no chance to win,” the aide recalled, adding that "
            "Okafor said of the race: “I will not lose.”",
            "adding",
            "the aide",
        ),
        (
            "Most of the vulnerable council members have already said they would back the "
            "budget, while emphasizing it is not an endorsement.",
            "emphasizing",
            "Most of the vulnerable council members",
        ),
        # After a passive, its subject, not the agent.
        (
            "Councillor Jo Varga was booed and shouted down by protesters after telling them "
            "that the plan was final.",
            "telling",
            "Councillor Jo Varga",
        ),
        # The object of a verb of leaving, and the one "with" names, do what follows them.
        (
            "The budget cuts have left 55 percent of voters saying the state is heading the "
            "wrong way.",
            "saying",
            "55 percent of voters",
        ),
        (
            "The interview ended with Okafor asking the mayor whether she would run again.",
            "asking",
            "Okafor",
        ),
        # An aside after more than the object is the sayer's.
        (
            "Varga argued that the checks would keep people from crossing the river, saying it "
            "was about safety.",
            "saying",
            "Varga",
        ),
    ],
)
def test_a_participle_of_saying_is_the_sayers_not_a_speaker_in_the_claim(
    pipeline, text, cue, speaker
):
    assert rule_drafts(pipeline, text)[cue][0] == speaker


def test_a_participle_joined_without_a_comma_keeps_its_own_reading(pipeline):
    text = (
        "The senator emailed supporters saying: “The fight goes on” and vowing to compete "
        "in the final primary next week."
    )
    assert rule_drafts(pipeline, text).get("vowing", (None,))[0] != "supporters"


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        (
            "The council approved the budget, which the mayor opposed when it first came up.",
            "opposed",
            ["the budget, which"],
        ),
        # What he called it is what he said, not what he called so.
        (
            "He spoke about the attack, which he called “an evil, hateful act.”",
            "called",
            ["“an evil, hateful act.”"],
        ),
    ],
)
def test_a_relative_pronoun_object_makes_its_noun_what_the_verb_is_about(
    pipeline, text, cue, content
):
    assert rule_drafts(pipeline, text)[cue][1] == content


def test_a_share_with_saying_after_it_says_what_follows(pipeline):
    text = (
        "The mayor has slightly improved her standing, with 30 percent of voters saying they "
        "have a positive view of her."
    )
    assert rule_drafts(pipeline, text)["saying"] == (
        "30 percent of voters",
        ["they have a positive view of her"],
    )


def test_with_someone_doing_what_a_verb_of_saying_can_name_says_nothing(pipeline):
    text = "Fox News and NBC News were first, with both networks calling the race early."
    assert "calling" not in rule_drafts(pipeline, text)
