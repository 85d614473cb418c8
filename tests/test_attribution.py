"""The attribution engine on sentences written for these tests, one per construction."""

from __future__ import annotations

import re

import pytest
from spacy.tokens import Doc

from sourcemark.attribution.coref import _capitalised, transcript_speakers
from sourcemark.attribution.cues import DASH_TOKEN, DASH_TOKENS, _may_post, _may_sign
from sourcemark.attribution.quotes import (
    MARK_CHARACTERS,
    _tokens_starting_with_mark,
    find_quotes,
    is_closed,
)


def attributions(result: dict, paragraph: int = 0) -> list[dict]:
    return result["paragraphs"][paragraph]["attributions"]


def with_cue(result: dict, cue: str, paragraph: int = 0) -> list[dict]:
    """The paragraph's attributions whose cue reads `cue`."""
    return [a for a in attributions(result, paragraph) if a["cue"] and a["cue"]["text"] == cue]


def misparsed(parsed: Doc, heads: list[int], deps: list[str], pos=None, tags=None) -> Doc:
    """The parse of `parsed` with these heads and labels instead, as a parser may misread
    the sentence; its words, lemmas and entities as they were."""
    return Doc(
        parsed.vocab,
        words=[t.text for t in parsed],
        spaces=[bool(t.whitespace_) for t in parsed],
        heads=heads,
        deps=deps,
        pos=pos or [t.pos_ for t in parsed],
        tags=tags or [t.tag_ for t in parsed],
        lemmas=[t.lemma_ for t in parsed],
        ents=[f"{t.ent_iob_}-{t.ent_type_}" if t.ent_type_ else "O" for t in parsed],
    )


def arcs(parsed: Doc) -> tuple[list[int], list[str], dict[str, int]]:
    """The parse's heads and labels, to change into a misparse, and each word's index."""
    return [t.head.i for t in parsed], [t.dep_ for t in parsed], {t.text: t.i for t in parsed}


def only(result: dict, paragraph: int = 0) -> dict:
    found = attributions(result, paragraph)
    assert len(found) == 1, found
    return found[0]


def texts(attribution: dict) -> list[str]:
    return [c["text"] for c in attribution["content"]]


def test_direct_quote_with_the_speaker_after(analyze):
    a = only(analyze("“We will not back down from this fight,” the mayor said."))
    assert a["kind"] == "direct"
    assert a["cue"]["text"] == "said"
    assert a["source"]["text"] == "the mayor"
    assert texts(a) == ["“We will not back down from this fight,”"]


def test_direct_quote_with_the_speaker_before_and_a_colon(analyze):
    text = "Macron said: “Europe needs a frank dialogue with its neighbours.”"
    a = only(analyze(text))
    assert a["source"]["text"] == "Macron"
    assert texts(a) == ["“Europe needs a frank dialogue with its neighbours.”"]
    assert a["kind"] == "direct"


@pytest.mark.parametrize(
    ("sentence", "source", "cue", "content_start"),
    [
        (
            "The minister said that the bridge would reopen in May.",
            "The minister",
            "said",
            "that the bridge",
        ),
        (
            "Senator Alvarez told reporters the bill was dead.",
            "Senator Alvarez",
            "told",
            "the bill",
        ),
        (
            "The union warned that the strike could last for weeks.",
            "The union",
            "warned",
            "that the strike",
        ),
        (
            "Her lawyers argued that the search had been illegal.",
            "Her lawyers",
            "argued",
            "that the search",
        ),
        (
            "The company claimed it had paid every tax it owed.",
            "The company",
            "claimed",
            "it had paid",
        ),
        (
            "The governor denied that he had met the lobbyist.",
            "The governor",
            "denied",
            "that he had",
        ),
        (
            "The coach insisted that his players were not tired.",
            "The coach",
            "insisted",
            "that his players",
        ),
        (
            "A new study suggested that the drug reduces pain.",
            "A new study",
            "suggested",
            "that the drug",
        ),
        (
            "The mayor believes the tram line will pay for itself.",
            "The mayor",
            "believes",
            "the tram line",
        ),
        (
            "The council wants to build three new schools by 2030.",
            "The council",
            "wants",
            "to build",
        ),
    ],
)
def test_indirect_speech_beliefs_and_intentions(analyze, sentence, source, cue, content_start):
    a = only(analyze(sentence))
    assert a["source"]["text"] == source
    assert a["cue"]["text"] == cue
    assert a["content"][0]["text"].startswith(content_start)
    assert a["kind"] in ("indirect", "other")


