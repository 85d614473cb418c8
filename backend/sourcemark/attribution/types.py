"""Source types, as polnear_source_types/GUIDELINES.md defines them, from the mention alone.

`mention_type` answers None when only the referent can tell (pronouns, role nouns such as
"the president"); coref.py then decides from what the mention resolves to.
"""

from __future__ import annotations

from collections.abc import Container

from spacy.tokens import Doc, Span, Token

from .tokens import entity_end, entity_start

# fmt: off
# The thing that says it: a document, record, recording, study, poll, statement...
DOCUMENT_NOUNS = {
    "ad", "advertisement", "affidavit", "analysis", "article", "audio", "audit", "bill", "book",
    "brief", "cable", "census", "chart", "clip", "column", "commercial", "communique",
    "communiqué", "complaint", "count", "data", "decision", "declaration", "document", "e-mail",
    "editorial", "email", "estimate", "evidence", "exit", "figure", "filing", "finding",
    "footage", "forecast", "guideline", "headline", "index", "indictment", "investigation",
    "law", "lawsuit", "letter", "manifesto", "map", "memo", "memorandum", "message", "model",
    "motion", "note", "notice", "number", "op-ed", "opinion", "order", "page", "paper", "plan",
    "platform", "policy", "poll", "post", "projection", "proposal", "readout", "record",
    "recording", "release", "report", "research", "resolution", "result", "review", "ruling",
    "sample", "site", "speech", "statement", "story", "study", "submission", "suit", "survey",
    "tally", "tape", "testimony", "text", "transcript", "tweet", "video", "website",
    # deals, laws and rulings, recordings, posts and other texts
    "accord", "agreement", "average", "blog", "brochure", "broadcast", "contract",
    "database", "deal", "documentary", "dossier", "examination", "kit", "leaflet",
    "legislation", "measure", "newsletter", "pamphlet", "petition", "photo", "piece",
    "podcast", "precedent", "regulation", "rule", "sign", "subpoena", "treaty", "update",
    "verdict", "warrant",
    # images, charts and the records of tests
    "assessment", "bulletin", "diagram", "graph", "graphic", "image", "infographic", "ledger",
    "log", "photograph", "picture", "receipt", "screenshot", "slide", "spreadsheet", "statistic",
    "table", "test",
    # "data" as the lemmatizer gives it for a plural; slides shown to an audience
    "datum", "presentation", "polling",
    # accounts of a life or an inquiry: "his biography", "an FBI summary of its investigation"
    "autobiography", "biography", "essay", "memoir", "obituary", "profile", "script", "summary",
}
# Words of DOCUMENT_NOUNS that end outlets' and firms' names: "Denver Post", "Gartner Research".
BODY_NAME_ENDINGS = {"post", "research"}
# Heads that count part of what follows "of": "half of respondents", "a group of rabbis".
QUANTITY_HEADS = {
    "dozen", "dozens", "fraction", "group", "half", "handful", "hundreds", "majority",
    "millions", "minority", "number", "percent", "percentage", "plurality", "portion",
    "quarter", "share", "third", "thousands",
}
# Nouns for a collection of things, which say what they hold: "a series of emails".
COLLECTIONS = {
    "batch", "body", "bundle", "cache", "collection", "pair", "pile", "raft", "series", "set",
    "slew", "spate", "stack", "string", "trove",
}
# People together, whatever text names them: "a cable news panel", "the TV crew".
GROUPS_OF_PEOPLE = {"audience", "crew", "crowd", "jury", "panel"}
# Whoever at all: never people with access, however described.
ANYONE = {"anyone", "anybody", "everyone", "everybody"}
# How unnamed people close to something are described: "familiar with", "briefed on".
ACCESS = {"aware", "briefed", "close", "familiar", "informed", "involved", "knowledgeable", "privy"}
# What makes a "figure" a person: "leftist figures", "a key figure".
PEOPLE_FIGURES = {
    "political", "public", "prominent", "leftist", "rightist", "key", "senior", "religious",
    "opposition", "leading", "influential", "controversial", "polarizing", "polarising",
    "establishment", "party", "central", "towering", "respected", "notable", "major",
}  # fmt: skip
# Parties and leanings: "many Republicans" are a party's unnamed members.
PARTISANS = {"republican", "democrat", "conservative", "liberal", "independent", "socialist"}
# Quantifiers that pick unnamed members out of a named group: "some Democrats".
SOME = {"some", "many", "several", "few", "most", "certain", "other"}
# Words that make counted people a poll's result: "62 percent of those surveyed".
POLL_LEMMAS = {"poll", "polling", "pollster", "survey", "respondent", "questionnaire"}
# People who know a field, whom a place before them doesn't affiliate.
FIELD_NOUNS = {
    "analyst", "commentator", "economist", "expert", "historian", "observer", "pundit",
    "scholar", "specialist", "watcher",
}  # fmt: skip
# Generic collectives: vague unless an affiliation makes them checkable.
VAGUE_NOUNS = {
    "activist", "admirer", "advocate", "all", "american", "analyst", "anyone", "candidate",
    "citizen", "commentator", "conservative", "conservatives", "consumer", "critic", "democrat",
    "demonstrator", "economist", "everybody", "everyone", "expert", "fan", "few", "folk",
    "follower", "historian", "insider", "lawmaker", "leader", "legislator", "liberal",
    "liberals", "man", "many", "member", "most", "nobody", "observer", "opponent", "other",
    "parent", "people", "person", "politician", "professional", "progressive", "protester",
    "protestor", "public", "pundit", "reader", "republican", "researcher", "resident",
    "sceptic", "scholar", "scientist", "several", "skeptic", "some", "somebody", "someone",
    "strategist", "student", "supporter", "viewer", "voter", "watcher", "woman", "worker",
}
# Role nouns that name a specific person or group when unnamed: anonymous even without
# an affiliation ("a source", "an aide", "officials").
ANONYMOUS_ROLES = {
    "adviser", "advisor", "agent", "aide", "alderman", "alderwoman", "ally", "ambassador",
    "analyst", "assistant", "associate", "attorney", "authority", "ceo", "cfo", "chair",
    "chairman", "chief", "colleague", "commander", "confidant", "congressman", "congresswoman",
    "coo", "councillor", "councilman", "councilor", "councilwoman", "cto", "delegate",
    "detective", "diplomat", "director", "employee", "envoy", "executive", "expert", "friend",
    "general", "governor", "head", "insider", "investigator", "judge", "justice", "lawmaker",
    "lawyer", "leader", "legislator", "manager", "mayor", "minister", "negotiator", "officer",
    "official", "operative", "organizer", "president", "prosecutor", "regulator",
    "representative", "secretary", "senator", "source", "spokesman", "spokesperson",
    "spokeswoman", "staffer", "strategist", "volunteer",
}
# Unnamed people who are specific even in the plural ("sources said", "officials said").
SPECIFIC_ROLES = {
    "aide", "ally", "authority", "diplomat", "insider", "official", "operative", "source",
    "staffer",
    # those on the case: "Prosecutors said", "Investigators believe"
    "detective", "investigator", "prosecutor", "regulator",
}
# Offices with one holder, known to readers: named_person when the article names no one.
UNIQUE_OFFICES = {
    "chancellor", "commissioner", "governor", "king", "mayor", "minister", "nominee", "pope",
    "premier", "president", "queen", "secretary", "superintendent", "treasurer",
}
# Governments named for their place: "the city said", "the City of Surrey".
PLACE_BODIES = {"city", "province", "state", "county", "town", "village", "municipality"}
# Companies named by their trade ("the drugmaker"; not "lawmaker" or "filmmaker", who are
# people) and institutions that speak as one ("The hospital said in a statement").
INSTITUTION_NOUNS = {
    "automaker", "carmaker", "chipmaker", "conglomerate", "drugmaker", "lender", "planemaker",
    "steelmaker",
    "charity", "clinic", "hospital", "museum", "nonprofit", "utility",
}  # fmt: skip
# Bodies named by a common noun: "the Obama administration", "the Clinton campaign",
# "the union" (the one the article is about).
ORGANIZATION_NOUNS = {
    "administration", "agency", "airline", "alliance", "army", "association", "authority",
    "band", "bank", "board", "broadcaster", "brokerage", "insurer", "magazine", "maker",
    "manufacturer", "operation",
    "outfit", "outlet", "pac", "publication", "retailer", "startup", *INSTITUTION_NOUNS,
    "bureau", "cabinet", "campaign", "caucus", "church", "club", "coalition", "commission",
    "committee", "company", "congress", "council", "court", "department", "embassy",
    "federation", "firm", "force", "foundation", "government", "group", "house", "institute",
    "journal", "label", "leadership", "league", "legislature", "military", "ministry",
    "movement", "navy", "network", "newspaper", "office", "organisation", "organization",
    "parliament", "party", "police", "regime", "school", "senate", "service", "staff", "team",
    "union", "unit", "university",
}
# The public: vague even when a nationality, party or person qualifies them ("black
# voters", "Trump supporters", "others in the African-American community").
PUBLIC_LEMMAS = {
    "admirer", "american", "audience", "citizen", "community", "crowd", "demonstrator", "fan",
    "follower", "other", "others", "parent", "people", "protester", "protestor", "public",
    "resident", "supporter", "taxpayer", "voter",
}
# People by what they do or are, beside a name the recogniser missed: "Hendra, a fisherman".
PERSON_NOUNS = ANONYMOUS_ROLES | VAGUE_NOUNS | {
    "author", "coach", "daughter", "doctor", "driver", "farmer", "father", "fisherman",
    "founder", "husband", "journalist", "mother", "neighbor", "neighbour", "nurse", "owner",
    "pastor", "player", "priest", "professor", "reporter", "son", "survivor", "teacher",
    "veteran", "victim", "widow", "wife", "witness", "writer",
}
# More nouns for a person, beyond the roles above and words built like "leader" or
# "economist" (see person_noun).
MORE_PERSON_NOUNS = {
    "boss", "boy", "caddie", "captain", "celebrity", "champion", "chef", "child", "cop", "deputy",
    "detective", "girl", "guy", "heir", "heiress", "hero", "host", "incumbent", "hopeful", "kid",
    "lady", "magnate", "mogul", "partner", "patient", "poet", "rabbi", "imam", "rival", "sheriff",
    "spouse", "star", "student", "suspect", "teen", "tycoon", "defendant", "plaintiff", "resident",
    "athlete", "bishop", "monk", "nun", "cardinal", "prince", "princess", "duke", "duchess", "lord",
    "dame", "sir", "hostage", "actress", "waitress", "hostess", "stewardess", "songstress",
    "seamstress", "mistress", "governess", "empress", "countess", "baroness",
    # ranks and posts: "the former sergeant-at-arms", "the surgeon"
    "admiral", "clerk", "colonel", "constable", "corporal", "lieutenant", "sergeant", "surgeon",
    # kin and companions: "his aunt, Jane Starner"
    "aunt", "boyfriend", "classmate", "cousin", "fiance", "fiancee", "girlfriend", "grandson",
    "nephew", "niece", "roommate", "sibling", "stepdaughter", "stepson", "teammate", "uncle",
}  # fmt: skip
# Nouns built like "leader" that name no person.
NOT_AGENT_NOUNS = {
    "number", "paper", "letter", "order", "power", "border", "water", "computer", "center",
    "centre", "matter", "chapter", "quarter", "corner", "manner", "factor", "sector", "error",
    "floor", "door", "color", "colour", "labor", "labour", "behavior", "behaviour", "honor",
    "honour", "weather", "winter", "summer", "monitor", "mirror", "motor", "trailer",
    "banner", "bumper", "cluster", "disaster", "register", "semester", "theater", "theatre",
    "filter", "shelter", "lever", "layer", "barrier", "tower", "cancer", "answer", "fee",
    "degree", "guarantee", "list", "twist", "wrist", "fist",
}  # fmt: skip
AGENT_ENDINGS = ("er", "or", "ist", "ian", "ee", "man", "woman", "person", "eur")

