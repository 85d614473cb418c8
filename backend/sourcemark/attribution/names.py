"""What an article calls each person and body: the index of names that coref.py resolves
mentions against.

For people: the fullest form of each name ("Kim" is Kim Jong-un), the titles the article
gives them ("Sen. Rita Moreno" holds "the senator"), what it tells of their gender, and
where each is named. For bodies: short forms of their names ("EDC", "Suncor") and which
names it calls a company or network. Built once per article, before resolution.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from functools import cache, lru_cache
from importlib.resources import files
from itertools import pairwise

import numpy
from spacy.attrs import ENT_TYPE, IDX, ORTH, POS
from spacy.language import Language
from spacy.symbols import PROPN
from spacy.tokens import Doc, Span, Token

from . import invisible
from .tokens import compound_name
from .types import (
    ANONYMOUS_ROLES,
    COMMON_NOUNS,
    INSTITUTION_NOUNS,
    KNOWN_PERSON_NOUNS,
    ORGANIZATION_NOUNS,
    UNIQUE_OFFICES,
    common_lemma,
    described_person,
    document_taken_for_person,
    many_of_a_people,
    owned_inside_name,
    party_members,
    person_noun,
    possessive_mark,
)

# A verb of saying that a label may open with, before the name: "Stated Stone: …".
SAID_BEFORE_NAME = {
    "said", "stated", "continued", "added", "concluded", "explained", "noted", "wrote",
    "replied", "responded", "asked", "insisted", "argued", "declared", "quipped",
}  # fmt: skip
NOT_IN_NAMES = {"DET", "ADP", "CCONJ", "PRON", "NUM", "VERB", "AUX"}  # "The American Legion"
# How the name of a profession ends ("comedian", "novelist", "filmmaker", "moderator").
PROFESSION_ENDINGS = ("ian", "ist", "maker", "ator", "ologist", "grapher")
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "another", "one", "some"}
TITLE_DEPS = {"compound", "amod", "nmod", "poss", "case"}

# Common nouns that stand for a body just named: "Suncor … the company said".
BODY_NOUNS = {
    "agency", "airline", "band", "bank", "broadcaster", "brokerage", "company", "firm", "force",
    "group", "insurer", "label", "magazine", "maker", "manufacturer", "network", "newspaper",
    "organisation", "organization", "outlet", "publication", "retailer", "startup",
    *INSTITUTION_NOUNS,
}  # fmt: skip
BODY_WORDS = ORGANIZATION_NOUNS | BODY_NOUNS  # any noun for a body: "the ministry", "the firm"
PUNCT_STRIP = " ,.;:'\"“”‘’-–—"  # a dash at either end: "Jordan -" is Jordan
MALE, FEMALE = "male", "female"
PRONOUN_GENDER = {
    **dict.fromkeys(("he", "him", "his", "himself"), MALE),
    **dict.fromkeys(("she", "her", "hers", "herself"), FEMALE),
}
QUOTE_MARKS = {"“", "”", '"', "«", "»"}
# What opens or closes a quote for quoted_tokens: its marks, and a line break.
QUOTE_TURNS = re.compile('[“”"\n]')
# "its" too: the first of them after a name decides, and "its" is too often another's.
IT_WORDS = {"it", "its", "itself"}
# Verbs whose "it" is mostly no one: "it was a mistake", "it seems", "it takes time".
IMPERSONAL_VERBS = {"be", "seem", "appear", "remain", "take", "make", "look", "sound", "cost"}
# Social networks: companies, whatever the recogniser says ("Twitter pledged to act").
PLATFORMS = {
    "facebook", "instagram", "linkedin", "pinterest", "reddit", "snapchat", "telegram",
    "tiktok", "tumblr", "twitter", "whatsapp", "youtube",
}  # fmt: skip
# Last words of a company's name, never of a person's: "Dick Clark Productions".
COMPANY_ENDINGS = {
    "airlines", "airways", "associates", "bakery", "biosciences", "brewery", "brewing", "co",
    "company", "corp", "corporation", "distillery", "entertainment", "holdings", "inc",
    "industries", "international", "laboratories", "labs", "llc", "llp", "ltd", "media",
    "motors", "partners", "pharma", "pharmaceuticals", "plc", "productions", "records",
    "studios", "technologies", "therapeutics", "ventures", "winery",
}  # fmt: skip
# Words that end the name of a body, which the recogniser may miss or take for a person's.
BODY_NAME_ENDINGS = COMPANY_ENDINGS | {
    "centre", "center", "fund", "mission", "services", "shelter", "society", "trust",
}  # fmt: skip
PLACE_ENTS = {"GPE", "LOC", "NORP"}  # a place or its people: "Ukraine", "Texas", "Iraqi"
POSSESSIVE_MARKS = {"'s", "’s", "'", "’"}  # as tokens: "Putin" "’s"
HONORIFIC_GENDER = {"mr": MALE, "ms": FEMALE, "mrs": FEMALE, "miss": FEMALE}
log = logging.getLogger(__name__)

# People and first names other articles show to be a man's or a woman's
# (training/learn_names.py): {"people": {"bernie sanders": …}, "first_names": {"john": …}}.
GENDERS_FILE = "genders.json"
# First names by gender from the 1990 US Census (public domain), as the `names` package
# ships them: each line gives a name's share of all men's or all women's first names, down
# to a smallest share. A name is a man's or a woman's where that share is at least
# CENSUS_MAJORITY times its share of the other's, or of the other list's smallest where
# that list leaves it out: "Kim", "Jean" and "Dana" are neither, nor is "Moon", rare in
# both lists.
CENSUS_PACKAGE = "names"
CENSUS_FILES = {MALE: "dist.male.first", FEMALE: "dist.female.first"}
CENSUS_MAJORITY = 10
# Words inside one body's name, before an "and" that is the name's own: "Department of
# Health and Human Services".
OF_WORDS = {"of", "for"}
# Offices held only in a body: "the CEO of X" makes X a body, whatever the recogniser says.
BODY_OFFICES = {"ceo", "founder", "cofounder", "chairman", "chairwoman", "employee", "employees"}
# An owner's name inside a description: "Keith Scott’s wife" is not Keith.
POSSESSIVE = re.compile(r"\w['’]s?\s")
# Words that open surnames, not given names: "Al Basha", "De Blasio", "Van Hollen".
SURNAME_PARTICLES = {
    "al", "el", "abu", "bin", "ibn", "da", "de", "del", "della", "di", "du", "la", "le",
    "van", "von", "der", "st", "mac", "mc",
}  # fmt: skip
# Nouns for a man or a woman written beside a name: "husband Omar Haddad", "Lea, his wife".
GENDERED_NOUNS = {
    **dict.fromkeys((
        "husband", "father", "son", "brother", "uncle", "grandfather", "grandson", "nephew",
        "boyfriend", "widower", "king", "prince", "actor", "chairman", "spokesman",
        "congressman", "businessman", "dad", "man",
    ), MALE),
    **dict.fromkeys((
        "wife", "mother", "daughter", "sister", "aunt", "grandmother", "granddaughter", "niece",
        "girlfriend", "widow", "queen", "princess", "actress", "chairwoman", "spokeswoman",
        "congresswoman", "businesswoman", "mom", "woman",
    ), FEMALE),
}  # fmt: skip

# Titles written short before a name: "Sen. Ted Cruz" holds the office "the senator".
TITLE_ABBREVIATIONS = {
    "adm": "admiral", "amb": "ambassador", "atty": "attorney", "capt": "captain",
    "cmdr": "commander", "col": "colonel", "det": "detective", "dr": "doctor",
    "gen": "general", "gov": "governor", "insp": "inspector", "lt": "lieutenant",
    "pres": "president", "prof": "professor", "rep": "representative", "sec": "secretary",
    "sen": "senator", "sgt": "sergeant", "supt": "superintendent",
}  # fmt: skip
# Words that stand before a name as a title, inside what the recogniser calls the name.
TITLE_WORDS = set(TITLE_ABBREVIATIONS) | {
    "judge", "justice", "president", "senator", "governor", "mayor", "minister", "prince",
    "princess", "king", "queen", "pope", "chancellor", "sheriff", "chief", "premier",
    "congressman", "congresswoman", "secretary", "ambassador", "general", "captain",
}  # fmt: skip


def keep_titles_whole(nlp: Language) -> None:
    """Make "Capt." one token, as spaCy's own exceptions make "Gen." and "Sen.": split from
    its period, a title ends the parser's sentence, and "said Navy Capt. Jeff Davis" lost
    the name."""
    for word in TITLE_ABBREVIATIONS:
        title = f"{word.capitalize()}."
        if len(nlp.tokenizer(title)) > 1:
            nlp.tokenizer.add_special_case(title, [{ORTH: title}])


def is_word(token: Token) -> bool:
    """A word, abbreviations included ("Sen.", "Gov.")."""
    return token.text.rstrip(".").isalpha()


# Stems of the offices a title holds: a person with one is only "the senator" by title.
OFFICE_STEMS = {w[:5] for w in UNIQUE_OFFICES | ANONYMOUS_ROLES | set(TITLE_ABBREVIATIONS.values())}


def stem(word: str) -> str:
    """Crude stem so that "Russian" meets "Russia", "officials" meets "official" and
    "Sen." meets "senator"."""
    word = word.lower().rstrip(".")
    return TITLE_ABBREVIATIONS.get(word, word)[:5]


def first_name(name: str) -> str | None:
    """The first word of a full name, lower case, if it can be a given name: "John" of
    "John Stumpf"; not "J." or "Sen.", a one-word name, a surname's particle ("Al Basha"),
    or a title the recogniser took in ("Rabbi Rick Jacobs")."""
    words = name.split()
    if len(words) < 2 or not (words[0].isalpha() and words[0].istitle() and len(words[0]) > 1):
        return None
    first = words[0].lower()
    titled = first in TITLE_WORDS or first in KNOWN_PERSON_NOUNS
    return None if first in SURNAME_PARTICLES or titled else first


def person_key(name: str) -> str | None:
    """First and last name, lower case, where the name has a first name: "Hillary Rodham
    Clinton" and "Hillary Clinton" are both "hillary clinton"."""
    first = first_name(name)
    return None if first is None else f"{first} {name.split()[-1].lower()}"


