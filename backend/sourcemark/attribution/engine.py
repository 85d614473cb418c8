"""Runs the attribution steps over an article's parsed paragraphs.

Per paragraph: quote spans (quotes.py), cues (cues.py), each cue's content (content.py) and
source mention (sources.py); quotes no cue claimed join the nearest cue of their sentence or
carry on the last speaker. Then, across the article in order: resolution of every mention to
a referent (coref.py) whose type follows the guidelines (types.py).
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections.abc import Collection, Container
from dataclasses import dataclass, field, replace
from pathlib import Path

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

from .. import deadline
from ..linear_spacy import sentence_spans
from ..tone.spans import SpanIndex
from .confidence import Calibrator, features
from .content import CLAUSE_DEPS, TELLING, conjunction_start, find_content, when_or_where_said
from .coref import INTERVIEW_LABELS, Referent, Resolver
from .cues import (
    ADDRESSING,
    SPEECH_LEMMAS,
    TITLES,
    Cue,
    CueFinder,
    is_expectation,
    is_set_phrase,
)
from .invisible import text_of
from .names import GENDERS_FILE
from .quotes import Quote, Quotes, find_quotes, is_closed, quote_around, quotes_overlapping
from .roles import ATTRIBUTION_DATA, decode, role_tags
from .sources import (
    RELATIVE_PRONOUNS,
    SUBJECT_DEPS,
    WHEN_ENTITIES,
    Mention,
    find_source,
    mention_tokens,
    relative_antecedent,
    saying_joined,
    split_phrase_head,
    when_after,
    whole_run,
)
from .tokens import FINITE_TAGS, pieces, subtree
from .types import ORGANIZATION_NOUNS, person_noun

# Documents that head a claim as a label: "Poll: …", "Report: …" (not "Email: …").
SPEAKING_DOCUMENTS = {"poll", "survey", "study", "report", "analysis", "statement", "data"}
NAMED_ENTITIES = {"PERSON", "ORG", "GPE", "NORP"}
MAX_TITLE_WORDS = 4  # before a name the parse left without its verb: "former president"
AMOUNTS = {"PERCENT", "MONEY", "QUANTITY", "CARDINAL"}
# Verbs of rising or falling, which may head a cue in another sense ("declined to comment").
CHANGE_LEMMAS = {
    "add", "climb", "decline", "drop", "fall", "gain", "grow", "jump", "lose", "rise", "sink",
    "slide", "slip", "slump", "soar", "surge", "tumble",
}  # fmt: skip
FUNCTION_POS = {"ADP", "DET", "CCONJ", "SCONJ", "PART", "AUX"}  # words that name no one
# How sure the role tagger must be of a cue the rules missed. On a word the cue model judges
# (a verb or cue noun outside quotes), both must lean to a cue: the tagger at 0.6 and the
# model at 0.2 (its own threshold is higher); elsewhere the tagger alone, at 0.8. Tuned on
# PolNeAR dev, where each half of the articles picks about the same values as the other.
MIN_LEARNED_CUE_CONFIDENCE = 0.8
MIN_LEARNED_VERB_CONFIDENCE = 0.6
MIN_LEARNED_VERB_MODEL_PROBABILITY = 0.2
MIN_FLOATING_WORDS = 4  # a cue-less quote shorter than this is a scare quote, not speech
MIN_QUOTE_SHARE = 0.6  # of its sentences' characters, for a cue-less quote to be speech
# A quote whose words end a sentence inside its marks: “I was super-green.”
SENTENCE_END = re.compile(r"[.!?…]\W*\Z")
# What the recogniser calls a title: a quote of nothing else names it, it doesn't say it.
TITLE_ENTITIES = frozenset({"WORK_OF_ART", "LAW", "EVENT", "PRODUCT"})
MAX_ACRONYM_LETTERS = 4  # "UN", "FBI", "NATO": a label in capitals that needs no other spelling
MAX_CARRY_PARAGRAPHS = 2  # how far back the last speaker of a floating quote may be
DATELINE_LENGTH = 12  # tokens: "ST. LOUIS, Mo. (AP) —" is 9
# A list item after "He said:": "• …", "- …", "1. …", "a) …".
LIST_ITEM = re.compile(r"^\s*(?:[•·▪●◦‣*\-–—]|\d{1,2}[.)]|[a-z][.)])\s")
# Paragraphs after "He said:" this short, one after another, are the items of an unmarked
# list ("Meet the requirements …", "Appear on the ballot …"). In PolNeAR a short plain
# paragraph after a short one that was his is his 8 times in 12; the second plain paragraph
# after "He said:", whatever its length, 5 times in 60.
MAX_LIST_ITEM_WORDS = 30
# Content that only points past a colon to what was said: "released the following
# statement:", "tweeting the following:", "made these remarks:".
POINTS_AHEAD = re.compile(r"(?:the following|this|these|as follows)(?:\s+\w+)?", re.IGNORECASE)
# "…, North Korea's state-run KCNA news agency said.": the longest speaker phrase taken.
MAX_TAIL_SPEAKER_WORDS = 12
COORDINATORS = {"and", "but", "while", "whereas"}  # what joins one saying to the next
WH_TAGS = {"WDT", "WP", "WP$"}  # "which", "who", "whose": what opens a relative clause


@dataclass
class Draft:
    """An attribution found in one paragraph, before its source is resolved."""

    cue: Cue | None
    source: Mention | None
    content: list[tuple[int, int]]
    kind: str
    position: int  # character where it starts, to keep paragraph order
    quotes: list[Quote] = field(default_factory=list)
    confidence: float = 1.0  # for a learned cue, how sure the role tagger is
    said_last: bool = False  # its sentence ends "…, the agency said." (_said_at_the_end)


@dataclass
class Opened:
    """An attribution whose content follows in the next paragraphs ("He said:"): its
    paragraph, referent, id and kind. After "X, according to Y:" the claim before the
    colon is Y's, and only the list items that follow carry on."""

    index: int
    referent: Referent | None
    ident: str
    kind: str
    lists_only: bool = False


# Questions put to someone: "Asked about …", "Pressed on …", "Questioned about …".
PUT_TO_LEMMAS = {"ask", "press", "question"}
# "It seems …", "it appeared that …", "it's unclear whether …", "it turned out …": the "it"
# stands for nobody, and PolNeAR marks these with no source.
EXPLETIVE_LEMMAS = {"seem", "appear", "sound", "look", "be", "become", "remain", "turn"}