# One person of the public or of no stated affiliation: "the man", "a voter", "someone" is
# a specific person, unnamed (anonymous), though such people together are vague.
ONE_PERSON_NOUNS = (VAGUE_NOUNS | PUBLIC_LEMMAS | {"somebody"}) - {
    "all", "anyone", "audience", "community", "crowd", "everybody", "everyone", "few", "folk",
    "many", "most", "nobody", "other", "others", "people", "public", "several", "some",
}
KNOWN_PERSON_NOUNS = PERSON_NOUNS | UNIQUE_OFFICES | ONE_PERSON_NOUNS | MORE_PERSON_NOUNS
# fmt: on
PERSON_PRONOUNS = {"he", "she", "him", "her", "i", "me", "himself", "herself"}
GROUP_PRONOUNS = {"they", "them", "we", "us", "it", "this", "that", "who", "which"}
PUBLIC_GROUPS = {"americans", "voters", "supporters", "people", "citizens", "residents"}
AFFILIATION_ENTS = {"ORG", "GPE", "NORP", "FAC", "LOC", "PERSON"}
PLACES = {"GPE", "LOC"}  # where people live, no body they belong to
ORGANIZATION_ENTS = {"ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "WORK_OF_ART", "LAW"}
# Common-noun modifiers that tie people to a body: "state regulators", "campaign aides".
AFFILIATION_MODIFIERS = ORGANIZATION_NOUNS | {"county", "city", "federal", "municipal", "state"}
PLURALS = ("NNS", "NNPS")
COMMON_NOUNS = DOCUMENT_NOUNS | VAGUE_NOUNS | ANONYMOUS_ROLES | UNIQUE_OFFICES


# Pronouns that refer to no one named before ("some say", "someone said"): typed by
# themselves, never resolved.
NOT_ANAPHORIC = {
    "some", "many", "most", "others", "another", "several", "someone", "somebody", "anyone",
    "anybody", "everyone", "everybody", "nobody",
    "nothing", "something", "anything", "everything",  # "nothing indicated that …"
}  # fmt: skip


def is_pronoun(head: Token) -> bool:
    if _acronym(head):
        return False  # "says WHO", "IT said": a body's initials
    if head.lower_ in PERSON_PRONOUNS or head.lower_ in GROUP_PRONOUNS:
        return True
    # Not a name the tagger took for a pronoun ("O’Malley"), which the recogniser names.
    return head.pos_ == "PRON" and not head.ent_type_


def _acronym(token: Token) -> bool:
    """Capitals the tagger or the recogniser reads as a name, beside a word that is not in
    capitals: not a pronoun of a line in capitals, "SHE TOLD US IT WAS OVER"."""
    capitals = len(token.text) > 1 and token.text.isupper()
    if not capitals or not (token.pos_ == "PROPN" or token.ent_type_ != ""):
        return False
    doc = token.doc
    beside = [doc[i] for i in (token.i - 1, token.i + 1) if 0 <= i < len(doc) and doc[i].is_alpha]
    return any(not word.is_upper for word in beside)


def _stance(token: Token) -> bool:
    """A word inside "anti-X" or "pro-X": what people are for or against, not their body."""
    doc = token.doc
    start, end = token.i, token.i
    while start > 0 and not doc[start - 1].whitespace_:
        start -= 1
    while end + 1 < len(doc) and not doc[end].whitespace_:
        end += 1
    return doc[start].lower_ in ("anti", "pro") and end > start


def _spread_over(token: Token, head: Token) -> bool:
    """A place the people are spread over, not a body they belong to: "leaders across
    Europe", "officials around the world"."""
    while token.i != head.i and token.head.i != token.i:
        if token.dep_ == "pobj" and token.head.lower_ in ("across", "around", "throughout"):
            return True
        token = token.head
    return False


def has_affiliation(doc: Doc, tokens: set[int], head: Token) -> bool:
    """A named body in the mention, other than its head: "a NATO official", "from the FBI";
    not a stance ("anti-TPP activists") nor, for generic nouns, a person they are about
    ("Clinton's critics")."""
    generic = head.lemma_.lower() in VAGUE_NOUNS - {"member"}  # members of it are of it
    # Bodies of a people or faith are a kind, not one body: "Jewish groups"; but "Russian
    # forces" are its country's.
    kinds = head.tag_ == "NNS" and head.lemma_.lower() in ORGANIZATION_NOUNS - {"force"}
    for i in tokens:
        token = doc[i]
        if i == head.i or _stance(token) or (generic and token.ent_type_ == "PERSON"):
            continue
        if (kinds and token.ent_type_ == "NORP") or _spread_over(token, head):
            continue
        if head.lower_ in SOME | {"others"} and token.ent_type_ in PLACES:
            continue  # "many in Hong Kong": where they live, the public, no body
        if _field_watched(token, head):
            continue  # "Middle East observers": what they know, not whom they serve
        if token.ent_type_ in AFFILIATION_ENTS or token.pos_ == "PROPN":
            return True
        if (
            token.dep_ == "poss"
            and token.head.i == head.i
            and not (generic and token.pos_ == "PRON")
        ):
            return True
        modifier = token.dep_ in ("compound", "amod") and token.head.i == head.i
        # "military analysts" know a field; "military officials" serve in it
        field = generic and token.pos_ == "ADJ" and token.lemma_.lower() in ORGANIZATION_NOUNS
        if modifier and token.lemma_.lower() in AFFILIATION_MODIFIERS and not field:
            return True
    return False


def _field_watched(token: Token, head: Token) -> bool:
    """A place named before people who know a field, as the field: "Middle East
    observers", "China experts"."""
    doc = token.doc
    return (
        head.lemma_.lower() in FIELD_NOUNS
        and token.ent_type_ in PLACES
        and token.i < head.i
        and all(doc[j].dep_ == "compound" for j in range(token.i, head.i))
    )


def common_lemma(head: Token) -> str:
    """The head's lemma, lower-cased; a capitalised common noun that the tagger took for
    a name, at the start of a sentence or in a title-case headline, gives the noun's
    singular ("Demonstrators" -> "demonstrator")."""
    lemma = head.lemma_.lower()
    if head.pos_ != "PROPN" or head.ent_type_:
        return lemma
    singular = lemma.removesuffix("s")
    return singular if singular in COMMON_NOUNS else lemma


def is_proper(head: Token) -> bool:
    return head.pos_ == "PROPN" and common_lemma(head) not in COMMON_NOUNS


def _indefinite(head: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.children)


def _definite(head: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in head.children)


def _one_for_each_place(head: Token) -> bool:
    """Bodies named by the places or peoples they serve, joined by "and": "the French and
    German governments", "the Russian and Syrian defense ministries" (not "Russian
    companies", which are some of many)."""
    if head.tag_ != "NNS" or not _definite(head):
        return False
    places = ("NORP", "GPE")
    return any(
        c.dep_ in ("amod", "compound", "nmod")
        and c.ent_type_ in places
        and any(x.dep_ == "conj" and x.ent_type_ in places for x in c.children)
        for c in head.children
    )


def named_in_apposition(doc: Doc, tokens: set[int], head: Token) -> Span | None:
    """A person named beside a role noun: "his running mate, Indiana Gov. Mike Pence",
    "Ukraine's president, Volodymyr Zelenskiy", "critics, like Senator Charles Grassley",
    "his partner at the firm, John Smith" (however the parser attached the name)."""
    last = max(tokens)
    while last > min(tokens) and doc[last].is_punct:
        last -= 1
    for entity in doc.ents:
        if (
            entity.label_ != "PERSON"
            or entity.start not in tokens
            or head.i in range(entity.start, entity.end)
            or _indefinite(entity.root)  # "a French Freemason": no name takes "a"
        ):
            continue
        root = entity.root
        if root.dep_ == "appos" and root.head.i == head.i:
            return entity
        after_comma = entity.start > 0 and doc[entity.start - 1].text == ","
        if after_comma and entity.end - 1 == last and head.i < entity.start:
            return entity
        if _described_beside(head, root, last):
            return entity
        listed = root.dep_ == "pobj" and root.head.lower_ in ("like", "including")
        # "many Republicans, like Mr. Ryan": one example of many unnamed people.
        some = any(c.lower_ in SOME for c in head.children)
        body = head.lemma_.lower() in ORGANIZATION_NOUNS
        if listed and root.head.head.i == head.i and not (body or some):
            return entity
        if _titles_joined(doc, head, entity) and entity.end - 1 == last:
            return entity
    if head.lemma_.lower() not in ANONYMOUS_ROLES | UNIQUE_OFFICES:
        return None
    # The tagger sees a name the recogniser missed: a proper noun in apposition.
    for child in head.rights:
        if child.dep_ == "appos" and child.pos_ == "PROPN":
            start = min(t.i for t in child.subtree if t.pos_ == "PROPN")
            return doc[start : child.i + 1]
    return None


def _described_beside(head: Token, root: Token, last: int) -> bool:
    """A name with its own description after a comma, which the parser joins to the role
    noun as a conjunct: "the two witnesses, former astronaut Tom Stafford and retired
    executive Tom Young," (the name and any joined to it end the mention); not one more
    of them, "Democratic leaders — and, in particular, Harry Reid"."""
    edge = root.left_edge
    return (
        root.dep_ in ("appos", "conj")
        and root.head.i == head.i
        and not any(c.dep_ == "cc" for c in head.children)
        and edge.i > head.i
        and head.doc[edge.i - 1].text == ","
        and root.right_edge.i >= last
        and head.pos_ == "NOUN"
        and person_noun(common_lemma(head))
    )


def _titles_joined(doc: Doc, head: Token, entity: Span) -> bool:
    """Two titles of one person, joined by "and": "fact checker and staff writer David
    Emery"; not two people, "the senator and Jane Roe", whose first has a determiner."""
    title = doc[entity.start - 1] if entity.start > 0 else None
    return (
        entity.root.dep_ == "conj"
        and entity.root.head.i == head.i
        and head.tag_ == "NN"
        and not any(c.dep_ in ("det", "poss") for c in head.children)
        and title is not None
        and title.tag_ == "NN"
        # a noun for a person, or any noun the parse hangs on the name as its title:
        # "presidential contender and former neurosurgeon Ben Carson"
        and (person_noun(common_lemma(title)) or title.head.i == entity.root.i)
    )


APPOSITION_MARKS = {",", "-", "–", "—"}


def leading_names(doc: Doc, tokens: set[int], head: Token) -> list[Span]:
    """People named at the start of a mention whose head is a role noun set off after them:
    "Jane Roe - the mayor's aide and adviser -", "Jane Roe and John Doe, two reporters"
    (however the parser attached the names, and even if the recogniser ran a name on past
    the dash). Each name is a full name, two or more proper nouns, one of them a person's."""
    lemma = common_lemma(head)
    role = lemma in PERSON_NOUNS or head.pos_ == "NOUN"
    if not role or lemma in ORGANIZATION_NOUNS | DOCUMENT_NOUNS:
        return []
    names: list[Span] = []
    i = min(tokens)
    while i < head.i:
        start = i
        while i < head.i and doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper():
            i += 1
        if i - start < 2 or (doc[i].is_punct and doc[i].text not in APPOSITION_MARKS):
            return []
        names.append(doc[start:i])
        if doc[i].lower_ == "and":
            i += 1
            continue
        if doc[i].text not in APPOSITION_MARKS:
            return []
        break
    else:
        return []
    persons = any(t.ent_type_ == "PERSON" for n in names for t in n)
    others = any(t.ent_type_ not in ("", "PERSON") for n in names for t in n)
    return names if persons and not others else []


def described_person(doc: Doc, head: Token) -> Span | None:
    """A name the recogniser missed, described as a person beside it: "Hendra, a fisherman
    from the area", "Tomasz Wrobel, the club's coach", "Yuni, a resident of Lampung" (one
    of the public, though residents together are vague)."""
    if head.pos_ != "PROPN" or head.ent_type_ in ("GPE", "NORP", "LOC", "FAC", "PERSON"):
        return None
    # "Antoine Court de Gébelin, a French Freemason and Protestant pastor": any noun joined.
    described = [n for c in head.rights if c.dep_ == "appos" for n in (c, *c.conjuncts)]
    for child in described:
        lemma = child.lemma_.lower()
        one = child.tag_ == "NN" and any(c.lower_ in ("a", "an") for c in child.children)
        if lemma in PERSON_NOUNS - (set() if one else PUBLIC_LEMMAS):
            start = min(t.i for t in head.subtree if t.i <= head.i and t.pos_ == "PROPN")
            return doc[start : head.i + 1]
    return None


def _lists_names(
    head: Token, kinds: Container[str] | None = None, by: Container[str] = ("like", "including")
) -> bool:
    """ "Companies like Apple", "candidates, including Carly Fiorina": names of `kinds` (of
    any kind, by default) listed as examples of the head, after one of the words `by`."""
    listed = [
        name
        for child in head.children
        if child.dep_ == "prep" and child.lower_ in by
        for c in child.children
        if c.dep_ == "pobj"
        for name in (c, *c.conjuncts)
    ]
    return any(t.ent_type_ and (kinds is None or t.ent_type_ in kinds) for t in listed)


def _unnamed_body(doc: Doc, tokens: set[int], head: Token) -> bool:
    """A body the mention only describes: "a" or "an" before a body noun, with no name of
    a body in the mention."""
    if head.lower_ not in ORGANIZATION_NOUNS and head.lemma_.lower() not in ORGANIZATION_NOUNS:
        return False
    if not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.children):
        return False
    return not any(doc[i].ent_type_ in ("ORG", "GPE", "FAC") for i in tokens)


