"""schemathesis against the app in process: requests made from the OpenAPI document, valid
and not, must get the answers the document promises (every check schemathesis has).

About 300 seeded examples run in `make test`; `make fuzz` runs 5,000
(SOURCEMARK_FUZZ_EXAMPLES). The figures are printed (pytest -s shows them).
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.config import SchemathesisConfig
from schemathesis.generation import GenerationMode

from sourcemark.api import create_app

EXAMPLES = int(os.environ.get("SOURCEMARK_FUZZ_EXAMPLES", "300"))
tried: dict[str, int] = {}


# How invalid data may be refused: schemathesis' list, less 5xx, plus 413 for a paragraph
# over maxLength or a list over maxItems, as the document says.
REJECTIONS = ["400", "401", "403", "404", "405", "406", "409", "413", "415", "422", "428", "429"]
CONFIG = {"checks": {"negative_data_rejection": {"expected-statuses": REJECTIONS}}}


@pytest.fixture(scope="module")
def schema(pipeline):
    app = create_app(pipeline=pipeline)
    config = SchemathesisConfig.from_dict(CONFIG)
    return schemathesis.openapi.from_wsgi("/openapi.json", app, config=config)


def operations(schema):
    return [
        schema[path][method] for path, method in (("/v1/health", "GET"), ("/v1/analyze", "POST"))
    ]


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_the_server_keeps_the_documents_promises(schema, mode):
    strategy = st.one_of([op.as_strategy(generation_mode=mode) for op in operations(schema)])
    # Seeded (derandomize), so a run is repeatable; the valid and invalid halves share them.
    examples = EXAMPLES // 2

    @settings(
        max_examples=examples,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def run(case):
        tried[mode] = tried.get(mode, 0) + 1
        case.call_and_validate()

    run()
    print(f"\nschemathesis ({mode}): {tried[mode]} examples tried, 0 failures")
    assert tried[mode] >= examples * 0.9
