"""Who owns which characters of a paragraph: the report's breakdown and the outlet's voice."""

from sourcemark.report import _owned_stretches, type_counts, unattributed_spans
from sourcemark.tone.analyzer import SpanIndex

TEXT = "Taxes rise, Ann Lee said. Officials agreed. The end."


def span(start: int, end: int) -> dict:
    return {"start": start, "end": end, "text": TEXT[start:end]}


def attribution(kind, content, source=None, cue=None) -> dict:
    return {
        "source": None if kind is None else {**span(*source), "type": kind},
        "cue": span(*cue) if cue else None,
        "content": [span(*c) for c in content],
    }


class FakeSentences(SpanIndex):
    def __init__(self, text: str, spans):
        super().__init__(spans)
        self.text = text


ANN = attribution("named_person", [(0, 10)], source=(12, 19), cue=(20, 24))
# Overlaps Ann's content and source, and runs past the end of the text.
OFFICIALS = attribution("vague", [(6, 14)], source=(26, 35), cue=(36, 200))


def test_the_first_attribution_to_cover_a_character_owns_it():
    owned = _owned_stretches(TEXT, [ANN, OFFICIALS])
    assert owned == [
        (0, 10, "named_person"),
        (10, 12, "vague"),
        (12, 19, "named_person"),
        (20, 24, "named_person"),
        (26, 35, "vague"),
        (36, len(TEXT), "vague"),
    ]


def test_characters_are_counted_by_type_without_spaces():
    counts = type_counts(TEXT, _owned_stretches(TEXT, [ANN]))
    # "Taxes rise" 9, "Ann Lee" 6, "said" 4; the rest, spaces aside: ",", "." and 23.
    assert counts == {"named_person": 19, "unattributed": 25}
    assert type_counts("  ", []) == {}  # no characters, no types


def test_the_outlets_voice_is_each_sentences_uncovered_stretch_trimmed():
    sentences = FakeSentences(TEXT, [(0, 25), (26, 43), (44, len(TEXT))])
    found = unattributed_spans(sentences, _owned_stretches(TEXT, [ANN]))
    assert [s["text"] for s in found] == ["Officials agreed.", "The end."]
    # A sentence's stretch of punctuation and spaces alone is no voice: ", " between Ann's
    # content and her name, and the "." after the cue.
    assert all(s["start"] >= 26 for s in found)
