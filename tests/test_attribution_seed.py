"""The seed article: its vague, anonymous, named and document sources come out right."""

from __future__ import annotations

import pytest

from sourcemark.contract import Analysis
from sourcemark.documents import split_paragraphs

from .conftest import SEED_FILE as SEED

pytestmark = [
    pytest.mark.data,
    pytest.mark.skipif(not SEED.is_file(), reason=f"no seed article at {SEED}"),
]


@pytest.fixture(scope="module")
def seed(pipeline) -> dict:
    paragraphs = split_paragraphs(SEED.read_text(encoding="utf-8"))
    return pipeline.analyze([{"id": f"p{i}", "text": t} for i, t in enumerate(paragraphs)])


def mentions(seed: dict) -> list[dict]:
    return [
        a["source"]
        for paragraph in seed["paragraphs"]
        for a in paragraph["attributions"]
        if a["source"] and a["source"]["text"]
    ]


def source_of(seed: dict, text: str) -> dict:
    found = [s for s in mentions(seed) if s["text"] == text]
    assert found, f"no source mention {text!r}"
    return found[0]


@pytest.mark.parametrize("text", ["Some analysts", "Experts", "Observers", "Analysts"])
def test_generic_collectives_are_vague(seed, text):
    assert source_of(seed, text)["type"] == "vague"


def test_the_anonymous_nato_official_is_the_whole_mention(seed):
    source = source_of(seed, "A top NATO official who chose to remain anonymous")
    assert source["type"] == "anonymous"


def test_the_french_official_and_follow_ups_are_one_anonymous_source(seed):
    first = source_of(seed, "An official from the French presidential office")
    follow_ups = [source_of(seed, "The official"), source_of(seed, "the French official")]
    assert first["type"] == "anonymous"
    assert {s["source_id"] for s in follow_ups} == {first["source_id"]}
    roster = {s["id"]: s for s in seed["sources"]}
    assert roster[first["source_id"]]["attributions"] >= 4


@pytest.mark.parametrize(
    ("surname", "name"),
    [
        ("Putin", "Vladimir Putin"),
        ("Macron", "Emmanuel Macron"),
        ("Zelenskiy", "Volodymyr Zelenskiy"),
    ],
)
def test_named_people_resolve_to_their_full_names(seed, surname, name):
    source = source_of(seed, surname)
    assert source["type"] == "named_person"
    assert source["name"] == name


def test_biden_and_lavrov_are_named_people(seed):
    names = {s["name"]: s["type"] for s in mentions(seed)}
    assert names["Joe Biden"] == "named_person"
    assert names["Sergey Lavrov"] == "named_person"


def test_the_two_leaders_are_macron_and_putin(seed):
    leaders = source_of(seed, "The two leaders")
    assert leaders["type"] == "named_person"
    assert set(leaders["name"].split(" and ")) == {"Vladimir Putin", "Emmanuel Macron"}


def test_the_russian_president_in_the_lead_is_putin_named_just_after(seed):
    president = source_of(seed, "The Russian President")
    assert (president["type"], president["name"]) == ("named_person", "Vladimir Putin")
    service = source_of(seed, "the Russian president’s press service")
    assert service["name"] == "Vladimir Putin’s press service"


def test_the_kremlin_is_a_named_organization_and_one_source(seed):
    kremlin = [s for s in mentions(seed) if s["text"] == "The Kremlin"]
    assert len(kremlin) == 2
    assert {s["type"] for s in kremlin} == {"named_organization"}
    assert len({s["source_id"] for s in kremlin}) == 1


@pytest.mark.parametrize("start", ["a Kremlin readout", "a statement released by"])
def test_documents(seed, start):
    found = [s for s in mentions(seed) if s["text"].startswith(start)]
    assert found and {s["type"] for s in found} == {"document"}


def test_the_nested_quote_names_putin_inside_the_kremlin_statement(seed):
    paragraph = next(p for p in seed["paragraphs"] if p["text"].startswith("The Kremlin did say"))
    by_name = {a["source"]["name"]: a for a in paragraph["attributions"]}
    assert set(by_name) == {"Kremlin", "Vladimir Putin"}
    outer = by_name["Kremlin"]["content"][0]
    inner = by_name["Vladimir Putin"]["content"][0]
    assert outer["start"] <= inner["start"] and inner["end"] <= outer["end"]


def test_assertions_in_the_outlets_voice_are_unattributed(seed):
    claim = "The U.S and the UK have already sent military equipment to Ukraine."
    paragraph = next(p for p in seed["paragraphs"] if p["text"] == claim)
    assert paragraph["attributions"] == []
    assert [u["text"] for u in paragraph["unattributed"]] == [claim]
    assert paragraph["breakdown"]["unattributed"] == 1.0


def test_the_contract_holds_and_every_span_is_its_text(seed):
    Analysis.model_validate(seed)
    for paragraph in seed["paragraphs"]:
        for attribution in paragraph["attributions"]:
            spans = [attribution["cue"], attribution["source"], *attribution["content"]]
            for span in filter(None, spans):
                assert paragraph["text"][span["start"] : span["end"]] == span["text"]
    ids = [a["id"] for p in seed["paragraphs"] for a in p["attributions"]]
    assert len(ids) == len(set(ids))
