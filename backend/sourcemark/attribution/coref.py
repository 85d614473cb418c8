"""Resolves source mentions to one canonical source per referent across an article.

Pronouns go to the last fitting source, surnames to the full name, role nouns ("the
official", "the French official", "the Russian president") to an earlier source with the
same head and modifiers or to a named office-holder, and possessive offices ("the Russian
President's press service") to an office of the resolved owner.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .sources import RELATIVE_PRONOUNS, Mention, relative_antecedent
from .types import (
    NOT_ANAPHORIC,
    ORGANIZATION_NOUNS,
    PERSON_PRONOUNS,
    UNIQUE_OFFICES,
    described_person,
    is_pronoun,
    mention_type,
    named_in_apposition,
)

DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "another", "one", "some"}
INDEFINITE = {"a", "an", "another", "one"}
OFFICES = {"service", "office", "campaign", "team", "administration", "government", "staff"}
TITLE_DEPS = {"compound", "amod", "nmod", "poss", "case"}
PRONOUN_REACH = 1  # paragraphs back that a speaker stays the antecedent of "he"/"she"
GROUP_PRONOUNS = {"they", "them"}
GROUP_NUMBERS = {"two", "three", "both"}  # "the two leaders", "both candidates"
PEOPLE_NOUNS = {"candidate", "leader", "man", "nominee", "politician", "rival", "woman"}
# Common nouns that stand for a body just named: "Suncor … the company said".
BODY_NOUNS = {"agency", "company", "firm", "group", "network", "organization", "organisation"}
PUNCT_STRIP = " ,.;:'\"“”‘’"
MALE, FEMALE = "male", "female"
PRONOUN_GENDER = {
    **dict.fromkeys(("he", "him", "his", "himself"), MALE),
    **dict.fromkeys(("she", "her", "hers", "herself"), FEMALE),
}
HONORIFIC_GENDER = {"mr": MALE, "ms": FEMALE, "mrs": FEMALE, "miss": FEMALE}


@dataclass
class Referent:
    id: str
    name: str
    type: str
    head: str = ""  # lemma of the head noun of its first mention
    words: set[str] = field(default_factory=set)  # words of its mentions, for role nouns
    last: tuple[int, int] = (0, 0)  # paragraph and character where it was last a source
    plural: bool = False  # named people together: "Obama and Clinton"


def _stem(word: str) -> str:
    """Crude stem so that "Russian" meets "Russia" and "officials" meets "official"."""
    return word.lower()[:5]


def _clean(text: str) -> str:
    words = text.strip(PUNCT_STRIP).split()
    while words and words[0].lower() in DETERMINERS:
        words.pop(0)
    name = " ".join(words).strip(PUNCT_STRIP)
    return name.removesuffix("’s").removesuffix("'s")


def _institution(entity: Span) -> bool:
    """A "person" the recogniser got wrong: "James M. Hill High School"."""
    return entity[-1].lower_ in ORGANIZATION_NOUNS


def _gender_of(entity: Span, person_at: dict[int, Span]) -> str | None:
    """From a title ("Mr. Hale", "Ms. Ortiz"), or from the first he/she/his/her after the
    name as subject in its sentence, with no other name between ("Ortiz said she …").
    `person_at` maps each token of a person's name to that name."""
    doc = entity.doc
    before = doc[entity.start - 1] if entity.start > 0 else None
    for token in (before, entity[0]):
        if token is not None and token.lower_.rstrip(".") in HONORIFIC_GENDER:
            return HONORIFIC_GENDER[token.lower_.rstrip(".")]
    if entity.root.dep_ not in ("nsubj", "nsubjpass"):
        return None
    for token in doc[entity.end : entity.sent.end]:
        if person_at.get(token.i, entity) != entity:  # another name: it stops here
            return None
        if token.lower_ in PRONOUN_GENDER:
            return PRONOUN_GENDER[token.lower_]
    return None


def _person_name(entity: Span) -> str:
    tokens = [t for t in entity if not (t.is_punct or t.is_space) and t.lower_ not in ("'s", "’s")]
    return " ".join(t.text for t in tokens)


class _Names:
    """A paragraph's named entities looked up by token, not searched for each mention."""

    def __init__(self, doc: Doc):
        self.entity_at: dict[int, Span] = {}  # each token of a name -> the name
        self.person_at: dict[int, Span] = {}
        self.person_rooted: dict[int, Span] = {}  # root token -> the first PERSON on it
        for e in doc.ents:
            for i in range(e.start, e.end):
                self.entity_at[i] = e
                if e.label_ == "PERSON":
                    self.person_at[i] = e
            if e.label_ == "PERSON":
                self.person_rooted.setdefault(e.root.i, e)