def _poll_near(head: Token) -> bool:
    """A poll or survey in the mention's paragraph."""
    return any(is_poll(t) for t in head.doc)


def _one_person(head: Token) -> bool:
    """One unnamed person, picked out by a determiner: "the woman", "a voter", "someone"."""
    if head.tag_ != "NN" or head.lemma_.lower() not in ONE_PERSON_NOUNS:
        return False
    return head.lower_ in ("someone", "somebody") or any(
        c.dep_ in ("det", "nummod") for c in head.children
    )


def _in_the_know(doc: Doc, tokens: set[int], head: Token) -> bool:
    """People described by their access, or as unnamed on purpose, as the guidelines'
    anonymous sources are: "people familiar with her thinking", "those close to the talks",
    "two people briefed on the plan", "people with knowledge of it", "a person who spoke on
    condition of anonymity", "who asked not to be named"."""
    if head.lemma_.lower() not in PERSON_NOUNS | {"people", "those"} or head.lower_ in ANYONE:
        return False  # "anyone who has been involved in a deal" is anyone at all
    words = [doc[i] for i in tokens]
    return any(
        (t.lower_ in ACCESS and t.head.i == head.i)
        or (t.lemma_.lower() == "knowledge" and t.head.lower_ == "with")
        or t.lower_ in ("anonymity", "anonymous", "anonymously")
        or (t.lower_ in ("named", "identified") and any(c.dep_ == "neg" for c in t.children))
        for t in words
    )


