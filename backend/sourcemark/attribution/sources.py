"""The source mention of a cue: the whole subject phrase, as PolNeAR marks it."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from spacy.tokens import Token

from .cues import EXPLETIVES, Cue
from .tokens import FINITE_TAGS, speaker_after_aside, subject_hung_on_aside, subtree
from .types import PERSON_NOUNS, QUANTITY_HEADS, common_lemma, person_noun

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
RELATIVE_PRONOUNS = {"who", "that", "which", "whom"}
# Verbs whose reported clause a participle after it may hang from: "said …, noting".
SAYING = {
    "say", "tell", "announce", "state", "write", "report", "declare", "testify", "insist", "argue",
    "claim", "contend", "maintain", "assert", "explain", "warn", "add", "note", "recall",
}  # fmt: skip
# Verbs a cue hangs from without a subject of its own ("..., saying", "and added").
INHERIT_DEPS = {"conj", "xcomp", "advcl", "acl", "pcomp", "relcl"}
# Where something is posted, not who posts it: "wrote on Facebook saying …".
PLATFORM_PREPOSITIONS = {"on", "via"}
# Whoever issues a statement saying something says it, as PolNeAR marks it; a statement
# read out, cited or found is the source itself.
ISSUING = {"issue", "release"}
MAX_CLIMB = 3
# Verbs whose object does what a participle after it says: "left voters wondering".
LEAVING_VERBS = {"leave", "keep", "find", "see", "hear", "catch", "get", "send", "set"}
OBJECT_PRONOUNS = {"him", "her", "them", "us", "me"}
# "… lingered in the hall and appeared to sleep": what seems so is the clause's, not said.
SEEMING = {"seem", "appear", "look", "sound"}
SPEAKER_PRONOUNS = {"he", "she", "they"}
# Verbs whose source is the one who feels: the object, or the subject of the passive.
FEELING_LEMMAS = {
    "alarm", "anger", "annoy", "delight", "disappoint", "dismay", "enrage", "frustrate",
    "incense", "infuriate", "irritate", "outrage", "please", "rattle", "shock", "startle",
    "stun", "surprise", "trouble", "unnerve", "upset", "worry",
}  # fmt: skip
LEADING_DEPS = {"advmod", "cc", "punct", "preconj"}
# "WASHINGTON -- President Obama": a dateline before the dash is not the mention's.
DATELINE_DASHES = {"--", "—", "–", "―"}
NAMING_ENTITIES = {"PERSON", "ORG", "GPE", "NORP", "FAC"}  # names a source may have
WHEN_ENTITIES = {"DATE", "TIME"}
PLACES = {"GPE", "LOC"}


@dataclass
class Mention:
    tokens: set[int]
    head: Token
    antecedent: Token | None = None  # for a relative pronoun, the noun it stands for
    label: bool = False  # a speaker label or byline: "PENCE: …", "“…” ― Maria Gonzalez"


def _agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _subject(verb: Token, exclude: set[int] = frozenset()) -> Token | None:
    """The active subject, else the agent of a passive: "Roman said by text message …"
    keeps Roman, whatever the parser made of "by". For a verb of feeling the one who feels
    ("Republicans were incensed", "the move angered officials"), unless that is the content."""
    if verb.lemma_.lower() in FEELING_LEMMAS:
        felt = "nsubjpass" if any(c.dep_ == "auxpass" for c in verb.children) else "dobj"
        feeler = next((c for c in verb.children if c.dep_ == felt), None)
        if feeler is not None and feeler.i not in exclude:
            return feeler
    aside = speaker_after_aside(verb)
    if aside is not None:
        return aside[1]
    subjects = _active_subjects(verb)
    if (
        len(subjects) > 1
        and subjects[1].i < verb.i
        and any(_sets_off(t) for t in verb.doc[subjects[0].i + 1 : subjects[1].left_edge.i])
    ):
        # "PHILADELPHIA, July 25 (UPI) — The committee released", "Clockwise from top: …
        # the middle one shows", "JAPAN PMI: On Thursday, a survey suggested": a dateline
        # or a label, a subject too.
        subjects = subjects[1:]
    if _split_subject(verb, subjects) or subject_hung_on_aside(verb) is not None:
        return subjects[-1]  # the head of the split phrase (below), or the aside's speaker
    if len(subjects) > 1 and subjects[0].lower_ in RELATIVE_PRONOUNS:
        # "Rubio, who many in the establishment had backed": the relative is the object.
        return subjects[1]
    if claim_taken_for_subject(verb) is not None:
        return subjects[-1]
    if len(subjects) > 1 and _person_nearer(verb, subjects):
        # "In Berea, OH, after winning Ohio, Gov. John Kasich said": a place taken for a
        # first subject; the person named next to the verb says it.
        return subjects[-1]
    if subjects:
        return subjects[0]
    return _agent(verb) or _described_name_before(verb) or _speaker_taken_for_object(verb)


def _speaker_taken_for_object(verb: Token) -> Token | None:
    """A misparse: in "…, said another witness, Fiona Hill." the parser gives "said" no
    subject and makes the speaker after it its object. A person (or people) who is the
    object of a saying set off by a comma, with no subject, is who says it."""
    # "said Hill", "says Hill": not a participle's aside ("…, saying, “A reporter who …”").
    if verb.lemma_.lower() != "say" or verb.tag_ not in FINITE_TAGS or not _after_comma(verb):
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None:
        return None
    return obj if common_lemma(obj) in PERSON_NOUNS or obj.ent_type_ == "PERSON" else None


def _described_name_before(verb: Token) -> Token | None:
    """A misparse: "Brenna – a nurse for 30 years – said …" leaves the verb no subject and
    makes the name a modifier of it. A name (or a proper noun the recogniser left out)
    described in apposition and hanging before the verb so is who speaks; not a date or a
    place ("Sunday – a day of rest – said it all")."""
    return next(
        (
            c
            for c in verb.lefts
            if c.dep_ == "npadvmod"
            and c.pos_ == "PROPN"
            and c.ent_type_ in ("", "PERSON", "ORG")
            and any(g.dep_ == "appos" for g in c.children)
        ),
        None,
    )


def _active_subjects(verb: Token) -> list[Token]:
    """The verb's subjects, in order, but for a passive's."""
    return [c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.dep_ != "nsubjpass"]


def claim_taken_for_subject(verb: Token) -> Token | None:
    """A misparse: "The rejection signals the end, said Geert Wilders" gives "said" the
    claim before it for a subject as well as the speaker right after it. In "…, said X"
    the speaker is the one after; the one before (returned) is what was said."""
    subjects = _active_subjects(verb)
    if len(subjects) < 2:
        return None
    before, after = subjects[0], subjects[-1]
    inverted = before.i < verb.i < after.i and after.left_edge.i == verb.i + 1
    return before if inverted and _after_comma(verb) else None


def _person_nearer(verb: Token, subjects: list[Token]) -> bool:
    """Whether, of several subjects before the verb, the nearest alone is a person's name."""
    nearest = subjects[-1]
    return (
        nearest.i < verb.i
        and nearest.ent_type_ == "PERSON"
        and all(s.ent_type_ != "PERSON" for s in subjects[:-1])
    )


