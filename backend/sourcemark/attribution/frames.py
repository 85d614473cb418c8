"""The syntactic frame of a possible cue word, shared by cue learning and cue finding."""

from __future__ import annotations

from spacy.tokens import Token

CLAUSE_DEPS = {"ccomp", "parataxis"}


def frame_of(token: Token) -> str:
    """What the word governs or attaches to: a clause, an infinitive, an object, a preposition."""
    return frame_from({child.dep_ for child in token.children}, token.dep_)


def frame_from(deps: set[str], dep: str) -> str:
    """frame_of a word whose children's relations are `deps`, and its own `dep`."""
    if deps & CLAUSE_DEPS or dep == "parataxis":
        return "clause"
    if "xcomp" in deps:
        return "xcomp"
    if deps & {"dobj", "obj"}:
        return "obj"
    if "prep" in deps:
        return "prep"
    return "bare"
