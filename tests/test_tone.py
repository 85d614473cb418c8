"""Tone: sentence and paragraph sentiment, voices, loaded words and hedges (issue 3)."""

from __future__ import annotations

import pytest

from sourcemark.api import create_app
from sourcemark.contract import Analysis
from sourcemark.linear_spacy import sentence_spans
from sourcemark.report import build_analysis
from sourcemark.tone import quotation_spans, score, weighted_mean
from sourcemark.tone.hedges import Constructions

from .conftest import SEED_FILE as SEED


@pytest.fixture(scope="module")
def tone(pipeline):
    return pipeline.tone


def parse(pipeline, text):
    return pipeline.parse([text])[0]


def markers_of(tone, doc, kind, others_voice=()):
    return [m["text"] for m in tone.markers(doc, others_voice) if m["kind"] == kind]


# ---- sentiment -------------------------------------------------------------------------


def test_negation_flips_the_sentence(pipeline, tone):
    plain = tone.paragraph(parse(pipeline, "The talks were good."))
    negated = tone.paragraph(parse(pipeline, "The talks were not good."))
    assert plain["label"] == "positive"
    assert negated["label"] == "negative"


def test_curly_apostrophe_negates_like_a_straight_one(pipeline, tone):
    straight = tone.paragraph(parse(pipeline, "The talks weren't good."))
    curly = tone.paragraph(parse(pipeline, "The talks weren’t good."))
    assert curly == straight
    assert curly["label"] == "negative"


def test_words_in_curly_quotes_are_scored(pipeline, tone):
    doc = parse(pipeline, "Officials warned of “horrific casualties”.")
    assert tone.paragraph(doc) == tone.paragraph(
        parse(pipeline, 'Officials warned of "horrific casualties".')
    )
    assert tone.paragraph(doc)["compound"] < score("Officials warned of casualties.")["compound"]


def test_paragraph_is_the_word_weighted_mean_of_its_sentences(pipeline, tone):
    text = "It was a wonderful, happy day for everyone in the town. The war is terrible."
    doc = parse(pipeline, text)
    sentences = list(doc.sents)
    assert len(sentences) == 2
    expected = weighted_mean((score(s.text), len(s.text.split())) for s in sentences)
    assert tone.paragraph(doc) == expected
    # The longer positive sentence outweighs the shorter negative one.
    assert expected["label"] == "positive"
    assert score(text)["compound"] != expected["compound"]


def test_empty_and_blank_paragraphs_are_neutral(pipeline, tone):
    for text in ("", "   \n "):
        assert tone.paragraph(parse(pipeline, text))["label"] == "neutral"
        assert tone.markers(parse(pipeline, text)) == []


MIXED = (
    "“This is a disastrous, shameful betrayal of our people,” the minister said. "
    "The vote is scheduled for Tuesday."
)


def _attribution(text: str) -> dict:
    quote_start = text.index("This")
    quote_end = text.index(",” the")
    cue_start = text.index("said")
    source_start = text.index("the minister")
    return {
        "id": "a1",
        "kind": "direct",
        "cue": {"start": cue_start, "end": cue_start + 4, "text": "said"},
        "source": {
            "start": source_start,
            "end": source_start + 12,
            "text": "the minister",
            "name": "the minister",
            "type": "named_person",
            "source_id": "s1",
        },
        "content": [{"start": quote_start, "end": quote_end, "text": text[quote_start:quote_end]}],
        "confidence": 0.9,
    }


def test_negative_quote_beside_a_neutral_author(pipeline, tone):
    doc = parse(pipeline, MIXED)
    roster = [{"id": "s1", "name": "the minister", "type": "named_person"}]
    result = build_analysis(["p1"], [doc], [[_attribution(MIXED)]], roster, tone)
    paragraph = result["paragraphs"][0]
    assert paragraph["attributions"][0]["sentiment"]["label"] == "negative"
    assert result["sources"][0]["sentiment"] == paragraph["attributions"][0]["sentiment"]
    assert result["summary"]["tone"]["sources"]["label"] == "negative"
    assert result["summary"]["tone"]["outlet"]["label"] == "neutral"
    # The paragraph as a whole carries the quote's charge, diluted by the neutral sentence.
    quote_only = tone.paragraph(parse(pipeline, MIXED.split(" The vote")[0]))
    assert quote_only["compound"] < paragraph["sentiment"]["compound"] < 0
    Analysis.model_validate({"version": "1", "model": pipeline.model_info, **result})


