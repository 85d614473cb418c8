"""The content of a cue: its complement clause, the clause it interrupts, or its object; for
a noun ("his plan to …", "support for …"), what it governs after it."""

from __future__ import annotations

from spacy.tokens import Token

from .cues import SPEECH_LEMMAS, Cue, is_expectation
from .sources import FEELING_LEMMAS, claim_taken_for_subject
from .tokens import FINITE_TAGS, speaker_after_aside, subject_hung_on_aside, subtree
from .types import GROUPS_OF_PEOPLE, person_noun

CLAUSE_DEPS = ("ccomp", "parataxis")
# Right-hand dependents that carry what was said or wanted when there is no clause.
OBJECT_DEPS = {"dobj", "obj", "xcomp", "prep", "dative", "attr", "oprd", "acomp", "advcl"}
# All that may follow a verb whose object is a relative pronoun, for the noun it stands
# for to be what the verb is about: "which Clinton conceded when polls closed, …".
RELATIVE_TAILS = {"punct", "advcl", "npadvmod"}
# What a noun cue governs after it: "the claim that …", "a plan to …", "support for …".
NOUN_CONTENT_DEPS = {"acl", "ccomp", "xcomp", "prep", "advcl"}
# Clauses that go on with a claim after the cue that interrupts it: "…, he said, because …".
REASON_MARKS = {"because", "although", "though", "since", "unless"}
CLAUSE_SUBJECTS = {"nsubj", "nsubjpass", "csubj", "expl"}
# What may follow the verb of "as the mayor noted last week," besides whom it told.
AS_ASIDE_TAILS = {"punct", "prt", "npadvmod", "advmod"}
# Occasions and channels of saying: "on Friday" aside, "during the debate", "in a statement".
OCCASIONS = {
    "interview", "statement", "speech", "debate", "forum", "rally", "conference", "hearing",
    "appearance", "call", "email", "letter", "post", "tweet", "twitter", "facebook", "show",
    "program", "broadcast", "event", "meeting", "briefing", "radio", "television", "stop",
}  # fmt: skip
OCCASION_PREPOSITIONS = {"in", "at", "on", "during", "via", "after", "before", "since"}
# What makes a phrase more than an occasion: what hangs on to it.
NESTED_DEPS = {"prep", "acl", "ccomp", "relcl", "advcl", "xcomp"}
# Verbs of saying whose object is whom they tell, not what.
TELLING = {"tell", "inform", "assure", "brief", "warn", "remind", "advise"}


def _beyond_semicolon(a: Token, b: Token) -> bool:
    """A semicolon between two clauses makes them two statements: in "Sanders advocates X;
    Clinton seeks Y" neither is what the other's verb says, though the parser may hang one
    on the other as its complement."""
    low, high = sorted((a.i, b.i))
    return any(t.text == ";" and t.head in (a, b) for t in a.doc[low + 1 : high])


def _before_colon(verb: Token, child: Token) -> bool:
    """ "The mayor was a careful planner: an aide said she …": a clause that a colon ends
    leads in to the sentence after it, which it is not part of, though the parser may hang
    it on that sentence's verb."""
    return any(t.text == ":" for t in verb.doc[child.right_edge.i + 1 : verb.i])


def _past_lead_in(verb: Token, clause: set[int]) -> set[int]:
    """The verb's clause content without the clauses before a colon (_before_colon), unless
    they are all of it."""
    lead_in = {
        i
        for child in verb.lefts
        if child.dep_ in CLAUSE_DEPS and _before_colon(verb, child)
        for i in subtree(child)
    }
    return (clause - lead_in) or clause


def _children_subtrees(verb: Token, deps) -> set[int]:
    out: set[int] = set()
    for child in verb.children:
        if child.dep_ in deps and not _beyond_semicolon(verb, child):
            out |= subtree(child)
    return out


def _according_to(cue: Cue) -> set[int]:
    """The clause that `according to X` qualifies: the sentence without the phrase; or what
    follows the colon that ends the phrase ("… in the words of the patient: …")."""
    according = cue.head
    if cue.colon is not None:
        return set(range(cue.colon + 1, len(according.doc)))
    sentence = set(range(according.sent.start, according.sent.end))
    return sentence - subtree(according)


