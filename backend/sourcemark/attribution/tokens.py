"""Token-set helpers: subtrees, compound names, and turning token sets into trimmed
character pieces."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Token

QUOTE_MARKS = set("“”\"‘’«»„'`")
FINITE_TAGS = {"VBD", "VBZ", "VBP"}  # verbs that make a clause of their own: "said", "says"


def subtree(token: Token) -> set[int]:
    return set(range(token.left_edge.i, token.right_edge.i + 1))


def compound_name(head: Token) -> set[int]:
    """The head with the words compounded before it: "ZeniMax Media" of "ZeniMax Media,
    which accuses …", "Dixon Hall" of "Hall"."""
    doc, start = head.doc, head.i
    while start > 0 and doc[start - 1].dep_ == "compound" and start <= doc[start - 1].head.i:
        start -= 1  # "Tea Party Republicans": a compound of a compound too
    return set(range(start, head.i + 1))


def entity_start(doc: Doc, i: int) -> int:
    """Where the recogniser's name that token i goes on is begun (i, if it goes on none)."""
    while i > 0 and doc[i].ent_iob_ == "I":
        i -= 1
    return i


def entity_end(doc: Doc, i: int) -> int:
    """The first token from i on that goes on no name: the end of the name before it."""
    while i < len(doc) and doc[i].ent_iob_ == "I":
        i += 1
    return i


def _trimmable(token: Token) -> bool:
    """Edge tokens a span drops; quote marks stay, they belong to the quote."""
    if token.text in QUOTE_MARKS:
        return False
    return token.is_space or token.is_punct or token.dep_ == "cc"


def pieces(doc: Doc, indexes: Iterable[int]) -> list[tuple[int, int]]:
    """Runs of consecutive tokens, trimmed of punctuation, as character (start, end)."""
    runs: list[list[int]] = []
    for i in sorted(set(indexes)):
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    out = []
    for run in runs:
        while run and _trimmable(doc[run[0]]):
            run.pop(0)
        while run and _trimmable(doc[run[-1]]):
            run.pop()
        if run:
            out.append((doc[run[0]].idx, doc[run[-1]].idx + len(doc[run[-1]].text)))
    return out


def subject_hung_on_aside(verb: Token) -> Token | None:
    """ "The combination, say economists, marks …": the parser may hang the sentence's own
    subject on the interrupting cue, beside the speaker after it. That first subject, or None."""
    if verb.dep_ != "parataxis" or verb.i == 0 or verb.doc[verb.i - 1].text != ",":
        return None
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    if len(subjects) > 1 and subjects[0].i < verb.i < subjects[-1].i:
        return subjects[0]
    return None


def speaker_after_aside(verb: Token) -> tuple[Token, Token] | None:
    """ "The contrast with Trump, said Doyle and others, would be clear": the parser may take
    the sentence's subject for the cue's, and the speaker after the cue for the subject of
    what follows it, or for a second subject of the cue. (The sentence's subject, the
    speaker), or None."""
    doc = verb.doc
    if verb.i < 2 or doc[verb.i - 1].text != ",":
        return None
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    before = [c for c in subjects if c.i < verb.i]
    clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
    if len(before) != 1 or clause is None:
        return None
    # Not where the comma closes the subject's own aside: "Aides, who met on Monday, said"
    asides = ("relcl", "appos", "acl")
    if any(t.dep_ in asides and t.right_edge.i >= verb.i - 2 for t in before[0].subtree):
        return None
    after = [c for c in subjects if c.i > verb.i]
    after += [c for c in clause.children if c.dep_ == "nsubj"]
    speaker = next(iter(after), None)
    if speaker is None or speaker.left_edge.i != verb.i + 1:
        return None
    end = speaker.right_edge.i
    closed = doc[end].text == "," or (end + 1 < len(doc) and doc[end + 1].text == ",")
    return (before[0], speaker) if closed else None