def test_according_to(analyze):
    a = only(analyze("According to the annual report, unemployment rose sharply last year."))
    assert a["kind"] == "according_to"
    assert a["cue"]["text"] == "According to"
    assert a["source"]["text"] == "the annual report"
    assert a["source"]["type"] == "document"
    assert texts(a) == ["unemployment rose sharply last year"]


def test_in_a_poll_reads_as_according_to_the_poll(analyze):
    text = "In a national CNN poll released Monday, support for the plan fell to 31 percent."
    # (The cue model may also read "support for" as the poll's, as PolNeAR marks such nouns.)
    a = with_cue(analyze(text), "In")[0]
    assert a["kind"] == "according_to"
    assert a["source"]["text"] == "a national CNN poll released Monday"
    assert a["source"]["type"] == "document"
    assert texts(a) == ["support for the plan fell to 31 percent"]


def test_a_lead_in_the_polls_is_no_attribution(analyze):
    assert attributions(analyze("The governor has a decisive lead in the polls.")) == []


def test_inverted_cue(analyze):
    text = "The plan is far too expensive, said Maria Lopez, a city council member."
    a = only(analyze(text))
    assert a["cue"]["text"] == "said"
    assert a["source"]["text"].startswith("Maria Lopez")
    assert a["source"]["type"] == "named_person"
    assert texts(a) == ["The plan is far too expensive"]


def test_headline_says(analyze):
    a = only(analyze("Mayor says budget cuts are unavoidable"))
    assert a["cue"]["text"] == "says"
    assert a["source"]["text"] == "Mayor"
    assert texts(a) == ["budget cuts are unavoidable"]


def test_a_promoted_headline_is_another_articles_sourcing(analyze):
    result = analyze(
        "READ MORE: Mayor says budget cuts are unavoidable",
        "Related: Mayor says budget cuts are unavoidable",
        "WATCH: Mayor says budget cuts are unavoidable",
        "Mayor says budget cuts are unavoidable",
    )
    assert all(attributions(result, paragraph) == [] for paragraph in (0, 1, 2))
    assert only(result, 3)["cue"]["text"] == "says"


def test_nested_source_inside_a_quote(analyze):
    text = (
        "The ministry did say that “Johnson noted the army will study the proposal "
        "carefully and then decide.”"
    )
    found = attributions(analyze(text))
    by_source = {a["source"]["text"]: a for a in found}
    assert set(by_source) == {"The ministry", "Johnson"}
    assert by_source["The ministry"]["content"][0]["text"].startswith("that “Johnson noted")
    inner = by_source["Johnson"]
    assert inner["cue"]["text"] == "noted"
    assert inner["content"][0]["text"].startswith("the army will study")


@pytest.mark.parametrize(
    "text",
    [
        "“When Ravenna Holdings says it can’t pay, I don’t believe it,” said Mayor Ann Lee.",
        "“I think the plan works. Ravenna Holdings says it can’t pay,” said Mayor Ann Lee.",
    ],
)
def test_a_party_named_inside_a_speakers_quote_is_the_speakers_words(analyze, text):
    assert [a["source"]["text"] for a in attributions(analyze(text))] == ["Mayor Ann Lee"]


def test_a_cue_in_what_may_be_no_quote_keeps_its_named_subject(analyze):
    # The paragraph has no opening mark for the closing one before "slim".
    text = "Senator Ada Holm referred to the report, concluding that the odds were ”slim.”"
    found = with_cue(analyze(text), "referred")
    assert [a["source"]["text"] for a in found] == ["Senator Ada Holm"]