def _of(head: Token) -> Token | None:
    """What a quantity counts: "delegates" of "a number of delegates"."""
    of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return next((c for c in of.children if c.dep_ == "pobj"), None) if of else None


def _quantity(head: Token) -> bool:
    """A share or number: "half", "62 percent", "most" alone (not "some of his fans")."""
    return (
        head.lemma_.lower() in QUANTITY_HEADS
        or (head.lower_ in SOME and _of(head) is None)
        or head.like_num
        or head.ent_type_ in ("PERCENT", "CARDINAL")
    )


def _percent(head: Token) -> bool:
    """A percentage of people, which only a poll or survey counts: "62 percent", "28%"."""
    return head.ent_type_ == "PERCENT" or head.lemma_.lower() in ("percent", "%")


def poll_share(head: Token) -> bool:
    """A share of people alone ("nearly half said"): a poll's result if a poll is near."""
    return _quantity(head) and _of(head) is None


def is_poll(token: Token) -> bool:
    return token.lemma_.lower() in POLL_LEMMAS


def _documents(doc: Doc, tokens: set[int], held: Token) -> bool:
    """Whether what a collection holds is documents: "emails" of "a series of emails"."""
    part = {t.i for t in held.subtree} & tokens
    return not is_pronoun(held) and mention_type(doc, part or {held.i}, held) == "document"


