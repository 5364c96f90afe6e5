"""Field constraints (patterns, enums, ranges, lengths) read from the models' JSON Schema.

The record models are the one source of truth for what a field may hold;
their JSON Schema lists each field's ``pattern``, ``enum``, ``minimum``,
``maximum`` and ``minLength``. This module turns those into vectorised masks
reported as ``field.constraint``, except for fields that a more specific rule
already judges (codes, actors, countries, spans, places, Goldstein, quad
class, document ids), so one fault gives one violation.

Examples
--------
>>> from cameo_events.check.constraints import constraints_for
>>> [c.describe() for c in constraints_for("events") if c.field == "confidence"]
['>= 0', '<= 1']
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, partial
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from cameo_events.check.inputs import Batch
from cameo_events.check.structure import FileKind, expected_schema
from cameo_events.check.values import const, emit, on_distinct
from cameo_events.findings import Report
from cameo_events.schema.export import document_json_schema, event_json_schema

__all__ = ["Constraint", "check_constraints", "constraints_for"]

_SPAN_FIELDS = {
    f"{s}_{p}" for s in ("source", "target", "trigger") for p in ("text", "start", "end")
}
# Judged by specific rules (code.*, actor.*, span.*, location.*, ...).
_COVERED: dict[FileKind, frozenset[str]] = {
    "events": frozenset(
        {
            "cameo_code",
            "base_code",
            "root_code",
            "quad_class",
            "goldstein",
            "source_actor",
            "target_actor",
            "source_country",
            "target_country",
            "latitude",
            "longitude",
            "event_date",
        }
        | _SPAN_FIELDS
    ),
    "documents": frozenset({"doc_id", "published"}),
}
_KINDS = ("pattern", "enum", "minimum", "maximum", "minLength")


@dataclass(frozen=True)
class Constraint:
    """One JSON Schema keyword on one field."""

    field: str
    keyword: str
    param: Any

    def describe(self) -> str:
        """The constraint in words for messages (``>= 0``, ``one of day, week``)."""
        if self.keyword == "pattern":
            return f"matches {self.param}"
        if self.keyword == "enum":
            return "one of " + ", ".join(map(str, self.param))
        if self.keyword == "minLength":
            return f"at least {self.param} characters"
        return f"{'>=' if self.keyword == 'minimum' else '<='} {self.param}"

    def violated(self, col: pa.Array) -> pa.Array:
        """Boolean mask of rows breaking the constraint (nulls: not judged here)."""
        if self.keyword == "pattern":
            return pc.invert(
                on_distinct(col, partial(pc.match_substring_regex, pattern=self.param))
            )
        if self.keyword == "enum":
            values = pa.array(self.param)
            return pc.invert(on_distinct(col, partial(pc.is_in, value_set=values)))
        if self.keyword == "minLength":
            return pc.less(on_distinct(col, pc.utf8_length), self.param)
        if self.keyword == "minimum":
            return pc.less(col, self.param)
        return pc.greater(col, self.param)


@cache
def constraints_for(kind: FileKind) -> tuple[Constraint, ...]:
    """The constraints of ``kind`` records not covered by a specific rule."""
    schema = event_json_schema() if kind == "events" else document_json_schema()
    found = []
    for name, prop in schema["properties"].items():
        if name in _COVERED[kind]:
            continue
        # Nullable fields are {"anyOf": [{...constraints}, {"type": "null"}]}.
        branches = prop.get("anyOf", [prop])
        for branch in branches:
            for keyword in _KINDS:
                if keyword in branch:
                    found.append(Constraint(name, keyword, branch[keyword]))
    return tuple(found)


def check_constraints(batch: Batch, kind: FileKind, report: Report) -> None:
    """Report rows of ``batch`` breaking a field constraint or null where null is not allowed."""
    schema = expected_schema(kind)
    for field in schema:
        if field.name in _COVERED[kind] or field.nullable:
            continue
        col = batch.column(field.name)
        if col.null_count:
            mask = np.asarray(col.is_null().to_numpy(zero_copy_only=False), dtype=np.bool_)
            emit(
                report,
                batch,
                mask,
                "field.constraint",
                field.name,
                const("null"),
                expected=const("not null"),
            )
    for constraint in constraints_for(kind):
        col = batch.column(constraint.field)
        bad = pc.fill_null(constraint.violated(col), False)
        mask = np.asarray(bad.to_numpy(zero_copy_only=False), dtype=np.bool_)
        value = col.dictionary_decode() if pa.types.is_dictionary(col.type) else col

        def shown(i: int, value: pa.Array = value) -> object:
            item = value[i].as_py()
            return repr(item) if isinstance(item, str) else item

        emit(
            report,
            batch,
            mask,
            "field.constraint",
            constraint.field,
            shown,
            expected=const(constraint.describe()),
        )