def _claim_carried_on(verb: Token, clause: set[int]) -> set[int]:
    """ "The plan will fail, said Mayor Cole, and the city will pay": the parser hangs the
    clause after the cue on the cue as a second verb, but it carries on the claim before it.
    Only after a claim that wholly precedes the cue, for a main clause with a subject of its
    own that the cue phrase's closing comma and a conjunction open, or a reason the comma
    opens ("…, Smith said, because …") that is not a saying of its own."""
    if max(clause) > verb.i:
        return set()
    doc = verb.doc
    for child in verb.rights:
        if child.dep_ == "advcl" and child.i > verb.i:
            marks = {c.lower_ for c in child.children if c.dep_ == "mark"}
            start = child.left_edge.i
            said = child.lemma_.lower() in SPEECH_LEMMAS  # "…, though he added that …"
            if marks & REASON_MARKS and doc[start - 1].text == "," and not said:
                return subtree(child)  # "Prices rose, Smith said, because the harvest failed"
            continue
        if child.dep_ != "conj" or child.pos_ not in ("VERB", "AUX"):
            continue
        deps = {c.dep_ for c in child.children}
        if not deps & {"nsubj", "nsubjpass"} or "mark" in deps:
            continue  # "…, sources said, and as workers worry …" goes on with the narrator
        start = child.left_edge.i  # the conjunction hangs from the cue, before the clause
        if start >= 2 and doc[start - 1].dep_ == "cc" and doc[start - 2].text == ",":
            return subtree(child)
    return set()


def _says_on(child: Token) -> bool:
    """ "criticized the plan, saying that …": a participle of saying with a clause of its own
    is a second attribution, not part of what the first verb's object says (unless the
    verb has no other: "responded, saying that …")."""
    return (
        child.dep_ == "advcl"
        and child.tag_ == "VBG"
        and child.lemma_.lower() in SPEECH_LEMMAS
        and any(c.dep_ in CLAUSE_DEPS for c in child.children)
    )


def _aside_of_manner(child: Token, verb: Token) -> bool:
    """ "“Is it over?” Trump asked, turning to the crowd": a participle after a comma says
    how or while one spoke, not what; the quote is what was said."""
    return (
        child.dep_ in ("advcl", "xcomp")
        and child.tag_ == "VBG"
        and child.pos_ == "VERB"  # not "as Herbert notes, being able to … gives …"
        and child.lemma_.lower() not in SPEECH_LEMMAS  # "testified, describing her …"
        and verb.lemma_.lower() in SPEECH_LEMMAS
        and child.left_edge.i > 0
        and verb.doc[child.left_edge.i - 1].text == ","
    )


def _subject_taken_for_object(verb: Token) -> set[int]:
    """ "He said small farms that sell eggs — especially those near the city — will close":
    the parser may take the clause's subject for the verb's object, leaving the clause
    without one; the subject is part of what was said."""
    if verb.lemma_.lower() in TELLING:
        return set()  # "told reporters that …": the object is whom
    children = list(verb.children)
    for clause in (c for c in children if c.dep_ == "ccomp" and c.i > verb.i):
        if any(c.dep_ in CLAUSE_SUBJECTS or c.dep_ == "mark" for c in clause.children):
            continue  # a subject of its own, or "that", before which none can be
        taken = [c for c in children if c.dep_ == "dobj" and verb.i < c.i < clause.i]
        if not taken or taken[0].pos_ == "PRON":
            continue  # "asked them to …"
        between = verb.doc[taken[0].right_edge.i + 1 : clause.left_edge.i]
        if any(t.text == ":" for t in between):
            continue  # "addressed the crowd: …"
        return set(range(taken[0].left_edge.i, clause.left_edge.i))
    return set()


def _clause_of(token: Token) -> Token:
    """The verb whose clause a word is in: "Tess and her brother hid in the barn, she said,
    but one neighbor ran …", where the parser hung "said" on "Tess", is about the whole
    clause "hid" heads."""
    while token.pos_ in ("NOUN", "PROPN", "PRON") and token.head.i != token.i:
        token = token.head
    return token


def _addressee(token: Token, verb: Token) -> bool:
    """Whom one tells: "told Reuters", "assured him", "told reporters"; not what one
    explains ("explained them to me")."""
    if verb.lemma_.lower() not in TELLING:
        return False
    lemma = token.lemma_.lower()
    return token.pos_ in ("PROPN", "PRON") or person_noun(lemma) or lemma in GROUPS_OF_PEOPLE


def _says_its_object(verb: Token) -> bool:
    """ "Standing beside the mayor, Huerta accused Sanders of idling": a verb with a subject
    of its own and an object or infinitive after it that is not whom it tells says that, not
    the clause the parser hung it on."""
    if not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return False
    doc = verb.doc
    for child in verb.rights:
        end = child.right_edge.i + 1
        if end < len(doc) and doc[end].text == ":":
            continue  # "scolded him: “…”": what follows the colon is what was said
        if child.dep_ == "xcomp" or (child.dep_ == "dobj" and not _addressee(child, verb)):
            return True
    return False