def _split_subject(verb: Token, subjects: list[Token]) -> bool:
    """A misparse: "Whole Foods co-founder and CEO John Mackey said" gives "said" three
    subjects, "co", "-" and "Mackey", side by side before it; together they are one
    phrase, headed by the name next to the verb. After the verb too: "said Fox co-anchor
    Bret Laramie"."""
    if len(subjects) < 2 or (subjects[0].i < verb.i) != (subjects[-1].i < verb.i):
        return False
    return split_phrase_head(subjects) is not None


def split_phrase_head(parts: list[Token]) -> Token | None:
    """The last of `parts`, pieces of one phrase that the parser hung side by side from
    outside it ("co", "-", "Mackey" of "co-founder and CEO John Mackey"), if that is a name
    and heads the whole; else None."""
    last = parts[-1]
    if len(parts) < 2 or last.ent_type_ != "PERSON":
        return None
    if last.left_edge.ent_iob_ == "I":
        return None  # the name began in an earlier part: "Ban Ki-moon"
    for before, after in pairwise(parts):
        gap = before.doc[before.right_edge.i + 1 : after.left_edge.i]
        if any(not t.is_punct for t in gap):
            return None
    return last


def _dateline_ends(token: Token) -> bool:
    """The dash after "WASHINGTON" or "FLINT, Mich., Oct. 4 (UPI)" at a sentence's start, or
    after a place alone at the paragraph's start: "Port Harcourt, Nigeria –"."""
    # A hyphen counts with a space either side: "ROME - Bernie Sanders met …".
    spaced = token.text == "-" and bool(token.whitespace_) and token.i > 0
    if token.text not in DATELINE_DASHES and not (spaced and token.nbor(-1).whitespace_):
        return False
    before = token.doc[token.sent.start : token.i]
    if any(t.is_upper and len(t) > 1 and t.is_alpha for t in before):
        return True
    words = [t for t in before if t.is_alpha]
    return (
        token.sent.start == 0
        and any(t.ent_type_ in PLACES for t in words)
        and all(t.ent_type_ in PLACES | {"DATE"} for t in words)
    )