def test_quote_running_over_several_sentences(analyze):
    text = "“The plan is bold. It will cost money. But it is worth it,” Garcia said."
    a = only(analyze(text))
    assert texts(a) == ["“The plan is bold. It will cost money. But it is worth it,”"]


def test_quote_running_on_into_the_next_paragraph(analyze):
    result = analyze(
        "“We have waited long enough for this road,” said Anna Berg, a local farmer. "
        "“It has been years of promises.",
        "“Now the work can finally start, and we will be there to watch it.”",
    )
    said, running_on = attributions(result, 0)
    assert said["source"]["name"] == "Anna Berg"
    # Named in the same paragraph: the carried-on quote points at that mention.
    assert (running_on["source"]["start"], running_on["source"]["end"]) == (
        said["source"]["start"],
        said["source"]["end"],
    )
    assert texts(said) == ["“We have waited long enough for this road,”"]
    # The second quote is left open at the paragraph's end: it runs to the end.
    assert texts(running_on) == ["“It has been years of promises."]
    carried = only(result, 1)
    for quote in (running_on, carried):
        assert quote["cue"] is None
        assert quote["kind"] == "direct"
        assert quote["source"]["source_id"] == said["source"]["source_id"]
        assert quote["continues"] == said["id"]  # the attribution with the cue
    assert said["continues"] is None


def test_floating_quote_carries_the_last_speaker(analyze):
    result = analyze(
        "Governor Ellen Park visited the plant on Tuesday. “It is the right thing to do "
        "for this state,” she said.",
        "“We cannot wait another decade for clean water.”",
    )
    speaker = only(result, 0)["source"]
    assert speaker["text"] == "she"
    assert speaker["name"] == "Ellen Park"
    carried = only(result, 1)
    assert carried["source"]["source_id"] == speaker["source_id"]
    assert carried["continues"] == only(result, 0)["id"]
    assert carried["source"]["text"] == ""  # the speaker is not named in this paragraph
    assert texts(carried) == ["“We cannot wait another decade for clean water.”"]


def test_scare_quotes_do_not_float(analyze):
    result = analyze(
        "Senator Ruth Adler said the deal was fair.",
        "The opposition called it a “historic betrayal” of the coal towns.",
    )
    assert all(a["cue"] is not None for a in attributions(result, 1))


@pytest.mark.parametrize(
    "said_it, title",
    [
        ("the union leader Tom Blake told CBS’s", "Face the Nation"),
        # The parser takes the title for a clause the verb governs.
        ("Adler said on CBS’", "Face the Nation"),
    ],
)
def test_a_title_in_quotes_is_no_quote_and_the_quote_after_it_carries_on(analyze, said_it, title):
    result = analyze(f"“Our members are tired of waiting,” {said_it} “{title}.” “They want more.”")
    said, carried = attributions(result)
    assert texts(said) == ["“Our members are tired of waiting,”"]
    assert texts(carried) == ["“They want more.”"]
    assert carried["continues"] == said["id"]


def test_a_quote_inside_the_speakers_mention_is_not_what_they_say(analyze):
    result = analyze(
        "Critics of what is known as a “safety valve” argue it could delay the project for years."
    )
    argue = with_cue(result, "argue")[0]
    assert texts(argue) == ["it could delay the project for years"]


def test_a_title_inside_what_was_told_leaves_it_reported_speech(analyze):
    result = analyze("Adler told NBC’s “Today” show on Wednesday that the bill would pass.")
    told = with_cue(result, "told")[0]
    assert told["kind"] != "other"
    assert "that the bill would pass" in " ".join(texts(told))


@pytest.mark.parametrize(
    "text, chant",
    [
        ("The crowd chanted “Lock Her Up” as he spoke.", "Lock"),
        ("The rally had one message: “Save Our Schools.”", "Save"),
    ],
)
def test_a_chant_the_recogniser_takes_for_a_title_is_still_what_was_said(analyze, text, chant):
    assert any(chant in " ".join(texts(a)) for a in attributions(analyze(text)))