def _acts_on_its_object(verb: Token) -> bool:
    """ "In a preview clip for her show, Blige sings an old song": a verb that is not one of
    saying, with an object after it, is about that object; a clause before it is the
    parser's (here "show" taken for a verb), not what the verb says."""
    if verb.lemma_.lower() in SPEECH_LEMMAS:
        return False
    if any(c.dep_ in CLAUSE_DEPS and c.i > verb.i for c in verb.children):
        return False
    return any(c.dep_ in ("dobj", "xcomp") and c.i > verb.i for c in verb.children)


def _relative_object(verb: Token) -> set[int]:
    """ "Sanders's victory, which Clinton conceded when polls closed": a relative clause
    whose object is its pronoun is about the noun phrase it hangs on, and the pronoun."""
    if verb.dep_ != "relcl" or verb.head.pos_ not in ("NOUN", "PROPN"):
        return set()
    pronoun = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if pronoun is None or pronoun.lower_ not in ("which", "that"):
        return set()
    if any(c.dep_ not in RELATIVE_TAILS and not when_or_where_said(c) for c in verb.rights):
        return set()  # "the massacre, which he called “an evil act”": what he called it
    doc, end = verb.doc, pronoun.i
    while end > verb.head.i + 1 and doc[end - 1].is_punct:
        end -= 1  # not the comma, dash or bracket that opens the relative clause
    # PolNeAR marks the pronoun, with or without the noun phrase: "which", "the scandal … that"
    return set(range(verb.head.left_edge.i, end)) | {pronoun.i}


def _what_it_is_about(verb: Token) -> set[int]:
    """What a passive with its agent, or a verb of feeling, is about: its subject ("The bill
    was backed by the mayor", "The delay angered the council"), since the agent and the one
    who feels are the source."""
    children = list(verb.children)
    if any(c.dep_ == "agent" for c in children):
        subject = next((c for c in children if c.dep_ == "nsubjpass"), None)
    elif verb.lemma_.lower() in FEELING_LEMMAS and any(c.dep_ == "dobj" for c in children):
        subject = next((c for c in children if c.dep_ == "nsubj"), None)
    else:
        subject = None
    if subject is None or subject.pos_ == "PRON":
        return set()  # "He was criticized by the mayor for the delay": what for is said
    return subtree(subject)


def _claim_before(verb: Token) -> set[int]:
    """ "The group left a bag in the lobby, a guard told reporters.": a saying that ends the
    sentence after a comma, with a subject of its own, which the parser hung on the clause
    before it as a second clause; that clause, all of the sentence before the comma, is what
    was said. Not a clause that a conjunction opens ("…, and a guard told reporters", "…,
    as he told reporters")."""
    if verb.dep_ not in ("advcl", "conj") or verb.head.i > verb.i:
        return set()
    if verb.lemma_.lower() not in SPEECH_LEMMAS or verb.tag_ not in FINITE_TAGS:
        return set()
    children = list(verb.children)
    if any(c.dep_ == "dobj" and not _addressee(c, verb) for c in children):
        return set()  # "…, all expressing concern about …": what they said is its object
    subject = next((c for c in children if c.dep_ == "nsubj" and c.i < verb.i), None)
    if subject is None or any(
        c.dep_ in ("mark", "cc") or (c.dep_ == "advmod" and c.i < subject.i) for c in children
    ):
        return set()  # "…, and a guard told", "…, as he told", "…, then a guard told"
    doc, start, sentence = verb.doc, verb.left_edge.i, verb.sent
    while doc[start].is_punct:  # the comma may hang from the saying or from the clause
        start += 1
    if start - 1 <= sentence.start or doc[start - 1].text != ",":
        return set()
    if doc[start - 2].pos_ == "CCONJ":
        return set()  # "… and, he argued, to help …": an aside inside the claim
    if verb.right_edge.i < sentence.end - 2:
        return set()  # the sentence goes on after the saying
    return set(range(sentence.start, start - 1))


def _as_aside(verb: Token) -> set[int]:
    """ "Prices, as the mayor noted, have doubled": a saying that "as" opens, with nothing
    after it but when or where it was said, whom it told or (passive) who said it,
    qualifies the clause it hangs on, which is what was said."""
    mark = next((c.i for c in verb.children if c.dep_ == "mark" and c.lower_ == "as"), None)
    if verb.dep_ != "advcl" or mark is None:
        return set()
    for child in verb.rights:
        if child.dep_ in AS_ASIDE_TAILS or _addressee(child, verb):
            continue
        if when_or_where_said(child):
            continue  # "as the mayor noted on Tuesday"
        if child.dep_ == "agent" and verb.lemma_.lower() in SPEECH_LEMMAS:
            continue  # "as first reported by the Times", not "as he's known by his friends"
        return set()  # "as he called for talks": it says what follows it
    before = verb.doc[mark - 1 : mark]
    if before and before[0].text == ",":
        before = verb.doc[mark - 2 : mark - 1]
    if before and before[0].is_quote:
        return set()  # "the fact that the race “is a dead heat,” as Cruz said": the quote
    # Only the clause it stands in: "Ailes met him, as the Times reported, and he will …"
    later = [c for c in verb.head.rights if c.dep_ == "conj" and c.i > verb.i]
    joined = set().union(*(range(conjunction_start(c), c.right_edge.i + 1) for c in later))
    return subtree(verb.head) - subtree(verb) - joined


