"""Resolves source mentions to one canonical source per referent across an article.

Each source is named as a reader would name it: by the fullest form of a name ("Kim" is Kim
Jong-un, "EDC" Export Development Canada). Pronouns go to the last speaker or the person
the article calls he or she; role nouns and descriptions ("the official", "the senator",
"the star", "the Russian president") to an earlier source with the same head and modifiers,
to the person whose title they match (before or after) or to the person the article is
about; groups ("the two leaders", "the couple", "the congressmen", "Kim and Trump") to the
named people; possessive offices ("the Russian President's press service") to an office of
the owner.
The names themselves, their titles and genders are indexed by names.py.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from .names import (
    BODY_NOUNS,
    BODY_WORDS,
    DETERMINERS,
    GENDERED_NOUNS,
    IMPERSONAL_VERBS,
    IT_WORDS,
    OFFICE_STEMS,
    POSSESSIVE_MARKS,
    PRONOUN_GENDER,
    NameIndex,
    after_body_noun,
    census_shares,
    clean_name,
    ends_a_body_name,
    honorific_gender,
    is_title,
    is_word,
    name_at,
    person_name,
    quoted_tokens,
    stem,
    title_stems,
    two_names,
)
from .sources import RELATIVE_PRONOUNS, Mention, mention_tokens, relative_antecedent
from .tokens import compound_name
from .types import (
    DOCUMENT_NOUNS,
    KNOWN_PERSON_NOUNS,
    NOT_ANAPHORIC,
    ORGANIZATION_NOUNS,
    PARTISANS,
    PERSON_PRONOUNS,
    PLACE_BODIES,
    PUBLIC_LEMMAS,
    SPECIFIC_ROLES,
    UNIQUE_OFFICES,
    common_lemma,
    described_person,
    document_taken_for_person,
    is_poll,
    is_pronoun,
    leading_names,
    mention_type,
    named_body_described,
    named_in_apposition,
    person_noun,
    poll_share,
)

INDEFINITE = {"a", "an", "another", "one"}
# Participles that tie a body to another: "the Facebook-owned company", "a Seattle-based firm".
RELATIONS = {"owned", "based", "backed", "funded", "led", "run", "controlled", "affiliated"}
ASIDES = {",", "—", "–", "--", "("}  # what opens an aside after a name
# An interview's labels: "Q: …" is the interviewer's, "A: …" the answer of the one asked.
WRITER = "The writer"  # who "I" is outside quotes, when no one quoted is
INTERVIEW_LABELS = {"Q": WRITER, "A": None}
LABELS_OPEN = {f"{label}:" for label in INTERVIEW_LABELS}  # "Q:" as spaCy's two tokens read
# "The elder Hale", "the younger Bush": which of the people of one surname, by age.
AGE_ORDER = {"elder": max, "older": max, "younger": min}
OFFICES = {"service", "office", "campaign", "team", "administration", "government", "staff"}
FIRST_PERSON = {"i", "me", "my", "myself"}
SECOND_PERSON = {"you", "yourself", "yourselves"}
# Organisation nouns that rarely stand for a body named with them: "the house", "the office";
# "the company" of an article about Whole Foods, which named "Besecker Company" once.
NOT_NAME_ENDINGS = {"company", "firm", "house", "office", "staff", "leadership", "operation"}
# What a text does, said of an "it" that may be one: "it stated", "it read", "it showed".
TEXT_VERBS = {
    "add", "conclude", "declare", "estimate", "find", "indicate", "note", "predict", "read",
    "recommend", "report", "say", "show", "state", "suggest", "warn",
}  # fmt: skip
MODIFIERS = {"compound", "poss", "amod", "nmod", "npadvmod"}
THEY_REACH = 3  # paragraphs back that a body or group last a source may still be "it" or "they"
PRONOUN_REACH = 1  # paragraphs back that a speaker stays the antecedent of "they", "the company"
LEAD_REACH = 1  # paragraphs on that a description may wait for the name it stands for
LEAD_PARAGRAPHS = 2  # a headline and its first paragraph, which may name a person late
SPEAKER_REACH = 2  # paragraphs back that a speaker stays the antecedent of "he"/"she"
GROUP_PRONOUNS = {"they", "them"}
UNRESOLVED_OTHERS = GROUP_PRONOUNS | {"it", "we", "us"}  # names of referents found for no one
GROUP_NUMBERS = {"two": 2, "three": 3, "both": 2}  # "the two leaders", "both candidates"
PEOPLE_NOUNS = {
    "brother", "candidate", "leader", "man", "nominee", "politician", "rival", "sister", "woman",
}  # fmt: skip
BODY_ENTITIES = {"ORG", "GPE", "NORP"}  # what ties unnamed people to a body
SUBJECTS = {"nsubj", "nsubjpass"}
CONTRASTING_MARKS = {"while", "although", "though", "whereas", "after", "because", "since"}
ASK_VERBS = {"ask", "press", "question", "quiz"}  # "asked Trump whether he …": Trump
OWNER_DEPS = {"poss", "compound"}  # "Donald Trump's divorce", "the Trump divorce file"
POSSESSIVES = {"his", "her", "their", "its", "our", "my", "your"}
# Words that make a title another office: "the presidential nominee" is not the one the
# article calls "vice presidential nominee".
RANKS = {stem(w) for w in ("vice", "deputy", "assistant")}
# A named person's spouse is one person, whom a reader can tell: "his wife", of a named
# man. Not "his mother" or "his son", whom articles leave unnamed.
SPOUSES = {"husband", "wife", "widow", "widower"}
SIBLINGS = {"brother", "sister"}  # "the brothers": people of one surname
COUPLES = {"couple", "pair", "duo"}  # "the couple said": two people named before
# Members of a legislature, whatever the title: "the lawmakers" after "Sen. A and Rep. B".
LEGISLATORS = {"congressman", "congresswoman", "lawmaker", "legislator", "parliamentarian"}
LEGISLATOR_TITLES = {
    stem(w) for w in LEGISLATORS | {"assemblyman", "assemblywoman", "mp", "rep", "sen"}
}  # fmt: skip
# Whether a name is a person's the article names, and their gender if known.
PersonLookup = Callable[[str], tuple[bool, str | None]]


def _described_subject(
    pronoun: Token, gender: str, quoted: list[bool], person: PersonLookup
) -> Token | None:
    """The person a clause of this sentence is about, described but not named, when "he" or
    "she" hangs from it with no name or other he or she between: "A 29-year-old woman was
    fined after she posted …" (her, not the last person the article named). A he or she
    that opens its own sentence looks at the subject of the sentence before, in the same
    paragraph: "A spokeswoman declined to comment on the lawsuit. She said …". When that
    subject can't be the he or she (the writer, a body), the one person the sentence
    describes by a word of the pronoun's gender: "The magazine spoke to one mother, who …
    “…,” she said"."""
    doc = pronoun.doc
    for verb in pronoun.ancestors:
        subject = _subject_of(verb)
        if subject is None or subject.i >= pronoun.i or pronoun in subject.subtree:
            continue
        return subject if _described_alone(subject, pronoun, gender) else None
    sentence = pronoun.sent
    if pronoun.dep_ not in SUBJECTS or pronoun.head != sentence.root:
        return None
    start = sentence.start
    while start:
        before = doc[start - 1].sent
        subject = _subject_of(before.root)
        # A quote set apart ("“Out!” she wrote"), or a speaker's own words, whose subject
        # is theirs to mean ("“Small player being an agility …” He said …").
        if (subject is None and before[0].is_quote) or (subject and quoted[subject.i]):
            start = before.start
            continue
        if subject is not None and _described_alone(subject, pronoun, gender):
            return subject
        if subject is not None and _neither_he_nor_she(subject, gender, person):
            return _one_gendered(before, gender, quoted)
        return None
    return None


def _neither_he_nor_she(subject: Token, gender: str, person: PersonLookup) -> bool:
    """Whether a subject is no he or she of `gender`: the writer ("I met …"), a person of
    the other gender, a body ("The magazine", "WIRED"); not a thing, nor a person who may be."""
    lower = subject.lower_
    if lower in FIRST_PERSON or lower == "we":
        return True
    if subject.pos_ == "PRON":
        return PRONOUN_GENDER.get(lower, gender) != gender
    if subject.pos_ == "NOUN":
        return subject.lemma_.lower() in BODY_WORDS
    if subject.pos_ != "PROPN":
        return False
    named, known = person(subject.doc[min(compound_name(subject)) : subject.i + 1].text)
    if named or subject.ent_type_ == "PERSON":
        return known not in (None, gender)
    return True  # a name no person of the article bears


def _one_gendered(sentence: Span, gender: str, quoted: list[bool]) -> Token | None:
    """The one person a sentence describes by a word of `gender`, with no one named in it:
    "The magazine spoke to one mother, who …" for the "she" after it."""
    outside = [t for t in sentence if not quoted[t.i]]
    if any(t.ent_type_ == "PERSON" for t in outside):
        return None
    found = [t for t in outside if t.pos_ == "NOUN" and _one_of_gender(t, gender)]
    # Not those told of in what it says of them ("one mother, who knew her daughter …").
    found = [
        t
        for t in found
        if not any(a.dep_ in ("relcl", "acl") and a.head in found for a in t.ancestors)
    ]
    # Someone met or spoken to, not "I was the only woman"; and no other to tell apart.
    return found[0] if len(found) == 1 and found[0].dep_ in ("dobj", "pobj", "dative") else None


def _one_of_gender(token: Token, gender: str) -> bool:
    """One person named by a word of that gender: "mother", "the man"."""
    return token.tag_ == "NN" and GENDERED_NOUNS.get(token.lemma_.lower()) == gender


def _described_alone(subject: Token, pronoun: Token, gender: str) -> bool:
    """Whether the subject is one person described, of the pronoun's gender where the noun
    tells one, with no name, or "him" ("biased against him because he …"), between. A he or
    she of the same gender that is itself a subject between is the same person again ("after
    she had posted")."""
    lemma = subject.lemma_.lower()
    one_person = subject.pos_ == "NOUN" and subject.tag_ == "NN" and person_noun(lemma)

    def someone_else(token: Token) -> bool:
        said_of = PRONOUN_GENDER.get(token.lower_)
        again = token.dep_ in SUBJECTS and said_of == gender
        return token.ent_type_ == "PERSON" or (said_of is not None and not again)

    between = subject.doc[subject.left_edge.i : pronoun.i]
    other = any(someone_else(t) for t in between)
    return one_person and not other and GENDERED_NOUNS.get(lemma, gender) == gender


def _for_no_one(referent: Referent) -> bool:
    """A he, she, you, they or it that no one was found for: never anyone else's
    antecedent ("it" is not the "they" before it)."""
    return referent.name.lower() in PRONOUN_GENDER.keys() | SECOND_PERSON | UNRESOLVED_OTHERS


def _described_otherwise(referent: Referent, head: Token) -> bool:
    """A person the article gave no name, only a description of another role ("The mayor
    said …"): not whom this description stands for ("the coach" is not the mayor)."""
    name = {stem(w) for w in referent.name.split()}
    other = referent.head != head.lemma_.lower()
    return other and person_noun(referent.head) and name <= referent.words


def _aged(head: Token) -> bool:
    """A noun given an age, so a person whatever the noun: "the 26-year-old right wing"."""
    return any(
        c.lower_ == "old" and any(y.lower_ in ("year", "years") for y in c.children)
        for c in head.children
    )


def _the(head: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)


def _proper_name(head: Token) -> bool:
    """A capitalised role word that ends a body's name, not a description: "Leader" of "the
    Sioux Falls Argus Leader" (not "the Saudi Prince", "the Kentucky Republican", "the U.S.
    Attorney", nor "Senior Adviser" with its title)."""
    named = [c for c in head.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
    return head.tag_ == "NNP" and any(c.ent_type_ in ("", "ORG") and not is_title(c) for c in named)


def _parties(words: set[str]) -> set[str]:
    """The parties among a mention's or title's word stems: "GOP" is Republican."""
    return {"repub" if w == "gop" else w for w in words} & {"repub", "democ"}


def _subject_of(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in SUBJECTS), None)


@dataclass
class Referent:
    id: str
    name: str
    type: str
    head: str = ""  # lemma of the head noun of its first mention
    words: set[str] = field(default_factory=set)  # words of its mentions, for role nouns
    last: tuple[int, int] = (0, 0)  # paragraph and character where it was last a source
    quoted: int | None = None  # the paragraph where its own words were last quoted
    plural: bool = False  # named people together: "Obama and Clinton"
    many: bool = False  # first met as a plural noun: "users", "officials"