def _sets_off(token: Token) -> bool:
    """A dateline's dash, or a colon or semicolon: what comes before it is not the subject
    of a verb after it."""
    return token.text in (":", ";") or _dateline_ends(token)


def _hyphenated(doc, i: int) -> bool:
    """Tokens i and i + 1 are parts of one hyphenated word: "Wilson" "-" "Raybould"."""
    if i < 0 or i + 1 >= len(doc) or doc[i].whitespace_:
        return False
    # The tagger may call the hyphen of "ex-senator" or "co-host" a noun.
    hyphen = "HYPH" in (doc[i].tag_, doc[i + 1].tag_) or "-" in (doc[i].text, doc[i + 1].text)
    return hyphen and not (doc[i].is_space or doc[i + 1].is_space)


def _whole_words(doc, left: int, right: int) -> tuple[int, int]:
    """Widens a mention to whole hyphenated words, which the parser may split."""
    while _hyphenated(doc, left - 1):
        left -= 1
    while _hyphenated(doc, right):
        right += 1
    return left, right


def whole_run(doc, start: int, end: int) -> tuple[int, int]:
    """Tokens start..end widened to the whole words and names they cut into: the tagger
    may mark "York Times" of "the New York Times", or "-government" of "anti-government"."""
    left, right = _whole_words(doc, start, end - 1)
    for entity in doc.ents:
        if entity.label_ not in NAMING_ENTITIES:
            continue  # not "Last week" of "Last week Stumpf", taken for one date
        if entity.start < left < entity.end or entity.start <= right < entity.end - 1:
            left, right = min(left, entity.start), max(right, entity.end - 1)
    return left, right + 1


def _named_part(token: Token) -> Token:
    """For a hyphen the parser made a subject, the name part after (or before) it."""
    if token.tag_ != "HYPH":
        return token
    doc = token.doc
    if _hyphenated(doc, token.i):
        return doc[token.i + 1]
    return doc[token.i - 1] if _hyphenated(doc, token.i - 1) else token


def _says_when(child: Token) -> bool:
    """A phrase after a mention's head that tells when or where, not who: "Alden on
    Tuesday announced", "the government in 2009 enacted", "Officials there said"."""
    if child.dep_ == "advmod":
        return True
    if child.dep_ == "npadvmod":
        return child.ent_type_ in WHEN_ENTITIES
    return child.dep_ == "prep" and any(
        c.dep_ == "pobj" and c.ent_type_ in WHEN_ENTITIES for c in child.children
    )


def when_after(head: Token) -> set[int]:
    """The tokens of the phrases after a mention's head that tell when or how."""
    return {i for child in head.rights if _says_when(child) for i in subtree(child)}


def mention_tokens(head: Token, exclude: set[int]) -> set[int]:
    """The head's subtree without excluded tokens, kept contiguous around the head,
    without a dateline, edge spaces ("A\xa0Bloomberg poll\xa0said") or a phrase after it
    telling when."""
    tokens = subtree(head) - exclude - when_after(head)
    left = head.i
    while left - 1 in tokens and not _dateline_ends(head.doc[left - 1]):
        left -= 1
    # "Even Ukraine's president": a leading adverb or conjunction is not the mention's.
    while left < head.i and (head.doc[left].dep_ in LEADING_DEPS or head.doc[left].is_space):
        left += 1
    right = head.i
    while right + 1 in tokens:
        right += 1
    left, right = _whole_words(head.doc, left, right)
    while right > head.i and head.doc[right].is_space:
        right -= 1
    return set(range(left, right + 1))