def conjunction_start(conj: Token) -> int:
    """Where a joined clause starts, with the "and" and the comma before it."""
    doc, start = conj.doc, conj.left_edge.i
    if start > 0 and doc[start - 1].dep_ == "cc":
        start -= 1
    if start > 0 and doc[start - 1].text == ",":
        start -= 1
    return start


def find_content(cue: Cue) -> tuple[set[int], str]:
    """Token indexes of the content, and the construction that gave them."""
    verb = cue.head
    if cue.according_to:
        return _according_to(cue), "according_to"
    if cue.colon is not None:  # "posted this on Facebook: …": what follows the colon
        return set(range(cue.colon + 1, len(verb.doc))), "colon"
    if cue.label is not None:
        doc = verb.doc
        if verb.text == ":":  # a speaker label: the rest of the paragraph
            return set(range(cue.end, len(doc))), "label"
        return set(), "label"  # a byline dash: the quote before it, placed with quotes
    if verb.pos_ == "NOUN":
        content: set[int] = set()
        for child in verb.rights:
            if child.dep_ in NOUN_CONTENT_DEPS:
                content |= subtree(child)
        return content, "noun"
    if is_expectation(verb):  # "The veto is expected to come": the subject and what it does
        return _children_subtrees(verb, ("nsubjpass", "xcomp")), "expectation"
    clause = set() if _acts_on_its_object(verb) else _children_subtrees(verb, CLAUSE_DEPS)
    if clause:
        clause = _past_lead_in(verb, clause)
    claim = claim_taken_for_subject(verb)
    if claim is not None:  # "The rejection signals the end, said Geert Wilders"
        return clause | subtree(claim), "inverted"
    if clause:
        aside = speaker_after_aside(verb)
        if aside is not None:  # "The contrast, said Doyle, would be clear": its subject too
            fronted, speaker = aside
            clause = (clause | subtree(fronted)) - subtree(speaker)
        clause |= _subject_taken_for_object(verb)
        return clause | _claim_carried_on(verb, clause), "clause"
    if (
        verb.dep_ in CLAUSE_DEPS
        and verb.head.i != verb.i
        and not _beyond_semicolon(verb, verb.head)
        and not _says_its_object(verb)
    ):
        # Inverted or parenthetical cue: "…, said X" or "X, he said, Y".
        aside = verb.dep_ == "parataxis"  # "X, he said, Y": the whole clause around it
        content = subtree(_clause_of(verb.head) if aside else verb.head) - subtree(verb)
        fronted = subject_hung_on_aside(verb)
        return content | (subtree(fronted) if fronted else set()), "inverted"
    before = _claim_before(verb) or _as_aside(verb)
    if before:
        return before, "inverted"
    about = _what_it_is_about(verb) or _relative_object(verb)
    if about:
        return about, "object"
    rest: set[int] = set()
    said_on: set[int] = set()
    objects: list[Token] = []
    for child in verb.rights:
        if _says_on(child):
            said_on |= subtree(child)
            continue
        if child.dep_ not in OBJECT_DEPS or _aside_of_manner(child, verb):
            continue
        after_comma = child.left_edge.i > 0 and verb.doc[child.left_edge.i - 1].text == ","
        if rest and after_comma and child.pos_ in ("NOUN", "PROPN"):
            break  # "called for talks, an initiative that …": the outlet's own comment
        rest |= subtree(child)
        objects.append(child)
    # When or where it was said is not what: with nothing else after the verb ("commented
    # on Monday"), nothing was said here.
    while objects and when_or_where_said(objects[-1]):
        rest -= subtree(objects.pop())
    return rest or said_on, "object"


def when_or_where_said(child: Token) -> bool:
    """A last phrase that tells when or where it was said, not what: "offered advice to
    Clinton on Friday", "attacked her opponent during the debate". Not one that goes on to
    more: "said on Friday during a news conference that he may wait"."""
    if child.dep_ != "prep" or child.lower_ not in OCCASION_PREPOSITIONS:
        return False  # "apologized for his statements": what about, not where
    pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
    if pobj is None or any(t.dep_ in NESTED_DEPS for t in child.subtree if t is not child):
        return False
    return pobj.ent_type_ in ("DATE", "TIME") or pobj.lemma_.lower() in OCCASIONS
