"""Title-case headlines read in sentence case (attribution/title_case.py), on sentences
written for these tests."""

from __future__ import annotations

import pytest

from sourcemark.attribution import title_case

BODY = (
    "Dana Whitfield said the harbor board in New York ignored the ferry schedule for a year."
    " The board did not answer questions on Monday, and a spokesman said the delays were"
    " caused by repairs to the old pier."
)
# Words enough for an article to tell its names from its words.
MORE = (
    " The crowd at the pier stayed late into the night, and the organizers said the festival"
    " would return next summer with more music and more food."
)


@pytest.fixture(scope="module")
def known(analyze):
    return title_case.english_words(analyze.nlp)


def test_a_headline_keeps_the_capitals_its_article_gives_each_word(known):
    headline = "Mayor Dana Whitfield Slams The Harbor Board In New York: ‘We Were Ignored’"
    read, body = title_case.readings([headline, BODY], known)
    # "Dana" opens the body's sentence, so only its being no English word keeps it.
    assert read == "Mayor Dana Whitfield slams the harbor board in New York: ‘We were ignored’"
    assert len(read) == len(headline)
    assert body == BODY


def test_a_name_is_kept_beside_a_word_the_article_writes_with_it(known):
    headline = "Senator Backs Harbor Board Plan"
    body = "The Harbor Board met on Monday. The harbor was closed." + MORE
    assert title_case.readings([headline, body], known)[0] == "Senator backs Harbor Board plan"


def test_a_name_the_article_writes_only_capitalised_keeps_its_capital(known):
    headline = "Ann Lee Grills Harbor Board Chief"
    body = "Lee said the harbor was closed." + MORE
    assert title_case.readings([headline, body], known)[0] == "Ann Lee grills harbor board chief"


def test_an_article_with_too_few_words_is_read_as_written(known):
    headline = "Ann Lee Grills Harbor Board Chief"
    assert title_case.readings([headline], known) == [headline]
    assert title_case.readings([headline, "Lee spoke."], known)[0] == headline


def test_i_and_capitals_stay(known):
    headline = "Dana Whitfield: Why I Said The FBI Was Wrong"
    read = title_case.readings([headline, BODY], known)[0]
    assert read == "Dana Whitfield: Why I said the FBI was wrong"


@pytest.mark.parametrize(
    "text",
    [
        "Ann Marie Whitfield reported from Harbor Point, and Tom Kerr and Dana Okafor from"
        " Kaneohe Bay, Hawaii.",
        "FIX IS IN: HARBOR BOARD IGNORES FERRY DELAYS",
        "Dana Whitfield said the harbor board ignored the ferry schedule.",
    ],
)
def test_sentences_and_capitals_are_no_title_case(known, text):
    assert title_case.readings([text, BODY], known)[0] == text


def test_a_title_case_headline_holds_its_attribution(analyze):
    result = analyze(
        "Mayor Dana Whitfield Slams Harbor Board Over Ferry Delays.",
        "Dana Whitfield said on Monday that the harbor board had ignored the ferry schedule.",
        "The board did not answer questions on Monday, and a spokesman said the delays were"
        " caused by repairs to the old pier and by a storm in the spring.",
    )
    [found] = result["paragraphs"][0]["attributions"]
    assert found["cue"]["text"] == "Slams"
    assert found["source"]["text"] == "Mayor Dana Whitfield"  # the original letters
    assert (found["source"]["name"], found["source"]["type"]) == ("Dana Whitfield", "named_person")


def test_a_headline_is_parsed_anew_when_its_article_writes_it_otherwise(pipeline):
    headline = "Tom Kerr Slams Harbor Board"
    band = pipeline.parse([headline, "Tom Kerr spoke after the band Slams played." + MORE])[0]
    verb = pipeline.parse([headline, "Tom Kerr spoke after the band played." + MORE])[0]
    assert band.text == verb.text == headline
    assert (band[2].pos_, verb[2].pos_) == ("PROPN", "VERB")