# "Some in the party", "one at the company": the determiner stands for the people.
PARTITIVE_PREPOSITIONS = {"of", "in", "at", "on", "within", "among"}  # not "an inside source"


def _partitive(words: list[str]) -> bool:
    """ "Some of the club's members", "a few of its engineers", "some in the party": the
    determiner is the part."""
    after = [w.lower() for w in words[1:3]]
    if after[:1] in (["few"], ["handful"]):
        return after[1:] == ["of"]
    return bool(after) and after[0] in PARTITIVE_PREPOSITIONS


def clean_name(text: str) -> str:
    words = invisible.clean(text).strip(PUNCT_STRIP).split()
    while words and words[0].lower() in DETERMINERS and not _partitive(words):
        words.pop(0)
    name = " ".join(words).strip(PUNCT_STRIP)
    return name.removesuffix("’s").removesuffix("'s")


def _body_noun(token: Token) -> bool:
    """A common noun for a body: "maker", "network", "group"."""
    return token.pos_ == "NOUN" and token.lemma_.lower() in BODY_WORDS


def _described_as_body(name: Token) -> bool:
    """A proper noun the article calls a body, before or beside it: "drug maker Pfizo",
    "the network Vexa", "Pfizo, a drug maker," (the recogniser may take it for a person),
    or one of "Vexa, Pfizo and other companies"."""
    described = [
        c
        for c in name.children
        if (c.dep_ == "compound" or (c.dep_ == "appos" and not _opens_a_list(c))) and c.i != name.i
    ]
    if name.dep_ == "appos":
        described.append(name.head)
    if name.dep_ == "pobj" and name.head.lower_ == "of" and name.head.head.lower_ in BODY_OFFICES:
        return True  # "co-founder and CEO of Vidyard": no one is the CEO of a person
    return any(_body_noun(c) for c in described) or any(
        _body_noun(c) and any(a.lower_ == "other" for a in c.children) for c in _joined(name)
    )


def _body_beside(name: Token) -> bool:
    """ "Dixon Hall, a non-profit agency": a body's noun in apposition right after the name."""
    return any(
        c.dep_ == "appos" and _body_noun(c) and c.left_edge.i == name.i + 2 for c in name.children
    )


def _opens_a_list(appositive: Token) -> bool:
    """An "appositive" with others joined to it calls no name a body: it is a list the
    parser misread ("a feud involving Maria Delgado, her former record label and two
    senators" names three), or a person's roles ("Paul Dorsey, an Ohio steel manufacturer
    and conservative activist")."""
    return any(c.dep_ in ("cc", "conj") for c in appositive.children)


def _joined(token: Token) -> list[Token]:
    """The words joined to this one by "and" or commas, after it: "Vexa, Pfizo and others"."""
    out, frontier = [], [token]
    while frontier:
        frontier = [c for t in frontier for c in t.children if c.dep_ == "conj"]
        out += frontier
    return out


def after_body_noun(name: Token) -> bool:
    """A proper noun right after a noun for a body: "whale rescue group Project Kaimoana".
    (An appositive, "…, a group of bloggers," may hang from the wrong name.)"""
    return any(c.dep_ == "compound" and _body_noun(c) for c in name.children)


def _full_name(entity: Span) -> bool:
    """Two or three capitalised words and nothing else: "Carly Fiorina" (or "Lester Holt’s",
    whose possessive mark the recogniser took in)."""
    words = [t for t in entity if not t.is_punct and not possessive_mark(t)]
    # The tagger may call a given name something else ("Carly" an adverb): the surname
    # must be a proper noun, every word capitalised; not "Roustan Media Ltd.".
    return (
        2 <= len(words) <= 3
        and words[-1].lower_.rstrip(".") not in COMPANY_ENDINGS | ORGANIZATION_NOUNS
        and words[-1].pos_ == "PROPN"
        and words[-1].tag_ != "NNPS"  # "African-Americans", a people
        and all(
            t.text[:1].isupper() and not t.is_upper and t.pos_ not in NOT_IN_NAMES for t in words
        )
    )