def test_quoted_words_count_as_a_source_voice_without_attributions(pipeline, tone):
    doc = parse(pipeline, MIXED)
    summary = build_analysis(["p1"], [doc], [[]], [], tone)["summary"]
    assert summary["tone"]["sources"]["label"] == "negative"
    assert summary["tone"]["outlet"]["label"] == "neutral"


def test_interrupted_quote_keeps_its_negation(pipeline, tone):
    text = "“We are not,” he said, “happy with this deal.”"
    doc = parse(pipeline, text)
    pieces = [(text.index("We"), text.index(",” he")), (text.index("happy"), text.index(".”"))]
    assert tone.of_spans(doc, pieces)["label"] == "negative"
    assert tone.of_spans(doc, []) is None


# ---- markers ---------------------------------------------------------------------------


def test_hedges_in_the_outlet_voice_but_not_in_quotes(pipeline, tone):
    own = parse(pipeline, "The army reportedly withdrew. It is believed that talks will resume.")
    assert markers_of(tone, own, "hedge") == ["reportedly", "It is believed"]
    quoted = parse(
        pipeline, "“The army reportedly withdrew,” he said. 'It is believed so,' she added."
    )
    assert markers_of(tone, quoted, "hedge") == []


def test_hedges_in_attributed_content_are_the_source_s(pipeline, tone):
    text = "He said the convoy had apparently turned back."
    doc = parse(pipeline, text)
    assert markers_of(tone, doc, "hedge") == ["apparently"]
    content = [(text.index("the convoy"), len(text) - 1)]
    assert markers_of(tone, doc, "hedge", content) == []


@pytest.mark.parametrize(
    ("text", "hedges"),
    [
        ("Strangely, NATO has not backed the plan.", ["Strangely"]),
        ("The so-called referendum was held on Sunday.", ["so-called"]),
        ("Some say the sanctions failed, and some analysts believe it too.",
         ["Some say", "some analysts believe"]),
        ("The general is said to have resigned.", ["is said to"]),
        ("It is widely believed that the deal is dead.", ["It is widely believed"]),
        ("The alleged attack happened at night.", ["alleged"]),
        ("It would seem that critics say the plan failed.", ["It would seem", "critics say"]),
        ("It has been claimed the rebels were thought to be near.",
         ["It has been claimed", "were thought to"]),
        # Not hedges: a verb of reporting, a plain passive, definite experts.
        ("The prosecutor alleged that he lied.", []),
        ("The theft was reported to police on Friday.", []),
        ("The experts said the bridge was safe.", []),
    ],
)  # fmt: skip
def test_hedge_list(pipeline, tone, text, hedges):
    assert markers_of(tone, parse(pipeline, text), "hedge") == hedges


def test_the_constructions_are_looked_for_where_their_words_are(pipeline):
    constructions = Constructions(pipeline.nlp)
    texts = [
        "It is believed that talks will resume.",
        "It appears the talks resumed.",
        "The general is said to have resigned.",
        "It was late, and the mayor said the talks would go on.",  # no construction
        "Nothing here is hearsay.",
    ]
    found = 0
    for text in texts:
        doc = parse(pipeline, text)
        assert constructions(doc) == constructions.matcher(doc)
        found += len(constructions(doc))
    assert found == 3


def test_loaded_words_are_marked_in_quotes_too(pipeline, tone):
    text = "The White House warned of “horrific casualties” should Russia act."
    loaded = [m for m in tone.markers(parse(pipeline, text)) if m["kind"] == "loaded"]
    horrific = next(m for m in loaded if m["text"] == "horrific")
    assert horrific["valence"] <= -2.0
    assert horrific["start"] == text.index("horrific")


def test_strangely_is_a_hedge_not_a_loaded_word(pipeline, tone):
    text = "It is an initiative that NATO has strangely not strongly backed nor desired."
    markers = tone.markers(parse(pipeline, text))
    assert [(m["kind"], m["text"]) for m in markers if m["text"] == "strangely"] == [
        ("hedge", "strangely")
    ]