def find_source(cue: Cue, exclude: set[int]) -> Mention | None:
    """The cue's subject (or agent, or the `according to` object), with its modifiers."""
    if cue.label is not None:
        start, end = cue.label
        return Mention(set(range(start, end)), cue.head.doc[end - 1], label=True)
    if cue.according_to:
        to = cue.head.doc[cue.end - 1]
        if to.norm_ == "words":  # "In Dr. Shadlen's words": whose
            return _noun_source(to, exclude)
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if pobj is None:
            return None
        tokens = mention_tokens(pobj, exclude)
        if person_noun(pobj.lemma_.lower()):  # "his aunt, Jane Starner," (not "a summary, …")
            tokens |= _name_set_off_after(pobj.doc, max(tokens))
        return Mention(tokens, pobj)
    if cue.head.pos_ == "NOUN":
        return _noun_source(cue.head, exclude)
    doer = _participle_doer(cue.head)
    if doer is not None and doer.i not in exclude:
        return Mention(mention_tokens(doer, exclude), doer)
    verb = _saying_before(cue.head) or saying_joined(cue.head) or cue.head
    for _ in range(MAX_CLIMB):
        subject = _subject(verb, exclude)
        if subject is not None:
            break
        if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
            noun = verb.head
            if noun.dep_ == "pobj" and noun.head.lower_ in PLATFORM_PREPOSITIONS:
                verb = noun.head.head  # "posted on Twitter accusing …": the poster accuses
                continue
            issued = noun.head.lemma_.lower() in ISSUING
            # "issued a statement calling for …": the issuer calls. So does whoever "rejected
            # the notion that …, saying": a participle after a comma is the doer's aside.
            aside = verb.tag_ == "VBG" and _after_comma(verb)
            doer = _subject(noun.head, exclude) is not None
            if noun.dep_ == "dobj" and (issued or aside) and doer:
                verb = noun.head
                continue
            # "a statement saying ...": the noun phrase itself is the source.
            return Mention(mention_tokens(noun, exclude | subtree(verb)), noun)
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
            verb = _doer_before_preposition(verb)
            if verb is None:
                return None
            # "After saying her foot was swollen, she was taken to hospital": she said it; so
            # did "Silverman", "booed by Sanders supporters after telling holdouts …"
            passive = _passive_subject(verb)
            if passive is not None:
                subject = passive
                break
            continue
        if verb.dep_ == "xcomp" and verb.head.pos_ == "ADJ" and verb.head.dep_ == "acomp":
            # "was quick to point out", "are more likely to say"; not "it's worth noting",
            # "it was too early to tell": no one says those
            verb = verb.head.head
            if any(c.dep_ in SUBJECT_DEPS and c.lower_ in EXPLETIVES for c in verb.children):
                return None
            continue
        if verb.dep_ not in INHERIT_DEPS or verb.head.i == verb.i:
            return None
        verb = verb.head
    else:
        return None
    if subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
        return Mention({subject.i}, subject, antecedent=relative_antecedent(verb.head, subject))
    if verb is not cue.head:
        subject = _speaker_of_clause(verb, subject)
    split = _active_subjects(verb)
    subject = _named_part(_past_dateline(subject))
    tokens = mention_tokens(subject, exclude)
    if _split_subject(verb, split) and subject.i == split[-1].i:
        for part in split[:-1]:
            tokens |= mention_tokens(part, exclude)
    return Mention(tokens, subject)


def _doer_before_preposition(verb: Token) -> Token | None:
    """ "responded by saying", "After saying …, she left": the verb whose subject says what
    a verb after a preposition says. None for a passive ("after being asked": the subject
    is the one asked), a reported clause (the parser hangs the preposition on it: "said
    the paper treats him badly before floating …") or a verb of feeling ("stunned the
    members by withholding …": its object feels, its subject withholds)."""
    doer = verb.head.head
    if any(c.dep_ == "auxpass" for c in verb.children) or doer.dep_ == "ccomp":
        return None
    return None if doer.lemma_.lower() in FEELING_LEMMAS else doer