def _maybe_called(entity: Span) -> bool:
    """A name the recogniser took for a body or a people, or for a place though it opens
    with a first name ("Kate York"): a person's, if the article shows it (NameIndex)."""
    if entity.label_ in ("ORG", "NORP"):
        return True
    return entity.label_ == "GPE" and entity[0].lower_ in census_shares()


def two_names(name: str) -> tuple[str, str] | None:
    """The two names a name joins with "and" when the second is capitalised, as in "Apple
    Pay and Google Pay" or "The New York Times and the Wall Street Journal"; else None."""
    first, joined, second = name.partition(" and ")
    if not joined or not second.removeprefix("the ")[:1].isupper():
        return None
    return first, second


def _after_place(entity: Span, places: set[str]) -> Span | None:
    """A body's name the recogniser ran on from a place the article names, or from a
    dateline, into a first name ("former special envoy to Ukraine Kurt Volker", "ROME -
    Bernie Sanders met …"): the words from the first name on."""
    dateline = _after_dateline(entity)
    if dateline is not None:
        return dateline
    if len(entity) < 3 or entity[0].lower_ not in places or entity[1].lower_ not in census_shares():
        return None
    return Span(entity.doc, entity.start + 1, entity.end, label=entity.label_)


def _after_dateline(entity: Span) -> Span | None:
    """The name after a capitalised dateline and its dash that open the paragraph."""
    doc = entity.doc
    dash = next((t.i for t in entity if t.text in ("-", "—", "–", "--")), None)
    if entity.start != 0 or dash is None or dash in (0, entity.end - 1):
        return None
    if not all(t.is_upper for t in doc[:dash] if not t.is_punct):
        return None
    if doc[dash + 1].lower_ not in census_shares():
        return None
    return Span(doc, dash + 1, entity.end, label=entity.label_)


def _person_beside(entity: Span) -> bool:
    """A name with a noun for a person right before it ("former rival Carly Fiorina",
    "tech executive …") or in apposition ("Roman Smbatyan, a faculty member"), or joined
    to a person's name ("Ben Carson and Carly Fiorina")."""
    doc, root = entity.doc, entity.root
    before = doc[entity.start - 1] if entity.start else None
    if before is not None and (
        is_title(before) or (before.pos_ == "NOUN" and person_noun(common_lemma(before)))
    ):
        return True
    joined = [root.head] if root.dep_ == "conj" else []
    joined += [c for c in root.children if c.dep_ == "conj"]
    if any(t.ent_type_ == "PERSON" for t in joined):
        return True
    return any(
        t.pos_ == "NOUN" and t.dep_ != "pobj" and person_noun(common_lemma(t))
        for c in root.children
        if c.dep_ == "appos" and _plain(c)
        for t in c.subtree  # "a history faculty member", whose head the parser may miss
    )


def _plain(appositive: Token) -> bool:
    """An apposition with no verb in it, which a comma or the sentence's end closes: not
    the next clause's subject ("… now called Trump National Doral, the candidate boasted")."""
    doc, end = appositive.doc, appositive.right_edge.i + 1
    closed = end >= len(doc) or doc[end].is_punct
    return closed and not any(t.pos_ in ("VERB", "AUX") for t in appositive.subtree)


def _misnamed(entity: Span) -> bool:
    """A "person" whose grammar shows it is none: "A new Bill", "many Africans", "Justin
    Trudeau’s Liberals", "labeled herself a Grocery Store" (no name takes "a"), "the
    caddie" (no capital)."""
    root = entity.root
    if entity[0].tag_ == "DT" and entity[0].lower_ in ("a", "an"):
        return True
    if not any(t.text[:1].isupper() for t in entity):
        return True  # "the caddie called …": a name has a capital
    return (
        document_taken_for_person(root)
        or many_of_a_people(root)
        or owned_inside_name(root)
        or party_members(entity[-1])
    )


def _named_as_a_body(entity: Span) -> bool:
    """A social network, which the recogniser often calls a person, or a name that ends as
    a company's does ("Dick Clark Productions")."""
    return entity.text.lower() in PLATFORMS or _company_named(entity)


def ends_a_body_name(token: Token) -> bool:
    """A word that ends a body's name, not a person's: "Police", "Mission", "Corp"."""
    word = token.lower_.rstrip(".")
    return word in BODY_NAME_ENDINGS or token.lemma_.lower() in BODY_WORDS


def _company_named(entity: Span) -> bool:
    return entity[-1].lower_.rstrip(".") in COMPANY_ENDINGS


def _lone_person_words(ents_by_doc: list[tuple[Span, ...]]) -> set[str]:
    """The one-word names the recogniser takes for people anywhere in the article (lower)."""
    return {
        e.text.lower()
        for ents in ents_by_doc
        for e in ents
        if e.label_ == "PERSON" and len(e) == 1 and e.text[:1].isupper()
    }


def _mostly_bodies(ents_by_doc: list[tuple[Span, ...]]) -> set[str]:
    """Names of two or more words that the recogniser calls a body at least twice, and at
    least twice as often as a person: "Whole Foods" (lower)."""
    labels: dict[str, Counter] = {}
    for ents in ents_by_doc:
        for e in ents:
            if e.label_ in ("ORG", "PERSON") and " " in e.text:
                labels.setdefault(e.text.lower(), Counter())[e.label_] += 1
    return {
        name
        for name, count in labels.items()
        if count["ORG"] >= max(2, 2 * count["PERSON"]) and count["PERSON"]
    }


def _speaks_by_first_name(entity: Span) -> bool:
    """ "Carly Fiorina said …": a first name the census lists for one sex only and a
    surname, as the subject of "say" or "tell", is a person whatever the recogniser calls it
    (not "Morgan Stanley said": Morgan is both)."""
    root = entity.root
    return (
        len(entity) == 2
        and len(census_shares().get(entity[0].lower_, ())) == 1
        and root.dep_ == "nsubj"
        and root.head.lemma_.lower() in ("say", "tell")
    )


def _surname_given(entity: Span, surnames: set[str]) -> bool:
    """Whether the last word of this name, written as a name alone ("Eyota Brandt", not
    "Obama-Clinton", "GOP Rep McCaul" nor the "Stop Trump" movement), is a person elsewhere
    in the article."""
    return (
        entity[-1].lower_ in surnames
        and not any(t.is_punct and t.text != "." for t in entity)
        and not any(is_title(t) or (t.is_upper and len(t) > 1) for t in entity)  # "GOP Rep X"
        and entity.root.dep_ != "compound"
    )


def _institution(entity: Span) -> bool:
    """A "person" the recogniser got wrong: "James M. Hill High School"."""
    return entity[-1].lower_ in ORGANIZATION_NOUNS


def _state_at(doc: Doc, i: int) -> bool:
    """A state or province written short: "Ont." or "Mich." (the word, then a full stop)."""
    word = doc[i]
    return (
        i + 1 < len(doc)
        and word.is_alpha
        and word.text[:1].isupper()
        and len(word) <= 5
        and doc[i + 1].text == "."
    )