def test_boosters_are_loaded_only_where_they_boost(pipeline, tone):
    assert markers_of(tone, parse(pipeline, "The speech was extremely hateful."), "loaded") == [
        "extremely",
        "hateful",
    ]
    assert markers_of(tone, parse(pipeline, "The speech was extremely long."), "loaded") == []
    assert markers_of(tone, parse(pipeline, "It was incredibly, utterly bad."), "loaded") == [
        "incredibly",
        "utterly",
        "bad",
    ]
    # "so far" does not intensify, though VADER's three-word reach would take it so.
    assert markers_of(tone, parse(pipeline, "NATO has so far rejected it."), "loaded") == [
        "rejected"
    ]
    # Dampeners take charge away: not loaded.
    assert markers_of(tone, parse(pipeline, "It was slightly bad."), "loaded") == ["bad"]
    # VADER reads the "kind" of "kind of" as a dampener, not as a kind word.
    assert markers_of(tone, parse(pipeline, "It was kind of bad."), "loaded") == ["bad"]
    assert markers_of(tone, parse(pipeline, "A kind nurse."), "loaded") == ["kind"]
    # VADER reads "so-called" as one word, so its "so" boosts nothing.
    assert markers_of(tone, parse(pipeline, "A so-called peace plan."), "loaded") == ["peace"]


@pytest.mark.parametrize(
    "text",
    [
        "It was the most serious attack in a decade.",
        "Prices rose more sharply than feared, a very bad sign for a highly indebted city.",
        "A major fire destroyed the completely empty depot.",
    ],
)
def test_plain_intensifiers_are_not_loaded(pipeline, tone, text):
    loaded = markers_of(tone, parse(pipeline, text), "loaded")
    assert loaded  # the sentiment words they scale still are
    assert not set(loaded) & {"most", "more", "very", "highly", "major", "completely"}


def test_only_words_vader_reads_are_loaded(pipeline, tone):
    assert markers_of(tone, parse(pipeline, "The war-torn city was quiet."), "loaded") == []
    assert markers_of(tone, parse(pipeline, "The war ended."), "loaded") == ["war"]


def test_offsets_stay_right_with_emoji_and_non_ascii(pipeline, tone):
    # Astral-plane emoji count one code point each (two in UTF-16), so later offsets shift
    # if anything counts differently.
    text = "😢😢 Zürich’s naïve café owner called the attack horrific 😂 — truly a disaster❤️!"
    markers = tone.markers(parse(pipeline, text))
    for marker in markers:
        assert text[marker["start"] : marker["end"]] == marker["text"]
    found = {m["text"]: m for m in markers}
    assert set(found) >= {"😢", "attack", "horrific", "😂", "disaster", "❤"}
    assert found["horrific"]["start"] == text.index("horrific")
    assert found["❤"]["start"] == text.index("❤")
    assert found["😢"]["valence"] < 0 < found["😂"]["valence"]
    assert (
        tone.paragraph(parse(pipeline, "I love it ❤️"))["compound"] > score("I love it")["compound"]
    )


# ---- quotation marks -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("He said “no way” and left.", ["no way"]),
        ('He said "no way" and "never".', ["no way", "never"]),
        ("Santa, author of ''A Visit,'' was thin.", ["A Visit,"]),
        ("Russia’s view, the ‘red lines’, and the ’90s.", ["red lines"]),
        ("“We will go on fighting. We will not stop", ["We will go on fighting. We will not stop"]),
        ("Nobody quoted anything; it’s plain.", []),
        ("\"Russia's demands,\" he said of the players' union.", ["Russia's demands,"]),
        ("The BBC writes 'a grave threat', as the ministers' aides say.", ["a grave threat"]),
    ],
)
def test_quotation_spans(text, quoted):
    assert [text[s:e] for s, e in quotation_spans(text)] == quoted


# ---- through the pipeline and the API --------------------------------------------------


def test_every_paragraph_of_an_api_response_has_tone(pipeline):
    client = create_app(pipeline=pipeline).test_client()
    paragraphs = [
        {"id": "p1", "text": "Strangely, the so-called talks collapsed in horrific fashion."},
        {"id": "p2", "text": "“It is said to be a disaster,” an official said."},
        {"id": "p3", "text": ""},
        {"id": "p4", "text": "Rain is expected on Monday."},
    ]
    response = client.post("/v1/analyze", json={"paragraphs": paragraphs})
    assert response.status_code == 200
    body = response.get_json()
    Analysis.model_validate(body)
    by_id = {p["id"]: p for p in body["paragraphs"]}
    for paragraph in body["paragraphs"]:
        assert set(paragraph["sentiment"]) == {"compound", "pos", "neu", "neg", "label"}
        assert isinstance(paragraph["markers"], list)
    assert {m["kind"] for m in by_id["p1"]["markers"]} == {"loaded", "hedge"}
    assert [m["kind"] for m in by_id["p2"]["markers"]] == ["loaded"]
    assert by_id["p1"]["sentiment"]["label"] == "negative"
    assert by_id["p3"]["markers"] == [] and by_id["p4"]["markers"] == []
    assert body["summary"]["tone"]["outlet"] is not None