class Resolver:
    """Article-wide state: names seen, office titles, and the referents found so far."""

    def __init__(self, docs: list[Doc]):
        self._names_of: dict[int, _Names] = {}  # by id: the docs outlive the resolver
        self.full_names: dict[str, str] = {}  # surname or full name (lower) -> full name
        self.titles: list[tuple[set[str], str]] = []  # title words -> the person holding it
        self.people_at: list[tuple[tuple[int, int], Span]] = []  # PERSON names, in order
        self.bodies_at: list[tuple[tuple[int, int], Span]] = []  # ORG names, in order
        # Named people joined by "and": "Obama and Clinton", antecedents of "they".
        self.groups_at: list[tuple[tuple[int, int], list[Span]]] = []
        genders: list[tuple[Span, str]] = []
        for index, doc in enumerate(docs):
            self.bodies_at += [
                ((index, e.start_char), e)
                for e in doc.ents
                if e.label_ == "ORG" and e.root.dep_ in ("nsubj", "nsubjpass")
            ]
            people = [e for e in doc.ents if e.label_ == "PERSON" and not _institution(e)]
            # Looked up by token, not searched: a paragraph may name thousands.
            person_at = {i: e for e in people for i in range(e.start, e.end)}
            conjoined: dict[int, list[Span]] = {}  # head token -> names joined to it
            for e in people:
                if e.root.dep_ == "conj":
                    conjoined.setdefault(e.root.head.i, []).append(e)
            for entity in people:
                self._add_person(entity)
                self.people_at.append(((index, entity.start_char), entity))
                gender = _gender_of(entity, person_at)
                if gender is not None:
                    genders.append((entity, gender))
            for entity in people:
                group = [entity, *conjoined.get(entity.root.i, [])]
                if len(group) > 1 and entity.root.dep_ != "conj":
                    self.groups_at.append(((index, group[-1].start_char), group))
        # What the article tells of each person's gender, for "he" and "she".
        votes: dict[str, Counter] = {}
        for entity, gender in genders:
            name = self.person(entity.text) or _person_name(entity)
            votes.setdefault(name, Counter())[gender] += 1
        self.gender = {name: count.most_common(1)[0][0] for name, count in votes.items()}
        self.where = (0, 0)  # paragraph and character of the mention being resolved
        self.referents: list[Referent] = []
        self.by_key: dict[str, Referent] = {}
        self.recent: list[Referent] = []  # most recent last

    def _add_person(self, entity: Span) -> None:
        name = _person_name(entity)
        if not name:
            return
        surname = name.split()[-1].lower()
        known = self.full_names.get(surname)
        if known is None or len(name) > len(known):
            self.full_names[surname] = name
        if " " in name:
            self.full_names[name.lower()] = name
        words = set()
        root = entity.root
        for child in root.lefts:
            if child.dep_ in TITLE_DEPS and child.i < entity.start:
                words |= {_stem(t.text) for t in child.subtree if t.is_alpha}
        if root.dep_ == "appos":
            words |= {_stem(t.text) for t in root.head.subtree if t.is_alpha and t.i < root.i}
        for child in root.children:
            if child.dep_ == "appos":
                words |= {_stem(t.text) for t in child.subtree if t.is_alpha}
        words -= {_stem(w) for w in name.split()}
        if words:
            self.titles.append((words, name))

    def person(self, text: str) -> str | None:
        """The full name for a name or surname seen as a person in the article."""
        text = _clean(text)
        if not text:
            return None
        return self.full_names.get(text.lower()) or self.full_names.get(text.split()[-1].lower())

    def _new(self, name: str, type_: str, key: str, head: Token | None, words) -> Referent:
        referent = self.by_key.get(key)
        if referent is None:
            referent = Referent(f"s{len(self.referents) + 1}", name, type_)
            referent.head = head.lemma_.lower() if head is not None else ""
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

    def resolve(self, doc: Doc, mention: Mention, paragraph: int) -> Referent:
        self.where = (paragraph, mention.head.idx)
        return self._seen(self._resolve(doc, mention))

    def _resolve(self, doc: Doc, mention: Mention) -> Referent:
        antecedent = mention.antecedent
        relative = mention.head.lower_ in RELATIVE_PRONOUNS and mention.head.head.dep_ == "relcl"
        if antecedent is None and relative:  # a mention from the role tagger: "who"
            antecedent = relative_antecedent(mention.head.head.head, mention.head)
        head = antecedent if antecedent is not None else mention.head
        tokens = mention.tokens if antecedent is None else {head.i}
        text = doc[min(tokens) : max(tokens) + 1].text
        words = {_stem(doc[i].text) for i in tokens if doc[i].is_alpha}
        if is_pronoun(head) and head.lower_ not in NOT_ANAPHORIC:
            return self._pronoun(head, text, words)
        names = self._names(doc)
        person_entity = names.person_at.get(head.i)
        if person_entity is None and head.dep_ == "appos":
            # "Flynn, a top Trump surrogate": the role noun stands beside a name.
            person_entity = names.person_rooted.get(head.head.i)
        if person_entity is None:
            person_entity = named_in_apposition(doc, tokens, head) or described_person(doc, head)
        if person_entity is not None:
            name = self.person(person_entity.text) or _person_name(person_entity)
            self._add_person(person_entity)  # so that a later surname finds it
            return self._new(name, "named_person", f"person:{name.lower()}", head, words)
        group = self._numbered_group(doc, head)
        if group is not None:
            return group
        if mention.label and self._signed_name(doc, tokens):
            name = _clean(text)
            return self._new(name, "named_person", f"person:{name.lower()}", head, words)
        # A surname of someone named in the article, even where the tagger calls it a noun;
        # not a word inside another kind of name ("Korea" in "South Korea").
        name = self.person(head.text) if head.text[:1].isupper() else None
        if name is not None and not self._other_name(doc, tokens, head, name):
            return self._new(name, "named_person", f"person:{name.lower()}", head, words)
        owner = next((c for c in head.children if c.dep_ == "poss"), None)
        if head.lemma_.lower() in OFFICES and owner is not None and not is_pronoun(owner):
            owner_referent = self._resolve(
                doc, Mention(set(range(owner.left_edge.i, owner.i + 1)), owner)
            )
            office = " ".join(
                t.text for t in doc[owner.i + 1 : head.i + 1] if t.lower_ not in ("'s", "’s")
            )
            name = f"{owner_referent.name}’s {office.lower()}"
            return self._new(name, "named_organization", f"org:{name.lower()}", head, words)
        type_ = mention_type(doc, tokens, head)
        body = self._the_body(doc, tokens, head, type_)
        if body is not None:
            return body
        if type_ is None or self._definite(doc, head):
            earlier = self._role(head, words)
            if earlier is not None:
                return earlier
        if type_ is None:
            holder = self._office_holder(head, words)
            if holder is not None:
                return self._new(holder, "named_person", f"person:{holder.lower()}", head, words)
            type_ = "named_person" if self._definite(doc, head) else "anonymous"
        # The name stops before an aside: "Acme, a company based in Ohio" is "Acme".
        comma = next((i for i in sorted(tokens) if i > head.i and doc[i].text == ","), None)
        if comma is not None:
            text = doc[min(tokens) : comma].text
        name = _clean(text) or text
        if type_ == "named_organization":
            for referent in reversed(self.referents):
                if referent.type == type_ and referent.name.split()[-1] == name.split()[-1]:
                    return referent
        definite = not any(doc[i].lower_ in INDEFINITE for i in tokens if doc[i].dep_ == "det")
        key = (
            f"{type_}:{name.lower()}"
            if definite or type_ != "anonymous"
            else f"new:{len(self.referents)}"
        )
        return self._new(name[:1].upper() + name[1:], type_, key, head, words)

    def _other_name(self, doc: Doc, tokens: set[int], head: Token, person: str) -> bool:
        """A name of another kind around the head, with words the person's name lacks."""
        known = {w.lower() for w in person.split()}
        e = self._names(doc).entity_at.get(head.i)  # names don't overlap: one at most
        return (
            e is not None
            and e.label_ != "PERSON"
            and min(tokens) <= e.start
            and not {t.lower_ for t in e if t.is_alpha} <= known
        )

    def _names(self, doc: Doc) -> _Names:
        """The paragraph's named entities by token, made once per paragraph."""
        names = self._names_of.get(id(doc))
        if names is None:
            names = self._names_of[id(doc)] = _Names(doc)
        return names

    @staticmethod
    def _signed_name(doc: Doc, tokens: set[int]) -> bool:
        """A label of two or more proper nouns naming no place or body is a person's
        signature, though the recogniser may call it an organisation."""
        words = [doc[i] for i in sorted(tokens) if not (doc[i].is_punct or doc[i].is_space)]
        return (
            len(words) > 1
            and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in words)
            and not any(t.is_upper and len(t) > 1 for t in words)  # "ECB WATCH"
            and not any(t.ent_type_ in ("GPE", "NORP", "LOC", "FAC") for t in words)
            and not any(t.lower_ in ORGANIZATION_NOUNS for t in words)
        )

    def _group(self, group: list[Span], words: set[str]) -> Referent:
        names = [self.person(e.text) or _person_name(e) for e in group]
        name = " and ".join(names)
        referent = self._new(name, "named_person", f"people:{name.lower()}", None, words)
        referent.plural = True
        return referent

    def _group_before(self) -> tuple[tuple[int, int], list[Span]] | None:
        """The last "X and Y" of named people before the mention, if recent."""
        earlier = [(at, g) for at, g in self.groups_at if at < self.where]
        if not earlier or self.where[0] - earlier[-1][0][0] > PRONOUN_REACH:
            return None
        return earlier[-1]

    def _numbered_group(self, doc: Doc, head: Token) -> Referent | None:
        """ "The two leaders", "both candidates": the named people just mentioned."""
        if head.tag_ != "NNS" or head.lemma_.lower() not in PEOPLE_NOUNS | UNIQUE_OFFICES:
            return None
        if not any(c.lower_ in GROUP_NUMBERS for c in head.children):
            return None
        found = self._group_before()
        if found is not None:
            return self._group(found[1], set())
        named = [e for at, e in self.people_at if at < self.where]
        distinct = {self.person(e.text) or _person_name(e): e for e in named}
        if len(distinct) < 2:
            return None
        return self._group(list(distinct.values())[-2:], set())

    def _the_body(self, doc: Doc, tokens: set[int], head: Token, type_: str | None):
        """ "The company", "the agency", "the security firm": the body last named as a
        subject or quoted, if recent."""
        if type_ != "named_organization" or head.lemma_.lower() not in BODY_NOUNS:
            return None
        if any(doc[i].ent_type_ or doc[i].pos_ == "PROPN" or doc[i].dep_ == "poss" for i in tokens):
            return None
        source = next((r for r in reversed(self.recent) if r.type == type_), None)
        named = [(at, e) for at, e in self.bodies_at if at < self.where]
        if named and (source is None or source.last < named[-1][0]):
            if self.where[0] - named[-1][0][0] > PRONOUN_REACH:
                return None
            name = _clean(named[-1][1].text)
        elif source is not None and self.where[0] - source.last[0] <= PRONOUN_REACH:
            return source
        else:
            return None
        for referent in reversed(self.referents):
            if referent.type == type_ and referent.name.split()[-1] == name.split()[-1]:
                return referent
        return self._new(name, type_, f"named_organization:{name.lower()}", head, set())

    def _definite(self, doc: Doc, head: Token) -> bool:
        return any(c.dep_ in ("det", "poss") and c.lower_ not in INDEFINITE for c in head.children)

    def _role(self, head: Token, words: set[str]) -> Referent | None:
        """An earlier source with the same head noun and at least these modifiers."""
        lemma = head.lemma_.lower()
        for referent in reversed(self.recent):
            if referent.head == lemma and words <= referent.words | {_stem("the")}:
                return referent
            office = referent.type == "named_person" and lemma in UNIQUE_OFFICES
            known = referent.words | self._title_words(referent.name)
            if office and words - {_stem("the")} <= known:
                return referent
        return None

    def _title_words(self, name: str) -> set[str]:
        return {w for words, holder in self.titles if holder == name for w in words}

    def _office_holder(self, head: Token, words: set[str]) -> str | None:
        """The named person whose title has these words: "the Russian president" -> Putin."""
        needed = words - {_stem(w) for w in DETERMINERS}
        for title, name in self.titles:
            if _stem(head.text) in title and needed <= title:
                return name
        return None

    def _pronoun(self, head: Token, text: str, words: set[str]) -> Referent:
        wanted_person = head.lower_ in PERSON_PRONOUNS
        gender = PRONOUN_GENDER.get(head.lower_)

        def fits(referent: Referent) -> bool:
            """One person, of the pronoun's gender where the article tells it."""
            known = self.gender.get(referent.name)
            return not referent.plural and (gender is None or known in (None, gender))

        if wanted_person:
            # The last speaker if recent, else the last person named before the pronoun.
            speaker = next(
                (r for r in reversed(self.recent) if r.type == "named_person" and fits(r)), None
            )
            if speaker is None or self.where[0] - speaker.last[0] > PRONOUN_REACH:
                for _, entity in reversed([p for p in self.people_at if p[0] < self.where]):
                    name = self.person(entity.text) or _person_name(entity)
                    if gender is None or self.gender.get(name) in (None, gender):
                        key = f"person:{name.lower()}"
                        return self._new(name, "named_person", key, None, words)
        if head.lower_ in GROUP_PRONOUNS:
            found = self._group_before()
            other = next((r for r in reversed(self.recent) if r.type != "named_person"), None)
            if found is not None and (other is None or other.last < found[0]):
                return self._group(found[1], words)
        for referent in reversed(self.recent):
            if wanted_person and referent.type == "named_person" and fits(referent):
                return referent
            if not wanted_person and referent.type != "named_person":
                return referent
        # An unresolved pronoun: a person for he/she, a vague group otherwise.
        type_ = "named_person" if wanted_person else "vague"
        return self._new(text, type_, f"{type_}:{text.lower()}", None, words)