def _counted(doc: Doc, tokens: set[int], head: Token) -> str | None:
    """A share or number of people: a poll's result beside a poll ("Thirty-nine percent of
    all Americans", "nearly half", "respondents"), else the type of the people counted
    ("a number of GOP delegates", "the pair of editorials"), a group of them specific."""
    lemma = head.lemma_.lower()
    quantity = _quantity(head)
    polled = any(is_poll(doc[i]) for i in tokens)
    if lemma == "respondent" or (quantity and lemma != "group" and (polled or _poll_near(head))):
        return "document"
    # "some of the club's homeowners", "most of the candidates": part of whom "of" names
    if not (quantity or (head.lower_ in SOME and _of(head) is not None)):
        return None
    counted = _of(head)
    if counted is None or is_pronoun(counted):
        return None
    part = {t.i for t in counted.subtree} & tokens
    kind = mention_type(doc, part or {counted.i}, counted)
    if kind == "named_organization" and counted.ent_type_ == "NORP" and counted.tag_ in PLURALS:
        kind = "vague"  # "75 percent of Democrats": a party's people, not the party
    if lemma == "group" and head.tag_ == "NN" and kind == "vague":
        return "anonymous"  # "a group of black parents": specific people, though unnamed
    return kind


def person_noun(lemma: str) -> bool:
    """A noun for a person: a role the lists know, else a word built like "leader",
    "economist" or "nominee", not "number" or "sector"."""
    if lemma in KNOWN_PERSON_NOUNS:
        return True
    return lemma.endswith(AGENT_ENDINGS) and lemma not in NOT_AGENT_NOUNS