def relative_antecedent(noun: Token, pronoun: Token) -> Token:
    """ "a focal point for demonstrators here, who have …": "who" stands for people, so
    when the parser hangs the clause on a thing, the nearest people before it."""
    if pronoun.lower_ not in ("who", "whom") or _people(noun):
        return noun
    for token in reversed(pronoun.doc[pronoun.sent.start : pronoun.i]):
        if token.pos_ in ("NOUN", "PROPN") and _people(token):
            return token
    return noun


def _people(token: Token) -> bool:
    """People, a body, or a share of people ("four in 10 — 38 percent — who said")."""
    return (
        token.ent_type_ in ("PERSON", "ORG", "NORP", "PERCENT", "CARDINAL")
        or common_lemma(token) in PERSON_NOUNS | QUANTITY_HEADS
    )


def _after_comma(token: Token) -> bool:
    """Whether a comma comes just before the token, or before the quote marks that close a
    quote there: `values," stating`."""
    i = token.i - 1
    while i > 0 and token.doc[i].is_quote:
        i -= 1
    return i >= 0 and token.doc[i].text == ","


def _participle_doer(verb: Token) -> Token | None:
    """Who does what a participle with no subject of its own says, when that is not the
    subject of the verb it hangs on: the people a verb of leaving or finding has as its
    object ("have left 62 percent of voters saying …", "left many Republicans wondering"),
    or the one "with" names just before it ("The interview ended with Maddow asking …")."""
    if verb.tag_ != "VBG" or verb.dep_ not in ("advcl", "xcomp", "ccomp", "oprd"):
        return None
    head = verb.head
    if head.lemma_.lower() in LEAVING_VERBS:
        obj = next((c for c in head.children if c.dep_ == "dobj" and c.i < verb.i), None)
        if obj is not None and (obj.lower_ in OBJECT_PRONOUNS or _people(obj)):
            # Right after the object ("left voters saying"), not after more ("kept people
            # from coming in, saying": the sayer's aside).
            gap = [t.text for t in verb.doc[obj.right_edge.i + 1 : verb.i]]
            if gap in ([], [","]):
                return obj
    before = verb.doc[verb.i - 1] if verb.i else None
    if before is not None and before.dep_ == "pobj" and before.head.lower_ == "with":
        named = before.pos_ == "PROPN" or _people(before)
        return before if before.head.head == head and named else None
    return None


def _passive_subject(verb: Token) -> Token | None:
    """The subject of a passive verb, or of the passive it is joined to: "was booed and
    shouted down by …" (Silverman, the subject of "booed")."""
    while True:
        subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if subject is not None or verb.dep_ != "conj" or verb.head.i > verb.i:
            return subject
        verb = verb.head


def _after_comma_and_mark(token: Token) -> bool:
    """Whether a comma and a word that opens the participle's clause come just before it:
    "…, while emphasizing …", "…, before adding …"."""
    doc, i = token.doc, token.i
    return (
        i >= 2 and doc[i - 1].dep_ == "mark" and doc[i - 1].head == token and doc[i - 2].text == ","
    )


def _after_and(token: Token) -> bool:
    """Whether "and", after a comma or dash, comes just before the token."""
    doc = token.doc
    i = token.i
    return i >= 2 and doc[i - 1].lower_ == "and" and doc[i - 2].text in (",", "-", "—", "–", "--")


def _saying_before(verb: Token) -> Token | None:
    """ "The mayor said the city will cut the budget, noting that …": a participle after a
    comma, which the parser hangs on the reported clause, is the sayer's, not the city's.
    So with any verb that has a subject: "Bennett denied that a shakeup is coming,
    explaining …", "denied the notion that a shakeup is coming, explaining …"; also one
    joined by ", and" to a verb of the claim ("saying that the bill … was sunk by voter
    anger - and arguing …"), and one hung on the second of joined verbs ("her father has
    been … and would do …, saying"). Not one after a saying with a speaker of its own
    ("…, Okafor added, saying"). The verb it goes with, or None."""
    head = verb.head
    if verb.tag_ != "VBG" or verb.i == 0 or head.i > verb.i:
        return None
    if verb.dep_ == "advcl":
        if not (_after_comma(verb) or _after_comma_and_mark(verb)):
            return None
    elif verb.dep_ != "conj" or not _after_and(verb):  # "…, saying … - and arguing …"
        return None
    if head.lemma_.lower() in SAYING and _subject(head) is not None:
        return None  # "…, Lewandowski added, saying …": the one who added
    while head.dep_ == "conj" and head.head.i < head.i:
        head = head.head  # "her father has been … and would do …, saying": been
    if head.dep_ == "ccomp":
        saying = head.head
    elif head.dep_ == "acl" and head.head.dep_ == "dobj":  # "the notion that …"
        saying = head.head.head
    else:
        return None
    if saying.i > head.i:
        return None
    said = saying.lemma_.lower() in SAYING
    done = saying.pos_ in ("VERB", "AUX") and _subject(saying) is not None
    return saying if said or done else None


