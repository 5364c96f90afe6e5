"""Property tests: generated valid events round-trip; mutated ones are rejected."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pyarrow as pa
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from cameo_events.schema import Event, event_schema, records_to_table, rule_ids, table_to_records
from tests.schema.strategies import events


@given(events())
def test_generated_events_are_valid(record: dict[str, Any]) -> None:
    Event.model_validate(record)


@given(events())
def test_json_round_trip(record: dict[str, Any]) -> None:
    event = Event.model_validate(record)
    assert Event.model_validate_json(event.model_dump_json()) == event


@settings(max_examples=50)
@given(st.lists(events(), min_size=1, max_size=20))
def test_arrow_round_trip(records: list[dict[str, Any]]) -> None:
    originals = [Event.model_validate(r) for r in records]
    table = records_to_table(originals, Event)
    assert table.schema.equals(event_schema())
    # Through Arrow IPC bytes too, so nothing survives only in Python objects.
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    restored = pa.ipc.open_stream(sink.getvalue()).read_all()
    assert list(table_to_records(restored, Event)) == originals


def _set(field: str, value: Any) -> Callable[[dict[str, Any]], None]:
    return lambda r: r.__setitem__(field, value)


def _drop(field: str) -> Callable[[dict[str, Any]], None]:
    return lambda r: r.pop(field)


def _shift_end(field: str) -> Callable[[dict[str, Any]], None]:
    def shift(r: dict[str, Any]) -> None:
        assume(r[f"{field}_end"] is not None)  # imported events may have no spans
        r[f"{field}_end"] += 1

    return shift


def _wrong_quad(r: dict[str, Any]) -> None:
    r["quad_class"] = r["quad_class"] % 4 + 1


def _wrong_goldstein(r: dict[str, Any]) -> None:
    r["goldstein"] = 10.0 if r["goldstein"] != 10.0 else -10.0


def _wrong_root(r: dict[str, Any]) -> None:
    r["root_code"] = "20" if r["root_code"] != "20" else "01"


def _int_code(r: dict[str, Any]) -> None:
    r["cameo_code"] = int(r["cameo_code"])


MUTATIONS: list[tuple[str, Callable[[dict[str, Any]], None]]] = [
    ("code.format", _int_code),
    ("code.format", _set("cameo_code", "12345")),
    ("code.unknown", _set("cameo_code", "099")),
    ("code.root_mismatch", _wrong_root),
    ("quad_class.mismatch", _wrong_quad),
    ("goldstein.mismatch", _wrong_goldstein),
    ("actor.grammar", _set("source_actor", "usa")),
    ("actor.bad_root", _set("target_actor", "GOVUSA")),
    ("span.length", _shift_end("trigger")),
    ("span.length", _shift_end("source")),
    ("field.missing", _drop("event_date")),
    ("field.extra", _set("comment", "x")),
    ("field.type", _set("confidence", 2.0)),
]


@pytest.mark.parametrize(
    ("rule", "mutate"), MUTATIONS, ids=[f"{i}-{r}" for i, (r, _) in enumerate(MUTATIONS)]
)
@settings(max_examples=25)
@given(record=events())
def test_mutations_are_rejected_with_their_rule(
    rule: str, mutate: Callable[[dict[str, Any]], None], record: dict[str, Any]
) -> None:
    mutate(record)
    with pytest.raises(ValidationError) as caught:
        Event.model_validate(record)
    assert rule in rule_ids(caught.value)