def _figures_of_people(head: Token) -> bool:
    """ "Leftist figures", "a key figure", "Republican establishment figures": people, where
    "figures show" is a document."""
    return head.lemma_.lower() == "figure" and any(
        c.dep_ in ("amod", "compound") and (c.lower_ in PEOPLE_FIGURES or c.ent_type_ == "NORP")
        for c in head.children
    )


def many_of_a_people(token: Token) -> bool:
    """ "Many Tunisians", "some Africans": part of a nation or faith, the public, which the
    recogniser may call a body or even a person. Not "many Republicans", a party's members."""
    return (
        token.tag_ == "NNPS"
        and not party_members(token)
        and any(c.lower_ in SOME and c.i < token.i for c in token.children)
    )


def party_members(token: Token) -> bool:
    """ "Virginia Democrats", "House Republicans": a party's members, which the recogniser
    may call a person."""
    word = token.lower_
    return word.endswith("s") and word[:-1] in PARTISANS


def possessive_mark(token: Token) -> bool:
    return token.tag_ == "POS" or token.lower_ in ("'s", "’s")  # the tagger may say NNP


def owned_inside_name(token: Token) -> bool:
    """ "Justin Trudeau’s Liberals" taken for one person's name: a plural or a single word
    after a possessive mark inside the recogniser's name is what the person has, a party or
    team ("Breitbart’s Joel Pollak" is a person of Breitbart's)."""
    start = entity_start(token.doc, token.i)
    marks = [t.i for t in token.doc[start : token.i] if possessive_mark(t)]
    return (
        token.ent_type_ == "PERSON"
        and bool(marks)
        and (token.tag_ == "NNPS" or token.i == marks[-1] + 1)
    )


