"""Token-set helpers: subtrees, compound names, and turning token sets into trimmed
character pieces."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Token

QUOTE_MARKS = set("“”\"‘’«»„'`")


def subtree(token: Token) -> set[int]:
    return set(range(token.left_edge.i, token.right_edge.i + 1))


def compound_name(head: Token) -> set[int]:
    """The head with the words compounded before it: "ZeniMax Media" of "ZeniMax Media,
    which accuses …", "Dixon Hall" of "Hall"."""
    doc, start = head.doc, head.i
    while start > 0 and doc[start - 1].dep_ == "compound" and start <= doc[start - 1].head.i:
        start -= 1  # "Tea Party Republicans": a compound of a compound too
    return set(range(start, head.i + 1))


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