# Nouns for a person that the article need not tie to anyone it names: "the official said".
UNNAMED_ROLES = SPECIFIC_ROLES | PUBLIC_LEMMAS | {
    "adviser", "advisor", "agent", "analyst", "announcer", "assistant", "attendee", "caller",
    "ceo", "cfo", "child", "coo", "cto", "employee", "expert", "family", "investigator", "man",
    "member", "narrator", "officer", "patient", "person", "spokesman", "spokesperson",
    "spokeswoman", "witness", "woman", "worker",
}  # fmt: skip
# Nouns of family: "Spindler's father, Joseph" is a Spindler's relative.
KIN_NOUNS = {
    "aunt", "brother", "cousin", "dad", "daughter", "father", "granddaughter", "grandfather",
    "grandmother", "grandson", "husband", "mom", "mother", "nephew", "niece", "sister", "son",
    "uncle", "wife",
}  # fmt: skip
# Roles in court, by the title words (stems) that may name them: "the judge" is someone
# the article titles judge, never the person the story is about.
_LAWYERS = {stem(w) for w in ("lawyer", "attorney", "counsel")}
COURT_ROLES = {
    "judge": {stem("judge"), stem("justice")},
    "lawyer": _LAWYERS,
    "attorney": _LAWYERS,
    "prosecutor": {stem("prosecutor")},
}
# Many people at once, or a body: never one person the article names.
NOT_PEOPLE = DOCUMENT_NOUNS | ORGANIZATION_NOUNS | BODY_NOUNS | COUPLES | {
    "audience", "crowd", "family", "jury", "panel", "public",
    # Sides and groups: "the opposition said" is not the mayor named just before.
    "opposition", "majority", "minority", "side", "camp", "delegation", "establishment",
    "prosecution", "defence", "defense", "electorate", "population",
}  # fmt: skip


# A photo's caption: its credit in brackets at the end, "(Ann Lee / CBC News)", "(AP
# Photo/Ann Lee)", "( THE CANADIAN PRESS FILE PHOTO )", or a gallery's label first.
CAPTION = re.compile(r"\([^()]*(/|\bphoto\b)[^()]*\)\W*$|^open this photo in gallery", re.I)


def _caption(text: str) -> bool:
    return CAPTION.search(text.strip()) is not None


# A label in capitals opening a paragraph: "JAKE TAPPER: …", "TAPPER: …".
CAPITALS_LABEL = re.compile(r"[“\"]?([A-Z][A-Z'’.-]*(?: [A-Z][A-Z'’.-]*){0,3}):")


def transcript_speakers(texts: list[str]) -> set[str]:
    """The labels of a transcript's speakers: one in full ("JAKE TAPPER:") whose last word
    labels paragraphs too ("TAPPER:"), as transcripts do, and that word, where one-word
    labels take turns ("TAPPER:", "FALLIN:"). Headings come alone: "ECB WATCH:", "WATCH:"."""
    labels = {m.group(1) for text in texts if (m := CAPITALS_LABEL.match(text.strip()))}
    short = {label for label in labels if " " not in label}
    if len(short) < 2:
        return set()
    full = {
        label
        for label in labels
        if " " in label
        and label.split()[-1] in short
        and not re.search(r"['’]S\b", label)  # "EDITOR'S NOTE:", a heading
    }
    return full | {label.split()[-1] for label in full}


def _capitalised(name: str) -> str:
    """ "JAKE TAPPER" -> "Jake Tapper", "BETO O'ROURKE" -> "Beto O'Rourke"."""
    return re.sub(r"[A-Za-z]+", lambda word: word.group().capitalize(), name)


def _body_called(doc: Doc, tokens: set[int], head: Token) -> Span | None:
    """The name beside a body noun in the mention: "the group American Renewable Future",
    "media buying company GroupM"."""
    if named_body_described(head):  # "data analysis firm 1010data"
        return doc[head.i : head.i + 1]
    if head.pos_ == "PROPN" and after_body_noun(head):
        start = head.i
        while start - 1 in tokens and doc[start - 1].pos_ == "PROPN":
            start -= 1
        return doc[start : head.i + 1]
    if head.lemma_.lower() not in BODY_WORDS:
        return None
    owned = head.lemma_.lower() in OFFICES  # "the Trump campaign" is Trump's, not Trump
    entity = next(
        (
            e
            for e in doc.ents
            if e.label_ == "ORG"
            and e.start in tokens
            and not e.start <= head.i < e.end
            and e.root.head.i == head.i
            and e.root.dep_ in ("appos", "compound")
            and not (owned and e.end <= head.i)
        ),
        None,
    )
    if entity is not None:
        return entity
    # A name the recogniser missed, set beside: "The group that owns her music, Big Machine".
    name = next(
        (
            c
            for c in head.children
            if c.dep_ == "appos" and c.pos_ == "PROPN" and c.i in tokens and not c.ent_type_
        ),
        None,
    )
    if name is None:
        return None
    start = name.i
    while start - 1 in tokens and doc[start - 1].pos_ == "PROPN" and doc[start - 1].head == name:
        start -= 1
    return doc[start : name.i + 1]


def _body_after_words(doc: Doc, tokens: set[int], head: Token) -> Span | None:
    """A body's name after common words that describe it: "Event organizer Alliance to
    Reclaim Our Schools" is the Alliance."""
    if head.ent_type_ != "ORG":
        return None
    entity = next((e for e in doc.ents if e.start <= head.i < e.end), None)
    if entity is None:
        return None
    before = [doc[i] for i in range(min(tokens), entity.start)]
    if any(t.pos_ not in ("NOUN", "ADJ", "DET") for t in before):
        return None
    return entity if any(t.pos_ == "NOUN" for t in before) else None


def _hyphened_first(head: Token) -> Token:
    """The first word of a noun written with hyphens, whose last word the parser takes for
    the head: "sergeant" of "sergeant-at-arms", "editor" of "editor-in-chief"."""
    doc, i = head.doc, head.i
    while (
        i >= 2
        and doc[i - 1].tag_ == "HYPH"
        and not (doc[i - 1].whitespace_ or doc[i - 2].whitespace_)
    ):
        i -= 2
    return doc[i]


def _owned_words(span: Span, lower: bool = False) -> str:
    """What follows an owner's name, spaced as written ("now-deceased father"), without
    the possessive mark; with `lower`, common words in lower case, names as written ("the
    agency's SciSpacE team")."""
    words = []
    for t in span:
        if t.lower_ in POSSESSIVE_MARKS:
            words.append(t.whitespace_)
        else:
            words.append((t.lower_ if lower and t.pos_ != "PROPN" else t.text) + t.whitespace_)
    return "".join(words).strip()


def _joined_to(root: Token, head: Token) -> bool:
    """ "Kim and Trump", or "Fry and her brother Dale Ford": a name joined to the head by
    "and", itself or in apposition to the noun that is."""
    if root.dep_ == "appos":
        root = root.head
    return root.dep_ == "conj" and root.head.i == head.i


def _short_for(name: str, other: str) -> bool:
    """Whether two names of bodies are one body: the shorter ends the longer, and is not
    what the longer is "of", nor the second of two bodies it names ("the Times" and "The
    New York Times"; "the foreign ministry" and "Russia's foreign ministry"; not "The
    French foreign ministry", nor Israel and "the Armenians of Israel", nor the European
    Union and "The United Nations and European Union")."""
    short, long = sorted((name.lower().split(), other.lower().split()), key=len)
    extra = long[: len(long) - len(short)]
    ends = long[len(extra) :] == short
    if extra and extra[-1] == "the":
        extra = extra[:-1]  # "… and the Wall Street Journal"
    return ends and (not extra or extra[-1] not in ("of", "and", "&"))


def _first_of_two(words: set[str], referent: Referent) -> bool:
    """Whether these words name the first of two bodies that the referent's name joins with
    "and": not "officials" of "officials unauthorized to speak and granted anonymity"."""
    pair = two_names(referent.name) if referent.type == "named_organization" else None
    return pair is not None and words - {stem("the")} <= {stem(w) for w in pair[0].split()}


def _fuller(name: str, known: str) -> bool:
    """Whether `name` is a fuller form of the body `known` (which it ends) to show in its
    stead: proper words before it ("Supreme Court" for "Court"), not a qualifier ("the
    nonpartisan Commission")."""
    extra = name.split()[: len(name.split()) - len(known.split())]
    return bool(extra) and all(w[:1].isupper() for w in extra)


class _Names:
    """A paragraph's named entities looked up by token, not searched for each mention."""

    def __init__(self, doc: Doc, quoted: list[bool]):
        ents = doc.ents  # spaCy builds them anew on every access
        self.entity_at = name_at(list(ents))  # each token of a name -> the name
        self.quoted = quoted  # each token: inside quotation marks? (NameIndex.quoted)
        self.person_rooted: dict[int, Span] = {}  # root token -> the first PERSON on it
        for e in ents:
            if e.label_ == "PERSON":
                self.person_rooted.setdefault(e.root.i, e)


def _opens_aside(token: Token) -> bool:
    """A comma, dash or bracket, or a hyphen spaced as a dash: "Acme - whose shares fell -"."""
    spaced = token.whitespace_ and token.i > 0 and token.nbor(-1).whitespace_
    return token.text in ASIDES or (token.text == "-" and bool(spaced))


def _words(doc: Doc, tokens: set[int]) -> list[Token]:
    """A mention's tokens in order, without its punctuation and spaces."""
    return [doc[i] for i in sorted(tokens) if not (doc[i].is_punct or doc[i].is_space)]


def _opens_with_title(words: list[Token]) -> bool:
    """A title, then capitalised words: "MR. SMITH", "Mayor Ana Ruiz"."""
    return len(words) > 1 and is_title(words[0]) and all(t.text[:1].isupper() for t in words[1:])