def _a_people(head: Token) -> bool:
    """ "Canadians expect …", "Muslims say …": a nation or faith at large, the public; not
    a party's members ("Republicans") nor one side ("the Palestinians")."""
    # The tagger may call a plural people singular: "In 2014, Tunisians elected …" (NNP).
    plural = head.tag_ in ("NNS", "NNPS") or (head.tag_ == "NNP" and head.lower_.endswith("s"))
    return head.ent_type_ == "NORP" and plural and not party_members(head) and not _definite(head)


def document_taken_for_person(token: Token) -> bool:
    """ "A new Bill would require …": a document word the recogniser names as a person,
    though an article, a possessive or an adjective goes before it, as no first name has."""
    doc = token.doc
    alone = token.ent_iob_ == "B" and (token.i + 1 == len(doc) or doc[token.i + 1].ent_iob_ != "I")
    return (
        token.ent_type_ == "PERSON"
        and alone
        and token.lower_ in DOCUMENT_NOUNS
        and any(c.i < token.i and c.dep_ in ("det", "poss", "amod") for c in token.children)
    )


def named_body_described(head: Token) -> bool:
    """A name, not a word ("1010data", "MakingStarWars.net"), that a noun for a body or an
    outlet's site describes before it: "data analysis firm 1010data", "fan site …"."""
    word = head.text
    name = any(c.isdigit() for c in word) or "." in word[1:] or not word[1:].islower()
    described = any(
        c.dep_ in ("compound", "amod") and c.lemma_.lower() in ORGANIZATION_NOUNS | {"site"}
        for c in head.children
    )
    return name and described and head.ent_type_ not in ("PERSON", "DATE", "TIME", "MONEY")


def _ends_a_body_name(head: Token) -> bool:
    """ "The Washington Post reported", "according to Coresight Research": an outlet or a
    firm named for what it publishes, not a text ("the Mueller Report" stays one)."""
    return (
        head.pos_ == "PROPN"
        and head.ent_type_ == "ORG"
        and head.lemma_.lower() in BODY_NAME_ENDINGS
        and any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in head.children)
    )


def _named_for_a_cause(head: Token) -> bool:
    """ "Citizens for Tax Justice", "Doctors Without Borders": people for a cause, which
    the recogniser names as one body, the cause's proper nouns inside the name."""
    doc = head.doc
    if head.ent_type_ != "ORG" or head.ent_iob_ != "B":
        return False
    end = entity_end(doc, head.i + 1)
    return any(
        c.dep_ == "prep"
        and c.lower_ in ("for", "against", "without")
        and any(o.dep_ == "pobj" and o.pos_ == "PROPN" and o.i < end for o in c.children)
        for c in head.rights
    )