def _place_and_state(entity: Span) -> bool:
    """One word of "Milton, Ont." or "Flint, Mich.": a town and its state, which the
    recogniser may take for people."""
    doc, i = entity.doc, entity.start
    if len(entity) != 1:
        return False
    if i >= 2 and doc[i - 1].text == "," and doc[i - 2].text[:1].isupper() and _state_at(doc, i):
        return True
    return i + 2 < len(doc) and doc[i + 1].text == "," and _state_at(doc, i + 2)


def _honorific(token: Token) -> str | None:
    """The gender "Mr.", "Ms." or "Mrs." tells."""
    return HONORIFIC_GENDER.get(token.lower_.rstrip("."))


def honorific_gender(name: Span | Token) -> str | None:
    """The gender a "Mr.", "Ms." or "Mrs." just before a name, or opening it, tells."""
    doc, start = name.doc, name.start if isinstance(name, Span) else name.i
    return (_honorific(doc[start - 1]) if start > 0 else None) or _honorific(doc[start])


def _gender_of(entity: Span, person_at: dict[int, Span]) -> str | None:
    """From a title ("Mr. Hale", "Ms. Ortiz"), a noun for a man or woman beside the name
    ("husband Omar Haddad", "Lea Haddad, his wife"), or from the first he/she/his/her after
    the name as subject in its sentence, with no other name between ("Ortiz said she …").
    `person_at` maps each token of a person's name to that name (see name_at)."""
    titled = honorific_gender(entity)
    if titled is not None:
        return titled
    doc = entity.doc
    before = doc[entity.start - 1] if entity.start > 0 else None
    root = entity.root
    beside = [c for c in root.children if c.dep_ == "appos"] + [before] * (before is not None)
    if root.dep_ == "appos":
        beside.append(root.head)  # "his wife, Lea Haddad"
    for token in beside:
        if token.lemma_.lower() in GENDERED_NOUNS:
            return GENDERED_NOUNS[token.lemma_.lower()]
    pronoun = _pronoun_after(entity, person_at, PRONOUN_GENDER.keys())
    if pronoun is None or _object_of_own_verb(pronoun, entity):
        return None
    # Not the speaker of the clause the name is in: "Sierra Nevada has seen no rain, he
    # said", whether the parser hangs that clause from "said" or the other way round.
    verb = pronoun.head
    host = verb.head if verb.dep_ == "parataxis" else verb
    return None if host.is_ancestor(entity.root) else PRONOUN_GENDER[pronoun.lower_]


@cache
def census_shares() -> dict[str, dict[str, float]]:
    """Each lower-cased first name the census lists, with its share of each sex's names."""
    shares: dict[str, dict[str, float]] = {}
    try:
        lists = {
            g: (files(CENSUS_PACKAGE) / f).read_text(encoding="ascii")
            for g, f in CENSUS_FILES.items()
        }
    except (ModuleNotFoundError, FileNotFoundError):
        log.warning("the %r package is not installed: no census first names", CENSUS_PACKAGE)
        return shares
    for gender, text in lists.items():
        for line in text.splitlines():
            name, share, *_ = line.split()
            shares.setdefault(name.lower(), {})[gender] = float(share)
    return shares


@cache
def census_first_names() -> dict[str, str]:
    """Lower-cased first names by the gender the census gives them (see CENSUS_FILES)."""
    shares = census_shares()
    if not shares:
        return {}
    below = {g: min(s[g] for s in shares.values() if g in s) for g in CENSUS_FILES}
    genders = {}
    for name, by_gender in shares.items():
        for gender, other in ((MALE, FEMALE), (FEMALE, MALE)):
            if gender in by_gender and by_gender[gender] >= CENSUS_MAJORITY * by_gender.get(
                other, below[other]
            ):
                genders[name] = gender
    return genders


def _object_of_own_verb(pronoun: Token, entity: Span) -> bool:
    """ "Rothman reached out to her": an object of the verb the name is the subject of is
    someone else (the name itself would be "herself")."""
    if pronoun.dep_ not in ("dobj", "dative", "pobj"):
        return False
    verb = pronoun.head.head if pronoun.dep_ == "pobj" else pronoun.head
    # So is one of a participle on that verb, with no subject of its own: "Warren, speaking
    # after him, said …"; not "Niederreiter has four goals since Minnesota traded him".
    while verb.dep_ == "advcl" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        verb = verb.head
    return verb == entity.root.head


def _named_thing(entity: Span) -> bool:
    """A name given to a thing that is no body: "an app called Facebook Research", "a
    program named Apple Seed" (not "a company called Acme Foods")."""
    verb = entity.root.head
    if verb.lemma_.lower() not in ("call", "name", "dub") or verb.dep_ != "acl":
        return False
    thing = verb.head
    return thing.pos_ == "NOUN" and thing.lemma_.lower() not in BODY_NOUNS | KNOWN_PERSON_NOUNS


def _pronoun_after(entity: Span, person_at: dict[int, Span], pronouns) -> Token | None:
    """The first of these pronouns after the name as subject in its sentence, with no other
    name or quotation mark between."""
    root = entity.root  # spaCy finds it anew on every access
    if root.dep_ not in ("nsubj", "nsubjpass"):
        return None
    # Found when first asked: most walks end before either is.
    own: set[int] | None = None  # "Paul Ryan, R-Wis.,": his, not another name
    described: set[int] | None = None  # "Beth Meacham, his editor": someone else's pronoun
    for token in entity.doc[entity.end : entity.sent.end]:
        if token.i in person_at or token.text in QUOTE_MARKS:
            return None  # another name, or the end of a quote: "“Surrey has …,” she said"
        if token.pos_ == "PROPN" and not token.ent_type_:
            if own is None:
                own = {t.i for t in root.subtree}
            if token.i not in own:
                return None  # a name the recogniser missed: "Warren told Stumpf, after he …"
        if token.lower_ in pronouns:
            if described is None:
                described = {t.i for c in root.children if c.dep_ == "appos" for t in c.subtree}
            if token.i not in described:
                return token
    return None


def _called_it(entity: Span, person_at: dict[int, Span]) -> bool:
    """Whether the article calls the name "itself", or "it" doing what the name's own verb
    reports, before any he or she: "Twitter has positioned itself", "Acme said it regretted
    the error"; not "it" of "Smith said it was a mistake" ("its" is too often another's)."""
    pronoun = _pronoun_after(entity, person_at, PRONOUN_GENDER.keys() | IT_WORDS)
    if pronoun is None or pronoun.lower_ in PRONOUN_GENDER:
        return False
    clause = pronoun.head
    reflexive = pronoun.lower_ == "itself" and pronoun.dep_ in ("dobj", "pobj")
    return reflexive or (
        pronoun.lower_ == "it"
        and pronoun.dep_ == "nsubj"
        and clause.pos_ == "VERB"
        and clause.dep_ == "ccomp"
        and clause.head == entity.root.head
        and clause.lemma_ not in IMPERSONAL_VERBS
    )


def _titles_before(entity: Span) -> list[Token]:
    """The words hanging before a name that may title it: "Sen." of "Sen. Ann Lee",
    "Senators" of "Senators Ann Lee and Bo Ray"."""
    return [c for c in entity.root.lefts if c.dep_ in TITLE_DEPS and c.i < entity.start]


