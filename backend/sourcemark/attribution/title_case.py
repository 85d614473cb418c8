"""Title-case headlines, read in sentence case.

In "Ben Carson Slams Hillary And The Media" the tagger takes every capitalised word for a
proper noun, so "Slams" is no verb and the headline holds no attribution. The models read such
a paragraph with the capitals the article itself gives each word. A word keeps its capital
where a sentence, line or quote starts, when the article's other paragraphs write it so
mid-sentence more often than not ("Hillary"), or only so even if only where sentences start
("Lee said …"), or beside a word they write so with it ("New York"). A word they
don't use keeps it unless spaCy knows it as a stop word, verb, adjective or adverb: a name
("Sarandon") stays, "Slams" goes. Other words are read in lower case ("slams", "the media").
Only letters change case, one for one, so the parse lays back over the original text
(invisible.restore). An article with too little else to go by is read as written.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence

from spacy.language import Language
from spacy.tokens import Doc

from . import invisible

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
I_WORD = re.compile(r"I(?:['’]\w+)?$")
# After these (and spaces), a capital says nothing: a sentence or a quote starts there.
OPENERS = frozenset(".!?:;\"“‘'([—–-")
TITLE_WORD_LENGTH = 4  # headline style may leave "to", "of", "and" in lower case
TITLE_SHARE = 0.9  # "Julie Hirschfeld Davis reported from …" is no title
MIN_TITLE_WORDS = 3
MAX_TITLE_WORDS = 30
MIN_BODY_WORDS = 30


def english_words(nlp: Language) -> Callable[[str], bool]:
    """Whether a lower-case word is a stop word, or a verb, adjective or adverb form that the
    rule lemmatizer finds in its index or its exceptions. Not nouns: the noun index holds
    names too ("davis", "george")."""
    stop_words = nlp.Defaults.stop_words
    tables = []
    for _, component in nlp.pipeline:
        lookups = getattr(component, "lookups", None)
        if lookups is not None and lookups.has_table("lemma_index"):
            index, exceptions = lookups.get_table("lemma_index"), lookups.get_table("lemma_exc")
            rules = lookups.get_table("lemma_rules")
            tables = [
                (index[pos], exceptions.get(pos, {}), rules.get(pos, []))
                for pos in ("verb", "adj", "adv")
                if pos in index
            ]

    def known(word: str) -> bool:
        if word in stop_words:
            return True
        for index, exceptions, rules in tables:
            if word in index or word in exceptions:
                return True
            if any(
                word.endswith(old) and word[: len(word) - len(old)] + new in index
                for old, new in rules
                if old
            ):
                return True
        return False

    return known


def _mid_sentence(text: str, start: int) -> bool:
    """Whether the word at `start` is inside a sentence: not first in the text, on its line,
    or after a sentence's end, a colon, a dash or an opening quote."""
    i = start - 1
    while i >= 0 and text[i].isspace():  # only the spaces before it: linear in all
        if text[i] == "\n":
            return False
        i -= 1
    return i >= 0 and text[i] not in OPENERS


def is_title_case(text: str) -> bool:
    """Nearly every longer word capitalised where a sentence doesn't start, and not all in
    capitals: a headline or a subhead, not a sentence full of names. Most paragraphs show a
    few longer words in lower case within their first words, which settles it."""
    long_words = capitalised = 0
    for n, match in enumerate(WORD.finditer(text)):
        if n == MAX_TITLE_WORDS:
            return False  # longer than a title
        word = match.group()
        if len(word) < TITLE_WORD_LENGTH or not word[1:].islower():
            continue  # short, or in capitals ("FBI", "McCain")
        if not _mid_sentence(text, match.start()):
            continue
        long_words += 1
        capitalised += word[0].isupper()
        if long_words - capitalised > (1 - TITLE_SHARE) * MAX_TITLE_WORDS:
            return False  # more in lower case than any title has
    return long_words >= MIN_TITLE_WORDS and capitalised >= TITLE_SHARE * long_words


def _capitals(texts: Sequence[str]) -> tuple[Counter, Counter]:
    """How often each word (in lower case) is written capitalised mid-sentence ("mid"), at a
    sentence's start ("start") and in lower case ("lower"), and the pairs of capitalised
    words written so."""
    cases: Counter = Counter()
    pairs: Counter = Counter()
    for text in texts:
        previous = None
        for match in WORD.finditer(text):
            word = match.group()
            if not word[0].isupper():
                cases[word.lower(), "lower"] += 1
                previous = None
                continue
            mid = _mid_sentence(text, match.start())
            cases[word.lower(), "mid" if mid else "start"] += 1
            if mid and previous is not None and text[match.start() - 1] == " ":
                pairs[previous.lower(), word.lower()] += 1
            previous = word
    return cases, pairs


def _lower(word: str) -> str:
    """The word in lower case, letter for letter (a letter whose lower case is longer stays)."""
    return "".join(low if len(low := c.lower()) == 1 else c for c in word)


def readings(texts: Sequence[str], known: Callable[[str], bool]) -> list[str]:
    """The text the models read for each paragraph of one article: the paragraph itself, or
    for a title-case one, the same letters in sentence case."""
    titles = [is_title_case(text) for text in texts]
    if not any(titles):
        return list(texts)
    body = [t for t, title in zip(texts, titles, strict=True) if not title]
    cases, pairs = _capitals(body)
    if cases.total() < MIN_BODY_WORDS:  # too little to tell a name from a word
        return list(texts)
    out = []
    for text, title in zip(texts, titles, strict=True):
        if not title:
            out.append(text)
            continue
        words = list(WORD.finditer(text))
        chars = list(text)
        for i, match in enumerate(words):
            word = match.group()
            if not word[0].isupper() or (word.isupper() and len(word) > 1) or I_WORD.match(word):
                continue  # in capitals ("FBI"), or "I", "I’m"
            if not _mid_sentence(text, match.start()):  # sentence case keeps these
                continue
            low = word.lower()
            mid, start, lower = cases[low, "mid"], cases[low, "start"], cases[low, "lower"]
            neighbours = [words[j].group().lower() for j in (i - 1, i + 1) if 0 <= j < len(words)]
            named = any(pairs[low, n] or pairs[n, low] for n in neighbours)
            if named or mid > lower or (start and not lower):  # "Lee said …" and no "lee"
                continue
            if not (mid or start or lower or known(low)):
                continue
            chars[match.start() : match.end()] = _lower(word)
        out.append("".join(chars))
    return out


def parse_articles(
    nlp: Language, articles: Sequence[Sequence[str]], batch_size: int
) -> Iterator[Doc]:
    """The paragraphs of each article, in order, parsed as the pipeline reads them
    (invisible.py, and title case in sentence case by each article's own capitals), each Doc
    over its paragraph as given."""
    known = english_words(nlp)
    paragraphs = [paragraph for article in articles for paragraph in article]
    tokenized = [
        nlp.make_doc(invisible.clean(text))
        for article in articles
        for text in readings(article, known)
    ]
    return invisible.parse(nlp, paragraphs, batch_size, tokenized)
