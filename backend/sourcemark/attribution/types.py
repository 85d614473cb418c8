"""Source types, as polnear_source_types/GUIDELINES.md defines them, from the mention alone.

`mention_type` answers None when only the referent can tell (pronouns, role nouns such as
"the president"); coref.py then decides from what the mention resolves to.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

DOCUMENT_NOUNS = {
    "statement",
    "readout",
    "report",
    "poll",
    "survey",
    "study",
    "video",
    "filing",
    "document",
    "data",
    "letter",
    "memo",
    "memorandum",
    "tweet",
    "post",
    "email",
    "e-mail",
    "record",
    "transcript",
    "analysis",
    "ad",
    "advertisement",
    "release",
    "article",
    "book",
    "column",
    "editorial",
    "op-ed",
    "website",
    "site",
    "message",
    "complaint",
    "lawsuit",
    "suit",
    "indictment",
    "ruling",
    "opinion",
    "research",
    "finding",
    "estimate",
    "result",
    "census",
    "footage",
    "recording",
    "audio",
    "tape",
    "chart",
    "forecast",
    "projection",
    "model",
    "index",
    "speech",
    "note",
    "notice",
    "page",
    "platform",
    "story",
    "headline",
    "paper",
    "brief",
    "motion",
    "order",
    "decision",
    "affidavit",
    "testimony",
    "text",
    "cable",
    "map",
    "clip",
    "commercial",
    "guideline",
    "policy",
    "bill",
    "law",
    "resolution",
    "proposal",
    "plan",
    "manifesto",
    "communique",
    "communiqué",
    "declaration",
    "number",
    "figure",
    "evidence",
    "investigation",
    "review",
    "audit",
    "count",
    "tally",
    "sample",
    "exit",
}
VAGUE_NOUNS = {
    "analyst",
    "expert",
    "observer",
    "critic",
    "commentator",
    "pundit",
    "people",
    "person",
    "other",
    "voter",
    "american",
    "supporter",
    "opponent",
    "resident",
    "scholar",
    "economist",
    "historian",
    "skeptic",
    "sceptic",
    "observer",
    "citizen",
    "public",
    "many",
    "some",
    "most",
    "few",
    "several",
    "all",
    "everyone",
    "everybody",
    "someone",
    "somebody",
    "nobody",
    "anyone",
    "man",
    "woman",
    "folk",
    "fan",
    "member",
    "viewer",
    "reader",
    "consumer",
    "parent",
    "student",
    "worker",
    "activist",
    "advocate",
    "conservative",
    "liberal",
    "progressive",
    "liberals",
    "conservatives",
    "democrat",
    "republican",
    "strategist",
    "insider",
    "observer",
    "watcher",
    "researcher",
    "scientist",
    "professional",
    "leader",
    "lawmaker",
    "legislator",
    "politician",
    "candidate",
}
# Role nouns that name a specific person or group when unnamed: anonymous even without
# an affiliation ("a source", "an aide", "officials").
ANONYMOUS_ROLES = {
    "official",
    "source",
    "aide",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "adviser",
    "advisor",
    "staffer",
    "insider",
    "diplomat",
    "officer",
    "operative",
    "assistant",
    "lawyer",
    "attorney",
    "agent",
    "investigator",
    "employee",
    "executive",
    "representative",
    "negotiator",
    "prosecutor",
    "friend",
    "confidant",
    "associate",
    "ally",
    "colleague",
    "lawmaker",
    "legislator",
    "senator",
    "congressman",
    "congresswoman",
    "delegate",
    "strategist",
    "organizer",
    "volunteer",
    "manager",
    "director",
    "chairman",
    "chair",
    "president",
    "minister",
    "secretary",
    "governor",
    "mayor",
    "chief",
    "head",
    "leader",
    "ambassador",
    "envoy",
    "commander",
    "general",
    "judge",
    "justice",
    "analyst",
    "expert",
}
# Unnamed people who are specific even in the plural ("sources said", "officials said").
SPECIFIC_ROLES = {"source", "official", "aide", "insider", "staffer", "operative", "diplomat"}
# Offices with one holder, known to readers: named_person when the article names no one.
UNIQUE_OFFICES = {
    "president",
    "premier",
    "chancellor",
    "pope",
    "king",
    "queen",
    "minister",
    "secretary",
    "governor",
    "mayor",
    "nominee",
}
# Bodies named by a common noun: "the Obama administration", "the Clinton campaign",
# "the union" (the one the article is about).
ORGANIZATION_NOUNS = set(
    "administration campaign team union journal committee party department agency company "
    "firm court board commission council network newspaper organization organisation "
    "association institute foundation ministry government coalition caucus senate house "
    "congress parliament legislature police military army navy embassy bank university "
    "school group club league federation alliance movement church office service "
    "bureau authority regime cabinet staff".split()
)
PERSON_PRONOUNS = {"he", "she", "him", "her", "i", "me", "himself", "herself"}
GROUP_PRONOUNS = {"they", "them", "we", "us", "it", "this", "that", "who", "which"}
PUBLIC_GROUPS = {"americans", "voters", "supporters", "people", "citizens", "residents"}
AFFILIATION_ENTS = {"ORG", "GPE", "NORP", "FAC", "LOC", "PERSON"}
ORGANIZATION_ENTS = {"ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "WORK_OF_ART", "LAW"}


def is_pronoun(head: Token) -> bool:
    return head.lower_ in PERSON_PRONOUNS or head.lower_ in GROUP_PRONOUNS or head.pos_ == "PRON"


def has_affiliation(doc: Doc, tokens: set[int], head: Token) -> bool:
    """A named body in the mention, other than its head: "a NATO official", "from the FBI"."""
    for i in tokens:
        token = doc[i]
        if i == head.i:
            continue
        if token.ent_type_ in AFFILIATION_ENTS or token.pos_ == "PROPN":
            return True
        if token.dep_ == "poss" and token.head.i == head.i:
            return True
    return False


def _definite(head: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in head.children)


def named_in_apposition(doc: Doc, tokens: set[int], head: Token) -> Span | None:
    """A person named beside a role noun: "his running mate, Indiana Gov. Mike Pence",
    "Ukraine's president, Volodymyr Zelenskiy", "critics, like Senator Charles Grassley"."""
    for entity in doc.ents:
        if (
            entity.label_ != "PERSON"
            or entity.start not in tokens
            or head.i in range(entity.start, entity.end)
        ):
            continue
        root = entity.root
        if root.dep_ == "appos" and root.head.i == head.i:
            return entity
        if root.dep_ == "pobj" and root.head.lower_ in ("like", "including"):
            if root.head.head.i == head.i:
                return entity
    if head.lemma_.lower() not in ANONYMOUS_ROLES | UNIQUE_OFFICES:
        return None
    # The tagger sees a name the recogniser missed: a proper noun in apposition.
    for child in head.rights:
        if child.dep_ == "appos" and child.pos_ == "PROPN":
            start = min(t.i for t in child.subtree if t.pos_ == "PROPN")
            return doc[start : child.i + 1]
    return None


def mention_type(doc: Doc, tokens: set[int], head: Token) -> str | None:
    """The type the mention shows by itself, or None when it needs its referent."""
    lemma = head.lemma_.lower()
    if is_pronoun(head) and head.lower_ not in ("some", "many", "most", "others", "several"):
        return None
    if head.pos_ in ("NOUN", "PROPN") and lemma in DOCUMENT_NOUNS and head.ent_type_ != "PERSON":
        return "document"
    if head.ent_type_ == "PERSON":
        return "named_person"
    if lemma in UNIQUE_OFFICES and head.tag_ not in ("NNS", "NNPS") and head.ent_type_ != "ORG":
        return None  # "the Russian President": named when the office-holder is known
    if head.ent_type_ in ORGANIZATION_ENTS or head.pos_ == "PROPN":
        if head.lower_ in PUBLIC_GROUPS:
            return "vague"
        return "named_organization"
    if named_in_apposition(doc, tokens, head):
        return "named_person"
    affiliated = has_affiliation(doc, tokens, head)
    if lemma in ORGANIZATION_NOUNS and head.tag_ != "NNS" and (affiliated or _definite(head)):
        return "named_organization"
    relative = any(doc[i].dep_ == "relcl" for i in tokens)
    specific = head.tag_ != "NNS" or affiliated or relative or lemma in SPECIFIC_ROLES
    if lemma in ANONYMOUS_ROLES and specific:
        return "anonymous"
    if lemma in VAGUE_NOUNS or head.lower_ in ("some", "many", "most", "others", "several"):
        return "anonymous" if affiliated else "vague"
    if head.tag_ in ("NNS", "NNPS"):
        return "anonymous" if affiliated else "vague"
    return "anonymous"
