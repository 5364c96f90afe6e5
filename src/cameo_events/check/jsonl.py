"""Read a JSONL file of event records into batches, checking each line's structure.

JSON has no column types, so structure is checked per record: unparsable
lines (``file.unreadable``), missing and extra keys (``column.missing``,
``column.extra``), values of the wrong JSON type (``column.type``) and event
codes that are numbers rather than strings (``code.format``, the most common
fault of hand-made files). Records that break an error-severity check here are
left out of the value checks. Lines are parsed one at a time (JSON parsing is
per line whatever the tool) and handed on in chunks of Arrow rows, so memory
holds one chunk.

Examples
--------
>>> from cameo_events.check.jsonl import json_type_problem
>>> import pyarrow as pa
>>> json_type_problem(36, pa.string()) is not None, json_type_problem("036", pa.string())
(True, None)
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from cameo_events.check.inputs import DEFAULT_BATCH_ROWS, Batch
from cameo_events.findings import Report
from cameo_events.schema.arrow import event_schema
from cameo_events.schema.models import Event

__all__ = ["iter_jsonl", "json_type_problem"]

_CODE_COLUMNS = frozenset({"cameo_code", "base_code", "root_code"})
# A null here is judged by the value checks (code.format, date.impossible, ...).
_VALUE_CHECKED_NULLS = _CODE_COLUMNS | {"event_date", "source_actor", "target_actor"}


def json_type_problem(value: object, arrow_type: pa.DataType) -> str | None:
    """Why a JSON value cannot fill a column of ``arrow_type`` (None: it can)."""
    if pa.types.is_dictionary(arrow_type):
        arrow_type = arrow_type.value_type
    if pa.types.is_string(arrow_type):
        return None if isinstance(value, str) else "a string"
    if pa.types.is_boolean(arrow_type):
        return None if isinstance(value, bool) else "true or false"
    # bool is an int in Python but never a number in a record.
    if pa.types.is_integer(arrow_type):
        return None if isinstance(value, int) and not isinstance(value, bool) else "an integer"
    if pa.types.is_floating(arrow_type):
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        return None if ok else "a number"
    if pa.types.is_date(arrow_type):
        if isinstance(value, str) and len(value) == 10:
            try:
                datetime.date.fromisoformat(value)
            except ValueError:
                return "an ISO date YYYY-MM-DD"
            return None
        return "an ISO date YYYY-MM-DD"
    return f"a value of type {arrow_type}"


def _record_ok(obj: dict[str, Any], line: int, file: str, report: Report) -> bool:
    """Check one record's keys and JSON types; convert dates in place."""
    ident = obj.get("event_id")
    record = ident if isinstance(ident, str) and ident else f"line {line}"
    at = f"line {line}" + (f", event {ident}" if record == ident else "")
    ok = True
    for name, info in Event.model_fields.items():
        if name not in obj and info.is_required():
            report.add(
                "column.missing", file=file, record=record, at=at, field=name, detail="event"
            )
            ok = False
    for name in obj.keys() - Event.model_fields.keys():
        report.add("column.extra", file=file, record=record, at=at, field=name, detail="event")
    schema = event_schema()
    for field in schema:
        if field.name not in obj:
            continue
        value = obj[field.name]
        if value is None:
            if field.nullable or field.name in _VALUE_CHECKED_NULLS:
                continue
            problem: str | None = "a value (null is not allowed)"
        else:
            problem = json_type_problem(value, field.type)
        if problem is None:
            if pa.types.is_date(field.type):
                obj[field.name] = datetime.date.fromisoformat(value)
            continue
        ok = False
        if field.name in _CODE_COLUMNS:
            report.add(
                "code.format",
                file=file,
                record=record,
                at=at,
                field=field.name,
                value=json.dumps(value),
                expected="2-4",
            )
        else:
            report.add(
                "column.type",
                file=file,
                record=record,
                at=at,
                field=field.name,
                value=json.dumps(value),
                expected=problem,
            )
    return ok


def _batch(file: str, rows: list[dict[str, Any]], lines: list[int]) -> Batch:
    table = pa.Table.from_pylist(rows, schema=event_schema())
    return Batch(file, table, np.asarray(lines, dtype=np.int64), "line")


def iter_jsonl(
    path: Path, label: str, report: Report, batch_rows: int = DEFAULT_BATCH_ROWS
) -> Iterator[Batch]:
    """Stream the structurally sound records of a JSONL file as batches."""
    report.files.add(label)
    rows: list[dict[str, Any]] = []
    lines: list[int] = []
    skipped = 0
    with path.open("rb") as handle:
        for line, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                obj = json.loads(raw)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                report.add(
                    "file.unreadable",
                    file=label,
                    record=f"line {line}",
                    detail=f"line {line} is not JSON: {exc}",
                )
                continue
            if not isinstance(obj, dict):
                report.add(
                    "file.unreadable",
                    file=label,
                    record=f"line {line}",
                    detail=f"line {line} is not a JSON object",
                )
                continue
            report.records += 1
            if not _record_ok(obj, line, label, report):
                skipped += 1
                continue
            rows.append(obj)
            lines.append(line)
            if len(rows) >= batch_rows:
                yield _batch(label, rows, lines)
                rows, lines = [], []
    if rows:
        yield _batch(label, rows, lines)
    if skipped:
        report.note(f"{label}: {skipped} records with structure errors were not value-checked")