def saying_joined(verb: Token) -> Token | None:
    """ "Khan said Trump was wrong about Islam and criticized him": a verb joined by "and"
    to a reported clause, with no subject of its own, is the reporter's, not the clause
    subject's. The verb that reports the clause ("said"), or None."""
    head = verb.head
    if verb.dep_ != "conj" or head.dep_ != "ccomp" or head.i > verb.i:
        return None
    if verb.lemma_.lower() in SEEMING or any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return None
    saying = head.head
    # "said the warning was indicative that he did not know … and accused …": past a clause
    # of being to the verb that reports it
    while saying.pos_ == "AUX" and saying.dep_ == "ccomp" and saying.head.i < saying.i:
        saying = saying.head
    if saying.pos_ != "VERB" or saying.i > head.i:
        return None
    # Whose it is must be said, or be that of the verb it completes ("continues to insist
    # that … and refuses"): not "emailed supporters saying … and vowing".
    said = saying.dep_ == "xcomp" or any(c.dep_ in SUBJECT_DEPS for c in saying.children)
    return saying if said else None


def _speaker_of_clause(verb: Token, subject: Token) -> Token:
    """ "Rendell said he'd battled pneumonia and called it common": a cue hung from the
    reported clause, whose subject is a pronoun for the speaker, is the speaker's."""
    if subject.lower_ not in SPEAKER_PRONOUNS or verb.dep_ != "ccomp":
        return subject
    outer = _subject(verb.head)
    return outer if outer is not None and outer.pos_ in ("PROPN", "NOUN") else subject


def _past_dateline(subject: Token) -> Token:
    """ "TOLEDO, Ohio — Governor Ellen Marsh said": the parser may make the dateline the
    subject and the speaker its apposition, after the dash."""
    dash = next((c for c in subject.rights if _dateline_ends(c)), None)
    if dash is None:
        return subject
    after = [c for c in subject.rights if c.i > dash.i and c.dep_ in ("appos", "conj")]
    return after[0] if after else subject


def _name_set_off_after(doc, last: int) -> set[int]:
    """A person's name between commas just after a mention, which the parser may hang on
    what follows: "According to his aunt, Jane Starner, “…”"."""
    if last + 2 >= len(doc) or doc[last + 1].text != ",":
        return set()
    name = next((e for e in doc.ents if e.start == last + 2 and e.label_ == "PERSON"), None)
    if name is None or name.end >= len(doc) or doc[name.end].text != ",":
        return set()
    return set(range(last + 1, name.end))


def _noun_source(noun: Token, exclude: set[int]) -> Mention | None:
    """Whose plan, claim or support a noun cue is: its possessor ("his plan"), a "by" or
    "from" phrase on it or on the verb it is the object of ("drew criticism from
    Democrats"), else that verb's subject ("Obama made the claim")."""
    for child in noun.children:
        if child.dep_ == "poss" and child.i not in exclude:
            marker = {c.i for c in child.children if c.dep_ == "case"}  # "Obama's"
            return Mention(mention_tokens(child, exclude | marker), child)
    verb = noun.head if noun.dep_ in ("dobj", "obj", "attr") else None
    for holder in (noun, verb):
        for child in holder.rights if holder is not None else ():
            if child.dep_ in ("prep", "agent") and child.lower_ in ("by", "from"):
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None and pobj.i not in exclude:
                    return Mention(mention_tokens(pobj, exclude), pobj)
    subject = _subject(verb, exclude) if verb is not None else None
    if subject is not None and subject.i not in exclude:
        return Mention(mention_tokens(subject, exclude), subject)
    return None