@pytest.mark.data
@pytest.mark.skipif(not SEED.exists(), reason=f"seed article not found at {SEED}")
def test_seed_article(pipeline):
    paragraphs = [
        {"id": f"p{i}", "text": text.strip()}
        for i, text in enumerate(SEED.read_text(encoding="utf-8").split("\n\n"))
        if text.strip()
    ]
    result = pipeline.analyze(paragraphs)
    Analysis.model_validate(result)
    markers = [
        (p["text"], m) for p in result["paragraphs"] for m in p["markers"]
    ]  # fmt: skip
    horrific = [m for text, m in markers if m["text"] == "horrific"]
    assert horrific and all(m["kind"] == "loaded" and m["valence"] < 0 for m in horrific)
    strangely = [m for text, m in markers if m["text"] == "strangely"]
    assert [m["kind"] for m in strangely] == ["hedge"]
    for text, marker in markers:
        assert text[marker["start"] : marker["end"]] == marker["text"]
    # "horrific casualties" sits in quotation marks: part of what sources say, not the outlet.
    paragraph = next(p for p in result["paragraphs"] if "horrific casualties" in p["text"])
    assert paragraph["sentiment"]["label"] == "negative"


def _said(text: str, quote: str, source_id: str | None) -> dict:
    start = text.index(quote)
    source = None
    if source_id:
        source = {
            "start": 0,
            "end": 0,
            "text": "",
            "name": source_id,
            "type": "named_person",
            "source_id": source_id,
        }
    content = [{"start": start, "end": start + len(quote), "text": quote}] if quote else []
    return {"id": quote[:8], "kind": "direct", "cue": None, "source": source, "content": content}


def test_source_tone_is_the_word_weighted_mean_of_its_attributions(pipeline, tone):
    long_praise = "This is a wonderful, generous and truly helpful agreement for all of us"
    short_blame = "It is awful"
    texts = [f"“{long_praise},” she said.", f"“{short_blame},” she added. He declined to comment."]
    docs = pipeline.parse(texts)
    found = [
        [_said(texts[0], long_praise, "s1")],
        [_said(texts[1], short_blame, "s1"), _said(texts[1], "", "s2")],
    ]
    roster = [
        {"id": "s1", "name": "she", "type": "named_person"},
        {"id": "s2", "name": "he", "type": "named_person"},
    ]
    result = build_analysis(["p1", "p2"], docs, found, roster, tone)
    by_id = {s["id"]: s for s in result["sources"]}
    praise = result["paragraphs"][0]["attributions"][0]["sentiment"]
    blame = result["paragraphs"][1]["attributions"][0]["sentiment"]
    assert praise["label"] == "positive" and blame["label"] == "negative"
    words = len(long_praise.split()), len(short_blame.split())
    expected = weighted_mean([(praise, words[0]), (blame, words[1])])
    assert by_id["s1"]["sentiment"]["compound"] == pytest.approx(expected["compound"], abs=1e-3)
    assert by_id["s1"]["paragraphs"] == ["p1", "p2"]
    # A source whose attribution says nothing has no tone, rather than a made-up neutral.
    assert result["paragraphs"][1]["attributions"][1]["sentiment"] is None
    assert by_id["s2"]["sentiment"] is None


@pytest.mark.parametrize(
    "text",
    ["", "One sentence only", "“Why?” she asked. Then:  he left!\n\nA new line. 😀 Done."],
)
def test_sentence_spans_are_the_sentences_character_offsets(pipeline, text):
    doc = parse(pipeline, text)
    assert sentence_spans(doc) == [(s.start_char, s.end_char) for s in doc.sents]


@pytest.mark.parametrize(
    "text",
    ["plain ASCII", "“Don’t” – ‘no’ — «yes» ‚x‛ „y‟ ‹z› 〝q〞 ′ ―", "“Love it” ❤️ 😀 – ok\ufe0e"],
)
def test_markers_read_the_text_as_vader_does_one_character_for_one(tone, text):
    finder = tone.marker_finder
    assert finder._as_vader_reads_it(text) == text.translate(finder._as_vader_reads)