def _headline_speaker(label: Span, first_names: Container[str]) -> bool:
    """A headline's label names a speaker: a first name other articles know and the rest of
    a name ("Carly Fiorina", not "News Guide"), or people or a body by a noun ("Insiders",
    "Newspaper")."""
    name = len(label) > 1 and all(t.pos_ == "PROPN" and t.text.istitle() for t in label)
    if name and label[0].lower_ in first_names:
        return True
    last = label[-1]
    return last.pos_ == "NOUN" and (
        person_noun(last.lemma_.lower()) or last.lemma_.lower() in ORGANIZATION_NOUNS
    )


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _without(content: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    """The pieces of `content` with characters start..end taken out."""
    kept = []
    for a, b in content:
        kept += [(x, y) for x, y in ((a, min(b, start)), (max(a, end), b)) if x < y]
    return kept


def _end_before_joined_cues(doc: Doc, text: str, drafts: list[Draft]) -> None:
    """ "Khan said Trump was wrong and criticized him": the second cue is the sayer's
    (sources.saying_joined), so what the first says stops before its "and". `text` is
    doc.text."""
    by_head = {d.cue.head.i: d for d in drafts if d.cue is not None}
    for draft in drafts:
        saying = saying_joined(draft.cue.head) if draft.cue is not None else None
        outer = by_head.get(saying.i) if saying is not None else None
        if outer is None:
            continue
        verb = draft.cue.head
        first = conjunction_start(verb)
        start = doc[first - 1].idx + len(doc[first - 1].text) if first > 0 else 0
        last = verb.right_edge
        kept = _without(outer.content, start, last.idx + len(last.text))
        # Not the sentence's closing marks alone (the ".”" after the second cue's quote).
        outer.content = [(a, b) for a, b in kept if any(c.isalnum() for c in text[a:b])]


def _end_before_tail_speakers(drafts: list[Draft]) -> None:
    """ "Varga acknowledged that it was “creative accounting,” the Ledger reported.": each
    cue lies in what the other says, as the parse may hang "reported" inside the first claim;
    the one named after what it says holds the other, whose content stops where the outer
    claim does."""
    cued = [d for d in drafts if d.cue is not None and d.content]
    for outer in (d for d in cued if d.said_last):
        said_from = outer.cue.span.start_char
        claim_end = max(b for _, b in outer.content)
        for inner in cued:
            head = inner.cue.head.idx
            if inner is outer or not any(a <= head < b for a, b in outer.content):
                continue
            if any(a <= said_from < b for a, b in inner.content):
                sentence_end = outer.cue.head.sent[-1]
                inner.content = _without(
                    inner.content, claim_end, sentence_end.idx + len(sentence_end)
                )


def _end_before_coordinated_sayings(doc: Doc, drafts: list[Draft]) -> None:
    """ "Six in 10 said he is honest, and three-quarters said the same of her": the second
    saying, with a speaker of its own after "and", "but" or "while", is no part of what the
    first says, though the parse may hang it there."""
    cued = [d for d in drafts if d.cue is not None and d.content and d.source is not None]
    for inner in cued:
        first = min(inner.source.tokens)
        opener = first - 1
        if opener < 1 or doc[opener].lower_ not in COORDINATORS:
            continue
        cut_from = opener - 1 if doc[opener - 1].text == "," else opener
        start = doc[cut_from].idx
        end = max([b for _, b in inner.content] + [inner.cue.span.end_char])
        for outer in cued:
            if outer.cue.label is not None:
                continue  # a speaker's own words may hold sayings of their own
            if (
                outer is not inner
                and outer.cue.end <= first
                and any(a <= start < b for a, b in outer.content)
            ):
                outer.content = _without(outer.content, start, end)


def _quoted_before(part: Draft, whole: Draft) -> bool:
    """Whether every piece of `part` lies within a piece of what `whole`, a direct quote,
    says before its cue."""
    cue_start = whole.cue.span.start_char
    return (
        whole.kind == "direct"
        and bool(part.content)
        and all(
            end <= cue_start and any(a <= start and end <= b for a, b in whole.content)
            for start, end in part.content
        )
    )


def _title_quotes(doc: Doc, quotes: list[Quote]) -> list[tuple[Quote, range]]:
    """The quotes, with their tokens, that hold nothing but one title and follow no verb
    or colon ("said on CBS’ “Face the Nation.”", "the podcast “Here’s the Thing”"): a
    name in quotation marks, not speech. What a crowd chanted is speech, whatever the
    recogniser makes of it ("chanting “Build the wall!”", "one message: “Dump Trump”")."""
    found = []
    for quote in quotes:
        span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if span is None or span.start == 0:
            continue
        before = doc[span.start - 1]
        if before.pos_ in ("VERB", "AUX") or before.text == ":":
            continue
        words = [t for t in span if not (t.is_punct or t.is_space)]
        entities = {t.ent_type_ for t in words} | {t.ent_iob_ for t in words[1:]}
        if words and entities <= TITLE_ENTITIES | {"I"}:
            found.append((quote, range(span.start, span.end)))
    return found


def _finite(token: Token) -> bool:
    """A finite verb or a modal, which makes a clause of its own: what a label's speech
    has (unless quoted) and a list's entry lacks."""
    return token.tag_ in FINITE_TAGS or token.tag_ == "MD"


def _names_in_capitals(label: Span, resolver: Resolver) -> bool:
    """Whether a label's one word in capitals names someone: an acronym ("UN:", "FBI:"),
    or a person the article names ("PENCE:" of Mike Pence); not "BACKGROUND:", a heading."""
    word = label.text
    return len(word) <= MAX_ACRONYM_LETTERS or resolver.names.person(word) is not None


def _touched(quotes: list[Quote], content: list[tuple[int, int]]) -> Quotes:
    """The quotes that share a character with any piece of the content, in order."""
    found = {q for start, end in content for q in quotes_overlapping(quotes, start, end)}
    return Quotes(sorted(found, key=lambda q: q.start))


class _CuesByPlace:
    """Drafts with a cue, by where the cue starts in the paragraph (then by draft order)."""

    def __init__(self, doc: Doc, drafts: list[Draft]):
        self.cues = sorted(
            (doc[d.cue.start].idx, n, d) for n, d in enumerate(drafts) if d.cue is not None
        )
        self.starts = [c[0] for c in self.cues]

    def between(self, start: int, end: int) -> list[tuple[int, int, Draft]]:
        """(character, draft order, draft) of the cues that start in start..end."""
        return self.cues[bisect_left(self.starts, start) : bisect_left(self.starts, end)]


def _run_head(run: Span) -> Token:
    """The head of the tagger's source run: its root, or the name heading a phrase that the
    parser split into pieces hung from outside the run ("mused Blaze co-host Stu Burguiere",
    where "co", "-" and "Burguiere" are all objects of "mused")."""
    tops = [t for t in run if not run.start <= t.head.i < run.end or t.head.i == t.i]
    head = split_phrase_head(tops) or run.root
    if head.pos_ in NOMINALS:
        return head
    # Not a word like "in" or "The": the first noun the parse makes a phrase's head
    # ("U.S. District Court Judge Daniel Porter Jordan III, in the same courthouse,"), else
    # the last of a phrase it hung word by word from what follows ("The Sanders campaign
    # projects that …", "projects" read as a noun).
    heads = [t for t in tops if t.pos_ in NOMINALS and t.dep_ not in PHRASE_PARTS]
    return next(iter(heads), None) or next((t for t in reversed(tops) if t.pos_ in NOMINALS), head)


def _described_subject(cue: Cue, run: Mention, taken: set[int]) -> Mention | None:
    """The cue's subject, where the tagger's source run is only a description in apposition
    inside it: "The anchor for Univision, [a US Spanish-language channel,] was trying to
    ask"; not a name or an age there ("Mrs. Clinton[, 68,]")."""
    if run.head.dep_ != "appos" or run.head.head.i in run.tokens or run.head.pos_ != "NOUN":
        return None
    subject = find_source(cue, taken)
    if subject is None or not run.tokens < subject.tokens:
        return None
    return subject


def _holds_clause(doc: Doc, run: Mention) -> bool:
    """Whether a source run holds a clause: a verb with a subject, or an infinitive, whose
    head is outside the run ("[Graham, as a backer of the plan, is]", "[to be the next
    president]"); not a participle set off in it ("Mr. Daniloff, now 81 and retired")."""
    for i in run.tokens:
        verb = doc[i]
        if verb.pos_ not in ("VERB", "AUX") or (verb.head.i in run.tokens and verb.dep_ != "ROOT"):
            continue
        if verb.tag_ == "VB" or any(c.dep_ in SUBJECT_DEPS for c in verb.children):
            return True
    return False


def _clause_run_source(
    doc: Doc, cue: Cue, run: Mention, taken: set[int], quotes: list[Quote]
) -> Mention:
    """A tagger's source run that holds a clause: for a noun the copula's subject ("[Graham,
    as a backer of the plan, is] its most outspoken proponent"), else the cue's subject in
    the parse, unless quoted ("Trump, who is vying [to be the next president], tweeted"),
    else for a relative clause the one it describes, else the run as it is."""
    if cue.head.pos_ == "NOUN" and cue.head.dep_ == "attr":
        verb = cue.head.head
        subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is not None:
            return Mention(mention_tokens(subject, taken), subject)
    found = find_source(cue, taken)
    if found is None or not _has_words(doc, found):
        # A relative clause alone ("the cleric Yusuf al-Rashidi[, who died] in 2011, is shown
        # lecturing"): the one it describes.
        relative = next((doc[i] for i in run.tokens if doc[i].dep_ == "relcl"), None)
        if relative is None or relative.head.i in run.tokens or relative.head.i in taken:
            return run
        return Mention(mention_tokens(relative.head, taken), relative.head)
    quoted = quote_around(quotes, found.head.idx, found.head.idx + 1) is not None
    return run if quoted else found


def _name_just_before(doc: Doc, cue: Cue) -> Mention | None:
    """The person named right before a verb the parse gave no subject: in "… and tenants
    advocate Josh Matlow told HuffPost …" the parser took "advocate" for a verb."""
    verb = cue.head
    if cue.label is not None or cue.according_to or verb.pos_ != "VERB" or not cue.start:
        return None
    if any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return None
    name = next((e for e in doc.ents if e.end == cue.start and e.label_ == "PERSON"), None)
    if name is None:
        return None
    start = name.start  # with the words that title the name: "former president Bill Clinton"
    while start and name.start - start < MAX_TITLE_WORDS and _may_title(doc[start - 1]):
        start -= 1
    if start and doc[start - 1].lower_ in ("and", "or", ","):
        return None  # one of a list ("Obama and Clinton call"): not the whole source
    return Mention(set(range(start, name.end)), name.root)


def _said_at_the_end(doc: Doc, cue: Cue) -> tuple[set[int], Mention] | None:
    """ "Kim left for China on Monday, accompanied by …, the KCNA news agency said.", "That
    is a problem for all of us, argued Palvetzian.": a verb of saying that ends its sentence
    next to a noun phrase, after a comma, says the clause before the comma, and the phrase
    says it. Only where the parse gave the verb no clause (in a long sentence it may take
    "said" for a second verb of the first clause and the speaker for a word of a list), and
    a speaker after it no subject ("argued" a second verb and the speaker its object); not
    after "and" ("…, and the agency responded.")."""
    verb = cue.head
    if cue.label is not None or cue.according_to or verb.pos_ != "VERB" or verb.i != cue.end - 1:
        return None
    if verb.lemma_.lower() not in SPEECH_LEMMAS or verb.dep_ in CLAUSE_DEPS:
        return None
    if any(c.dep_ in CLAUSE_DEPS for c in verb.children):
        return None  # the parse found what was said
    sentence = verb.sent
    words = [t.i for t in doc[cue.end : sentence.end] if not t.is_space]
    end = len(words)
    while end and doc[words[end - 1]].is_punct:
        end -= 1
    if not words or doc[words[-1]].text not in (".", "!"):
        return None
    if end and set(words[:end]) <= _occasions_after(verb):
        end = 0  # "…, the agency said on Tuesday.": when it said it, the speaker before
    if end:  # the speaker after the verb: "…, argued Palvetzian."
        if any(c.dep_ in SUBJECT_DEPS for c in verb.children):
            return None  # "Merkel, who …, warned against …": the parse found who
        comma = cue.start - 1
        speaker = range(cue.end, words[end - 1] + 1)
        if comma <= sentence.start or doc[comma].text != ",":
            return None
    else:  # before it: "…, the agency said."
        if not _finite(verb):
            return None  # "…, a plan announced earlier this year.": the plan was announced
        commas = (i for i in range(cue.start - 1, sentence.start, -1) if doc[i].text == ",")
        comma = next(commas, None)
        if comma is None:
            return None
        first = comma + 1
        if first < cue.start and doc[first].is_quote:
            first += 1  # '…, “creative accounting,” the Ledger reported.': the quote closes
        speaker = range(first, cue.start)
    phrase = doc[speaker.start : speaker.stop]
    if not 0 < len(phrase) <= MAX_TAIL_SPEAKER_WORDS or phrase[0].pos_ == "CCONJ":
        return None
    if phrase[0].tag_ in WH_TAGS:
        return None  # "…, which the founder announced this year.": what was announced
    if not any(t.pos_ in ("NOUN", "PROPN", "PRON") for t in phrase):
        return None
    if any(_finite(t) or (t.is_punct and t.text != "-") for t in phrase):
        return None  # a clause of its own, or a list
    claim = [i for i in range(sentence.start, comma) if not doc[i].is_space]
    if len(claim) < 4 or not any(doc[i].pos_ in ("VERB", "AUX") for i in claim):
        return None
    head = max((t for t in phrase if t.pos_ in NOMINALS), key=lambda t: t.i)
    if end and (
        verb.tag_ != "VBD"
        or head.pos_ != "PROPN"
        or verb.lemma_.lower() in TELLING
        or any(t.pos_ == "ADP" for t in phrase)
    ):
        # "…, declared bankruptcy.", "…, calling for his dismissal.": what was said;
        # "…, told AFP in an interview.": whom.
        return None
    return set(claim), Mention(set(speaker), head)


def _occasions_after(verb: Token) -> set[int]:
    """The tokens of the phrases after a verb that say when or where it was said: "on
    Tuesday", "in a statement", "Monday"."""
    return {
        t.i
        for child in verb.rights
        if when_or_where_said(child)
        or (child.dep_ == "npadvmod" and child.ent_type_ in ("DATE", "TIME"))
        for t in child.subtree
    }


def _phrase_before(doc: Doc, index: int) -> Mention | None:
    """The noun phrase that ends just before a token: "MSNBC" of "MSNBC, for one, did"."""
    noun = doc[index - 1] if index else None
    if noun is None or noun.pos_ not in ("NOUN", "PROPN", "PRON"):
        return None
    return Mention({i for i in mention_tokens(noun, set()) if i < index}, noun)


NOMINALS = {"NOUN", "PROPN", "PRON", "NUM"}
PHRASE_PARTS = {"det", "compound", "amod", "poss", "nummod", "nmod", "case", "punct"}
DATE_WORDS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "today", "yesterday", "tomorrow", "tonight", "day", "days", "week",
    "weeks", "weekend", "month", "months", "year", "years", "morning", "afternoon", "evening",
    "night", "last", "next", "this", "ago", "earlier", "later", "recent",
}  # fmt: skip