class Resolver:
    """Article-wide state: the names the article gives (names.py), and the referents found
    so far."""

    def __init__(
        self,
        docs: list[Doc],
        genders: dict[str, dict[str, str]] | None = None,
        texts: list[str] | None = None,
    ):
        """`genders`: see NameIndex; `texts`: each doc's text, if the caller has it (spaCy
        joins doc.text anew on every access)."""
        texts = texts if texts is not None else [doc.text for doc in docs]
        self.names = NameIndex(docs, genders, texts)
        self._names_of: dict[int, _Names] = {}  # by id: the docs outlive the resolver
        self.docs = docs
        self._index = {id(doc): i for i, doc in enumerate(docs)}
        self._places: dict[str, list[tuple[int, str]]] = {}  # "city" -> "City of …" found
        self.where = (0, 0)  # paragraph and character of the mention being resolved
        self.said: list[tuple[int, int]] = []  # what that mention's attribution says
        self.referents: list[Referent] = []
        self.by_key: dict[str, Referent] = {}
        self.recent: list[Referent] = []  # most recent last
        # The person the last source asked ("Conroy asked Sanders whether …"): paragraph, name.
        self.asked: tuple[int, str] | None = None
        self.captions = [_caption(text) for text in texts]
        self.transcript_speakers = transcript_speakers(texts)
        # Embedded posts, by paragraph: whose "I" and "we" they are (see signed_by).
        self.authors: dict[int, Referent] = {}

    def _new(self, name: str, type_: str, key: str, head: Token | None, words) -> Referent:
        referent = self.by_key.get(key)
        if referent is None:
            referent = Referent(f"s{len(self.referents) + 1}", name, type_)
            referent.head = head.lemma_.lower() if head is not None else ""
            referent.many = head is not None and head.tag_ in ("NNS", "NNPS")
            self.referents.append(referent)
            self.by_key[key] = referent
        referent.words |= words
        return referent

    def _seen(self, referent: Referent) -> Referent:
        if referent in self.recent:
            self.recent.remove(referent)
        self.recent.append(referent)
        referent.last = self.where
        return referent

    def _last_person_quoted(self) -> Referent | None:
        """The one person (not a group, nor a he or she no one was found for) who was last a
        source."""
        return next(
            (
                r
                for r in reversed(self.recent)
                if r.type == "named_person" and not r.plural and not _for_no_one(r)
            ),
            None,
        )

    def _person(self, name: str) -> tuple[bool, str | None]:
        """Whether a name is a person's the article names, and their gender if known."""
        full = self.names.person(name)
        return full is not None, self.names.gender_of(full) if full is not None else None

    def _compared_with(self, head: Token) -> set[str]:
        """The people a he or she's sentence sets them beside, before them: "Unlike Al
        Mnajer, he …", "Like Kassem, she …"; and those of the sentences before in the
        paragraph that the same pronoun opens ("Unlike Al Mnajer, he's been unable to find
        work. He's still trying …")."""
        doc, pronoun, compared = head.doc, head, set()
        while True:
            for token in doc[pronoun.sent.start : pronoun.i]:
                # Set beside the pronoun's own clause, not a noun: "critics like Huffman say"
                if token.lower_ in ("like", "unlike") and token.head in pronoun.ancestors:
                    # The one compared, not someone in it: "Unlike in 2012, when Mr. Christie …"
                    for word in token.children:
                        if word.dep_ == "pobj" and word.pos_ == "PROPN":
                            compared |= {self._person_named_at(word)} - {None}
            if pronoun.sent.start == 0:
                return compared
            subject = _subject_of(doc[pronoun.sent.start - 1].sent.root)
            if subject is None or subject.lower_ != head.lower_:
                return compared
            pronoun = subject

    def _named(self, token: Token) -> bool:
        """Whether a word is a person's name the article gives (the recogniser's or not)."""
        name = token.doc[min(compound_name(token)) : token.i + 1].text
        return token.pos_ == "PROPN" and self.names.person(name, given=True) is not None

    def signed_by(self, paragraph: int, author: Referent) -> None:
        """Paragraph `paragraph` is a post its byline signs: an "I" or "we" in it, outside
        quotes, is the post's author ("I urge all Delhiites …"), not the article's writer."""
        self.authors[paragraph] = author

    def carried(self, referent: Referent, paragraph: int, at: int) -> None:
        """A quote that carries on a speaker keeps them the last speaker there."""
        self.where = (paragraph, at)
        self._seen(referent)

    def resolve(
        self, doc: Doc, mention: Mention, paragraph: int, said: Sequence[tuple[int, int]] = ()
    ) -> Referent:
        """The referent of a source mention in paragraph `paragraph`; `said` is what its
        attribution says (character spans), where no one it names is the source."""
        self.where = (paragraph, mention.head.idx)
        self.said = list(said)
        referent = self._resolve(doc, mention)
        asked = self._asked(doc, mention.head)
        if asked is not None or (self.asked and self.asked[0] < paragraph - 1):
            self.asked = (paragraph, asked) if asked is not None else None
        if mention.label and referent.type == "named_person" and referent.name.isupper():
            referent.name = _capitalised(referent.name)  # a transcript's "MS. ROE:" is Roe
        # Who a photo shows is no speaker a later "he" carries on.
        return referent if self.captions[paragraph] else self._seen(referent)

    def _resolve(self, doc: Doc, mention: Mention) -> Referent:
        antecedent = mention.antecedent
        relative = mention.head.lower_ in RELATIVE_PRONOUNS and mention.head.head.dep_ == "relcl"
        if antecedent is None and relative:  # a mention from the role tagger: "who"
            antecedent = relative_antecedent(mention.head.head.head, mention.head)
        head = antecedent if antecedent is not None else mention.head
        tokens = mention.tokens if antecedent is None else compound_name(head)
        text = doc[min(tokens) : max(tokens) + 1].text
        words = {stem(doc[i].text) for i in tokens if is_word(doc[i])}
        pair = self._pair(head)
        if pair is not None:
            return pair
        himself = _reflexive_after(head)
        if himself is not None:  # "Green himself was excited": a person, not a body
            words -= {stem(himself.text)}
            name = self.names.person(head.text, given=True)
            name = name or clean_name(doc[min(compound_name(head)) : head.i + 1].text)
            return self._new(name, "named_person", f"person:{name.lower()}", head, words)
        if is_pronoun(head) and head.lower_ not in NOT_ANAPHORIC:
            found = self._pronoun(head, text, words)
            joined = self._names_joined(doc, tokens, head) if antecedent is None else []
            if joined and found.type == "named_person" and not found.plural:
                # "He and Bowersox": both, the one the pronoun stands for first; a "he"
                # after them is still that one.
                others = [self.names.person(e.text, given=True) or e.text for e in joined]
                self._seen(found)
                return self._people([found.name, *others], words)
            return found
        names = self._names(doc)
        person_entity = names.entity_at.get(head.i)
        if person_entity is not None and not self.names.is_person(person_entity):
            person_entity = None
        if person_entity is None and head.dep_ == "appos":
            # "Flynn, a top Trump surrogate": the role noun stands beside a name.
            person_entity = names.person_rooted.get(head.head.i)
        if person_entity is None:
            person_entity = (
                named_in_apposition(doc, tokens, head)
                or described_person(doc, head)
                or self._name_cut_off(doc, tokens)
                or _full_name_beside(doc, tokens, head)
                or _name_after_a_place(doc, tokens, head)
                or _name_after_an_owner(doc, tokens, head)
            )
        if person_entity is None:
            leading = leading_names(doc, tokens, head)
            if len(leading) > 1 and antecedent is None:
                return self._group(leading, words)
            if leading:  # by the name as written: the recogniser's may run on past the dash
                name = person_name(leading[0])
                self.names.add_person(leading[0], self.where)
                return self._new(name, "named_person", f"person:{name.lower()}", head, words)
        if person_entity is not None and self.names.body_taken_for_person(person_entity):
            name = self.names.body(clean_name(person_entity.text))
            known = self._known_body(name)
            if known is not None:
                return known
            return self._new(
                name, "named_organization", f"named_organization:{name.lower()}", head, words
            )
        if person_entity is not None:
            joined = [
                e
                for e in doc.ents
                if e.start in tokens  # first: most names are outside the mention
                and (e.label_ == "PERSON" or self.names.person(e.text) is not None)
                and _joined_to(e.root, person_entity.root)
            ]
            if joined and antecedent is None:  # "Kim and Trump": both, by their full names
                return self._group([person_entity, *joined], words)
            titled = honorific_gender(person_entity)
            name = self.names.person(person_entity.text, given=True, gender=titled) or person_name(
                person_entity
            )
            name = self._namesake_by_age(head) or name  # "the elder Hale"
            if _kin_of_another(person_entity, name):
                name = person_name(person_entity)  # "Spindler's father, Joseph": not Joseph Boinnet
            self.names.add_person(person_entity, self.where)  # so that a later surname finds it
            return self._new(name, "named_person", f"person:{name.lower()}", head, words)
        group = self._numbered_group(doc, head)
        if group is not None:
            return group
        if mention.label and text in INTERVIEW_LABELS:
            return self._interview_side(text, words)
        # A transcript's speaker, or one the article names no other way ("… SANDERS: “…”";
        # not "PENCE:" of Mike Pence, nor "FTC:").
        unnamed_speaker = (
            len(tokens) == 1
            and text.isupper()
            and not head.ent_type_
            and self.names.person(text) is None
        )
        if mention.label and (clean_name(text) in self.transcript_speakers or unnamed_speaker):
            name = self.names.person(text) or _capitalised(clean_name(text))
            self.names.add_name(name)  # so that "TAPPER:" finds "Jake Tapper"
            return self._new(name, "named_person", f"person:{name.lower()}", head, words)
        if mention.label and self._signed_name(doc, tokens):
            name = clean_name(text)
            return self._new(name, "named_person", f"person:{name.lower()}", head, words)
        # A person's full name, written as the article gave it before and opening with a
        # first name, whatever the recogniser calls it here ("Teresa Nielsen Hayden
        # explained", a work of art); not "Tax Policy Center", which it took for a person.
        written = clean_name(text)
        if (
            " " in written
            and written.split()[0].lower() in census_shares()
            and self.names.full_names.get(written.lower()) == written
        ):
            return self._new(written, "named_person", f"person:{written.lower()}", head, words)
        # A surname of someone named in the article, even where the tagger calls it a noun;
        # not a word inside another kind of name ("Korea" in "South Korea").
        # A given name too ("Wang" of "Wang Qishan") unless it names another kind of thing.
        given = head.ent_type_ in ("", "PERSON")
        proper = head.text[:1].isupper() and not document_taken_for_person(head)
        titled = honorific_gender(head)
        name = self.names.person(head.text, given=given, gender=titled) if proper else None
        if (
            name is not None
            and " " not in name
            and (head.lower_ in self.names.described_bodies or self.names.only_called_it(name))
        ):
            name = None  # "Kessler and other companies", "Acme said it": a body
        given_joined = self._names_joined(doc, tokens, head, given=True)
        if name is None and head.ent_type_ == "ORG" and (len(tokens) == 1 or given_joined):
            name = self._person_called(head)
        if name is not None and not self._other_name(doc, tokens, head, name):
            others = self._names_joined(doc, tokens, head) or given_joined
            if others and antecedent is None:  # "Volker and Morrison said": both
                return self._group([doc[head.i : head.i + 1], *others], words)
            name = self._namesake_speaking(head.text) or name
            return self._new(name, "named_person", f"person:{name.lower()}", head, words)
        if mention.label and self._titled_name(doc, tokens):
            name = clean_name(text)
            return self._new(name, "named_person", f"person:{name.lower()}", head, words)
        untitled = self._unrecognised_titled_name(doc, tokens, head)
        if untitled is not None:
            name = person_name(untitled)
            return self._new(name, "named_person", f"person:{name.lower()}", head, words)
        owner = next((c for c in head.children if c.dep_ == "poss"), None)
        holder = self._office_owner(doc, owner) if head.lemma_.lower() in OFFICES else None
        if holder is not None:
            name = f"{holder}’s {_owned_words(doc[owner.i + 1 : head.i + 1], lower=True)}"
            return self._new(name, "named_organization", f"org:{name.lower()}", head, words)
        type_ = mention_type(doc, tokens, head)
        if type_ == "anonymous" and _proper_name(head) and _the(head):
            type_ = "named_organization"  # "the Sioux Falls Argus Leader"
        if type_ in ("anonymous", "vague") and self._body_named_elsewhere(doc, tokens, head):
            type_ = "named_organization"  # "WeWork agreed", the tagger's noun
        if type_ == "vague" and self._affiliated_before(doc, head):
            type_ = "anonymous"
        if type_ in ("anonymous", "vague") and poll_share(head) and self._poll_before():
            type_ = "document"  # "A poll … showed that …" then "Nearly half said …"
        listed = self._bodies_listed_before(doc, tokens, head)
        if listed is not None:  # "the companies" after "Blue Origin, Draper and SpaceX"
            key = f"named_organization:{listed.lower()}"
            return self._new(listed, "named_organization", key, head, words)
        place = self._place_named(head, tokens)
        if place is not None:  # "the city" of an article that names "the City of Surrey"
            key = f"named_organization:{place.lower()}"
            return self._new(place, "named_organization", key, head, words)
        body = self._body_ending_in(head, tokens, type_) or self._the_body(doc, tokens, head, type_)
        if body is not None:
            return body
        if type_ is None or self._definite(doc, head):
            earlier = self._role(head, words)
            if earlier is not None:
                return earlier
        described = self._described_person(doc, head, words, type_)
        if described is not None:
            return self._new(described, "named_person", f"person:{described.lower()}", head, words)
        if type_ is None:
            holder = self._office_holder(head, words, self._may_be_described(head, words))
            if holder is not None:
                return self._new(holder, "named_person", f"person:{holder.lower()}", head, words)
            type_ = "named_person" if self._definite(doc, head) else "anonymous"
        # The name stops before an aside: "Acme, a company based in Ohio" is "Acme", and so
        # is "Acme — whose shares fell —".
        comma = next((i for i in sorted(tokens) if i > head.i and _opens_aside(doc[i])), None)
        if comma is not None:
            # "Democratic leaders — and, in particular, Harry Reid" is "Democratic leaders".
            while comma - 1 > head.i and doc[comma - 1].pos_ in ("CCONJ", "PUNCT"):
                comma -= 1
            text = doc[min(tokens) : comma].text
        unowned = clean_name(text) or text
        name = self._owned(doc, head, unowned)
        if type_ == "anonymous" and head.lemma_.lower() in SPOUSES and name != unowned:
            type_ = "named_person"
        if type_ == "named_organization":
            called = _body_called(doc, tokens, head) or _body_after_words(doc, tokens, head)
            if called is not None:  # "media buying company GroupM" is GroupM
                name = clean_name(called.text)
            # Not a place ("Saskatoon"); a name the recogniser missed here may be a body's.
            missed = head.pos_ == "PROPN" and not head.ent_type_
            if head.ent_type_ == "ORG" or name.isupper() or missed:
                name = self.names.body(name)
            for referent in reversed(self.referents):
                if referent.type == type_ and _short_for(name, referent.name):
                    longer = len(name.split()) > len(referent.name.split())
                    if longer and head.tag_ in ("NNS", "NNPS"):
                        break  # "Latino Republicans" after "Republicans": some of them
                    if _fuller(name, referent.name):
                        referent.name = name  # "the Court", then "the Supreme Court"
                    return referent
        definite = not any(doc[i].lower_ in INDEFINITE for i in tokens if doc[i].dep_ == "det")
        key = (
            f"{type_}:{name.lower()}"
            if definite or type_ != "anonymous"
            else f"new:{len(self.referents)}"
        )
        return self._new(name[:1].upper() + name[1:], type_, key, head, words)

    def _body_by_name(self, name: str, head: Token) -> Referent:
        """The body of this name: one named before whose name it ends, else a new one."""
        known = self._known_body(name)
        if known is not None:
            return known
        return self._new(
            name, "named_organization", f"named_organization:{name.lower()}", head, set()
        )

    def _known_body(self, name: str) -> Referent | None:
        """A body named before whose name this one ends: "Chronicle" after "The San
        Francisco Chronicle"."""
        return next(
            (
                r
                for r in reversed(self.referents)
                if r.type == "named_organization" and _short_for(name, r.name)
            ),
            None,
        )

    @cached_property
    def interview(self) -> bool:
        """Whether the article asks ("Q: …") and answers ("A: …")."""
        return {doc[:2].text for doc in self.docs if len(doc) > 1} >= LABELS_OPEN

    @cached_property
    def _interview_opens(self) -> int:
        """The paragraph of an interview's first "Q:" or "A:" (past the last, if none)."""
        return next(
            (i for i, doc in enumerate(self.docs) if len(doc) > 1 and doc[:2].text in LABELS_OPEN),
            len(self.docs),
        )

    def _interview_side(self, label: str, words: set[str]) -> Referent:
        """ "Q" is the writer; "A" is the person the interview is with: the one the article
        names most before its first question or answer (the first of them, on a tie; the
        answers talk of others), else in all of it, else someone unnamed."""
        if INTERVIEW_LABELS[label] is not None:
            return self._new(INTERVIEW_LABELS[label], "named_person", "writer", None, words)
        opens = self._interview_opens
        people = [e for at, e in self.names.people_at if at[0] < opens] or [
            e for _, e in self.names.people_at
        ]
        counts = Counter(self.names.person(e.text) or person_name(e) for e in people)
        if not counts:
            return self._new("Interviewee", "anonymous", "interviewee", None, words)
        name = counts.most_common(1)[0][0]
        return self._new(name, "named_person", f"person:{name.lower()}", None, words)

    def _office_owner(self, doc: Doc, owner: Token | None) -> str | None:
        """Whose "X's office" or "X's campaign" it is, by name: a named source the article
        has quoted ("the Kremlin's press service"), by name or by the same role ("the
        Russian president's"), or the one it titles so ("the governor's office"). Else
        None, and the office goes by its own words: "the prosecutor's office" is not the
        defendant's, nor "the U.S. Attorney's Office" that of a lawyer named later."""
        if owner is None or is_pronoun(owner):
            return None
        tokens = set(range(owner.left_edge.i, owner.i + 1))
        if owner.pos_ != "PROPN" and not owner.ent_type_:
            words = {stem(doc[i].text) for i in tokens if is_word(doc[i])}
            earlier = self._role(owner, words)
            if earlier is not None and earlier.type.startswith("named"):
                return earlier.name
            return self._office_holder(owner, words, self._may_be_described(owner, words))
        known = list(self.referents)
        referent = self._resolve(doc, Mention(tokens, owner))
        if not referent.type.startswith("named"):
            return None
        # Its own name ("Trump" of Donald Trump), or a source quoted before: not a lawyer
        # named later for "the U.S. Attorney's Office".
        names_it = {doc[i].lower_ for i in tokens} & set(referent.name.lower().split())
        return referent.name if names_it or referent in known else None

    def _person_called(self, head: Token) -> str | None:
        """ "Wang said" after "Vice-President Wang Qishan": a lone word the recogniser takes
        for a body, which is the first word of a person the article titles or calls he or
        she ("EgyptAir" of a headline's "EgyptAir Crash" is not), and no body's short name."""
        if head.lower_ in self.names.body_names:
            return None
        name = self.names.person(head.text, given=True)
        if name is None or " " not in name:
            return None
        known = name in self.names.gender or self.names.title_words(name)
        return name if known else None

    def _namesake_by_age(self, head: Token) -> str | None:
        """ "The elder Hale", after "Robert Hale, 62, and his son Michael, 34": the oldest
        (or youngest) of the people of that surname, by the ages the article gives them."""
        which = [c.lower_ for c in head.children if c.dep_ == "amod" and c.lower_ in AGE_ORDER]
        namesakes = self.names.namesakes(head.text) if which else []
        if len(namesakes) < 2:
            return None
        ages = {}
        for name in namesakes:
            # "Robert Hale, 62," or, after the surname, "his son Michael, 34,"
            written = "|".join(re.escape(n) for n in (name, name.split()[0]))
            age = re.compile(rf"\b(?:{written}), (\d{{1,3}})\b")
            found = next((m for doc in self.docs for m in age.finditer(doc.text)), None)
            if found is None:
                return None
            ages[name] = int(found.group(1))
        return AGE_ORDER[which[0]](ages, key=ages.get)

    def _namesake_speaking(self, surname: str) -> str | None:
        """ "Smith said" after John Smith and his son Tom Smith: the one of them who spoke
        last, if recently, rather than the one the article names most."""
        namesakes = self.names.namesakes(surname)
        if len(namesakes) < 2:
            return None
        speaker = self._last_person_quoted()
        if speaker is None or self.where[0] - speaker.last[0] > SPEAKER_REACH:
            return None
        return speaker.name if speaker.name in namesakes else None

    def _other_name(self, doc: Doc, tokens: set[int], head: Token, person: str) -> bool:
        """A name of another kind around the head, with words the person's name lacks; but
        not one the recogniser ran on past the mention ("Trump accused Holt of being a", a
        work of art) where the person has a first name ("Donald Trump")."""
        known = {part for w in person.lower().split() for part in (w, *w.split("-"))}
        e = self._names(doc).entity_at.get(head.i)  # names don't overlap: one at most
        run_on = e is not None and e.end - 1 > max(tokens)
        return (
            e is not None
            and e.label_ != "PERSON"
            and min(tokens) <= e.start
            and not (run_on and person.split()[0].lower() in census_shares())
            and not {t.lower_ for t in e if t.is_alpha} <= known
        )

    def _names(self, doc: Doc) -> _Names:
        """The paragraph's named entities by token, made once per paragraph."""
        names = self._names_of.get(id(doc))
        if names is None:
            index = self._index.get(id(doc))  # None: a doc of no paragraph, a caller's own
            quoted = quoted_tokens(doc, doc.text) if index is None else self.names.quoted[index]
            names = self._names_of[id(doc)] = _Names(doc, quoted)
        return names

    @staticmethod
    def _signed_name(doc: Doc, tokens: set[int]) -> bool:
        """A label of two or more proper nouns naming no place or body is a person's
        signature, though the recogniser may call it an organisation."""
        words = _words(doc, tokens)
        # A body to the recogniser, with no first name, signs as a body: "Digital Foundry".
        body = all(t.ent_type_ == "ORG" for t in words) and words[0].lower_ not in census_shares()
        return (
            len(words) > 1
            and not body
            and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in words)
            and not any(t.is_upper and len(t) > 1 for t in words)  # "ECB WATCH"
            and not any(t.ent_type_ in ("GPE", "NORP", "LOC", "FAC") for t in words)
            and not any(t.lower_ in ORGANIZATION_NOUNS for t in words)
        )

    @staticmethod
    def _titled_name(doc: Doc, tokens: set[int]) -> bool:
        """A label of someone not named before, opening with a title ("MR. SMITH:"), is a
        person, though the recogniser may call the name an organisation."""
        return _opens_with_title(_words(doc, tokens))

    @staticmethod
    def _unrecognised_titled_name(doc: Doc, tokens: set[int], head: Token) -> Span | None:
        """The name after the title or role in "said Mayor Ana Ruiz" or "City councillor Ana
        Ruiz", which the recogniser left unnamed: capitalised words, none of them a body's
        ("Judge Rotenberg Center")."""
        words = _words(doc, tokens)
        role = next(
            (
                k
                for k, word in enumerate(words[:-1])
                if is_title(word)
                or (word.pos_ in ("NOUN", "PROPN") and word.lemma_.lower() in KNOWN_PERSON_NOUNS)
            ),
            None,
        )
        if head.pos_ != "PROPN" or role is None:
            return None
        name = words[role + 1 :]
        titled = (
            name[0].i <= head.i
            and all(not t.ent_type_ and t.text[:1].isupper() for t in name)
            and not any(ends_a_body_name(t) for t in name)
        )
        return doc[name[0].i : name[-1].i + 1] if titled else None

    def _names_joined(
        self, doc: Doc, tokens: set[int], head: Token, given: bool = False
    ) -> list[Span]:
        """Other people's surnames joined to the head by "and" in the mention, which the
        recogniser may not call people: "Volker and Morrison"; with `given`, their given
        names too: "Dale and Martha" after Dale Ford and Martha Fry."""
        return [
            doc[c.i : c.i + 1]
            for c in head.children
            if c.dep_ == "conj"
            and c.i in tokens
            and c.text[:1].isupper()
            and not c.is_upper  # "Blocher and the SVP": a party's initials
            and self.names.person(c.text, given=given) is not None
        ]

    def _group(self, group: list[Span], words: set[str]) -> Referent:
        names = [self.names.person(e.text, given=True) or person_name(e) for e in group]
        return self._people(names, words)

    def _people(self, names: Sequence[str], words: set[str]) -> Referent:
        """Named people together: "Dale Ford and Martha Fry"."""
        name = " and ".join(names)
        referent = self._new(name, "named_person", f"people:{name.lower()}", None, words)
        referent.plural = True
        return referent

    def _group_before(
        self, reach: int | None = PRONOUN_REACH
    ) -> tuple[tuple[int, int], list[Span]] | None:
        """The last "X and Y" of named people before the mention, within `reach`
        paragraphs (None: anywhere before)."""
        earlier = [(at, g) for at, g in self.names.groups_at if at < self.where]
        if not earlier or (reach is not None and self.where[0] - earlier[-1][0][0] > reach):
            return None
        return earlier[-1]

    def _pair(self, head: Token) -> Referent | None:
        """ "Both", "both of them", "the two": the two people the article just joined by
        "and"; not "both of the companies"."""
        if head.lower_ not in ("both", "two"):
            return None
        of = [o for c in head.children if c.lower_ == "of" for o in c.children if o.dep_ == "pobj"]
        if any(o.lower_ != "them" for o in of):
            return None
        found = self._group_before()
        return self._group(found[1], set()) if found is not None and len(found[1]) == 2 else None

    def _numbered_group(self, doc: Doc, head: Token) -> Referent | None:
        """ "The two leaders", "both candidates", "the couple": the named people just
        joined by "and", else the ones the article has named most so far (the two who
        talked, not a minister named once in passing)."""
        lemma = head.lemma_.lower()
        numbers = [GROUP_NUMBERS[c.lower_] for c in head.children if c.lower_ in GROUP_NUMBERS]
        found = self._group_before()
        if head.tag_ == "NNS" and lemma in PEOPLE_NOUNS | UNIQUE_OFFICES and numbers:
            size = numbers[0]
        elif lemma in COUPLES and self._definite(doc, head):
            size = 0  # "the couple": only two people the article joined by "and"
            found = self._group_before(reach=None)
            if found is not None and len(found[1]) == 2:
                return self._group(found[1], set())
        elif head.tag_ == "NNS" and lemma in PEOPLE_NOUNS and self._definite(doc, head):
            size = len(found[1]) if found is not None else 0  # "the brothers"
            family = self._family_before() if lemma in SIBLINGS and found is None else None
            if family is not None:  # "the brothers" after "Freddy Ortega, German's brother"
                return self._group(family, set())
        elif head.tag_ == "NNS" and (numbers or self._definite(doc, head)):
            # "The congressmen", "the two senators": only people the article just titled so.
            if found is None or not all(self._titled(e, head) for e in found[1]):
                return None
            size = numbers[0] if numbers else len(found[1])
        else:
            return None
        if found is not None and len(found[1]) == size:
            return self._group(found[1], set())
        if not size:
            return None
        counts, first = self._people_named_before()
        if len(counts) < size:
            return None
        most = [name for name, _ in counts.most_common(size)]
        return self._group([first[n] for n in first if n in most], set())

    def _people_named_before(self) -> tuple[Counter, dict[str, Span]]:
        """The people named before the mention, by their fullest name: how often each is
        named, and each one's first mention, in order."""
        counts: Counter = Counter()
        first: dict[str, Span] = {}
        for at, entity in self.names.people_at:
            if at < self.where:
                name = self.names.person(entity.text) or person_name(entity)
                counts[name] += 1
                first.setdefault(name, entity)
        return counts, first

    def _family_before(self) -> list[Span] | None:
        """The people named so far who share a surname, at their first mention: of the
        families the article names, the one it named last."""
        first = {n: e for n, e in self._people_named_before()[1].items() if " " in n}
        families: dict[str, list[str]] = {}
        for name in first:
            families.setdefault(name.split()[-1].lower(), []).append(name)
        named = [names for names in families.values() if len(names) > 1]
        if not named:
            return None
        last = max(named, key=lambda names: max(first[n].start_char for n in names))
        return [first[n] for n in last]

    def _titled(self, entity: Span, role: Token) -> bool:
        """Whether the article gives the person this role as a title ("Rep. Mary Roe" is
        one of "the congressmen")."""
        name = self.names.person(entity.text) or person_name(entity)
        titles = self.names.title_words(name)
        if role.lemma_.lower() in LEGISLATORS:
            return bool(titles & LEGISLATOR_TITLES)
        return stem(role.text) in titles

    def _name_cut_off(self, doc: Doc, tokens: set[int]) -> Span | None:
        """A name the mention stops inside or just before: "McConnell spokesman Don" of
        "McConnell spokesman Don Stewart said" (the role tagger may cut it short)."""
        first, end = min(tokens), max(tokens) + 1
        return next(
            (
                e
                for e in doc.ents
                # Where the name lies, first: is_person reads its grammar.
                if first < e.start <= end < e.end and self.names.is_person(e)
            ),
            None,
        )

    def _affiliated_before(self, doc: Doc, head: Token) -> bool:
        """Unnamed people whom the context ties to a named body: "The Food Agency sent
        inspectors to the farm. The inspectors said …", "officials of the ministry … officials
        said"; not the public ("voters")."""
        lemma = head.lemma_.lower()
        if head.tag_ != "NNS" or lemma in PUBLIC_LEMMAS:
            return False
        index = self.where[0]
        earlier = [t for t in doc[: head.i] if t.lemma_.lower() == lemma]
        if index > 0:
            earlier += [t for t in self.docs[index - 1] if t.lemma_.lower() == lemma]
        for token in earlier:
            around = list(token.subtree) + [c for c in token.head.children if c.dep_ in SUBJECTS]
            if any(t.ent_type_ in BODY_ENTITIES for t in around if t.i != token.i):
                return True
        return False

    def _poll_before(self) -> bool:
        """A poll or survey in the paragraph before the mention's."""
        index = self.where[0]
        return index > 0 and any(is_poll(t) for t in self.docs[index - 1])

    def _the_body(self, doc: Doc, tokens: set[int], head: Token, type_: str | None):
        """ "The company", "the agency", "the security firm": the body last named (by the
        recogniser, or as the subject just before) or quoted, if recent."""
        if type_ != "named_organization" or head.lemma_.lower() not in BODY_NOUNS:
            return None
        # Not "the Facebook-owned company": a name that says whose it is names the owner.
        related = {i for i in tokens if doc[i].head.lower_ in RELATIONS and doc[i].head.i in tokens}
        named = [i for i in tokens - related if doc[i].ent_type_ or doc[i].pos_ == "PROPN"]
        if named or any(doc[i].dep_ == "poss" for i in tokens):
            return None
        source = next((r for r in reversed(self.recent) if r.type == type_), None)
        if source is not None and source.last >= (self.where[0], head.sent.start_char):
            return source  # the body its own sentence quoted: "Police said …, but the agency …"
        named = [
            (at, e)
            for at, e in self.names.bodies_at
            if at < self.where and not (at[0] == self.where[0] and e.start in tokens)
        ]
        subject = self._unrecognised_body_before(head)
        if subject is not None and (not named or named[-1][0] < subject[0]):
            named.append(subject)
        if named and (source is None or source.last < named[-1][0]):
            if self.where[0] - named[-1][0][0] > PRONOUN_REACH:
                # The body that spoke stands out longer than one only named: "Big Machine
                # says she may play at the American Music Awards. … But the company says …"
                if source is not None and self.where[0] - source.last[0] <= SPEAKER_REACH:
                    return source
                return self._main_body(named)
            name = clean_name(named[-1][1].text)
        elif source is not None and self.where[0] - source.last[0] <= SPEAKER_REACH:
            return source  # the body that spoke, no other named since
        elif not named and source is None and (after := self._body_after(head)) is not None:
            name = clean_name(after.text)  # a lead: "The company said …", then the name
        else:
            return None
        return self._body_by_name(name, head)

    def _main_body(self, named: list[tuple[tuple[int, int], Span]]) -> Referent | None:
        """The body the article is about, for "the company" with none named lately: the one
        it has named most, at least three times and more than any other, once it has been a
        source."""
        counts = Counter(self.names.body(clean_name(e.text)) for _, e in named)
        ranked = counts.most_common(2)
        if not ranked or ranked[0][1] < 3 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
            return None
        return self._known_body(ranked[0][0])

    def _body_ending_in(self, head: Token, tokens: set[int], type_: str | None):
        """ "The foundation" of an article that named the Raspberry Pi Foundation before,
        however long before: the last body named with that noun, if any."""
        lemma = head.lemma_.lower()
        if type_ != "named_organization" or lemma in NOT_NAME_ENDINGS or len(tokens) != 2:
            return None
        if head.pos_ != "NOUN" or head.tag_ != "NN" or not _the(head):
            return None
        named = [
            e
            for at, e in self.names.bodies_at
            if at < self.where and len(e) > 1 and e[-1].lower_ == head.lower_
        ]
        if not named:
            return None
        name = clean_name(named[-1].text)
        return self._body_by_name(name, head)

    def _bodies_listed_before(self, doc: Doc, tokens: set[int], head: Token) -> str | None:
        """ "The companies", "the two firms": the bodies the article last listed, joined by
        commas and "and", in this paragraph or the two before ("Blue Origin, Sierra Nevada
        Corporation and SpaceX"), by their names."""
        lemma = head.lemma_.lower()
        if head.tag_ != "NNS" or lemma not in BODY_NOUNS | {"party", "union"}:
            return None
        if len(tokens) > 3 or not self._definite(doc, head):
            return None  # "the companies that make chips" are some companies, not those
        bodies = [
            e
            for at, e in self.names.bodies_at
            if at < self.where and self.where[0] - at[0] <= SPEAKER_REACH
        ]
        lists = []
        for entity in bodies:
            if entity.root.dep_ == "conj":
                continue  # a list's first body opens it
            members, frontier = [entity.root], [entity.root]
            while frontier:  # "A, B and C": C may hang on B rather than on A
                joined = (c for t in frontier for c in t.children if c.dep_ == "conj")
                frontier = [c for c in joined if c.pos_ == "PROPN"]
                members += frontier
            if len(members) > 1:
                lists.append(members)
        if not lists:
            return None
        names = []
        for root in lists[-1]:
            words = sorted(compound_name(root))  # "Sierra Nevada Corporation"
            names.append(clean_name(root.doc[words[0] : words[-1] + 1].text))
        return ", ".join(names[:-1]) + " and " + names[-1]

    def _place_named(self, head: Token, tokens: set[int]) -> str | None:
        """The body "the city" or "the province" stands for where the article names it so:
        "the City of Surrey", the last named before, else the first after."""
        lemma = head.lemma_.lower()
        if lemma not in PLACE_BODIES or head.tag_ != "NN" or len(tokens) != 2:
            return None
        if not _the(head):
            return None
        found = self._places.get(lemma)
        if found is None:  # once per article and noun: an article may say "the city" often
            pattern = re.compile(rf"\b(?i:{lemma}) of [A-Z][\w’'-]*(?: [A-Z][\w’'-]*)*")
            found = self._places[lemma] = [
                (index, m.group())
                for index, doc in enumerate(self.docs)
                for m in pattern.finditer(doc.text)
            ]
        before = [name for index, name in found if index < self.where[0]]
        if before:
            return before[-1]
        return found[0][1] if found else None

    def _body_after(self, head: Token) -> Span | None:
        """The first body named after this sentence, in this paragraph or the next."""
        end = (self.where[0], head.sent.end_char)
        return next(
            (e for at, e in self.names.bodies_at if at >= end and at[0] - end[0] <= PRONOUN_REACH),
            None,
        )

    def _body_named_elsewhere(self, doc: Doc, tokens: set[int], head: Token) -> bool:
        """A mention of one word, as the article writes a body's name elsewhere, that the
        recogniser missed here: "WeWork agreed", where "a WeWork spokesperson" names it."""
        words = [doc[i] for i in tokens if is_word(doc[i])]
        return (
            words == [head]
            and not head.ent_type_
            and head.tag_ not in ("NNS", "NNPS")
            and head.text[:1].isupper()
            and any(len(e) == 1 and e.text == head.text for _, e in self.names.bodies_at)
        )

    def _unrecognised_body(self, token: Token) -> bool:
        """A proper noun the recogniser missed, or a name it took for a product (and the
        tagger perhaps for a noun) where it calls it a body elsewhere, that names no person."""
        missed = token.pos_ == "PROPN" and not token.ent_type_
        product = token.ent_type_ == "PRODUCT" and token.lower_ in self.names.body_words
        return (missed or product) and self.names.person(token.text, given=True) is None

    def _unrecognised_body_before(self, head: Token) -> tuple[tuple[int, int], Span] | None:
        """The subject of the sentence before, where and as a name, if a proper noun the
        recogniser missed and no person's name: "TransLink" of "TransLink is raising fares.
        The agency said …"."""
        found = self._sentence_before(head)
        if found is None:
            return None
        index, before = found
        subject = _subject_of(before.root)
        if subject is None or not self._unrecognised_body(subject):
            # Else the last such name in the sentence: "… confirmed by TransLink. The agency"
            named = [
                t
                for t in before
                if t.dep_ != "compound" and not t.is_upper and self._unrecognised_body(t)
            ]
            subject = named[-1] if named else None
        if subject is None:
            return None
        start = subject.i
        while start > before.start and subject.doc[start - 1].dep_ == "compound":
            start -= 1
        name = subject.doc[start : subject.i + 1]
        return (index, name.start_char), name

    def _definite(self, doc: Doc, head: Token) -> bool:
        return any(c.dep_ in ("det", "poss") and c.lower_ not in INDEFINITE for c in head.children)

    def _role(self, head: Token, words: set[str]) -> Referent | None:
        """An earlier source with the same head noun and at least these modifiers."""
        lemma = head.lemma_.lower()
        # "The president" alone is not a body's president (see _heads_of_bodies).
        alone = not words - {stem("the"), stem(head.text)}
        bodies = self._heads_of_bodies(head) if alone else set()
        many = head.tag_ in ("NNS", "NNPS")
        for referent in reversed(self.recent):
            # "The officials" are not "an airport official" alone ("his doctor" may be one
            # of "his doctors").
            same = referent.head == lemma and (referent.many or not many)
            if same and words <= referent.words | {stem("the")}:
                if _first_of_two(words, referent):
                    continue  # "The New York Times" after "The New York Times and the …"
                return referent
            office = referent.type == "named_person" and lemma in UNIQUE_OFFICES
            known = referent.words | self.names.title_words(referent.name)
            if office and words - {stem("the")} <= known and referent.name not in bodies:
                return referent
        return None

    def _heads_of_bodies(self, head: Token) -> set[str]:
        """Where the article titles others president without a body ("President Trump",
        "former President Bill Clinton"), the people it titles president only of one
        ("Zippy Duvall, the president of the Farm Bureau"), by the name as written there
        and by their fullest. Not for offices of a place: "the governor of New Jersey"."""
        office = stem(head.text)
        if office != stem("president"):
            return set()
        titled = [(title, name) for title, name, _ in self.names.titles if office in title]
        of_body = {name for title, name in titled if stem("of") in title}
        alone = {name for title, name in titled if stem("of") not in title}
        heads = of_body - alone if alone else set()
        return heads | {self.names.person(name) or name for name in heads}

    def _owned(self, doc: Doc, head: Token, name: str) -> str:
        """A document or person named by their owner's fullest name: "her statement" ->
        "Shannon Phillips’s statement", "Putin's spokesman" -> "Vladimir Putin’s spokesman"."""
        owner = next((c for c in head.children if c.dep_ == "poss"), None)
        if owner is None:
            return name
        if owner.lower_ in PRONOUN_GENDER:
            referent = self._pronoun(owner, owner.text, set())
            named = referent.type == "named_person" and referent.name.lower() != owner.lower_
            full = referent.name if named else None  # not "His’s doctors", unresolved
        else:
            full = self.names.person(owner.text) if owner.pos_ == "PROPN" else None
        if full is None:
            return name
        return f"{full}’s {_owned_words(doc[owner.i + 1 : head.i + 1])}"

    def _described_person(
        self, doc: Doc, head: Token, words: set[str], type_: str | None
    ) -> str | None:
        """ "The senator", "the 58-year-old governor", "the star": one person the article
        names, by the title it gives them, else the person it is talking about (the last
        speaker or person named, or for a headline or lead, the first named just after).
        Not "the official" or "the woman", whom a reader can't tie to a name without a title."""
        # One party member, "the Kentucky Republican": a person, though the recogniser says
        # group.
        partisan = head.ent_type_ == "NORP" and head.lemma_.lower() in PARTISANS
        # "sergeant-at-arms": a sergeant, not arms; but a "fact-checker" is a checker
        role = head if person_noun(head.lemma_.lower()) else _hyphened_first(head)
        singular = role.tag_ == "NN" or (role.tag_ == "NNP" and (partisan or not role.ent_type_))
        # A role the tagger reads as an adjective: "Retired general reveals …"
        singular = singular or (head.tag_ == "JJ" and head.dep_ in SUBJECTS)
        if not singular or (type_ not in (None, "anonymous", "vague") and not partisan):
            return None
        lemma = role.lemma_.lower()
        if lemma in NOT_PEOPLE or not (partisan or _aged(head) or person_noun(lemma)):
            return None  # "the attack", "the country": no person, though one is near
        if head.lower_ in NOT_ANAPHORIC:
            return None  # "Everyone called him Mike" in a lead: no one person
        the = _the(head)
        owned = any(c.dep_ == "poss" for c in head.children)  # "his wife": by title only
        # A headline drops its articles: "Saudi prince mocks Trump", named in the lead.
        headline = self.where[0] == 0 and not any(c.dep_ in ("det", "poss") for c in head.children)
        if not (the or owned or headline):
            return None
        fits = self._may_be_described(head, words)
        holder = self._office_holder(head, words, fits)
        if holder is not None or lemma in UNNAMED_ROLES or not (the or headline):
            return holder
        if the and _proper_name(head):
            return None  # a name, not a description: "the Sioux Falls Argus Leader"
        if _of_a_body(head):
            # "The chairman of the Conservative Party": the person named just before it, or
            # one the article is about (named as a subject), not any name near ("a question
            # about Brexit", which the recogniser calls a person).
            beside = _named_before_comma(head)
            if beside is not None:
                return self.names.person(beside.text) or beside.text
            return self._person_near(head, fits, headline=not the, subjects=True)
        court = COURT_ROLES.get(lemma)
        if court is not None:
            # "The judge" of a story about a defendant is not the defendant: only someone
            # the article titles so ("U.S. District Judge Richard Berman").
            return self._person_near(
                head, lambda n: fits(n) and bool(court & self.names.title_words(n))
            )
        return self._person_near(head, fits, headline=not the)

    def _may_be_described(self, head: Token, words: set[str]) -> Callable[[str], bool]:
        """A test of whether a named person may be the one a description stands for: not
        someone the article makes of the other sex or party."""
        gender = self._description_gender(head)
        party = _parties(words)

        def fits(name: str) -> bool:
            parties = _parties(self.names.title_words(name))
            other_party = bool(party and parties and not party & parties)
            return self.names.may_be(name, gender) and not other_party

        return fits

    def _description_gender(self, head: Token) -> str | None:
        """Whether a description is of a man or a woman: by its noun ("the actress"), else
        by the first he or she after it in its sentence, outside quotes and with no one
        named between ("the nominee complained about his mic"); not for one described by
        its owner, whom that he or she may be ("his lawyer said he would not answer")."""
        gender = GENDERED_NOUNS.get(head.lemma_.lower())
        if gender is not None or any(c.dep_ == "poss" for c in head.children):
            return gender
        doc = head.doc
        quoted = self._names(doc).quoted
        for token in doc[max(t.i for t in head.subtree) + 1 : head.sent.end]:
            if token.pos_ == "PROPN" or token.ent_type_ == "PERSON":
                return None
            generic = token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "or"  # "his or her"
            # "The president told her": the object of its own verb is someone else.
            other = token.dep_ in ("dobj", "dative") and token.head.i == head.head.i
            if not quoted[token.i] and token.lower_ in PRONOUN_GENDER and not (generic or other):
                return PRONOUN_GENDER[token.lower_]
        return None

    def _person_near(
        self,
        head: Token,
        fits: Callable[[str], bool],
        headline: bool = False,
        subjects: bool = False,
    ) -> str | None:
        """The person the article is about here: the last named before in this paragraph,
        else the last speaker, else the last named in the paragraph before, else the first
        named just after (as a lead does; past the lead, not one it titles otherwise), for a
        headline not as an owner ("Judge rejects …", then "A judge has rejected … Donald
        Trump's divorce"); unless the article gives them another office. Only people who
        `fits` (a name's test): where the first does not, the next in that order ("the
        death of Terence Crutcher … the nominee said she"); with `subjects`, only people
        named as a subject."""
        lemma = head.lemma_.lower()

        def owner(entity: Span) -> bool:
            """ "Dana Cole’s wife": he is not "the wife"."""
            root = entity.root
            return root.dep_ == "poss" and root.head.lemma_.lower() == lemma

        before = [
            (at, e)
            for at, e in self.names.people_at
            if at < self.where
            and self.where[0] - at[0] <= PRONOUN_REACH
            and not self._names(e.doc).quoted[e.start]  # a nickname, “King James”
            and not (at[0] == self.where[0] and self._in_what_is_said(e))
            and not owner(e)
            and (e.root.dep_ in SUBJECTS or not subjects)
        ]
        sentence = head.sent

        def named(entity: Span) -> str:
            return self.names.person(entity.text) or person_name(entity)

        def titled_otherwise(entity: Span) -> bool:
            """Past the lead, a person the article titles otherwise: "Dr. Owen Dempsey, a
            pulmonologist" is not "the patient" of the paragraph before him."""
            if self.where[0] < LEAD_PARAGRAPHS:
                return False
            titles = self.names.title_words(named(entity))
            return bool(titles) and stem(head.text) not in titles

        after = [  # named in a later sentence: "on Twitter" beside "the minister" is not them
            e
            for at, e in self.names.people_at
            if at > self.where
            and at[0] - self.where[0] <= LEAD_REACH
            and not (e.doc is head.doc and sentence.start <= e.start < sentence.end)
            and not (headline and e.root.dep_ in OWNER_DEPS)
            and not titled_otherwise(e)
            and not owner(e)
            and (e.root.dep_ in SUBJECTS or not subjects)
        ]
        speaker = self._last_person_quoted()

        candidates = [named(e) for at, e in reversed(before) if at[0] == self.where[0]]
        near = speaker is not None and self.where[0] - speaker.last[0] <= PRONOUN_REACH
        # Not the writer: "the manager" is never the "I" who tells the story.
        if near and not _described_otherwise(speaker, head) and speaker.name != WRITER:
            candidates.append(speaker.name)
        candidates += [named(e) for _, e in reversed(before)] + [named(e) for e in after]
        fitting = [n for n in candidates if fits(n)]
        if not fitting:
            return None
        offices = self.names.title_words(fitting[0]) & OFFICE_STEMS
        office = stem(head.text) if stem(head.text) in OFFICE_STEMS else None
        if head.lemma_.lower() == "leader" and not any(c.dep_ == "compound" for c in head.children):
            office = None  # "the Chinese leader" leads, whatever the office; "the band leader" not
        # One office by any of its names: "the lawyer" is the one titled attorney.
        if offices and office is not None and not offices & COURT_ROLES.get(lemma, {office}):
            # "The governor" is not the person the article calls senator, but may be the
            # next one, whom it calls governor.
            return next((n for n in fitting[1:] if office in self.names.title_words(n)), None)
        return fitting[0]

    def _in_what_is_said(self, entity: Span) -> bool:
        """ "Dale Hobbs pleaded guilty, the district attorney said": the one the content
        is about is not who says it."""
        return any(a <= entity.start_char < b for a, b in self.said)

    def _office_holder(
        self, head: Token, words: set[str], fits: Callable[[str], bool]
    ) -> str | None:
        """The named person whose title has these words and who `fits` the description:
        "the Russian president" -> Putin."""
        # The words of the noun phrase up to its noun: "the mother" of "the mother of a
        # woman who took diet pills".
        named_by = title_stems(t for t in head.subtree if t.i <= head.i)
        needed = (words & named_by) - {stem(w) for w in DETERMINERS | POSSESSIVES}
        holders = self._titled_so(head, words, needed, fits)
        office = stem(head.text)
        if not needed - {office}:  # the office alone (see _heads_of_bodies)
            bodies = self._heads_of_bodies(head)
            holders = [(at, name) for at, name in holders if name not in bodies]
        country = _country_owner(head)
        # Not a bare office ("Germany's president"), which another country's holder has too.
        if not holders and country and needed - country - {office}:
            # "Austria's interior minister", then "Interior Minister Wolfgang Peschorn": a
            # title seldom repeats the country whose office it is. The one holder titled
            # with no other words (not "German Interior Minister …").
            holders = self._titled_so(head, words, needed - country, fits, exactly=True)
            if len({name for _, name in holders}) > 1:
                return None
        before = {name for at, name in holders if at <= self.where}
        # The one the article last quoted, else the last named before, else the first after
        # in the next paragraph at most: a lead may name the person just after ("The Russian
        # President says …"), but "the star" is not the one the article titles so much later.
        speaker = next((r.name for r in reversed(self.recent) if r.name in before), None)
        if speaker is not None:
            return speaker
        if before:
            return [name for at, name in holders if at <= self.where][-1]
        after = [name for at, name in holders if at[0] - self.where[0] <= LEAD_REACH]
        if after:
            return after[0]
        # An office one person holds, the only one the article titles so, however much later:
        # "The governor of South Dakota would like us to know …", then "Gov. Kristi Noem".
        office = head.lemma_.lower() in UNIQUE_OFFICES and head.tag_ == "NN"
        return holders[0][1] if office and len({name for _, name in holders}) == 1 else None

    def _titled_so(
        self,
        head: Token,
        words: set[str],
        needed: set[str],
        fits: Callable[[str], bool],
        exactly: bool = False,
    ) -> list[tuple[tuple[int, int], str]]:
        """Where and whom the article titles with the head noun and the `needed` words (and,
        `exactly`, no others)."""
        return [
            (at, name)
            for title, name, at in self.names.titles
            if stem(head.text) in title
            and (title == needed | {stem(head.text)} if exactly else needed <= title)
            and not (title & RANKS) - words
            and fits(name)
        ]

    def _asked(self, doc: Doc, head: Token) -> str | None:
        """The person a source asks, by name: "Sanders" of "Conroy asked Sanders whether …"."""
        verb = head.head
        if head.dep_ != "nsubj" or verb.lemma_.lower() != "ask":
            return None
        names = self._names(doc)
        for child in verb.children:
            entity = names.entity_at.get(child.i) if child.dep_ in ("dobj", "dative") else None
            if entity is not None and self.names.is_person(entity):
                return self.names.person(entity.text) or person_name(entity)
        return None

    def _answers(self, head: Token, gender: str | None) -> str | None:
        """Who answers in a paragraph that opens with a quote, just after someone was asked
        ("Conroy asked Sanders whether … ¶ “Sure it is …,” he said"): the person asked."""
        if self.asked is None or self.asked[0] != self.where[0] - 1:
            return None
        first = next((t for t in head.doc if not t.is_space), None)
        if first is None or not first.is_quote:
            return None
        name = self.asked[1]
        return name if self.names.may_be(name, gender) else None

    def _he_or_she(self, head: Token, gender: str | None, fits) -> Referent | str | None:
        """Whom "he", "she" or "I" stands for: the one person the sentence before names, if the
        last speaker is not in it and is not known to be of the pronoun's gender where that
        person is not ("Down the street, Mike Reyes rejoiced. He believes …");
        the last speaker, if recent (quotes may carry them on) and not of unknown gender
        where someone named since is known to be of the pronoun's; else that person; else a
        speaker known to be of the pronoun's gender; else someone named lately whom the
        article calls by that gender; else the last person named, of no other gender (in
        that paragraph, a subject first). A name, or None if nobody fits. Never a person the
        sentence compares them with: "Unlike Al Mnajer, he's been unable to find work"."""
        unlike = self._compared_with(head)
        if unlike:
            fits = _not_among(fits, unlike)
        speaker = next(
            (r for r in reversed(self.recent) if r.type == "named_person" and fits(r)), None
        )
        if speaker is not None and self.where[0] - speaker.last[0] > SPEAKER_REACH:
            speaker = None
        introduced = self._named_just_before(head, gender) if gender is not None else None
        if introduced is not None and introduced[1] in unlike:
            introduced = None
        # A speaker quoted inside the sentence before, whose subject is another person, spoke
        # in that person's words: "Trump said … not until Obama “admits …”. He noted …".
        inside = (
            introduced is not None
            and introduced[3]
            and speaker is not None
            and not set(speaker.name.split())
            & set(introduced[1].split())  # not "Ban" of Ban Ki-moon
            and introduced[0] <= speaker.last < (self.where[0], head.sent.start_char)
        )
        # A bare word named in passing, never with a first name, a title or a sex ("This
        # graphic, provided by Statista, …"), over a speaker whose first name fits: the
        # speaker goes on.
        passing = (
            introduced is not None
            and speaker is not None
            and not introduced[2]
            and " " not in introduced[1]
            and self.names.gender_of(introduced[1]) is None
            and self.names.gender_of(speaker.name) == gender
        )
        if passing:
            introduced = None
        if introduced is not None and (speaker is None or speaker.last < introduced[0] or inside):
            # Not over a speaker the article calls so, for someone it doesn't.
            if speaker is None or self.names.gender.get(speaker.name) != gender:
                return introduced[1]
            # Or for one its subject, whom other articles or the first name say is so.
            told = self.names.gender.get(introduced[1])
            if told == gender or (introduced[2] and self.names.gender_of(introduced[1]) == gender):
                return introduced[1]
        # The paragraph is about the person who opens it, over a speaker quoted before it.
        opener = self._paragraph_subject(head, gender) if gender is not None else None
        opener = None if opener in unlike else opener
        if opener is not None and (speaker is None or speaker.last[0] < self.where[0]):
            return opener
        named, told = [], []
        for at, entity in reversed([p for p in self.names.people_at if p[0] < self.where]):
            if self._names(entity.doc).quoted[entity.start] or self.captions[at[0]]:
                continue  # named in a quote ("“As Eloise deteriorated …”") or a photo caption
            name = self.names.person(entity.text) or person_name(entity)
            if name in unlike:
                continue
            if (
                self.names.may_be(name, gender)
                and not _inside_description(entity, self._named)
                and not _names_a_thing(entity)
            ):
                named.append((at, name, entity.root.dep_ in SUBJECTS))
            # Told apart from the speaker only as a subject, not "his father, Bill".
            if (
                gender is not None
                and self.names.gender.get(name) == gender
                and self.where[0] - at[0] <= SPEAKER_REACH
                and entity.root.dep_ in SUBJECTS
            ):
                told.append((at, name))
        if speaker is not None and (
            gender is None or self.names.gender.get(speaker.name) == gender
        ):
            return speaker
        if told and (speaker is None or (told[0][0] > speaker.last and told[0][1] != speaker.name)):
            return told[0][1]
        if speaker is not None:
            return speaker
        known = next(
            (
                r
                for r in reversed(self.recent)
                if r.type == "named_person"
                and r.name not in unlike
                and not r.plural
                and self.names.gender.get(r.name) == gender
            ),
            None,
        )
        # Of the people named lately, one the article calls by the pronoun's gender, over
        # one it tells nothing of: "Taylor Swift's albums … bought by Scooter Braun. … she".
        fitting = [
            (at, name)
            for at, name, _ in named
            if self.where[0] - at[0] <= SPEAKER_REACH and self.names.gender_of(name) == gender
        ]
        # A speaker the article calls so, unless just one person of that gender (by the
        # article or the first name) was named lately, since: "… Vickers peeked around …"
        # after Gallant spoke long before; not "Obama and Biden place flowers …", two.
        if known is not None and gender is not None:
            named_since = {name for at, name in fitting if at > known.last}
            if len(named_since) != 1:
                return known
        fitting = [name for _, name in fitting]
        if gender is not None and fitting:
            return fitting[0]
        if not named:
            return None
        # Else the last person named, a subject over others the same paragraph names after
        # it: "Braun has worked with Kanye West and Kim Kardashian. … He".
        latest = [n for n in named if n[0][0] == named[0][0][0]]
        return next((name for _, name, subject in latest if subject), named[0][1])

    def _paragraph_subject(self, head: Token, gender: str) -> str | None:
        """The person named as the subject of the paragraph's first sentence, for a he or
        she in a later one, if no one else who could be meant is named between and that
        sentence calls no one by the other gender: "Nelson D. Schwartz has covered economics
        since 2012. Previously, he wrote …"; "Fetter, for her part, continued to program …
        After a few years, she left … “…,” she said"; not after "McDowell laughs at the
        memory of his mom"."""
        doc = head.doc
        first = next(iter(doc.sents))
        if head.i < first.end:
            return None
        found = self._names(doc)
        if {PRONOUN_GENDER.get(t.lower_) for t in first if not found.quoted[t.i]} - {None, gender}:
            return None
        subject = next(
            (t for t in first.root.children if t.dep_ in SUBJECTS and not found.quoted[t.i]), None
        )
        if subject is None:
            return None
        name = self._person_named_at(subject)
        if name is None or not self.names.may_be(name, gender):
            return None
        between = self._names_in(doc[subject.i + 1 : head.i]) - {name}
        if any(self.names.may_be(other, gender) for other in between):
            return None
        return name

    def _named_subject(self, pronoun: Token, gender: str) -> str | None:
        """The person named as the subject of the nearest clause that governs "he" or "she"
        from before it, of no other gender, with no other subject named between: "Carlineo
        was arrested for a call he made to Omar's office, in which he said …" (Carlineo,
        not Omar nor the last person quoted). Not when a clause further up has a subject of
        its own who could be meant: "He declared that Trump would have a path to the
        nomination, which he called a disaster"."""
        names = self._names(pronoun.doc)
        subjects, child, verbs = [], pronoun, []
        for verb in pronoun.ancestors:
            if child.dep_ == "parataxis":
                break  # "The Sierra has seen no rain, he said": what he says, not who
            s = _subject_of(verb)
            if s is not None and s.i < pronoun.i and pronoun not in s.subtree:
                subjects.append(s)
                verbs.append((verb, child))
            child = verb
        # A he or she of the pronoun's gender below the name is that person again.
        while subjects and PRONOUN_GENDER.get(subjects[0].lower_) == gender:
            subjects.pop(0)
            verbs.pop(0)
        # Asked of the one asked: "Hewitt asked Trump about statements he had made".
        if subjects and not names.quoted[subjects[0].i]:
            verb, child = verbs[0]
            asked = next((c for c in verb.children if c.dep_ == "dobj"), None)
            if verb.lemma_ in ASK_VERBS and asked is not None and child is not asked:
                name = self._person_named_at(asked) if asked.pos_ == "PROPN" else None
                if name and self.names.may_be(name, gender):
                    return name
        if not subjects or names.quoted[subjects[0].i]:
            return None
        subject, above = subjects[0], subjects[1:]
        if any(s.ent_type_ == "PERSON" or PRONOUN_GENDER.get(s.lower_) == gender for s in above):
            return None
        entity = names.entity_at.get(subject.i)
        if entity is not None and self.names.is_person(entity):
            name = self.names.person(entity.text, gender=honorific_gender(entity))
        elif entity is None and subject.pos_ == "PROPN":  # a surname the recogniser missed
            name = self.names.person(subject.text, gender=honorific_gender(subject))
        else:
            return None
        for token in pronoun.doc[subject.i + 1 : pronoun.i]:
            said_of = PRONOUN_GENDER.get(token.lower_)
            another = token.ent_type_ == "PERSON" and token.dep_ in SUBJECTS
            if another or (said_of is not None and said_of != gender):
                return None
        return name if name and self.names.may_be(name, gender) else None

    def _named_in_sentence(self, pronoun: Token, gender: str) -> str | None:
        """The person a he or she heading its sentence's main clause stands for, named
        before it in that sentence: "As for Trump, he said …", "In an example of how
        sensitive Obama is …, he used …", "Mosman saw Santilli's words differently: “…,” he
        said". That person is the subject of an opening phrase or of a clause a quotation
        parts from, or follows an opening "(as) for"; no one else of that gender is named
        there (but as an owner, "Santilli's"), no one is asked, and no him or her stands
        between."""
        doc, sent = pronoun.doc, pronoun.sent
        main = _subject_of(sent.root)
        if main is None or main.i > pronoun.i or PRONOUN_GENDER.get(main.lower_) != gender:
            return None
        quoted = self._names(doc).quoted
        if any(t.dep_ in SUBJECTS and t.ent_type_ == "PERSON" for t in doc[main.i : pronoun.i]):
            return None  # someone else is the subject between
        # An opening phrase, or a clause put first that sets its subject beside what follows
        # ("While Mr. Cruz shares …, he turned …"), not a condition ("If Trump loses, he …").
        openers = [
            c
            for c in sent.root.children
            if c.i < main.i and (c.dep_ == "prep" or (c.dep_ == "advcl" and _contrasting(c)))
        ]
        found, others = set(), set()
        for token in doc[sent.start : main.i]:
            if quoted[token.i]:
                continue
            if token.lemma_ in ASK_VERBS or (
                PRONOUN_GENDER.get(token.lower_) == gender and token.dep_ not in ("poss", *SUBJECTS)
            ):
                return None
            if token.pos_ != "PROPN" or token.ent_iob_ == "I":
                continue
            name = self._person_named_at(token)
            if name is None or not self.names.may_be(name, gender):
                continue
            head = token
            while head.dep_ in ("compound", "flat") and head.head.i > head.i:
                head = head.head
            opening = any(head in o.subtree for o in openers)
            # Said before the quotation opens, not an aside in it ("“…” -- that Bloomberg is …").
            parted = any(quoted[t.i] for t in doc[head.i : main.i]) and not any(
                quoted[t.i] for t in doc[sent.start : head.i]
            )
            for_ = head.dep_ == "pobj" and head.head.lower_ == "for"
            if (head.dep_ in SUBJECTS and (opening or parted)) or (for_ and opening):
                found.add(name)
            elif head.dep_ != "poss":
                others.add(name)
        if len(found) != 1 or others - found:
            return None
        return found.pop()

    def _named_after_clause(self, pronoun: Token, gender: str) -> str | None:
        """ "Whenever he accuses …, Mr. Trudeau will face …": "he" or "she" in a clause put
        before the main one, with no one named before it in the sentence, is the person the
        main clause's subject names, if of no other gender."""
        clause = next((v for v in pronoun.ancestors if v.dep_ == "advcl"), None)
        if clause is None or clause.head.i < clause.i:
            return None
        names = self._names(pronoun.doc)
        subject = _subject_of(clause.head)
        if subject is None or subject.i <= clause.right_edge.i or names.quoted[subject.i]:
            return None
        if self._names_in(pronoun.doc[pronoun.sent.start : pronoun.i]):
            return None
        name = self._person_named_at(subject)
        return name if name and self.names.may_be(name, gender) else None

    def _two_subjects_before(self, head: Token) -> tuple[str, str] | None:
        """Two people, each the subject of one of the two sentences just before in the
        paragraph, for a "they" that opens its own: "Jasdip Singh heads Sikh Americans for
        Trump. His friend Sajid Tarar started Muslim Americans for Trump. They say …"."""
        sentence = head.sent
        if head.dep_ not in SUBJECTS or head.i != sentence.start:
            return None
        sentences = [s for s in head.doc.sents if s.end <= sentence.start][-2:]
        names = self._names(head.doc)
        people = []
        for before in sentences:
            subject = _subject_of(before.root)
            if subject is None or names.quoted[subject.i]:
                return None
            # The subject's name, or the name beside it: "His friend, Sajid Tarar, …".
            named = [subject] + [c for c in subject.children if c.dep_ == "appos"]
            entity = next((e for t in named if (e := names.entity_at.get(t.i))), None)
            if entity is None or not self.names.is_person(entity):
                return None
            people.append(self.names.person(entity.text) or person_name(entity))
        if len(people) != 2 or people[0] == people[1]:
            return None
        return people[0], people[1]

    def _person_named_at(self, token: Token) -> str | None:
        """The person the name the token is part of (or the word itself) stands for."""
        entity = self._names(token.doc).entity_at.get(token.i)
        return self.names.person(entity.text if entity is not None else token.text)

    def _names_in(self, span: Span) -> set[str]:
        """The people named in the span outside quotation marks, by their fullest names; a
        surname the recogniser missed here counts too ("Poulter")."""
        names, found = set(), self._names(span.doc)
        for token in span:
            if found.quoted[token.i] or not token.text[:1].isupper() or token.ent_iob_ == "I":
                continue
            entity = found.entity_at.get(token.i)
            if entity is not None and _names_a_thing(entity):
                continue  # "the Kinder Morgan pipeline"
            if entity is not None and self.names.is_person(entity):
                names |= {self.names.person(entity.text)} - {None}  # not "… High School"
            elif token.ent_type_ in ("", "ORG"):
                names |= {self.names.person(token.text)} - {None}
        return names

    def _sentence_before(self, head: Token) -> tuple[int, Span] | None:
        """The sentence before the head's and its paragraph: the last of the paragraph
        before, for a paragraph's first, passing over photo captions."""
        index, sentence = self.where[0], head.sent
        if sentence.start > 0:
            return index, head.doc[sentence.start - 1].sent
        index -= 1
        while index >= 0 and self.captions[index]:
            index -= 1
        if index >= 0 and len(self.docs[index]):
            return index, self.docs[index][-1].sent
        return None

    def _named_just_before(
        self, head: Token, gender: str | None
    ) -> tuple[tuple[int, int], str, bool, bool] | None:
        """Where the sentence before the pronoun's starts (the last of the paragraph before,
        for a paragraph's first), the one person of no other gender that it names outside
        quotation marks (others of the other gender may be named too, if that person is its
        subject: "Sarah studied …, as Lorenz and Rothman had"), if the pronoun's own sentence
        names no one before it, and whether that person is its subject."""
        if self._names_in(head.doc[head.sent.start : head.i]):
            return None
        found = self._sentence_before(head)
        if found is None:
            return None
        index, before = found
        named = self._names_in(before)
        names = {n for n in named if self.names.may_be(n, gender)}
        quoted = self._names(before.doc).quoted
        # The one its main clause has for subject, among others who could be meant: "Jay
        # Carney, a former press secretary for Mr. Obama, is now … He declined to comment."
        # Of clauses joined by "and" or "but", the last with a subject: "Clinton put Sanders
        # on the defensive …, but a hoarse-voiced Sanders got in numerous digs. He …".
        verb = before.root
        root = _subject_of(verb)
        while (conj := next((c for c in verb.children if c.dep_ == "conj"), None)) is not None:
            verb = conj
            root = _subject_of(verb) or root
        # A speaker set in the main clause is its teller: "Trump, Sexton said, has created …"
        aside = next((c for c in before.root.children if c.dep_ == "parataxis"), None)
        if aside is not None and _subject_of(aside) is not None:
            root = _subject_of(aside)
        # A he or she that subject stands for goes on being meant, unless the sentence
        # named them before it ("As for Trump, he …"): "He was arrested for the call to
        # Omar. During the call, he asked …" is not Omar.
        chain = root is not None and not quoted[root.i] and gender is not None
        chain = chain and PRONOUN_GENDER.get(root.lower_) == gender
        if chain and not self._names_in(before.doc[before.start : root.i]):
            return None
        main = None
        if root is not None and not quoted[root.i]:
            main = self._person_named_at(root)
        if len(names) != 1:
            if main is None or main not in names:
                return None
            names = {main}
        name = names.pop()
        subject = any(
            self._person_named_at(t) == name
            for t in before
            if t.dep_ in SUBJECTS and not quoted[t.i]
        )
        if len(named) > 1 and not subject:
            return None  # "… Bill Clinton … his wife, Hillary Clinton": named, not introduced
        return (index, before.start_char), name, subject, main == name

    def _writer_or_speaker(self, head: Token, words: set[str]) -> Referent:
        """ "I" outside quotes: in an interview's answer ("A: I came home …") the one
        asked, in its question the writer; else the person last quoted, if recent (an
        interview, a transcript), else the article's own writer; never someone only named.
        In an embedded post, its author."""
        author = self.authors.get(self.where[0])
        if author is not None:
            return author
        speaker = self._last_person_quoted()
        if (
            head.doc[:2].text not in LABELS_OPEN
            and speaker is not None
            and speaker.quoted is not None
            and self.where[0] - speaker.quoted <= SPEAKER_REACH
            and not self._someone_else_to(head, speaker)
        ):
            return speaker  # an interview, a transcript: not one only told of
        return self._writers(head, words)

    def _writers(self, head: Token, words: set[str]) -> Referent:
        """ "We" outside quotes: the article's own writers ("we now know", "We asked
        whether …"), or in an interview's answer, the one asked; not the last speaker, whose
        words end with the quote, nor a group named before. In an embedded post, its author."""
        author = self.authors.get(self.where[0])
        if author is not None:
            return author
        opening = head.doc[:2].text
        if opening in LABELS_OPEN:
            return self._interview_side(opening[0], words)
        return self._new(WRITER, "named_person", "writer", None, words)

    def _someone_else_to(self, head: Token, speaker: Referent) -> bool:
        """Whether the "I" tells the speaker apart from itself: the speaker is "my colleague
        David Pierce", its sentence calls them he or she ("when I asked him how many minds
        he had changed"), or its paragraph names them outside quotes ("Ford and Fry replied
        that I was threatening them"), other than as its speaker label ("Rubio: I …")."""
        if stem("my") in speaker.words:
            return True
        doc = head.doc
        quoted = self._names(doc).quoted
        gender = self.names.gender_of(speaker.name)
        surname = speaker.name.split()[-1] if " " in speaker.name else None
        labels = {t.i - 1 for t in doc if t.text == ":"}
        return any(
            gender is None or PRONOUN_GENDER[t.lower_] == gender
            for t in head.sent
            if t.lower_ in PRONOUN_GENDER and not quoted[t.i]
        ) or any(t.text == surname and not quoted[t.i] and t.i not in labels for t in doc)

    def _near(self, referent: Referent) -> bool:
        """Whether a source other than a person was last one few enough paragraphs back to
        be "it" or "they": not a firm cited seven paragraphs before "They negotiate …"."""
        return self.where[0] - referent.last[0] <= THEY_REACH

    def _pronoun(self, head: Token, text: str, words: set[str]) -> Referent:
        wanted_person = head.lower_ in PERSON_PRONOUNS | PRONOUN_GENDER.keys()  # "his" too
        gender = PRONOUN_GENDER.get(head.lower_)

        def fits(referent: Referent) -> bool:
            """One person, of the pronoun's gender where the article or the first name tells it."""
            # Not the writer ("I"), nor a he or she no one was found for.
            third = referent.name != WRITER and not _for_no_one(referent)
            return third and not referent.plural and self.names.may_be(referent.name, gender)

        outside = not self._names(head.doc).quoted[head.i]
        if head.lower_ in FIRST_PERSON and outside:
            return self._writer_or_speaker(head, words)
        if head.lower_ in ("we", "us") and outside:
            return self._writers(head, words)
        if gender is not None:
            described = _described_subject(head, gender, self._names(head.doc).quoted, self._person)
            if described is not None:  # "A Berlin woman was fined after she posted …"
                return self._resolve(head.doc, Mention(mention_tokens(described, set()), described))
            named = (
                self._named_subject(head, gender)
                or self._named_after_clause(head, gender)
                or self._named_in_sentence(head, gender)
            )
            if named is not None:
                return self._new(named, "named_person", f"person:{named.lower()}", None, words)
        if wanted_person:
            found = self._answers(head, gender) or self._he_or_she(head, gender, fits)
            if isinstance(found, str):
                return self._new(found, "named_person", f"person:{found.lower()}", None, words)
            if found is not None:
                return found
        if head.lower_ in GROUP_PRONOUNS:
            found = self._group_before()
            other = next((r for r in reversed(self.recent) if r.type != "named_person"), None)
            if found is not None and (other is None or other.last < found[0]):
                return self._group(found[1], words)
            pair = self._two_subjects_before(head)
            if pair is not None:
                return self._people(pair, words)
        # "We" and "us" are people, never a document said before.
        people = head.lower_ in ("we", "us")
        # "If you want the best graphics, you will …": the reader, anyone, not a body before.
        anyone = head.lower_ in SECOND_PERSON and not self._names(head.doc).quoted[head.i]
        for referent in [] if anyone else reversed(self.recent):
            if _for_no_one(referent):
                continue  # nor does anyone else stand for that reader
            if wanted_person and referent.type == "named_person" and fits(referent):
                return referent
            if referent.many and head.lower_ in IT_WORDS:
                continue  # "it" is no "users" said before
            said_before = referent.type not in ("named_person", "document" if people else "")
            group = referent.plural and referent.type == "named_person"  # "Dale and Martha"
            if not wanted_person and (said_before or group) and self._near(referent):
                return referent
        # No one named fits: the one person described lately by a word of the pronoun's
        # gender ("The man told police … He was admitted"); not "a retired nurse", whom the
        # article may call he or she.
        described = next((r for r in reversed(self.recent) if _one_described(r)), None)
        if (
            described is not None
            and gender is not None
            and GENDERED_NOUNS.get(described.head) == gender
            and self.where[0] - described.last[0] <= SPEAKER_REACH
        ):
            return described
        # Or one its paragraph has described so as a subject, though not as a source: "My
        # husband … just purchased plane tickets … he simply doesn't want to spend it".
        subject = _gendered_subject_before(head, gender, self._names(head.doc).quoted)
        if subject is not None:
            return self._resolve(head.doc, Mention(mention_tokens(subject, set()), subject))
        found = self._it_before(head) if head.lower_ == "it" and head.dep_ == "nsubj" else None
        if found is not None:
            return self._resolve(found.doc, Mention(mention_tokens(found, set()), found))
        # An unresolved pronoun: a person for he/she, a vague group otherwise.
        type_ = "named_person" if wanted_person else "vague"
        return self._new(text, type_, f"{type_}:{text.lower()}", None, words)

    def _it_before(self, head: Token) -> Token | None:
        """What an "it" that no source stands for is: the body its paragraph names as the
        nearest subject before it ("While China needs soybeans, it has balked …"), else,
        doing what a text does, the text named just before ("… signed an open letter. “…,”
        it stated"). Not an "it" of "it's possible" or "it seems", which stands for no one."""
        if head.head.lemma_ in IMPERSONAL_VERBS:
            return None
        body = self._body_subject_before(head)
        if body is not None or head.head.lemma_ not in TEXT_VERBS:
            return body
        return self._text_before(head)

    def _body_subject_before(self, head: Token) -> Token | None:
        """The body an "it" no source stands for is, where the nearest subject before it in
        its paragraph, outside quotes, is a body the recogniser names: "Acme Air has 40 jets.
        … it announced an order …"."""
        nearest = next(_subjects_before(head, self._names(head.doc).quoted), None)
        if nearest is None or nearest.ent_type_ not in ("ORG", "GPE"):
            return None
        return nearest if self._person_named_at(nearest) is None else None  # not "Trump"

    def _text_before(self, head: Token) -> Token | None:
        """The document an "it" that no source before stands for says, where the nearest
        noun phrase before it, in its paragraph or (if none there) the two before, is of a
        text: "… have signed an open letter on the issue. “…,” it stated"; not where it is of
        a body ("The agency released a report. It said": either) or of something else."""
        index = self.where[0]
        before = [self.docs[i] for i in (index - 1, index - 2) if i >= 0]
        for doc, end in [(head.doc, head.i), *((d, len(d)) for d in before)]:
            quoted = self._names(doc).quoted
            for token in reversed(doc[:end]):
                if token.pos_ not in ("NOUN", "PROPN") or token.dep_ in MODIFIERS:
                    continue  # a noun phrase's head: not "Huawei" of "a Huawei executive"
                if quoted[token.i]:
                    continue
                lemma = token.lemma_.lower()
                if token.ent_type_ == "ORG" or lemma in ORGANIZATION_NOUNS:
                    return None
                if token.pos_ == "NOUN" and lemma in DOCUMENT_NOUNS:
                    return token
                if doc is head.doc:
                    return None  # the paragraph named something else first
        return None