def test_pronouns_surnames_and_role_nouns_resolve_to_one_source(analyze):
    result = analyze(
        "Senator Maria Gomez said the vote had been close.",
        "Gomez added that she would bring the bill back in the spring.",
        "“We will win next time,” she said.",
        "A senior official from the Treasury said the cost was too high.",
        "The official also said the plan had no support in the cabinet.",
    )
    gomez = {only(result, i)["source"]["source_id"] for i in range(3)}
    assert len(gomez) == 1
    assert only(result, 1)["source"]["name"] == "Maria Gomez"
    official = {only(result, i)["source"]["source_id"] for i in (3, 4)}
    assert len(official) == 1 and not official & gomez
    assert only(result, 4)["source"]["type"] == "anonymous"
    roster = {s["id"]: s for s in result["sources"]}
    assert roster[next(iter(gomez))]["attributions"] == 3


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Some analysts say the merger will fail.", "vague"),
        ("Critics argue that the law goes too far.", "vague"),
        ("Experts say the bridge is safe.", "vague"),
        (
            "A senior official who spoke on condition of anonymity said talks had stalled.",
            "anonymous",
        ),
        ("Sources familiar with the matter said the deal was close.", "anonymous"),
        ("A Pentagon official said the drills would go ahead.", "anonymous"),
        ("The Pentagon said the drills would go ahead.", "named_organization"),
        ("Angela Merkel said the drills would go ahead.", "named_person"),
        ("A statement from the ministry said the drills would go ahead.", "document"),
        ("Polls show the race is tightening.", "document"),
    ],
)
def test_source_types(analyze, sentence, kind):
    assert only(analyze(sentence))["source"]["type"] == kind


def test_assertion_without_a_source_is_unattributed(analyze):
    result = analyze("The bridge was closed for repairs in March.")
    paragraph = result["paragraphs"][0]
    assert paragraph["attributions"] == []
    assert [u["text"] for u in paragraph["unattributed"]] == [
        "The bridge was closed for repairs in March."
    ]


def test_quote_marks_and_apostrophes(analyze):
    text = "The farmers’ union said it didn’t expect ‘major changes’ and «nothing new» this year."
    doc = analyze.nlp(text)
    assert [text[q.start : q.end] for q in find_quotes(doc)] == ["‘major changes’", "«nothing new»"]
    straight = 'He said "no way" and left.'
    doc = analyze.nlp(straight)
    assert [straight[q.start : q.end] for q in find_quotes(doc)] == ['"no way"']


def test_a_closing_mark_that_opens_a_line_opens_a_quote(analyze):
    text = "”Fear. I am afraid.” ― Ana Ruiz\n”It is over.” ― Lea Mori"
    doc = analyze.nlp(text)
    assert [text[q.start : q.end] for q in find_quotes(doc)] == [
        "”Fear. I am afraid.”",
        "”It is over.”",
    ]
    carried = "to the end.” Then he left."  # a quote carried from the paragraph before
    doc = analyze.nlp(carried)
    assert [carried[q.start : q.end] for q in find_quotes(doc)] == ["to the end.”"]


def test_only_tokens_that_start_with_a_mark_are_read_for_quotes(analyze):
    text = "“No,” he said ―”we won’t.” The ‘90s were 'odd' ''really'' and \"over\" ``then''."
    doc = analyze.nlp(text)
    expected = [t.i for t in doc if t.text[0] in MARK_CHARACTERS]
    assert _tokens_starting_with_mark(doc, text) == expected
    assert len(expected) > 8
    assert _tokens_starting_with_mark(doc, "") == []


@pytest.mark.parametrize(
    ("text", "closed"),
    [
        ("He said “no way” and left.", [True]),
        ("He said ''no way'' and left.", [True]),
        ("to the end.” Then he left.", [False]),  # carried on from before
        ("He said “no way and left.", [False]),  # left open to the end
        ("“It is a lie,’’ she said. “And a bad one.”", [False, True]),  # cut short
    ],
)
def test_a_quote_is_closed_when_the_paragraph_holds_both_its_marks(analyze, text, closed):
    assert [is_closed(q, text) for q in find_quotes(analyze.nlp(text))] == closed