def mention_type(doc: Doc, tokens: set[int], head: Token) -> str | None:
    """The type the mention shows by itself, or None when it needs its referent."""
    lemma = common_lemma(head)
    if is_pronoun(head) and head.lower_ not in NOT_ANAPHORIC:
        return None
    if _percent(head):
        return "document"  # "56 percent said", "39 percent of Americans": a poll's result
    if lemma in QUANTITY_HEADS and _of(head) is not None:
        counted = _counted(doc, tokens, head)  # "a number of GOP delegates": the delegates
        if counted is not None:
            return counted
    held = _of(head) if lemma in COLLECTIONS else None
    if held is not None and _documents(doc, tokens, held):
        return "document"  # "a trove of memos"; "a string of senators" stays people
    if (
        head.pos_ in ("NOUN", "PROPN")
        and lemma in DOCUMENT_NOUNS
        and head.ent_type_ != "PERSON"
        and not _figures_of_people(head)
        and not _ends_a_body_name(head)
    ):
        return "document"
    if document_taken_for_person(head):
        return "document"
    if many_of_a_people(head):
        return "vague"
    if named_body_described(head):
        return "named_organization"  # "data analysis firm 1010data", "fan site Example.net"
    if (
        head.pos_ == "NOUN"
        and lemma not in KNOWN_PERSON_NOUNS | ORGANIZATION_NOUNS | GROUPS_OF_PEOPLE
        and any(c.dep_ == "compound" and c.lemma_.lower() in DOCUMENT_NOUNS for c in head.children)
    ):
        return "document"  # "an email chain", "a text thread", "the video series"
    if head.ent_type_ == "PERSON" and head.text[:1].isupper():  # not "the caddie"
        if not owned_inside_name(head):
            return "named_person"
        return "named_organization"  # "Justin Trudeau’s Liberals": his party
    counted = _counted(doc, tokens, head)
    if counted is not None:
        return counted
    if lemma in UNIQUE_OFFICES and head.tag_ not in ("NNS", "NNPS") and head.ent_type_ != "ORG":
        return None  # "the Russian President": named when the office-holder is known
    if described_person(doc, head) is not None:
        return "named_person"
    if _unnamed_body(doc, tokens, head):
        return "anonymous"  # "an anti-Trump PAC", "a Russian company": a body, not named
    # "Demonstrators" at a sentence's start: the recogniser's name, but a common noun.
    generic = head.pos_ == "NOUN" and lemma in VAGUE_NOUNS | PUBLIC_LEMMAS
    # "A Supreme Court Justice": one person, whatever the recogniser calls the title; and
    # "Detectives said": people, not a body.
    people = head.pos_ == "NOUN" and head.tag_ == "NNS"
    generic = generic or (person_noun(lemma) and (_indefinite(head) or people))
    cause = _named_for_a_cause(head)
    if (head.ent_type_ in ORGANIZATION_ENTS and (cause or not generic)) or is_proper(head):
        if (head.lower_ in PUBLIC_GROUPS or _a_people(head)) and not cause:
            return "vague"
        if head.ent_type_ == "NORP" and any(c.lower_ in SOME for c in head.children):
            return "anonymous"  # "some Democrats", "many Republicans": unnamed members
        return "named_organization"
    if named_in_apposition(doc, tokens, head):
        return "named_person"
    if _one_person(head) or _in_the_know(doc, tokens, head):
        return "anonymous"
    # Whose supporters or fans they are doesn't name them ("Trump supporters", the
    # recogniser's ORG); a body they belong to elsewhere in the mention may.
    backed = {t.i for c in head.children if c.dep_ in ("poss", "compound") for t in c.subtree}
    named_body = any(doc[i].ent_type_ == "ORG" for i in tokens - backed if i != head.i)
    if lemma in PUBLIC_LEMMAS and not named_body:
        # "people in a recent CNN poll": the poll's result, as the guidelines say
        polled = any(is_poll(doc[i]) for i in tokens if i != head.i)
        return "document" if polled else "vague"
    affiliated = has_affiliation(doc, tokens, head)
    if lemma in ORGANIZATION_NOUNS and (_lists_names(head) or _one_for_each_place(head)):
        # "mining companies, including Patriot"; "the French and German governments"
        return "named_organization"
    # "Other candidates, including Carly Fiorina": named people, where "many senators,
    # like Mr. Hale" are a sample of unnamed ones.
    if person_noun(lemma) and _lists_names(head, ("PERSON",), by=("including",)):
        return "named_person"
    if lemma in ORGANIZATION_NOUNS and head.tag_ != "NNS" and (affiliated or _definite(head)):
        return "named_organization"
    if lemma == "police":
        return "named_organization"  # "Police said": the force of the place in the story
    if lemma in PLACE_BODIES and head.tag_ == "NN" and len(tokens) == 2 and _definite(head):
        return "named_organization"  # "the city said": the story's city, as a body
    relative = any(doc[i].dep_ == "relcl" for i in tokens)
    specific = head.tag_ != "NNS" or affiliated or relative or lemma in SPECIFIC_ROLES
    if lemma in ANONYMOUS_ROLES and specific:
        return "anonymous"
    if head.lower_ == "another":
        return "anonymous"  # one more person the article doesn't name: "Another wondered"
    if lemma in VAGUE_NOUNS or head.lower_ in NOT_ANAPHORIC:
        return "anonymous" if affiliated else "vague"
    if head.tag_ in ("NNS", "NNPS"):
        return "anonymous" if affiliated else "vague"
    return "anonymous"