def _has_words(doc: Doc, source: Mention | None) -> bool:
    """Whether a source names anything: a misparse can leave a lone comma or dash, the
    tagger a lone "of" or a day ("condemned Wednesday’s attack, saying …")."""
    return source is not None and any(
        not (doc[i].is_punct or doc[i].is_space or doc[i].pos_ in FUNCTION_POS or _when(doc[i]))
        for i in source.tokens
    )


def _when(token: Token) -> bool:
    """A word of a date or time: "Wednesday", "last week", "in March" (not "Stumpf", which
    the recogniser ran into "Last week Stumpf")."""
    return token.ent_type_ in WHEN_ENTITIES and (
        token.like_num or token.lower_.rstrip(".") in DATE_WORDS
    )


def _may_title(token: Token) -> bool:
    """A word of a title or role before a name: "former", "president", "Sen."."""
    return token.pos_ in ("NOUN", "ADJ", "PROPN") and not token.ent_type_ and not token.is_punct


def _tells_of(doc: Doc, referent: Referent | None) -> bool:
    """Whether a paragraph names the person outside quotes, as the article's own words do
    of someone ("Mr Obama lands in Kenya later on Friday"), not as that person speaking."""
    if referent is None or referent.type != "named_person" or " " not in referent.name:
        return False
    surname = referent.name.split()[-1]
    quotes = find_quotes(doc)
    return any(t.text == surname and quote_around(quotes, t.idx, t.idx + 1) is None for t in doc)


def _drop_pointers_ahead(text: str, drafts: list[Draft]) -> None:
    """Content that only points past a colon is none: what follows is. At the paragraph's
    end the next paragraphs carry it ("He made the following comment:"); otherwise its
    other pieces stay ("issued this statement: “We grieve.”"). A pointer followed by words
    that the draft's content leaves out stays, as content is better than none."""
    for draft in drafts:
        last = draft.content[-1][1] if draft.content else 0
        kept = [
            (a, b)
            for a, b in draft.content
            if not (
                POINTS_AHEAD.fullmatch(text[a:b])
                and text[b:].lstrip(" ").startswith(":")
                and (b < last or not text[b:].strip(" \n:"))
            )
        ]
        draft.content = kept


def _description_after(doc: Doc, content: set[int]) -> set[int]:
    """The outlet's own description that ends an object after a comma: a relative clause
    ("praised the plan, which includes a tax cut") or an apposition ("likened RT to the
    BBC, which receives public money", "backed Rep. Beyer, a former envoy"). PolNeAR leaves
    it out of what the source said of the object."""
    if not content:
        return set()
    last = max(content)
    for i in sorted(content):
        token = doc[i]
        comma = token.left_edge.i - 1
        if token.right_edge.i < last or comma not in content or doc[comma].text != ",":
            continue
        relative = token.dep_ == "relcl" and doc[token.left_edge.i].lower_ in ("which", "who")
        # Not the next items of a list: "calls him a good player, a great kid and a leader".
        after = doc[token.right_edge.i + 1] if token.right_edge.i + 1 < len(doc) else None
        listed = any(c.dep_ in ("cc", "conj") for c in token.children) or (
            after is not None and after.lower_ in ("and", "or")
        )
        # Nor words the source is quoted in: "called Clinton, his rival, an ISIS “co-founder”".
        if any(doc[j].is_quote for j in range(comma, last + 1)):
            continue
        # A name beside a title is who, not a description: "the Fed's chair, Janet Yellen".
        described = token.dep_ == "appos" and token.pos_ != "PROPN"
        if relative or (described and token.head.i in content and not listed):
            return set(range(comma, last + 1))
    return set()


