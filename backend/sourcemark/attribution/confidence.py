"""How likely an attribution's cue, source and source type are all right.

Two logistic models over what the engine knows of how it found the attribution (the role
tagger's cue probability, the kind, how the source is mentioned and resolved, its type):
one for the cue and source being right (the attribution matches one PolNeAR marks), one for
the type being right given that. `confidence` is their product. Both are fitted by
training/fit_confidence.py on the out-of-fold attributions of cross-validation over PolNeAR
train and dev, so that the figures they give hold on articles not seen.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc

from .roles import ATTRIBUTION_DATA, CUE_PROBABILITY_KEY, role_tags
from .types import GROUP_PRONOUNS, PERSON_PRONOUNS

CONFIDENCE_PATH = ATTRIBUTION_DATA / "confidence.json"
KINDS = ("direct", "indirect", "mixed", "according_to", "other")
TYPES = ("named_person", "named_organization", "anonymous", "vague", "document")
SAYING = {"say", "tell", "according"}
LONG_MENTION = 6  # tokens: a long source mention is more often cut in the wrong place


def features(doc: Doc, draft, referent) -> dict[str, float]:
    """What the engine knows of one attribution (a `Draft` and its resolved `Referent`),
    as named numbers for the models."""
    out: dict[str, float] = {f"kind={draft.kind}": 1.0}
    tagger = doc.user_data.get(CUE_PROBABILITY_KEY)
    if draft.cue is None:
        out["no cue"] = 1.0
    else:
        cue = draft.cue
        out["learned cue"] = float(draft.confidence < 1.0)
        if tagger is not None:
            out["tagger cue probability"] = max(tagger[cue.start : cue.end])
        out["cue say/tell"] = float(cue.head.lemma_.lower() in SAYING)
        out["cue label"] = float(cue.label is not None)
    mention = draft.source
    if referent is None:
        out["no source"] = 1.0
        return out
    out[f"type={referent.type}"] = 1.0
    out["group of people"] = float(referent.plural)
    if mention is None:
        out["carried on"] = 1.0
        return out
    head = mention.head
    words = [doc[i] for i in mention.tokens if not doc[i].is_punct]
    out["he/she/I"] = float(head.lower_ in PERSON_PRONOUNS)
    out["they/it/who"] = float(head.lower_ in GROUP_PRONOUNS)
    out["named in mention"] = float(any(t.ent_type_ in ("PERSON", "ORG") for t in words))
    out["resolved to a name"] = float(
        referent.type.startswith("named")
        and not any(w in {t.lower_ for t in words} for w in referent.name.lower().split())
    )
    out["long mention"] = float(len(words) > LONG_MENTION)
    tags = role_tags(doc)
    if tags is not None:
        out["tagger marks source"] = float(tags[head.i][0] != "O")
    return out


@dataclass
class Logistic:
    bias: float
    weights: dict[str, float]

    def __call__(self, x: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in x.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self) -> dict:
        return {"bias": self.bias, "weights": self.weights}

    @classmethod
    def from_json(cls, data: dict) -> Logistic:
        return cls(data["bias"], data["weights"])


@dataclass
class Calibrator:
    """confidence = P(cue and source right) x P(type right | cue and source right)."""

    linked: Logistic
    typed: Logistic

    def __call__(self, x: dict[str, float]) -> float:
        return round(self.linked(x) * self.typed(x), 3)

    @classmethod
    def load(cls, path: Path = CONFIDENCE_PATH) -> Calibrator:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(Logistic.from_json(data["linked"]), Logistic.from_json(data["typed"]))

    def save(self, path: Path) -> None:
        data = {"linked": self.linked.to_json(), "typed": self.typed.to_json()}
        path.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
