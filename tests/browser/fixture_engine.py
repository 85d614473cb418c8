"""A stand-in attribution engine for browser tests: finds attributions described by phrase rules.

It lets the real API and report code serve rich, contract-valid analyses (sources of every
type, cues, quotes) before the real engine exists, with offsets computed on the page's own text.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from spacy.tokens import Doc

_TRIM = " \t\n\r\u00a0,:;"


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _span(text: str, start: int, end: int) -> dict:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return {"start": start, "end": end, "text": text[start:end]}


class FixtureEngine:
    """Rules: {"source", "name", "type", "cue", "cue_before"?: bool, "quote"?: bool,
    "keep_marks"?: bool, "mention"?: str, "confidence"?: float}.

    A rule fires in a paragraph containing its source phrase followed by its cue (or, with
    cue_before, preceded by it). The content runs from the end of the later of the two to the
    end of that sentence; with "quote", only the text inside the first pair of quotes there
    (with "keep_marks", the marks too, as the real engine gives a direct quote). The
    source's `name` is the roster's (canonical) name; its mention's own `name` is "mention"
    when given, as the engine may name a mention less fully than the roster. `confidence`
    (how sure the engine is of source, type and cue) is 0.9 unless the rule says otherwise.
    """

    def __init__(self, rules: list[dict]):
        self.rules = rules

    @classmethod
    def from_file(cls, path: Path) -> FixtureEngine:
        return cls(json.loads(path.read_text(encoding="utf-8")))

    def analyze(
        self, docs: list[Doc], texts: list[str] | None = None
    ) -> tuple[list[list[dict]], list[dict]]:
        """As AttributionEngine.analyze: `texts` are the docs' texts, if the caller has them."""
        found: list[list[dict]] = []
        roster: dict[str, dict] = {}
        counter = 0
        texts = [doc.text for doc in docs] if texts is None else texts
        for doc, text in zip(docs, texts, strict=True):
            attributions = []
            for rule in self.rules:
                source_at = text.find(rule["source"])
                if source_at < 0:
                    continue
                source_end = source_at + len(rule["source"])
                if rule.get("cue_before"):
                    cue_at = text.rfind(rule["cue"], 0, source_at)
                    content_from = source_end
                else:
                    cue_at = text.find(rule["cue"], source_end)
                    content_from = cue_at + len(rule["cue"])
                if cue_at < 0:
                    continue
                sentence_end = next(
                    (s.end_char for s in doc.sents if s.start_char <= content_from < s.end_char),
                    len(text),
                )
                content = _span(text, content_from, sentence_end)
                if rule.get("quote"):
                    quoted = re.search(r"“(.+?)(?:”|$)|\"(.+?)(?:\"|$)", content["text"], re.S)
                    if quoted:
                        group = 0 if rule.get("keep_marks") else 1 if quoted.group(1) else 2
                        base = content["start"]
                        content = _span(text, base + quoted.start(group), base + quoted.end(group))
                source_id = _slug(rule["name"])
                roster.setdefault(
                    source_id, {"id": source_id, "name": rule["name"], "type": rule["type"]}
                )
                counter += 1
                attributions.append(
                    {
                        "id": f"a{counter}",
                        "kind": "direct" if rule.get("quote") else "indirect",
                        "cue": _span(text, cue_at, cue_at + len(rule["cue"])),
                        "source": {
                            **_span(text, source_at, source_end),
                            "name": rule.get("mention", rule["name"]),
                            "type": rule["type"],
                            "source_id": source_id,
                        },
                        "content": [content] if content["text"] else [],
                        "confidence": rule.get("confidence", 0.9),
                    }
                )
            found.append(attributions)
        return found, list(roster.values())


def add_fixture_markers(tone, words: dict[str, str]) -> None:
    """Gives a tone analyser loaded/hedge markers for the given words ({word: kind}) when its
    own finds none, so the popover's word list has something to show."""
    own = tone.markers

    def markers(doc: Doc, *args, **kwargs) -> list[dict]:
        found = own(doc, *args, **kwargs)
        if found:
            return found
        for word, kind in words.items():
            for match in re.finditer(rf"\b{re.escape(word)}\b", doc.text):
                found.append(
                    {"kind": kind, "start": match.start(), "end": match.end(), "text": word}
                )
        return sorted(found, key=lambda m: m["start"])

    tone.markers = markers