def _not_among(fits: Callable[[Referent], bool], names: set[str]):
    """`fits`, and not one of these names."""
    return lambda referent: fits(referent) and referent.name not in names


def _kin_of_another(entity: Span, name: str) -> bool:
    """A first name given beside a kin noun of someone named ("Spindler's father, Joseph")
    that a full name of another family was found for ("Joseph Boinnet"): a relative of that
    someone, by his own first name, not the other person."""
    root = entity.root
    if len(entity) != 1 or " " not in name:
        return False
    kin = root.head if root.dep_ == "appos" else None
    kin = kin or next((c for c in root.children if c.dep_ == "appos"), None)
    if kin is None or kin.lemma_.lower() not in KIN_NOUNS:
        return False
    owner = next((c for c in kin.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None)
    return owner is not None and owner.text.lower() != name.split()[-1].lower()


def _reflexive_after(head: Token) -> Token | None:
    """A proper noun set off by "himself" or "herself": "Green himself", "Clinton herself"."""
    if head.pos_ != "PROPN" or head.i + 1 >= len(head.doc):
        return None
    after = head.doc[head.i + 1]
    return after if after.lower_ in ("himself", "herself") and after.head == head else None


def _names_a_thing(entity: Span) -> bool:
    """A name that only tells which thing or person a noun is: "the Kinder Morgan
    pipeline", "the Trump administration", "the Clinton aide"; not a person who acts."""
    root, thing = entity.root, entity.root.head
    return (
        root.dep_ == "compound"
        and thing.pos_ == "NOUN"
        and thing.i >= entity.end
        # "the … pipeline": a noun phrase, not a headline's verb read as a noun
        and any(c.dep_ == "det" and c.i < entity.start for c in thing.children)
    )


def _inside_description(entity: Span, a_person: Callable[[Token], bool]) -> bool:
    """Whether a person is named only inside what a sentence tells of another person:
    "Grace, a former typist who started an affair with him as his first wife, Sally, was
    dying" is about Grace, whom a "she" after it means."""
    for token in entity.root.ancestors:
        if token.dep_ in ("relcl", "appos", "acl"):
            described = token.head
            while described.dep_ == "appos":  # "Grace, a former typist who …"
                described = described.head
            return a_person(described)
    return False


def _contrasting(clause: Token) -> bool:
    """A clause opened by "while", "although", "after" and the like, whose subject the main
    clause goes on about."""
    return any(c.dep_ == "mark" and c.lower_ in CONTRASTING_MARKS for c in clause.children)


def _gendered_subject_before(pronoun: Token, gender: str | None, quoted: list[bool]):
    """The last subject before the pronoun in its paragraph that is one person described
    by a word of its gender ("My husband", "the woman"), outside quotes."""
    if gender is None:
        return None
    subjects = _subjects_before(pronoun, quoted)
    return next((t for t in subjects if _one_of_gender(t, gender)), None)


def _subjects_before(pronoun: Token, quoted: list[bool]) -> Iterator[Token]:
    """The subjects before the pronoun in its paragraph, outside quotes, nearest first."""
    return (t for t in reversed(pronoun.doc[: pronoun.i]) if t.dep_ in SUBJECTS and not quoted[t.i])


def _one_described(referent: Referent) -> bool:
    """One person the article describes and doesn't name: "the man", "a doctor"."""
    return (
        referent.type == "anonymous"
        and not (referent.plural or referent.many)
        and person_noun(referent.head)
    )


def _of_a_body(head: Token) -> bool:
    """A role in a named body: "the chairman of the Conservative Party"; not an office
    ("the secretary of State", whose "State" the recogniser may call a body)."""
    return any(
        o.ent_type_ == "ORG" and o.lower_ != "state"
        for c in head.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for o in c.children
        if o.dep_ == "pobj"
    )


def _named_before_comma(head: Token) -> Span | None:
    """The person named just before the description and a comma: "Deborah Tamargo, the
    chairwoman of the county GOP, recalled", however the parser hung them."""
    doc, start = head.doc, head.left_edge.i
    if start < 2 or doc[start - 1].text != ",":
        return None
    name = doc[start - 2]
    if name.ent_type_ != "PERSON":
        return None
    return next((e for e in doc.ents if e.start <= name.i < e.end), None)


def _country_owner(head: Token) -> set[str]:
    """The words of a country, state or city whose office the noun is: "Austria's" of
    "Austria's interior minister"."""
    owner = next((c for c in head.children if c.dep_ == "poss"), None)
    if owner is None or owner.ent_type_ != "GPE":
        return set()
    return {stem(t.text) for t in owner.subtree if is_word(t)}


def _full_name_beside(doc: Doc, tokens: set[int], head: Token) -> Span | None:
    """A full name, opening with a first name, beside a noun for a person, which the
    recogniser took for something else: "One presidential hopeful, Carly Fiorina, says"."""
    if not person_noun(common_lemma(head)):
        return None
    for child in head.rights:
        if child.dep_ != "appos" or child.i not in tokens or child.pos_ != "PROPN":
            continue
        start = min(t.i for t in child.subtree if t.pos_ == "PROPN")
        name = doc[start : child.i + 1]
        proper = all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in name)
        if len(name) > 1 and proper and name[0].lower_ in census_shares():
            return name
    return None


