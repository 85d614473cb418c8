"""The analysis contract shared by the API, the CLI, the extension and the evaluation.

Offsets count Unicode code points within a paragraph's text, as Python indexes a str.
The pydantic models validate requests and generate the OpenAPI schemas for responses.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

SourceType = Literal["named_person", "named_organization", "anonymous", "vague", "document"]
SOURCE_TYPES: tuple[str, ...] = SourceType.__args__
BREAKDOWN_KEYS: tuple[str, ...] = (*SOURCE_TYPES, "unattributed")
AttributionKind = Literal["direct", "indirect", "mixed", "according_to", "other"]
NonNegative = Annotated[int, Field(ge=0)]
Fraction = Annotated[float, Field(ge=0.0, le=1.0)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _reject_lone_surrogates(value: str | None) -> str | None:
    # JSON can carry "\ud800", which no UTF-8 encoder (and so no later step) accepts.
    if value is not None:
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as error:
            raise ValueError("text contains an unpaired surrogate code point") from error
    return value


# ---- request ----------------------------------------------------------------------------


class ParagraphIn(_Strict):
    id: Annotated[str, Field(min_length=1, max_length=200)]
    text: str

    _check_text = field_validator("id", "text")(_reject_lone_surrogates)


class AnalyzeRequest(_Strict):
    url: Annotated[str, Field(max_length=8192)] | None = None
    title: Annotated[str, Field(max_length=2000)] | None = None
    paragraphs: list[ParagraphIn] = Field(
        description="The article's paragraphs, answered in the order given. Ids are echoed "
        "back and need not be unique."
    )

    _check_title = field_validator("url", "title")(_reject_lone_surrogates)


# ---- response ---------------------------------------------------------------------------


class Span(_Strict):
    start: NonNegative
    end: NonNegative
    text: str


class SourceMention(Span):
    name: str
    type: SourceType
    source_id: str


class Sentiment(_Strict):
    compound: Annotated[float, Field(ge=-1.0, le=1.0)]
    pos: Fraction
    neu: Fraction
    neg: Fraction
    label: Literal["positive", "neutral", "negative"]


class Attribution(_Strict):
    id: str
    kind: AttributionKind
    cue: Span | None
    source: SourceMention | None
    content: list[Span]
    # How likely its cue, source and source type are all right (calibrated on PolNeAR).
    confidence: Fraction
    sentiment: Sentiment | None = None  # tone of the content; None when it has no words
    # A quote with no cue of its own that carries on an earlier attribution of the same
    # speaker (maybe in an earlier paragraph): that attribution's id.
    continues: str | None = None


class Sentence(_Strict):
    start: NonNegative
    end: NonNegative


class Marker(_Strict):
    kind: Literal["loaded", "hedge"]
    start: NonNegative
    end: NonNegative
    text: str
    valence: float | None = None


class Breakdown(_Strict):
    named_person: Fraction
    named_organization: Fraction
    document: Fraction
    anonymous: Fraction
    vague: Fraction
    unattributed: Fraction


class ParagraphOut(_Strict):
    id: str
    text: str
    sentences: list[Sentence]
    attributions: list[Attribution]
    unattributed: list[Span]
    sentiment: Sentiment
    markers: list[Marker]
    breakdown: Breakdown


class Source(_Strict):
    id: str
    name: str
    type: SourceType
    attributions: NonNegative
    paragraphs: list[str]
    sentiment: Sentiment | None = None


class Summary(_Strict):
    paragraphs: NonNegative
    attributions: NonNegative
    by_type: dict[str, NonNegative]
    share: Breakdown
    tone: dict[str, Sentiment | None] | None = None


class ModelInfo(_Strict):
    name: str
    version: str


class Analysis(_Strict):
    version: Literal["1"]
    model: ModelInfo
    paragraphs: list[ParagraphOut]
    sources: list[Source]
    summary: Summary


class Health(_Strict):
    status: Literal["ok"]
    model: ModelInfo
    version: str


MAX_ERROR_DETAILS = 5  # an error lists this many problems at most, however many there are


class HealthNotReady(_Strict):
    status: Literal["loading", "failed"]  # the model is loading, or failed to load
    version: str


class ErrorBody(_Strict):
    code: str
    message: str
    details: Annotated[list[dict], Field(max_length=MAX_ERROR_DETAILS)] | None = None


class ErrorResponse(_Strict):
    error: ErrorBody
