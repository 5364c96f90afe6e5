"""Examples and counterexamples: pydantic and the exported JSON Schema agree.

Each counterexample names the rule it breaks and whether JSON Schema can see
it (``"jsonschema": "reject"``) or not (``"accept"``: a rule tied to the
codebook or to two fields at once, which only the pydantic side enforces).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from pydantic import ValidationError

from cameo_events.schema import Event, event_json_schema, rule_ids

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

VALID = [json.loads(line) for line in (FIXTURES / "valid_events.jsonl").read_text().splitlines()]
INVALID = [
    json.loads(line) for line in (FIXTURES / "invalid_events.jsonl").read_text().splitlines()
]
VALIDATOR = jsonschema.Draft202012Validator(
    event_json_schema(), format_checker=jsonschema.FormatChecker()
)


def test_fixture_counts() -> None:
    assert len(VALID) >= 15 and len(INVALID) >= 25
    assert len({f["name"] for f in VALID + INVALID}) == len(VALID) + len(INVALID)


@pytest.mark.parametrize("fixture", VALID, ids=[f["name"] for f in VALID])
def test_valid_fixture_passes_both(fixture: dict[str, Any]) -> None:
    Event.model_validate(fixture["record"])
    assert list(VALIDATOR.iter_errors(fixture["record"])) == []


@pytest.mark.parametrize("fixture", INVALID, ids=[f["name"] for f in INVALID])
def test_invalid_fixture_is_rejected_with_its_rule(fixture: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as caught:
        Event.model_validate(fixture["record"])
    assert fixture["rule"] in rule_ids(caught.value)
    json_errors = list(VALIDATOR.iter_errors(fixture["record"]))
    if fixture["jsonschema"] == "reject":
        assert json_errors, "the JSON Schema should reject this record too"
    else:
        assert fixture["jsonschema"] == "accept" and fixture["note"], (
            "say why JSON Schema cannot see it"
        )
        assert json_errors == []


def test_errors_name_field_and_rule() -> None:
    record = dict(VALID[0]["record"], quad_class=3)
    with pytest.raises(ValidationError) as caught:
        Event.model_validate(record)
    message = str(caught.value)
    assert "[quad_class.mismatch]" in message and "'036'" in message
    record = dict(VALID[0]["record"], cameo_code="999")
    with pytest.raises(ValidationError) as caught:
        Event.model_validate(record)
    assert caught.value.errors()[0]["loc"] == ("cameo_code",)