def test_speaker_labels_of_a_transcript(analyze):
    result = analyze(
        "Mike Pence spoke to the host on Sunday morning.",
        "PENCE: We are going to win Ohio and we are going to win Pennsylvania.",
    )
    a = only(result, 1)
    assert a["cue"]["text"] == ":"
    assert a["source"]["text"] == "PENCE"
    assert a["source"]["name"] == "Mike Pence"
    assert texts(a) == ["We are going to win Ohio and we are going to win Pennsylvania"]


def test_a_transcripts_labels_in_capitals_name_its_speakers(analyze):
    # The tagger reads names in capitals as anything but names ("OWEN" an adjective).
    result = analyze(
        "OWEN HART: Why not hold a debate?",
        "NINA BRIGHT: We have held nine of them already.",
        "HART: Then why not a tenth?",
        "BRIGHT: Because the voters have heard enough.",
    )
    found = [
        (a["source"]["text"], a["source"]["name"], a["source"]["type"])
        for a in (only(result, n) for n in range(4))
    ]
    assert found == [
        ("OWEN HART", "Owen Hart", "named_person"),
        ("NINA BRIGHT", "Nina Bright", "named_person"),
        ("HART", "Owen Hart", "named_person"),
        ("BRIGHT", "Nina Bright", "named_person"),
    ]


def test_labels_in_capitals_without_a_shorter_one_are_headings(analyze):
    result = analyze("CHINA PMI: Factory output slowed.", "JAPAN PMI: Exports rose in May.")
    assert attributions(result, 0) == [] and attributions(result, 1) == []


def test_transcript_speakers_are_full_labels_with_their_short_form():
    texts = ["BETO O'ROURKE: Yes.", "CRUZ: Why?", "“O'ROURKE: Because.", "MARKET WATCH: Up."]
    assert transcript_speakers(texts) == {"BETO O'ROURKE", "O'ROURKE"}
    # Speakers take turns: a heading and its short form alone are headings.
    assert transcript_speakers(["MARKET WATCH: Shares fell.", "WATCH: A clip"]) == set()
    headings = ["EDITOR'S NOTE: Updated.", "NOTE: Times are local.", "UPDATE: Polls closed."]
    assert transcript_speakers(headings) == set()
    assert _capitalised("BETO O'ROURKE") == "Beto O'Rourke"


@pytest.mark.parametrize(
    "text",
    ["That said, the two firms might have made a good fit.", "All told, it is a neat story."],
)
def test_a_set_phrase_opening_a_sentence_attributes_nothing(analyze, text):
    assert attributions(analyze(text), 0) == []


def test_a_set_phrase_inside_what_someone_said_leaves_the_saying(analyze):
    a = only(analyze("Ann Lee said that, all told, the plan was fine."))
    assert (a["cue"]["text"], a["source"]["name"]) == ("said", "Ann Lee")


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("The mayor went on to say that the bridge would close in May.", "went on to say"),
        ("The mayor has tried to suggest that the bridge would close in May.",
         "has tried to suggest"),
    ],
)  # fmt: skip
def test_a_verb_of_saying_that_completes_another_is_the_cue_with_it(analyze, text, cue):
    a = only(analyze(text))
    assert (a["cue"]["text"], a["source"]["text"]) == (cue, "The mayor")
    assert texts(a) == ["that the bridge would close in May"]


@pytest.mark.parametrize(
    "text",
    [
        # the one who admits is the object, not the senator
        "The senator forced the banker to admit that no one had been fired.",
        # no one says it
        "Given the rain, it's safe to say that the bridge will close in May.",
    ],
)
def test_a_verb_of_saying_after_an_object_or_it_is_is_not_the_subjects(analyze, text):
    assert attributions(analyze(text), 0) == []


def test_a_verb_of_saying_that_completes_a_cue_is_that_cues_content(analyze):
    a = only(analyze("The mayor declined to say whether the bridge would close in May."))
    assert a["cue"]["text"] == "declined"