def _says_across(doc: Doc, draft: Draft, between: range, addressed: Collection[int] = ()) -> bool:
    """Whether a draft's cue is a verb of saying with a source, and nothing lies between it
    and a quote but that source, those it addresses and punctuation."""
    if draft.cue.head.lemma_.lower() not in SPEECH_LEMMAS or draft.source is None:
        return False
    passed = draft.source.tokens.union(addressed)
    return all(k in passed or doc[k].is_punct for k in between)


def _short(doc: Doc) -> bool:
    return sum(not t.is_punct and not t.is_space for t in doc) <= MAX_LIST_ITEM_WORDS


def _gap_is_blank(text: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    return not text[a[1] : b[0]].strip(" ,")


def _post_before(doc: Doc, dash: int) -> range:
    """The embedded post a byline signs: from the paragraph's start, or the end of the markup
    that opens it (`<tweet …>`), to the dash, without the links it ends with."""
    start = max((t.i + 1 for t in doc[:dash] if t.text.endswith(">")), default=0)
    end = dash
    while end > start and (
        doc[end - 1].like_url or doc[end - 1].is_space or "/" in doc[end - 1].text
    ):
        end -= 1
    return range(start, end)


def _signs_above(doc: Doc, draft: Draft) -> bool:
    """A byline that opens its paragraph, "— Name (@handle) June 5": it signs the post in
    the paragraph above, as a page's embedded post comes out of the article's markup."""
    cue = draft.cue
    return (
        cue is not None
        and cue.post
        and not draft.content
        and all(t.is_space for t in doc[: cue.start])
    )


def _signed_post(doc: Doc) -> Draft | None:
    """The whole paragraph as a post its next paragraph signs, without the links it ends
    with; None for a paragraph of links alone."""
    content = pieces(doc, _post_before(doc, len(doc)))
    if not content:
        return None
    return Draft(cue=None, source=None, content=content, kind="direct", position=-1)


def _cue_side(
    doc: Doc,
    run: tuple[int, int],
    cue: tuple[int, int],
    quotes: list[Quote],
    semicolons: list[int],
) -> tuple[int, int]:
    """The part of a tagged content run on the cue's side of every semicolon between two
    clauses (one that hangs from a verb) outside quotes; empty if the run lies wholly
    beyond one. As for the rules' content (content._beyond_semicolon), "A proposes X; B
    backs Y" is two statements, and Y is not what A proposes. `semicolons`: the
    paragraph's, in order (looked up, not searched for: a paragraph can hold a thousand
    runs)."""
    start, end = run
    low, high = min(start, cue[0]), max(end, cue[1])
    for i in semicolons[bisect_left(semicolons, low) : bisect_left(semicolons, high)]:
        token = doc[i]
        if token.head.pos_ not in ("VERB", "AUX"):
            continue
        if quote_around(quotes, token.idx, token.idx + 1):
            continue
        if token.i < cue[0]:
            start = max(start, token.i + 1)
        else:
            end = min(end, token.i)
    return start, end


def _places_only(label: Span) -> bool:
    """Whether the words before a colon name places only: "Washington, DC, United States",
    "MOSCOW"."""
    words = [t for t in label if not t.is_punct]
    return bool(words) and all(t.ent_type_ in ("GPE", "LOC") for t in words)


def _counts_a_quantity(draft: Draft) -> bool:
    """A verb of rising or falling by an amount says nothing: "The index declined 0.3%",
    "Gallinari added 25 points"; not "declined to comment", nor "added that …"."""
    if draft.cue is None or draft.cue.head.lemma_.lower() not in CHANGE_LEMMAS:
        return False
    for child in draft.cue.head.rights:
        if child.dep_ not in ("dobj", "npadvmod"):
            continue
        counted = any(c.dep_ == "nummod" for c in child.children)
        if child.ent_type_ in AMOUNTS or child.like_num or counted:
            return True
    return False


def _near_cue(doc: Doc, run: tuple[int, int], sentence: Span, quotes: list[Quote]) -> bool:
    """Whether a tagged content run can be what the cue says: in the cue's `sentence`, or in
    a quote. Words of another sentence outside quotes are the tagger's slip: "… in a first
    half for the Thunder. Gallinari added 25 points …" says nothing of that half."""
    if run[1] > sentence.start and run[0] < sentence.end:
        return True
    first, last = doc[run[0]], doc[run[1] - 1]
    return quote_around(quotes, first.idx, last.idx + len(last)) is not None


class AttributionEngine:
    """Finds attributions in an article.

    `analyze(docs)` takes one parsed Doc per paragraph, in order, and returns
    (per-paragraph lists of attributions in the contract's shape, the article's roster
    of sources as {"id", "name", "type"} dicts).
    """

    def __init__(self, nlp: Language, data: Path = ATTRIBUTION_DATA):
        self.nlp = nlp
        self.cues = CueFinder(nlp, data)
        genders = data / GENDERS_FILE
        self.genders = json.loads(genders.read_text("utf-8")) if genders.is_file() else {}
        self.calibrator = Calibrator.load()
        # "READ MORE: Mayor says …" heads a link to another article, not this one's sourcing;
        # "WATCH: Police warn of …" one to a video.
        self.promo = Matcher(nlp.vocab)
        colon = {"ORTH": ":"}
        promos = [
            [{"LOWER": "read"}, {"LOWER": "more"}, colon],
            [{"LOWER": "also"}, {"LOWER": "read"}, colon],
            [{"LOWER": "see"}, {"LOWER": "also"}, colon],
            [{"LOWER": "related"}, colon],
            [{"LOWER": "watch"}, colon],
        ]
        self.promo.add("PROMO", promos)
        # A promo opens its paragraph: the Matcher need read no further than the longest.
        self.promo_length = max(len(promo) for promo in promos)
        # "WOODSIDE, Calif. — ", "NEW YORK (AP) — ": a dateline is the outlet's, not what
        # anyone said.
        self.dateline = Matcher(nlp.vocab)
        place = [
            {"TEXT": {"REGEX": r"^[A-Z][A-Z.'’]+$"}},
            {"TEXT": {"REGEX": r"^[A-Z.'’]+$"}, "OP": "*"},
        ]
        state = [{"ORTH": ","}, {"IS_TITLE": True}]
        agency = [{"ORTH": "("}, {"IS_ALPHA": True}, {"ORTH": ")"}]
        dash = [{"ORTH": {"IN": ["—", "―", "–", "-", "--"]}}]
        self.dateline.add(
            "DATELINE",
            [place + middle + dash for middle in ([], state, agency, state + agency)],
            greedy="LONGEST",
        )

    def analyze(
        self, docs: list[Doc], texts: list[str] | None = None
    ) -> tuple[list[list[dict]], list[dict]]:
        """`texts` are the docs' texts, for a caller that has them: spaCy joins doc.text
        anew on every access."""
        texts = [text_of(doc) for doc in docs] if texts is None else texts
        drafts = [self.paragraph(doc, text) for doc, text in zip(docs, texts, strict=True)]
        resolver = Resolver(docs, self.genders, texts)
        results: list[list[dict]] = []
        # The last speaker: paragraph index, referent, and the attribution with a cue that
        # a quote carrying on that speaker continues.
        last_speaker: tuple[int, Referent, str] | None = None
        last_mention: tuple[int, Mention] | None = None  # where the speaker was last named
        number = 0  # attribution ids are unique across the article
        opened: Opened | None = None  # "He said:", carrying into the next paragraphs
        known: dict[str, dict[str, float]] = {}  # each attribution's calibrator features
        # Bylines under an embedded post, by paragraph, and the id each post was given.
        bylines = {
            index: next((d for d in found if _signs_above(doc, d)), None)
            for index, (doc, found) in enumerate(zip(docs, drafts, strict=True))
            if index > 0
        }
        signed: dict[int, str] = {}
        for index, (doc, text, found) in enumerate(zip(docs, texts, drafts, strict=True)):
            carried = opened is not None and self._carried(
                doc, found, opened, index, docs[opened.index + 1 : index]
            )
            if carried:
                found = carried
            else:
                opened = None
            attributions = []
            byline = bylines.get(index + 1)
            post = _signed_post(doc) if byline is not None else None
            if byline is not None and post is not None:
                # The post's writer, named in the next paragraph.
                referent = resolver.resolve(docs[index + 1], byline.source, index + 1)
                resolver.signed_by(index, referent)
                number += 1
                ident = signed[index + 1] = f"a{number}"
                attributions.append(self._to_dict(text, doc, post, referent, ident, None))
                # As sure as its byline: PolNeAR has no posts to say how cue-less ones fare.
                known[ident] = features(docs[index + 1], byline, referent)
            for draft in found:
                if not self._credible_label(doc, draft, resolver, headline=index == 0):
                    continue
                referent, continues = None, None
                if draft.source is not None:
                    referent = resolver.resolve(doc, draft.source, index, draft.content)
                    last_mention = (index, draft.source)
                    if draft is bylines.get(index):
                        continues = signed.get(index)  # the post above, if it had words
                elif draft.cue is None and carried:  # after "He said:", his
                    referent, continues = opened.referent, opened.ident
                elif draft.cue is None:  # a quote carrying on the last speaker
                    if last_speaker is None or index - last_speaker[0] > MAX_CARRY_PARAGRAPHS:
                        continue
                    _, referent, continues = last_speaker
                    if last_mention is not None and last_mention[0] == index:
                        draft.source = last_mention[1]  # named in this paragraph: point there
                if draft.source is None and referent is not None:
                    resolver.carried(referent, index, draft.position)
                if referent is not None and draft.kind in ("direct", "mixed"):  # in own words
                    referent.quoted = index
                for part in self._interrupted(draft):
                    number += 1
                    ident = f"a{number}"
                    if referent is not None:
                        last_speaker = (index, referent, continues or ident)
                    attribution = self._to_dict(text, doc, part, referent, ident, continues)
                    known[ident] = features(doc, part, referent)
                    attributions.append(attribution)
                    continues = continues or ident  # a second piece carries on the first
                    if not part.content and draft is not bylines.get(index):
                        opened = Opened(index, referent, ident, part.kind)
                    elif self._according_to_before_list(doc, part):
                        opened = Opened(index, referent, ident, part.kind, lists_only=True)
            results.append(attributions)
        self._drop_unfilled(results)
        self._drop_repeated(results)
        for attribution in (a for found in results for a in found):  # the kept ones only
            attribution["confidence"] = self.calibrator(known[attribution["id"]])
        # A name may have grown since its first rows ("Court", then "Supreme Court").
        names = {r.id: r.name for r in resolver.referents}
        for attribution in (a for found in results for a in found if a["source"]):
            attribution["source"]["name"] = names[attribution["source"]["source_id"]]
        roster = [{"id": r.id, "name": r.name, "type": r.type} for r in resolver.referents]
        return results, roster

    @staticmethod
    def _carried(
        doc: Doc,
        found: list[Draft],
        opened: Opened,
        index: int,
        carried_before: list[Doc],
    ) -> list[Draft]:
        """A paragraph after "He said:" is his until an attribution with a cue of its own:
        the next paragraph, and the list items after it, marked or a run of short
        paragraphs (`carried_before` are those since "He said:"). Empty when the carry
        has ended. Right after "He wrote:", a verb that reports no speech ("She knows
        nothing", "I think …") is inside what he wrote: the paragraph is still his."""
        root_index, kind = opened.index, opened.kind
        cued = [d for d in found if d.cue is not None]
        inside = index - root_index == 1 and all(d.kind == "other" for d in cued)
        if (cued and not inside) or _tells_of(doc, opened.referent):
            return []
        if opened.lists_only and not LIST_ITEM.match(text_of(doc)):
            return []
        if index - root_index > 1 and not (
            LIST_ITEM.match(text_of(doc)) or all(map(_short, [*carried_before, doc]))
        ):
            return []
        if found and not cued:  # quotes standing alone
            return found
        marker = LIST_ITEM.match(text_of(doc))
        after = marker.end() if marker else 0  # the item's words, not its number or bullet
        content = pieces(doc, (t.i for t in doc if t.idx >= after))
        return [Draft(None, None, content, kind, content[0][0])] if content else []

    @staticmethod
    def _drop_unfilled(results: list[list[dict]]) -> None:
        """ "He said:" with nothing after it is no attribution."""
        continued = {a["continues"] for found in results for a in found}
        for found in results:
            # A byline signing the post above carries that post on: it stays.
            found[:] = [a for a in found if a["content"] or a["id"] in continued or a["continues"]]

    @staticmethod
    def _drop_repeated(results: list[list[dict]]) -> None:
        """A quote given twice to one speaker's thread is shown once: the second piece of a
        learned cue's "“A,” she said. “B”" is also a floating quote carried on to her."""
        for found in results:
            seen = set()
            kept = []
            for attribution in found:
                thread = attribution["continues"] or attribution["id"]
                pieces = tuple((c["start"], c["end"]) for c in attribution["content"])
                if (thread, pieces) not in seen:
                    seen.add((thread, pieces))
                    kept.append(attribution)
            found[:] = kept

    @staticmethod
    def _interrupted(draft: Draft) -> list[Draft]:
        """ "“A,” he said, “B”" and "A, she said, B": one attribution, whose second piece is
        emitted as its own, carrying on the first (GGT counts each piece as a quote; PolNeAR
        joins them). Unquoted pieces are split only when each is a clause of its own, with
        a verb: in "Police, Sinclair says, have no policies" the first is the subject."""
        cue = draft.cue
        if cue is None or cue.label is not None:
            return [draft]
        doc = cue.head.doc
        start, end = cue.span.start_char, cue.span.end_char
        before = [c for c in draft.content if c[1] <= start]
        after = [c for c in draft.content if c[0] >= end]
        if not before or not after or len(before) + len(after) != len(draft.content):
            return [draft]

        def quoted(content: list[tuple[int, int]]) -> bool:
            return all(any(q.contains(*c) for q in draft.quotes) for c in content)

        def clause(content: list[tuple[int, int]]) -> bool:
            return any(
                t.pos_ in ("VERB", "AUX") for a, b in content for t in doc.char_span(a, b) or ()
            )

        if quoted(before) and quoted(after):
            kind = "direct"
        elif not draft.quotes and clause(before) and clause(after):
            kind = draft.kind
        else:
            return [draft]
        second = replace(draft, cue=None, content=after, kind=kind, position=after[0][0])
        return [replace(draft, content=before), second]

    @staticmethod
    def _credible_label(doc: Doc, draft: Draft, resolver: Resolver, headline: bool = False) -> bool:
        """A "Name:" label speaks when it names someone or a document; "WATCH:" and
        "ANALYSIS:" are headings. A headline's label may name someone the article itself
        doesn't ("Carly Fiorina: …") or people by a noun ("Insiders: …", "Newspaper: …"),
        and only a headline's may say whom it addresses ("Clinton to Planned Parenthood: …").
        A colon the role tagger took for a cue, its source just before, is judged alike."""
        if draft.cue is None or draft.cue.head.text != ":":
            return True
        if draft.cue.label is not None:
            start, end = draft.cue.label
        elif (
            draft.source is not None and max(draft.source.tokens, default=-2) + 1 == draft.cue.start
        ):
            start, end = min(draft.source.tokens), draft.cue.start  # the tagger's label
        else:
            return True
        label = doc[start:end]
        if end < len(doc) and doc[end].lower_ in ADDRESSING and not headline:
            return False  # "Paris on a budget: …" in an article is a subhead
        if label.text in resolver.transcript_speakers:
            return True  # "JAKE TAPPER:", then "TAPPER:"
        places = doc[start : draft.cue.start]
        if _places_only(places) and (not headline or any(t.text == "," for t in places)):
            # A dateline or a list's heading, "Washington, DC, United States: …", "Iowa:
            # Tim Albrecht, …"; a headline's country may speak: "Russia: …".
            return False
        if label.text in INTERVIEW_LABELS:
            return resolver.interview  # "Q: …" and "A: …", not a list's "A: …" alone
        if start > 1 and len(label) == 1 and label.text.isupper():
            return True  # a transcript's line after another's words: "… taxes. SANDERS: “…”"
        if len(label) == 1 and label.text.isupper() and not _names_in_capitals(label, resolver):
            return False
        said = [t for t in doc[draft.cue.end :] if not (t.is_space or t.is_punct)]
        if said and all(t.like_num for t in said):
            return False  # a tally: "Clinton: 1,769."
        quoted = any(t.is_quote for t in doc[draft.cue.end :])
        if said and not (headline or quoted or any(map(_finite, said))):
            return False  # a list's entry: "Jane A. Doe: Possession of a stolen vehicle, …"
        titled = label[0].lower_.rstrip(".") in TITLES
        named = resolver.names.person(label.text) is not None
        # "JAPAN PMI:", "ANALYSIS:" (whatever the recogniser says): headings; a transcript
        # labels one speaker, "PENCE:".
        common = label[0].tag_ in ("NN", "NNS") and not named
        if label.text.isupper() and not titled and (len(label) > 1 or common):
            return False
        if titled:
            return True  # "MR. SMITH:"
        if any(t.ent_type_ in NAMED_ENTITIES for t in label):
            return True
        if headline and _headline_speaker(label, resolver.names.first_names):
            return True
        return label[-1].lemma_.lower() in SPEAKING_DOCUMENTS or named

    # ---- one paragraph ------------------------------------------------------------------

    def paragraph(self, doc: Doc, text: str | None = None) -> list[Draft]:
        """The rules' attributions, plus those of the role tagger (when the pipeline has
        it) whose cue the rules missed, if it is sure enough of the cue and found a source.
        Measured on PolNeAR dev, this beats either alone (see the README). `text` is
        doc.text, for a caller that has it already."""
        deadline.check()
        text = text_of(doc) if text is None else text
        # Every promo has a colon: without one, the Matcher (a pass over the paragraph's
        # annotations) need not run.
        if ":" in text and any(start == 0 for _, start, _ in self.promo(doc[: self.promo_length])):
            return []
        quotes = find_quotes(doc, text)
        drafts = self._rule_drafts(doc, text, quotes)
        tags = role_tags(doc)
        if tags is not None:
            drafts = self._with_learned(doc, text, tags, quotes, drafts)
        self._after_dateline(doc, drafts)
        _drop_pointers_ahead(text, drafts)
        return [d for d in drafts if not _counts_a_quantity(d)]

    def _after_dateline(self, doc: Doc, drafts: list[Draft]) -> None:
        """Content that opens the paragraph starts after its dateline, if it has one."""
        if not any(c[0] == 0 for d in drafts for c in d.content[:1]):
            return
        ends = [end for _, start, end in self.dateline(doc[:DATELINE_LENGTH]) if start == 0]
        if not ends or max(ends) >= len(doc):
            return
        after = doc[max(ends)].idx
        for draft in drafts:
            trimmed = [(max(a, after), b) for a, b in draft.content if b > after]
            draft.content = trimmed if trimmed else draft.content

    def _with_learned(
        self, doc: Doc, text: str, tags: list[str], quotes: list[Quote], drafts: list[Draft]
    ) -> list[Draft]:
        """The rules' drafts and the tagger's whose cue the rules missed, in order."""
        taken = {i for d in drafts if d.cue is not None for i in range(d.cue.start, d.cue.end)}
        learned = [
            draft
            for draft in self._learned_drafts(doc, text, tags, quotes, taken)
            if _has_words(doc, draft.source) and self._sure_enough(draft, quotes)
        ]
        # A quote the rules left without a cue, that is just what a learned cue says, is that
        # cue's: "… SANDERS: “…”" is one attribution, not also a floating quote. So is one
        # that is part of the quotes it gives before the cue ("“A,” the patient described.
        # “B”"): carried on, it would go to whoever spoke before. (A quote after the cue
        # that is only part of it stays apart, continuing it, as GGT counts quotes.)
        kept = []
        for draft in drafts:
            holder = draft.cue is None and next(
                (d for d in learned if d.content == draft.content or _quoted_before(draft, d)),
                None,
            )
            if not holder:
                kept.append(draft)
                continue
            holder.quotes += draft.quotes
            if holder.content == draft.content:
                holder.kind = "direct"  # all it says is the quote
        return sorted(kept + learned, key=lambda d: d.position)

    def _sure_enough(self, draft: Draft, quotes: list[Quote]) -> bool:
        """Whether the tagger, with the cue model where that judges the cue's head, is sure
        enough of a learned cue."""
        model = self.cues.model_probability(draft.cue.head, quotes)
        if model is None:
            return draft.confidence >= MIN_LEARNED_CUE_CONFIDENCE
        return (
            draft.confidence >= MIN_LEARNED_VERB_CONFIDENCE
            and model >= MIN_LEARNED_VERB_MODEL_PROBABILITY
        )

    def _learned_drafts(
        self,
        doc: Doc,
        text: str,
        tags: list[str],
        quotes: list[Quote],
        rule_cues: Collection[int] = (),
    ) -> list[Draft]:
        """The role tagger's attributions, less those whose cue shares a token with
        `rule_cues` (the tokens of the rules' cues): there the rules' attribution stands."""
        drafts = []
        semicolons = [t.i for t in doc if t.text == ";"] if ";" in text else []
        for found in decode(doc, tags):
            if not found.content:
                continue
            start, end = found.cue
            if any(i in rule_cues for i in range(start, end)):
                continue
            cue_span = doc[start:end]
            if is_set_phrase(cue_span.root):
                continue
            if quote_around(quotes, cue_span.start_char, cue_span.start_char + 1):
                continue  # as for the rules: words inside a quote are the quoted speaker's
            cue = Cue(cue_span.root, start, end, according_to=cue_span[0].lower_ == "according")
            runs = [_cue_side(doc, run, found.cue, quotes, semicolons) for run in found.content]
            sentence = cue.head.sent  # once for the cue's runs
            runs = [r for r in runs if r[0] < r[1] and _near_cue(doc, r, sentence, quotes)]
            if not runs:
                continue
            taken = set(range(start, end)).union(*(range(a, b) for a, b in found.content))
            if found.source is not None:
                source = self._whole_source(doc, *found.source, taken, cue_span)
                if _holds_clause(doc, source):
                    source = _clause_run_source(doc, cue, source, taken, quotes)
                source = _described_subject(cue, source, taken) or source
            else:
                # The tagger marked no source: the parse's subject of the cue, as for a rule's.
                source = find_source(cue, taken)
                if source is not None and not _has_words(doc, source):
                    source = _phrase_before(doc, min(source.tokens))
            content = [(doc[a].idx, doc[b - 1].idx + len(doc[b - 1])) for a, b in runs]
            touched = _touched(quotes, content)
            if cue.according_to:
                kind = "according_to"
            elif all(quote_around(quotes, a, b) for a, b in content):
                kind = "direct"
            elif cue.head.lemma_.lower() in SPEECH_LEMMAS and any(
                len(text[q.start : q.end].split()) >= MIN_FLOATING_WORDS for q in touched
            ):
                kind = "mixed"
            else:
                # What the rules miss is mostly beliefs, plans and feelings (PolNeAR's broad
                # sense), not reported speech; a scare quote or title doesn't make it speech
                # ("an app called “Screenwise Meter”").
                kind = "other"
            position = min(cue_span.start_char, content[0][0])
            drafts.append(
                Draft(cue, source, sorted(content), kind, position, touched, found.confidence)
            )
        return sorted(drafts, key=lambda d: d.position)

    @staticmethod
    def _whole_source(doc: Doc, start: int, end: int, exclude: set[int], cue: Span) -> Mention:
        """The tagger's source run, unless it starts inside a phrase, on a preposition or
        conjunction: "[of people] in a poll" is the whole phrase its word hangs from ("Some 20
        percent of people in a poll"), "[from Ann Lee]" the words after it. A run of one
        determiner, possessive mark or comma is the phrase it belongs to: "[The] country",
        "the mayor[’s]", "her rival[,] Ann Lee"; a lone comma or dash hanging from a verb, the
        noun phrase just before it: "MSNBC[,] for one, did". A run that starts on a
        possessive mark takes in its owner: "NASA[’s Galileo probe]". A run that starts a
        relative clause on its subject is the pronoun if the cue is in that clause ("Ann
        Lee, [who ran the agency] and believes"), else the phrase the clause hangs from
        ("Ann Lee, [who was elected in 2014,] doesn't see")."""
        start, end = whole_run(doc, start, end)
        first = doc[start]
        clause = first.head
        relative = first.lower_ in RELATIVE_PRONOUNS and first.dep_ in ("nsubj", "nsubjpass")
        relative = relative and clause.dep_ == "relcl" and clause.pos_ in ("VERB", "AUX")
        if relative and start < clause.i < end:
            if cue.root.i in subtree(clause):
                antecedent = relative_antecedent(clause.head, first)
                return Mention({start}, first, antecedent=antecedent)
            noun = clause.head
            return Mention(mention_tokens(noun, exclude) | set(range(start, end)), noun)
        if end - start > 1 and first.dep_ == "case" and first.head.i < start:
            start = min(mention_tokens(first.head, exclude) | {start})
            first = doc[start]
        head = first.head
        lone_mark = end - start == 1 and (first.dep_ in ("det", "case") or first.is_punct)
        lone_mark = lone_mark and head.i != start
        if lone_mark and head.pos_ in ("NOUN", "PROPN"):
            tokens = mention_tokens(head, exclude) & set(range(head.left_edge.i, head.i + 1))
            if tokens:
                return Mention(tokens, head)
        if end - start == 1 and first.is_punct:  # "the United States[ --] to resist"
            return _phrase_before(doc, start) or Mention({start}, first)
        if end - start < 2 or first.pos_ not in ("ADP", "CCONJ"):
            run_head = _run_head(doc[start:end])
            end = min([end] + [i for i in when_after(run_head) if i > run_head.i])  # "in 2009"
            return Mention(set(range(start, end)), run_head)
        if head.i < start and head.pos_ in NOMINALS:
            tokens = mention_tokens(head, exclude)
            if set(range(start, end)) <= tokens:
                return Mention(tokens, head)
        return Mention(set(range(start + 1, end)), _run_head(doc[start + 1 : end]))

    def _rule_drafts(self, doc: Doc, text: str, quotes: list[Quote]) -> list[Draft]:
        drafts = []
        for cue in self.cues.find(doc, quotes, text):
            inside = quote_around(quotes, cue.head.idx, cue.head.idx + 1)
            if inside is not None and cue.label is None and not self._nested(cue, inside, text):
                continue  # words inside a quote are the quoted speaker's, not a cue of ours
            draft = self._draft(doc, cue, quotes)
            if draft is not None:
                drafts.append(draft)
        self._place_quotes(doc, text, quotes, drafts)
        _end_before_joined_cues(doc, text, drafts)
        _end_before_tail_speakers(drafts)
        _end_before_coordinated_sayings(doc, drafts)
        # A cue with nothing said, and no quote to take, is not an attribution, unless what
        # it says follows in the next paragraph ("He said:").
        kept = [d for d in drafts if d.content or self._opens_next(doc, d) or _signs_above(doc, d)]
        return sorted(kept, key=lambda d: d.position)

    @classmethod
    def _according_to_before_list(cls, doc: Doc, draft: Draft) -> bool:
        """ "The plan has three parts, according to the mayor:": the phrase ends the
        paragraph, just before its colon."""
        if draft.cue is None or not draft.cue.according_to or draft.source is None:
            return False
        after = [t for t in doc[max(draft.source.tokens) + 1 :] if not t.is_space]
        return [t.text for t in after] == [":"] and cls._opens_next(doc, draft)

    @staticmethod
    def _opens_next(doc: Doc, draft: Draft) -> bool:
        """A cue in the paragraph's last sentence, which ends in a colon."""
        words = [t for t in doc if not t.is_space]
        if draft.cue is None or not words or words[-1].text != ":":
            return False
        return draft.cue.head.sent.start == words[-1].sent.start

    def _draft(self, doc: Doc, cue: Cue, quotes: list[Quote]) -> Draft | None:
        cue_tokens = set(range(cue.start, cue.end))
        content_tokens, construction = find_content(cue)
        content_tokens -= cue_tokens
        sourceless = self._put_to(cue) or self._expletive(cue)
        source = None if sourceless else find_source(cue, cue_tokens | content_tokens)
        if source is None and not sourceless:
            source = _name_just_before(doc, cue)
            if source is not None:  # the misparse hung what precedes the name from the verb
                content_tokens = {i for i in content_tokens if i >= cue.end}
        if source is not None and self._inside_quote(doc, source, quotes, cue):
            source = self._subject_outside(doc, cue, quotes, cue_tokens | content_tokens)
        if source is not None:
            content_tokens -= source.tokens
        said_last = _said_at_the_end(doc, cue)
        if said_last is not None:
            content_tokens, source = said_last
            construction = "inverted"
        if construction == "object":
            content_tokens -= _description_after(doc, content_tokens)
        if quotes and content_tokens:
            # A title that ends what the cue governs is no part of it ("said on CBS’ “Face
            # the Nation”", which the parser may take for a clause); one inside it is
            # ("told NBC’s “Today” show that …").
            last = max(content_tokens)
            near = quotes_overlapping(quotes, doc[min(content_tokens)].idx, doc[last].idx + 1)
            for _, tokens in _title_quotes(doc, near):
                if last < tokens.stop:
                    content_tokens -= set(tokens)
        content = pieces(doc, content_tokens)
        if cue.signed:  # a pull quote without quotation marks: all before the name
            content = pieces(doc, range(cue.start))
        elif cue.label is not None and not content:  # a byline: the quote just before it
            dash = doc[cue.start].idx + 1
            before = quotes_overlapping(quotes, dash - 3, dash)
            content = [(q.start, q.end) for q in before if 0 <= dash - q.end <= 2]
            if not content and cue.post:
                content = pieces(doc, _post_before(doc, cue.start))
        head = doc[cue.start].idx
        # A nested cue's content stays inside its quote.
        touched = [q for q in _touched(quotes, content) if not q.contains(head, head + 1)]
        content = _merge(content + [(q.start, q.end) for q in touched])
        if source is None and not self._impersonal(cue):
            return None
        speech = cue.head.lemma_.lower() in SPEECH_LEMMAS
        if cue.according_to:
            kind = "according_to"
        elif (cue.label is not None and cue.colon is None) or (
            touched and all(quote_around(touched, *c) for c in content)
        ):
            kind = "direct"
        elif touched and speech:
            kind = "mixed"
        else:
            # A quote in what someone "passed" or "is known as" is a title or a scare quote.
            clause = construction in ("clause", "inverted", "colon")
            # "They called it a bandage solution": what was said of something, in so many words.
            naming = construction == "object" and any(c.dep_ == "oprd" for c in cue.head.children)
            kind = "indirect" if speech and (clause or naming) else "other"
        position = min([doc[cue.start].idx] + [s for s, _ in content[:1]])
        return Draft(cue, source, content, kind, position, touched, said_last=said_last is not None)

    @staticmethod
    def _inside_quote(doc: Doc, source: Mention, quotes: list[Quote], cue: Cue) -> bool:
        """A subject inside a quote that the cue is outside of is a misparse."""
        head = doc[cue.start].idx
        start = doc[min(source.tokens)].idx
        quote = quote_around(quotes, start, start + 1)
        return quote is not None and not quote.contains(head, head + 1)

    @staticmethod
    def _subject_outside(
        doc: Doc, cue: Cue, quotes: list[Quote], exclude: set[int]
    ) -> Mention | None:
        """When the parse put the subject inside a quote: another subject of the cue
        outside it ("“…, it will,” said James Acton"), or one the parse made the quoted
        subject's apposition ("“Good reporter,” Trump, the front-runner, said"), else the
        noun phrase just before the cue ("“…,” Obama's former strategist said") or just
        after it."""

        def outside(i: int) -> bool:
            return quote_around(quotes, doc[i].idx, doc[i].idx + 1) is None

        subjects = [c for c in cue.head.children if c.dep_ in SUBJECT_DEPS]
        for child in subjects:
            if outside(child.i):
                return Mention(mention_tokens(child, exclude), child)
        for child in (a for s in subjects for a in s.children if a.dep_ == "appos"):
            if outside(child.i):
                return Mention(mention_tokens(child, exclude), child)
        for chunk in doc.noun_chunks:
            tokens = set(range(chunk.start, chunk.end))
            beside = chunk.end == cue.start or chunk.start == cue.end
            if beside and not tokens & exclude and outside(chunk.root.i):
                return Mention(tokens, chunk.root)
        return None

    @staticmethod
    def _nested(cue: Cue, quote: Quote, text: str) -> bool:
        """A cue inside a quote that is an attribution of its own: a named third party the
        quote opens on, as a readout reports them (“Putin noted the Russian side …”). Said
        of someone inside a speaker's words (“When Twitter says …, I don't believe it”), it
        is the speaker's: PolNeAR marks almost none of those. Where the paragraph lacks one
        of the quote's marks, it may be no quote (“… were ”dwindling.”), and any named
        subject keeps its cue."""
        subject = next(
            (c for c in cue.head.children if c.dep_ == "nsubj" and c.ent_type_ in NAMED_ENTITIES),
            None,
        )
        if subject is None:
            return False
        first = subject.left_edge.i
        opens = first > 0 and subject.doc[first - 1].idx == quote.start
        return opens or not is_closed(quote, text)

    @staticmethod
    def _impersonal(cue: Cue) -> bool:
        """ "It is believed that ...", "Asked about the poll, …", "X is expected to …": a
        cue with no source given."""
        return (
            AttributionEngine._put_to(cue)
            or AttributionEngine._expletive(cue)
            or is_expectation(cue.head)
            or any(c.dep_ == "nsubjpass" and c.lower_ == "it" for c in cue.head.children)
        )

    @staticmethod
    def _expletive(cue: Cue) -> bool:
        """An "it" that stands for nobody, as subject of "seem", "appear", "turn out", or of
        "be", "become" or "remain" with an adjective: "It's unclear whether …"."""
        head = cue.head
        lemma = head.lemma_.lower()
        if lemma not in EXPLETIVE_LEMMAS:
            return False
        if not any(c.dep_ in (*SUBJECT_DEPS, "expl") and c.lower_ == "it" for c in head.children):
            return False
        if lemma in ("be", "become", "remain"):
            return any(c.dep_ == "acomp" for c in head.children)
        if lemma == "turn":
            return any(c.dep_ == "prt" and c.lower_ == "out" for c in head.children)
        return True

    @staticmethod
    def _put_to(cue: Cue) -> bool:
        """ "Asked about the poll, Trump said …": a question put to the main clause's
        subject, whose asker (a reporter) the article doesn't give; PolNeAR marks these
        with no source. "Pressed by Holt, …" gives the asker."""
        head = cue.head
        return (
            head.lemma_.lower() in PUT_TO_LEMMAS
            and head.dep_ == "advcl"
            and head.lower_.endswith("ed")
            and not any(c.dep_ in (*SUBJECT_DEPS, "aux", "auxpass", "agent") for c in head.children)
        )

    def _place_quotes(self, doc: Doc, text: str, quotes: list[Quote], drafts: list[Draft]) -> None:
        """Quotes no cue claimed: join a cue in the same sentence, or the paragraph's
        last speaker, or float on to the article's last speaker."""
        if quotes:  # most paragraphs quote no one
            self._place_each_quote(doc, text, quotes, drafts)
        for draft in drafts:
            draft.content = self._join_pieces(text, draft.content)

    def _place_each_quote(
        self, doc: Doc, text: str, quotes: list[Quote], drafts: list[Draft]
    ) -> None:
        sentences = SpanIndex(sentence_spans(doc))
        # Content claimed before any quote is placed: a quote joins only the draft it is
        # placed with, and quotes don't overlap, so later quotes need not look at them.
        claimed = SpanIndex(_merge([c for d in drafts for c in d.content]))
        cues = _CuesByPlace(doc, drafts)
        titles = {quote for quote, _ in _title_quotes(doc, quotes)}
        # A quote inside a speaker's mention names them: "Critics of a “backstop” argue".
        named = [
            (doc[min(d.source.tokens)].idx, doc[max(d.source.tokens)].idx)
            for d in drafts
            if d.source is not None and d.source.tokens
        ]
        for quote in quotes:
            span = (quote.start, quote.end)
            if claimed.overlaps(span) or quote in titles:
                continue
            if any(start <= quote.start and quote.end - 1 <= end for start, end in named):
                continue
            # The speaker right beside the quote says it, short as it may be ("“Absolutely
            # not,” he said of the idea"); else a cue in its sentence, or next door.
            said = self._said_right_after(doc, text, quote, cues) or self._said_right_before(
                doc, quote, cues
            )
            if (
                said is None
                and len(text[quote.start : quote.end].split()) < MIN_FLOATING_WORDS
                and not (
                    SENTENCE_END.search(text[quote.start : quote.end])
                    and self._stands_alone(quote, sentences)
                )
            ):
                continue  # short, and no sentence of speech: “I was green.” is one
            near = said or self._nearest_in_sentence(quote, cues, sentences)
            if near is None:
                near = self._waiting_next_door(quote, cues, sentences)
            if near is None:
                # A quote sentence of its own carries on the last speaker, as its own
                # attribution with no cue; a phrase in quotes inside a sentence does not, nor
                # does a line in single quotes, the headline style of a pull quote.
                if self._stands_alone(quote, sentences) and quote.style != "single":
                    drafts.append(Draft(None, None, [span], "direct", quote.start, [quote]))
                continue
            if not near.content:
                near.kind = "direct"
                near.position = min(near.position, quote.start)
            near.content = _merge([*near.content, span])
            near.quotes.append(quote)
            if near.kind in ("indirect", "other"):
                near.kind = "mixed"

    @staticmethod
    def _stands_alone(quote: Quote, sentences: SpanIndex) -> bool:
        """A quote that makes up most of its sentences is speech; a phrase in quotes
        inside someone's sentence is a scare quote or a title."""
        covered = sum(
            sentences.spans[i][1] - sentences.spans[i][0]
            for i in sentences.overlapping((quote.start, quote.end))
        )
        return bool(covered) and (quote.end - quote.start) >= MIN_QUOTE_SHARE * covered

    @staticmethod
    def _nearest_in_sentence(
        quote: Quote, cues: _CuesByPlace, sentences: SpanIndex
    ) -> Draft | None:
        touched = list(sentences.overlapping((quote.start, quote.end)))
        if not touched:
            return None
        candidates = cues.between(sentences.spans[touched[0]][0], sentences.spans[touched[-1]][1])
        if not candidates:
            return None
        # A cue still waiting for its content comes first: "“…,” she said" has no clause.
        return min(candidates, key=lambda c: (bool(c[2].content), abs(c[0] - quote.start)))[2]

    @staticmethod
    def _waiting_next_door(quote: Quote, cues: _CuesByPlace, sentences: SpanIndex) -> Draft | None:
        """A cue with no content in the sentence just before or after the quote."""
        i = next(sentences.overlapping((quote.start, quote.start + 1)), None)
        if i is None:
            return None
        waiting = [
            c
            for n in (i - 1, i + 1)
            if 0 <= n < len(sentences.spans)
            for c in cues.between(*sentences.spans[n])
            if not c[2].content
        ]
        return min(waiting, key=lambda c: c[1])[2] if waiting else None

    @staticmethod
    def _said_right_after(doc: Doc, text: str, quote: Quote, cues: _CuesByPlace) -> Draft | None:
        """ "“Absolutely not,” he said of the idea", "“Who are they?” Trump said of Apple": a
        saying right after the quote, with nothing but its speaker between, says the quote,
        whatever else it governs. (The parser may end a sentence at the quote's question
        mark, and a quote of a few words floats to no one.)"""
        following = cues.between(quote.end, len(text))
        if not following:
            return None
        draft = following[0][2]
        after = doc.char_span(quote.end - 1, quote.end, alignment_mode="expand").end
        return draft if _says_across(doc, draft, range(after, draft.cue.start)) else None

    @staticmethod
    def _said_right_before(doc: Doc, quote: Quote, cues: _CuesByPlace) -> Draft | None:
        """ "Nespral asked him, “But why?”": a saying right before the quote, with nothing
        but its speaker and whom it addresses between, says the quote."""
        preceding = cues.between(0, quote.start)
        if not preceding:
            return None
        draft = preceding[-1][2]
        addressed = {
            k
            for c in draft.cue.head.rights
            if c.dep_ in ("dobj", "dative") and c.pos_ in ("PRON", "PROPN")
            for k in range(c.left_edge.i, c.right_edge.i + 1)
        }
        opening = doc.char_span(quote.start, quote.start + 1, alignment_mode="expand").start
        between = range(draft.cue.end, opening)
        return draft if _says_across(doc, draft, between, addressed) else None

    @staticmethod
    def _join_pieces(text: str, content: list[tuple[int, int]]) -> list[tuple[int, int]]:
        joined: list[tuple[int, int]] = []
        for piece in _merge(content):
            if joined and _gap_is_blank(text, joined[-1], piece):
                joined[-1] = (joined[-1][0], piece[1])
            else:
                joined.append(piece)
        return joined

    # ---- output -------------------------------------------------------------------------

    @staticmethod
    def _to_dict(
        text: str,
        doc: Doc,
        draft: Draft,
        referent: Referent | None,
        ident: str,
        continues: str | None,
    ) -> dict:
        cue = None
        if draft.cue is not None and not draft.cue.signed:  # a signature's cue is its name
            span = draft.cue.span
            cue = {"start": span.start_char, "end": span.end_char, "text": span.text}
        source = None
        if referent is not None:
            if draft.source is not None:
                tokens = draft.source.tokens
                start = doc[min(tokens)].idx
                last = doc[max(tokens)]
                end = last.idx + len(last.text)
            else:
                start = end = draft.content[0][0]  # carried on: the speaker is not here
            source = {
                "start": start,
                "end": end,
                "text": text[start:end],
                "name": referent.name,
                "type": referent.type,
                "source_id": referent.id,
            }
        content = [{"start": s, "end": e, "text": text[s:e]} for s, e in draft.content]
        return {
            "id": ident,
            "kind": draft.kind,
            "cue": cue,
            "source": source,
            "content": content,
            "continues": continues,
        }