def title_stems(tokens) -> set[str]:
    """Title words by their stems; not an office's adjective, whose stem is the office's:
    a "presidential hopeful" is no president."""
    return {stem(t.text) for t in tokens if is_word(t) and not _office_adjective(t)}


def _office_adjective(token: Token) -> bool:
    return token.pos_ == "ADJ" and token.lower_.endswith("ial") and stem(token.text) in OFFICE_STEMS


def _proper_nouns(doc: Doc) -> list[Token]:
    """The doc's proper nouns that open with a letter or digit, in order, picked from its
    POS array. Not an emoji the tagger calls one: a run of them parses as a chain, and
    spaCy walks a word's whole subtree to list its children."""
    found = (doc[i] for i in numpy.flatnonzero(doc.to_array(POS) == PROPN).tolist())
    return [t for t in found if t.text[:1].isalnum()]


def name_at(names: list[Span]) -> dict[int, Span]:
    """Each token of the names -> its name: looked up, not searched, as a paragraph may name
    thousands (names don't overlap)."""
    return {i: e for e in names for i in range(e.start, e.end)}


def _pairs_the_parse_missed(
    doc: Doc, people: list[Span], conjoined: dict[int, list[Span]]
) -> list[list[Span]]:
    """Two names joined by "and", which the parser did not join: it may read "Abdullah
    Zahed and Breshna Alawee" as one name modifying the last word, or hang "Abdullah Zahed,
    25, and his wife, Breshna Alawee, 27," elsewhere. Between them only "and", ages and
    what the second is to the first."""
    joined = {e.start for names in conjoined.values() for e in names}
    joined |= {e.start for e in people if e.root.i in conjoined}
    return [
        [a, b]
        for a, b in pairwise(people)
        if a.start not in joined
        and b.start not in joined
        and _only_and_a_relation(doc[a.end : b.start])
    ]


def _only_and_a_relation(between: Span) -> bool:
    words = [t for t in between if not t.is_punct]
    return [t.lower_ for t in words].count("and") == 1 and all(
        t.lower_ == "and" or t.like_num or t.tag_ == "PRP$" or t.lower_ in KNOWN_PERSON_NOUNS
        for t in words
    )