def test_headings_are_not_speaker_labels(analyze):
    result = analyze("WATCH: Protesters gather outside the courthouse", "ECB WATCH: Rates hold.")
    assert attributions(result, 0) == [] and attributions(result, 1) == []
    # A document's noun in capitals, which the recogniser calls a body, heads a section too.
    result = analyze("ANALYSIS: The vote means a delay to the exit date is now more likely.")
    assert [a["cue"]["text"] for a in attributions(result, 0)] == []


def test_a_heading_in_capitals_is_no_speaker_though_the_recogniser_names_it(analyze):
    result = analyze("BACKGROUND: The mayor was elected in 2018.")
    assert attributions(result, 0) == []
    # Nor is one the role tagger reads as a label, before a quote its speaker is named for.
    result = analyze(
        "ANALYST'S TAKE: \"Will the central bank act today? Lower growth may provide a sell "
        'signal," Jane Doe, chief strategist at Acme, said.'
    )
    assert [a["cue"]["text"] for a in attributions(result, 0)] == ["said"]


def test_a_list_entry_after_a_name_and_a_colon_is_no_speech(analyze):
    result = analyze(
        "Police arrested the following people on Friday.",
        "Mark T. Lee: Two county warrants, driving while suspended.",
        "Lea Park: “None of them mine, not one.”",
        "Lea Park: We were never told about the warrants.",
    )
    assert attributions(result, 1) == []
    # A quote, or a clause with a finite verb, is still what the name says.
    assert [a["source"]["name"] for a in attributions(result, 2)] == ["Lea Park"]
    assert [a["source"]["name"] for a in attributions(result, 3)] == ["Lea Park"]
    # A headline drops its verbs: its label still speaks.
    result = analyze("Putin: Russia ready for new talks with the West", "MOSCOW — …")
    assert [a["source"]["name"] for a in attributions(result, 0)] == ["Putin"]


@pytest.mark.parametrize(
    ("paragraphs", "name"),
    [
        (["UN: Peacekeepers must leave the region by March."], "UN"),
        (["Mike Pence visited the plant.", "PENCE: We will keep these jobs."], "Mike Pence"),
    ],
)
def test_a_label_in_capitals_of_an_acronym_or_a_person_named_speaks(analyze, paragraphs, name):
    label = attributions(analyze(*paragraphs), len(paragraphs) - 1)
    assert [a["source"]["name"] for a in label] == [name]


@pytest.mark.parametrize(
    ("text", "sign", "post"),
    [
        ("“We won.” ― Ana Ruiz", True, False),
        ("“We won.”― Ana Ruiz", True, False),
        ("“We won.”  -- Ana Ruiz", True, False),
        ("'We won' - Ana Ruiz", True, False),
        ("— Ana Ruiz (@aruiz) June 5", False, True),
        ("“We won.” — Ana Ruiz (@aruiz) June 5", True, True),
        ("A war-torn city — and a Coca-Cola plant.", False, False),
        ("Mail @aruiz for the report.", False, False),
    ],
)
def test_only_a_dash_after_a_quote_may_sign_and_one_beside_a_handle_post(text, sign, post):
    assert _may_sign(text) is sign
    assert _may_post(text) is post


def test_the_byline_dashes_are_the_dash_tokens():
    marks = ["", "”", '"', "»", "’", "“", "'"]
    candidates = {m + d for m in marks for d in ["―", "—", "–", "-", "--", "---", "~", "—-"]}
    assert {c for c in candidates if re.search(DASH_TOKEN, c)} == set(DASH_TOKENS)


def test_a_byline_and_a_post_of_the_same_dash_and_words_keep_the_byline(pipeline):
    text = "“We won the vote.” ― Ana Ruiz (@aruiz) June 5"
    doc = pipeline.parse([text])[0]
    (cue,) = pipeline.engine.cues._labels(doc, text)
    assert (doc[cue.label[0] : cue.label[1]].text, cue.post) == ("Ana Ruiz", False)
    alone = "— Ana Ruiz (@aruiz) June 5"
    (cue,) = pipeline.engine.cues._labels(pipeline.parse([alone])[0], alone)
    assert cue.post