def _name_after_a_place(doc: Doc, tokens: set[int], head: Token) -> Span | None:
    """A person's name ending a title, which the parser read as its preposition's object:
    "special envoy to Ukraine Kurt Volker", "Ambassador to the European Union Gordon
    Sondland", also beside another noun ("Another diplomat, envoy to …"). The name runs on
    from the place or body; not whom the role serves, "a spokesman for House Speaker Paul
    Ryan", "an aide to Jane Roe"."""
    words = [i for i in tokens if not doc[i].is_punct]
    last = max(words, default=head.i)
    if doc[last].pos_ != "PROPN":
        return None
    roles = [head, *(c for c in head.rights if c.dep_ == "appos" and c.i in tokens)]
    for role in roles:
        if not person_noun(common_lemma(role)):
            continue
        prep = next((c for c in role.rights if c.dep_ == "prep" and c.i in tokens), None)
        if prep is None or last not in {t.i for t in prep.subtree}:
            continue
        start = last
        while start - 1 > prep.i and doc[start - 1].pos_ == "PROPN":
            start -= 1
        for first in doc[start + 1 : last]:
            before = doc[first.i - 1]
            place = before.text[:1].isupper() and before.ent_type_ != "PERSON"
            place = place and not is_title(before) and not person_noun(common_lemma(before))
            named = first.ent_iob_ == "B" and first.ent_type_ == "PERSON"
            if place and (named or first.lower_ in census_shares()):
                return doc[first.i : last + 1]
    return None


def _name_after_an_owner(doc: Doc, tokens: set[int], head: Token) -> Span | None:
    """A person of a body, whose name the recogniser ran on from the body's possessive:
    "Breitbart’s Joel Pollak", "The Huffington Post’s Scott Conroy" (a first name the census
    knows opens it, so "The New Republic’s Jeet Heer" is still missed)."""
    if head.pos_ != "PROPN" or not any(c.dep_ == "poss" for c in head.children):
        return None
    marks = [i for i in tokens if i < head.i and doc[i].lower_ in POSSESSIVE_MARKS]
    if not marks:
        return None
    name = doc[max(marks) + 1 : head.i + 1]
    proper = all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in name)
    return name if len(name) > 1 and proper and name[0].lower_ in census_shares() else None