def _unrecognised_people(doc: Doc, text: str) -> list[Span]:
    """Names the recogniser missed that may be people's: described as a person beside them
    ("Yuni, a resident of Lampung", labelled PERSON here), and bare proper nouns as subjects
    (a person only if the article then calls them he or she: "Poulter saw it coming, and he
    …"). `text` is doc.text."""
    out = []
    for i in _capitalised_outside_names(doc, text):
        token = doc[i]
        if token.is_upper:
            continue  # not "A" of "A: …" in an interview, nor "NATO"
        described = described_person(doc, token)
        if described is not None:
            out.append(Span(doc, described.start, described.end, label="PERSON"))
            continue
        # A singular noun with no determiner is a name even where the tagger says noun,
        # at a sentence's start too ("Poulter, however, was …").
        # A plural one too, which only a person named in full before may be: "Simmons teased
        # the tour" after "Pat Simmons" (the tagger reads surnames in -s as plurals).
        bare = token.tag_ in ("NN", "NNS") and not any(c.dep_ == "det" for c in token.children)
        proper = token.pos_ == "PROPN" or (token.pos_ == "NOUN" and bare)
        # Nor one "of" something: "Web of Angels was the first novel she ever sold" is a book.
        proper = proper and not any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children)
        owned = any(c.dep_ == "poss" for c in token.children)  # "Dan Loeb's Third Point"
        if (
            proper
            and token.dep_ == "nsubj"
            and not owned
            and common_lemma(token) not in COMMON_NOUNS
            and not ends_a_body_name(token)  # "Prince Albert Police", not Albert Police
        ):
            given = [t for t in token.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
            out.append(doc[min([token.i] + [t.i for t in given]) : token.i + 1])
    return out


def _capitalised_outside_names(doc: Doc, text: str) -> list[int]:
    """The tokens, in order, that start with a capital and are in none of the recogniser's
    names: picked from the arrays and `text`, doc.text, with no Token built for the rest."""
    offsets, entity_types = doc.to_array([IDX, ENT_TYPE]).T.tolist()
    return [
        i
        for i, (start, entity_type) in enumerate(zip(offsets, entity_types, strict=True))
        if not entity_type and text[start].isupper()
    ]


def is_title(token: Token) -> bool:
    word = token.lower_.rstrip(".")
    return word in TITLE_WORDS or word in HONORIFIC_GENDER


def _role_opening_sentence(token: Token) -> bool:
    """A noun for a person, capitalised as a sentence's first word, that the tagger took for
    a name ("Farmer Dale Pruitt said"); not one that is also a first name ("Hunter"). Besides
    the listed roles, a word built like a profession ("Comedian", "Filmmaker", "Moderator"),
    but not any word in "-er", which surnames and first names share ("Chandler", "Rucker")."""
    word = token.lower_
    if not token.is_sent_start or word in census_shares():
        return False
    return word in KNOWN_PERSON_NOUNS or word.endswith(PROFESSION_ENDINGS)


def quoted_tokens(doc: Doc, text: str) -> list[bool]:
    """For each token, whether it stands inside quotation marks (“…” or "…"). `text` is
    doc.text: most paragraphs open no quote, and then no token need be looked at; in the
    others, only those with a quotation mark or a line break, which may open or close one."""
    if "“" not in text and '"' not in text:
        return [False] * len(doc)
    out = [False] * len(doc)
    curly, straight = 0, False
    unwritten = 0  # the tokens from here on are as inside as the next turn finds them
    for i in _tokens_holding(doc, text, QUOTE_TURNS):
        if curly > 0 or straight:
            out[unwritten : i + 1] = [True] * (i + 1 - unwritten)
        unwritten = i + 1
        word = doc[i].text
        curly = max(0, curly + (word == "“") - (word == "”"))
        straight ^= word == '"'
        if "\n" in word:  # a quote that runs on to the next line opens again there
            curly, straight = 0, False
    if curly > 0 or straight:
        out[unwritten:] = [True] * (len(doc) - unwritten)
    return out


def _tokens_holding(doc: Doc, text: str, characters: re.Pattern) -> list[int]:
    """The tokens, in order, whose text holds one of the characters (never a space, which
    may follow a token outside it): found in `text`, doc.text, and placed by the tokens'
    offsets."""
    at = [match.start() for match in characters.finditer(text)]
    if not at:
        return []
    found = numpy.searchsorted(doc.to_array(IDX), at, side="right") - 1
    return sorted(set(found.tolist()))


def _without_epithet(name: str) -> str:
    """ "Crooked Hillary Clinton", "Sleepy Joe Biden" in someone's quote: a word before a
    first name that is no first name, particle or initial itself is a nickname."""
    words = name.split()
    if len(words) < 3 or not words[0].isascii() or not words[0].isalpha():
        return name
    shares = census_shares()
    epithet, first = words[0].lower(), words[1].lower()
    if epithet in shares or first in SURNAME_PARTICLES or first not in shares:
        return name
    return " ".join(words[1:])


def name_tokens(entity: Span) -> list[Token]:
    """The name's own words: no possessive, edge punctuation, leading title ("Judge",
    "Sen.", "Mr.") or common noun ("Retiree", and a role such as "Spokeswoman" though
    tagged a proper noun) that the recogniser took into the name, nor an owner before a
    possessive mark inside it ("Breitbart’s Joel Pollak")."""
    marks = [t.i for t in entity[:-1] if possessive_mark(t)]
    if marks:
        entity = entity.doc[marks[-1] + 1 : entity.end]
    tokens = [t for t in entity if not t.is_space and t.lower_ not in POSSESSIVE_MARKS]
    while tokens and (
        tokens[0].is_punct
        or (
            len(tokens) > 1
            and (
                is_title(tokens[0])
                or tokens[0].pos_ in ("NOUN", "ADJ")
                or tokens[0].lower_ in ANONYMOUS_ROLES | UNIQUE_OFFICES  # not "Bill Maron"
                or tokens[0].lower_ in SAID_BEFORE_NAME  # "Stated Stone: …"
                or _role_opening_sentence(tokens[0])
            )
        )
    ):
        tokens.pop(0)  # "Retiree Doug Purdy" is Doug Purdy
    while tokens and tokens[-1].is_punct:
        tokens.pop()
    return tokens


def person_name(entity: Span) -> str:
    """The name as written, hyphens and apostrophes kept: "Kim Jong-un", "Sophie in 't Veld"."""
    tokens = name_tokens(entity)
    text = "".join(t.text_with_ws for t in tokens[:-1]) + (tokens[-1].text if tokens else "")
    return " ".join(invisible.clean(text).split())


@lru_cache(maxsize=4096)
def _untitled(text: str) -> tuple[str | None, str]:
    """A name as written -> the gender its first honorific tells, and the name without its
    titles. NameIndex.person asks this of the article's few names again and again."""
    words = clean_name(text).split()
    told = (HONORIFIC_GENDER.get(t.lower().rstrip(".")) for t in words)
    gender = next((g for g in told if g is not None), None)
    return gender, " ".join(t for t in words if t.lower().rstrip(".") not in TITLE_WORDS)


class NameIndex:
    """The names of one article, in the order it gives them."""

    def __init__(
        self,
        docs: list[Doc],
        genders: dict[str, dict[str, str]] | None = None,
        texts: list[str] | None = None,
    ):
        """`genders` (GENDERS_FILE) holds the gender other articles tell of people and of
        first names; `texts` each doc's text, if the caller has it (spaCy joins doc.text anew
        on every access)."""
        genders = genders or {}
        texts = texts if texts is not None else [doc.text for doc in docs]
        # Each paragraph's tokens: inside quotation marks?
        self.quoted = [quoted_tokens(doc, text) for doc, text in zip(docs, texts, strict=True)]
        self.known_people = genders.get("people", {})
        self.first_names = genders.get("first_names", {})
        self.gender: dict[str, str] = {}  # full name -> what this article tells (below)
        self.full_names: dict[str, str] = {}  # surname or full name (lower) -> full name
        self.given_names: dict[str, list[str]] = {}  # a given name -> full names, in order
        self.name_counts: Counter = Counter()  # how often each full name is written
        self.first_named: dict[str, int] = {}  # each full name -> its rank by first mention
        self.body_names: dict[str, str] = {}  # a body's first word or initials -> its name
        self.names_opened: dict[str, set[str]] = {}  # a first word -> the names it opens
        self.called_people: set[str] = set()  # bodies to the recogniser, he or she to us
        # Names the article calls a company, network, firm...: "drug maker Pfizo".
        proper = [_proper_nouns(doc) for doc in docs]  # looked at twice
        described = [t for tokens in proper for t in tokens if _described_as_body(t)]
        self.described_bodies = {t.lower_ for t in described}
        # And whole names described right beside them: "Dixon Hall, a non-profit agency" is
        # no person (a description further on may hang from the wrong name).
        beside = [(t.doc, compound_name(t)) for t in described if _body_beside(t)]
        self.described_body_names = {
            doc[min(name) : max(name) + 1].text.lower() for doc, name in beside if len(name) > 1
        }
        self.after_body_nouns: set[str] = set()  # "group Project Kaimoana" (lower)
        self.called_it: set[str] = set()  # names the article calls "it" or "itself" (lower)
        # Title words, the person holding them, and where the article says so.
        self.titles: list[tuple[set[str], str, tuple[int, int]]] = []
        self.people_at: list[tuple[tuple[int, int], Span]] = []  # PERSON names, in order
        self.bodies_at: list[tuple[tuple[int, int], Span]] = []  # ORG names, in order
        # Named people joined by "and": "Obama and Clinton", antecedents of "they".
        self.groups_at: list[tuple[tuple[int, int], list[Span]]] = []
        genders: list[tuple[Span, str]] = []
        ents_by_doc = [doc.ents for doc in docs]  # spaCy builds them anew on every access
        surnames = _lone_person_words(ents_by_doc)
        places = {e.text.lower() for ents in ents_by_doc for e in ents if e.label_ in PLACE_ENTS}
        self.mostly_bodies = _mostly_bodies(ents_by_doc)  # "Whole Foods", whatever one says
        # Last words of bodies' longer names: "Chronicle" of "The San Francisco Chronicle".
        self.body_ends = {
            e[-1].lower_ for ents in ents_by_doc for e in ents if e.label_ == "ORG" and len(e) > 1
        }
        for index, (doc, ents, nouns) in enumerate(zip(docs, ents_by_doc, proper, strict=True)):
            # A "person" whose name ends as a company's is a body: "Ruckus Media", "Harlow Co.";
            # so is a building named as a body: "St. Mary’s Hospital".
            bodies = [
                e
                for e in ents
                if e.label_ == "ORG"
                or (e.label_ == "PERSON" and _company_named(e))
                or (e.label_ == "FAC" and e[-1].lower_ in BODY_NOUNS)
            ]
            self.bodies_at += [((index, e.start_char), e) for e in bodies]
            for entity in bodies:
                if entity.label_ != "PERSON":
                    self._add_body(entity)
            self.after_body_nouns |= {t.lower_ for t in nouns if after_body_noun(t)}
            people = [
                e
                for e in ents
                if e.label_ == "PERSON"
                and not (_institution(e) or _place_and_state(e))
                and not _misnamed(e)
                and e.text.lower() not in self.mostly_bodies
                and not _company_named(e)
            ]
            # A full name the recogniser took for a body or a people, which the article calls
            # he or she ("Carly Fiorina endorsed Cruz, saying she …"), whose last word it
            # gives alone as a person ("Eyota Brandt doubted …", then "Mrs. Brandt said"), or
            # describes as one beside it ("Roman Smbatyan, a faculty member at UC Irvine").
            # Or a first name and surname after a place the recogniser ran them on from.
            maybe_called = [e for e in ents if _maybe_called(e)]
            after_place = [_after_place(e, places) for e in maybe_called]
            after_place = [e for e in after_place if e is not None and _full_name(e)]
            called = [e for e in maybe_called if _full_name(e)]
            among = name_at(people + called)
            called = [
                e
                for e in called
                if _surname_given(e, surnames)
                or _gender_of(e, among) is not None
                or _person_beside(e)
                or _speaks_by_first_name(e)
            ] + after_place
            self.called_people |= {e.text.lower() for e in called}
            people += called
            unrecognised = _unrecognised_people(doc, texts[index])
            among = name_at(people + unrecognised)
            # A bare name the article calls a company is one, whatever pronoun follows it.
            bodies = self.described_bodies
            people += [
                n
                for n in unrecognised
                if n.label_
                or (
                    n.text.lower() not in bodies
                    and ((_gender_of(n, among) and n.root.tag_ != "NNS") or self._known(n))
                )
            ]
            # A surname the recogniser took for a body or a work, of the one person the
            # article named in full with it before: "Trump, appearing after Clinton, cited …"
            # after "Donald Trump" (not where it names Ivanka Trump too).
            people += [
                e
                for e in ents
                if e.label_ in ("ORG", "WORK_OF_ART", "PRODUCT", "LAW")
                and len(e) == 1
                and e.text.lower() not in bodies
                and e.text.lower() not in self.mostly_bodies
                and len(self.namesakes(e.text)) == 1
            ]
            person_at = name_at(people)
            # Bare names as subjects count too: "Facebook did not say whether it agreed" makes
            # the "Facebook" the recogniser calls a person elsewhere a body.
            self.called_it |= {
                person_name(e).lower() for e in people + unrecognised if _called_it(e, person_at)
            }
            people.sort(key=lambda e: e.start)  # those found beyond the recogniser come last
            conjoined: dict[int, list[Span]] = {}  # head token -> the names joined to it
            for e in people:
                if e.root.dep_ == "conj":
                    conjoined.setdefault(e.root.head.i, []).append(e)
            for entity in people:
                self.add_person(
                    entity, (index, entity.start_char), self.quoted[index][entity.start]
                )
                self.people_at.append(((index, entity.start_char), entity))
                gender = _gender_of(entity, person_at)
                if gender is not None:
                    genders.append((entity, gender))
            for entity in people:
                group = [entity, *conjoined.get(entity.root.i, [])]
                if len(group) > 1 and entity.root.dep_ != "conj":
                    self.groups_at.append(((index, group[-1].start_char), group))
                    self._share_plural_title(group, (index, entity.start_char))
            for group in _pairs_the_parse_missed(doc, people, conjoined):
                self.groups_at.append(((index, group[-1].start_char), group))
                self._share_plural_title(group, (index, group[0].start_char))
        # What the article tells of each person's gender, for "he" and "she".
        votes: dict[str, Counter] = {}
        sure: set[str] = set()  # told by a title: "Mr. Hale"
        holders = Counter(name.split()[-1].lower() for name in set(self.full_names.values()))
        for entity, gender in genders:
            titled = entity.start > 0 and _honorific(entity.doc[entity.start - 1]) is not None
            if len(entity) == 1 and holders[entity.text.lower()] > 1 and not titled:
                continue  # "Khan said he" of Khizr and Ghazala Khan: which Khan is unsure
            name = self.person(entity.text, gender=gender if titled else None)
            name = name or person_name(entity)
            votes.setdefault(name, Counter())[gender] += 1
            if honorific_gender(entity) is not None:
                sure.add(name)
        self.gender = {}
        for name, count in votes.items():
            (told, n), *rest = count.most_common()
            # A he or she after the name may be someone else ("Trump mocked the Democratic
            # front-runner, saying she …", "Jane Starner says … the story he wrote"): against
            # what other articles or the first name tell of the person, the article's
            # pronouns count only by a margin of two.
            known = self._gender_beyond(name)
            margin = n - (rest[0][1] if rest else 0)
            if known is not None and known != told and name not in sure and margin < 2:
                told = known
            self.gender[name] = told
        # Names the recogniser takes for people that the article shows are bodies: "the
        # company" may stand for them, "he" and "the two leaders" may not.
        taken = {id(e) for _, e in self.people_at if self.body_taken_for_person(e)}
        if taken:
            self.bodies_at += [p for p in self.people_at if id(p[1]) in taken]
            self.bodies_at.sort(key=lambda p: p[0])
            self.people_at = [p for p in self.people_at if id(p[1]) not in taken]
        # One-word bodies' names: where the recogniser calls one a product elsewhere
        # ("investigating WeWork"), it is still that body.
        self.body_words = {e.text.lower() for _, e in self.bodies_at if len(e) == 1}
        # Nor is a name that says it is a body anyone's surname: "I-DEV International" is not
        # "Adam Smith International".
        bodies = {person_name(e) for _, e in self.bodies_at if _named_as_a_body(e)}
        self.full_names = {k: v for k, v in self.full_names.items() if v not in bodies}

    def add_name(self, name: str) -> None:
        """Index a person's name: its surname and given names find it."""
        *given, surname = name.lower().split()
        # The surname, and each part of a double one ("Wilson" of "Jody Wilson-Raybould"),
        # goes to the better name (see _better_name); a given name ("Kim") finds it too.
        self.name_counts[name] += 1
        self.first_named.setdefault(name, len(self.first_named))
        for key in {surname, *surname.split("-")}:
            known = self.full_names.get(key)
            if known is None or self._better_name(name, known):
                self.full_names[key] = name
        for word in given:
            named = self.given_names.setdefault(word.rstrip("."), [])
            if name not in named:
                named.append(name)
        if " " in name:
            self.full_names[name.lower()] = name

    def _known(self, name: Span) -> bool:
        """Whether a bare name is a person named in full before: "Braun has worked with …"
        after "talent manager Scooter Braun"."""
        known = self.person(name.text)
        return known is not None and " " in known

    def add_person(self, entity: Span, at: tuple[int, int], quoted: bool = False) -> None:
        name = person_name(entity)
        if quoted:
            name = _without_epithet(name)
        if not name:
            return
        self.add_name(name)
        first = name_tokens(entity)[0].i  # after any title the recogniser took in
        words = title_stems(t for t in entity if t.i < first)
        root = entity.root
        for child in _titles_before(entity):
            words |= title_stems(child.subtree)
        if root.dep_ == "appos":
            words |= title_stems(t for t in root.head.subtree if t.i < root.i)
        for child in root.children:
            if child.dep_ == "appos":
                words |= title_stems(child.subtree)
        words -= {stem(w) for w in name.split()}
        if words:
            self.titles.append((words, name, at))

    def _share_plural_title(self, group: list[Span], at: tuple[int, int]) -> None:
        """ "Senators Alan Pike and Nora Vance": a plural title before the first name is
        each name's title."""
        plural = [c for c in _titles_before(group[0]) if c.tag_ == "NNS"]
        words = {w for child in plural for w in title_stems(child.subtree)}
        if words:
            self.titles += [(words, person_name(e), at) for e in group[1:] if person_name(e)]

    def _better_name(self, name: str, known: str) -> bool:
        """For a surname: a fuller form of the same person ("Hillary Rodham Clinton" over
        "Hillary Clinton", "Kim Jong-un" over "Kim"), else the person the article names
        more often ("Donald Trump" over "Melania Trump" in an article about him)."""
        words, known_words = set(name.lower().split()), set(known.lower().split())
        if words > known_words:
            return True
        if words < known_words or " " not in known:
            return " " not in known and " " in name
        return self.name_counts[name] > self.name_counts[known]

    def _add_body(self, entity: Span) -> None:
        """Short forms of a body's name that the article may use later: its first word
        ("Suncor" for "Suncor Energy"), its initials ("EDC") or the initials it gives in
        brackets, "Export Development Canada (EDC)"."""
        name = clean_name(entity.text)
        words = name.split()
        if len(words) < 2:
            return
        capitals = [w for w in words if w[:1].isupper()]
        # "Apple Pay and Google Pay": two bodies, so its first word need not be either.
        pair = two_names(name)
        first = pair[0].split() if pair else []
        keys = set() if len(first) > 1 and not OF_WORDS & set(first) else {words[0].lower()}
        if any(w.endswith(("'s", "’s")) for w in words[1:]):
            keys = set()  # "Google Stadia Founder's Edition" is something, not Google's name
        if "," in name:
            keys = set()  # "Boeing Defense, Space": a name cut at a list's comma
        if _named_thing(entity):
            keys = set()  # "an app called Facebook Research" is no name of Facebook's
        if keys:
            self.names_opened.setdefault(words[0].lower(), set()).add(name)
        if len(capitals) > 1:
            keys.add("".join(w[0] for w in capitals).lower())
        doc = entity.doc
        if (
            entity.end + 2 < len(doc)
            and doc[entity.end].text == "("
            and doc[entity.end + 2].text == ")"
        ):
            keys.add(doc[entity.end + 1].lower_)
        for key in keys:
            known = self.body_names.get(key)
            if known is None or len(name) > len(known):
                self.body_names[key] = name

    def body(self, name: str) -> str:
        """The fullest name the article gives a body named by one word. Where the word opens
        several names ("Apple Watch", "Apple TV"), they are its products or parts, and the
        word is the body's name, unless the fullest is a company's ("SoftBank Group Corp")."""
        if " " in name:
            return name
        fullest = self.body_names.get(name.lower(), name)
        opened = self.names_opened.get(name.lower(), set())
        company = fullest.split()[-1].lower().rstrip(".") in COMPANY_ENDINGS | {"group"}
        if len(opened) > 1 and fullest in opened and not company:
            return name
        return fullest

    def person(self, text: str, given: bool = False, gender: str | None = None) -> str | None:
        """The fullest name for a name or surname seen as a person in the article; with
        `given`, for a given name too ("Kim" -> "Kim Jong-un"). A title's gender ("Mr.",
        "Mrs.", in the text or as `gender`), else what the article tells of the surname
        alone, picks among people of one surname: "Mrs. Clinton" is not Bill Clinton, and
        "Mr. Obama" is none of them where the article names only Michelle Obama."""
        told, text = _untitled(text)
        gender = gender or told
        if not text:
            return None
        if gender is None and " " not in text:
            gender = self.gender.get(text)  # "Mr. Obama" elsewhere: "Obama" is a man
        last = text.split()[-1].lower()
        found = self.full_names.get(text.lower()) or self.full_names.get(last)
        if found is not None:  # "De Miranda" as written is Luis de Miranda
            found = self._fullest(found)
        if found is not None and not self.may_be(found, gender):
            fitting = [n for n in self.namesakes(last) if self.may_be(n, gender)]
            if not fitting:  # "Mr. Obama", where the article names only Michelle Obama
                return text
            return self._fullest(max(fitting, key=self.name_counts.get))
        if found is not None and " " in found:
            return found
        if found is None and not given:
            return None
        # A word the article gives alone as a person's name and as the first word of a full
        # one is that person ("Ban", after "Ban Ki-moon"). Where several people share it
        # ("Kim Jong-un", "Kim Yong-chol"), the first named, whom the article is about.
        names = [self._fullest(n) for n in self.given_names.get(last, ())]
        return names[0] if names else found

    def _fullest(self, name: str) -> str:
        """The fullest form of this person's name: the one its surname goes to if that is
        the same person ("Hillary Rodham Clinton" for "Hillary Clinton"), not another of the
        family ("John Smith" for "Tom Smith"), and named first, as news introduces people:
        not "Crooked Hillary Clinton" of a quote after her."""
        known = self.full_names.get(name.split()[-1].lower())
        if known is None or not set(name.lower().split()) <= set(known.lower().split()):
            return name
        first = self.first_named
        return known if first.get(known, 0) <= first.get(name, len(first)) else name

    def namesakes(self, surname: str) -> list[str]:
        """The full names of the people the article names with this surname."""
        surname = surname.lower()
        return [n for n in self.name_counts if " " in n and n.lower().split()[-1] == surname]

    def is_person(self, entity: Span) -> bool:
        if entity.label_ == "PERSON":
            return not _misnamed(entity)
        return entity.text.lower() in self.called_people

    def body_taken_for_person(self, entity: Span) -> bool:
        """A name the recogniser calls a person, which the article calls a company, group or
        network and is no one's surname ("Pfizo", not "Gore" of "Al Gore"), or calls "it"
        or "itself" and never he or she nor by a title ("Twitter has positioned itself"), or
        whose name says so (_named_as_a_body)."""
        if entity.text.lower() in self.mostly_bodies or _named_as_a_body(entity):
            return True
        if clean_name(entity.text).lower() in self.described_body_names:
            return True
        known = self.person(entity.text)
        name = known or person_name(entity)
        one_word = len(name_tokens(entity)) == 1
        titled = honorific_gender(entity) is not None
        if one_word and not titled and entity.root.lower_ in self.body_ends:
            return known is None or " " not in known  # "The Chronicle says", not "Mrs. Brandt"
        if one_word and entity.root.lower_ in self.described_bodies:
            return known is None or " " not in known
        if entity.root.lower_ in self.after_body_nouns:
            return name not in self.gender  # "group Project Kaimoana", unless he or she
        return self.only_called_it(name)

    def only_called_it(self, name: str) -> bool:
        """Whether the article calls this name "it" or "itself", and never he or she nor by a
        title."""
        return (
            name.lower() in self.called_it
            and name not in self.gender
            and not self.title_words(name)
        )

    def may_be(self, name: str, gender: str | None) -> bool:
        """Whether a he or she of this gender (None: either) may stand for the person: no
        other gender is told of them (see gender_of)."""
        return gender is None or self.gender_of(name) in (None, gender)

    def gender_of(self, name: str) -> str | None:
        """The person's gender as the article tells it (self.gender), else as other articles
        tell of them or of their first name, else as the census tells of that first name:
        enough to rule someone out for "he" or "she", too little to prefer them. Preferring
        them moved "he" from the speaker to any man named since."""
        told = self.gender.get(name)
        return told if told is not None else self._gender_beyond(name)

    def _gender_beyond(self, name: str) -> str | None:
        """The person's gender as other articles tell of them or of their first name, else
        as the census tells of that first name."""
        key = person_key(name)
        if key is None or POSSESSIVE.search(name):
            return None  # "Keith Scott’s wife" is not Keith
        first = key.split()[0]
        return (
            self.known_people.get(key)
            or self.first_names.get(first)
            or census_first_names().get(first)
        )

    def title_words(self, name: str) -> set[str]:
        return {w for words, holder, _ in self.titles if holder == name for w in words}