def test_byline_dash_after_a_quote(analyze):
    a = only(analyze("“He is simply the wrong man for this job.” ― Maria Gonzalez"))
    assert a["cue"]["text"] == "―"
    assert a["source"]["text"] == "Maria Gonzalez"
    assert texts(a) == ["“He is simply the wrong man for this job.”"]


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("The health minister warned that hospitals were running out of beds.", "indirect"),
        ("Her spokesman told reporters that the meeting had been cancelled.", "indirect"),
        ("A new study found that the river had been polluted for years.", "other"),
        ("The mayor believes that the budget will pass next week.", "other"),
        ("The governor wants to build a new bridge over the river.", "other"),
        # Quoted words in what someone wants are a scare quote, not speech; in what someone
        # calls something, they are that person's words.
        ("The mayor wants a “fair deal” for the workers of the city.", "other"),
        ("The union leader called the offer “an insult” to every worker.", "mixed"),
    ],
)
def test_reported_speech_is_indirect_and_beliefs_or_findings_are_other(analyze, sentence, kind):
    assert only(analyze(sentence))["kind"] == kind


def test_a_role_noun_and_a_possessive_office_resolve_to_the_named_leader(analyze):
    result = analyze(
        "Chilean President Gabriela Soto said the mine would reopen next year.",
        "The Chilean president also said the workers would be paid in full.",
        "The Chilean President's press office said the decree was signed on Monday.",
    )
    leader, role_noun, office = (only(result, i)["source"] for i in range(3))
    assert leader["name"] == "Gabriela Soto" and leader["type"] == "named_person"
    assert role_noun["source_id"] == leader["source_id"]
    assert office["text"] == "The Chilean President's press office"
    assert office["source_id"] != leader["source_id"]  # the office speaks, not the president
    assert "Gabriela Soto" in office["name"]


def test_a_learned_cue_inside_a_quote_is_the_quoted_speakers(pipeline):
    from sourcemark.attribution.roles import CUE_PROBABILITY_KEY, ROLES_KEY

    doc = pipeline.nlp("“Our leaders argued for years that the border was safe,” she said.")
    words = [t.text for t in doc]
    tags = ["OOO"] * len(doc)
    tags[1:3] = ["BOO", "IOO"]  # Our leaders
    tags[words.index("argued")] = "OBO"
    that = words.index("that")
    tags[that : words.index(",")] = ["OOB"] + ["OOI"] * (words.index(",") - that - 1)
    doc.user_data[ROLES_KEY] = tags
    doc.user_data[CUE_PROBABILITY_KEY] = [1.0] * len(doc)
    drafts = pipeline.engine.paragraph(doc)
    assert [d.cue.span.text for d in drafts] == ["said"]


def test_a_name_right_before_a_verb_the_parser_left_without_a_subject_is_its_source(pipeline):
    text = "Ottawa councillor and tenants advocate Mia Hart told the Star that rents will rise."
    parsed = pipeline.nlp(text)
    heads, deps = [t.head.i for t in parsed], [t.dep_ for t in parsed]
    pos, tags = [t.pos_ for t in parsed], [t.tag_ for t in parsed]
    at = {t.text: t.i for t in parsed}
    # As the parser misreads such a sentence: "advocate" a verb with the subject and the
    # name, and "told" the root with no subject of its own.
    advocate, told = at["advocate"], at["told"]
    heads[at["councillor"]], deps[at["councillor"]] = advocate, "nsubj"
    heads[at["Hart"]], deps[at["Hart"]] = advocate, "dobj"
    heads[advocate], deps[advocate], pos[advocate], tags[advocate] = told, "ccomp", "VERB", "VBP"
    heads[told], deps[told] = told, "ROOT"
    doc = misparsed(parsed, heads, deps, pos, tags)
    assert [t.text for t in doc.ents if t.label_ == "PERSON"] == ["Mia Hart"]
    (draft,) = pipeline.engine.paragraph(doc)
    source = doc[min(draft.source.tokens) : max(draft.source.tokens) + 1]
    assert (draft.cue.head.text, source.text) == ("told", "Mia Hart")
    assert [text[a:b] for a, b in draft.content] == ["that rents will rise"]
