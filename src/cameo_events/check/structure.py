"""Structure stage: can a file be read, and does it have our columns, types and version?

A file that breaks an error-severity structure check is not value-checked:
its values would only produce a cascade of misleading violations.

Type comparison ignores two physical choices that do not change meaning:
dictionary-encoded versus plain columns of the same value type, and
``string`` versus ``large_string`` / ``string_view`` (pandas and polars write
the latter). Nullability is not compared: a null where the schema forbids one
is reported by the value checks of that column (``code.format``,
``date.impossible``, ...).

Examples
--------
>>> import pyarrow as pa
>>> from cameo_events.check.structure import same_type
>>> same_type(pa.dictionary(pa.int32(), pa.string()), pa.large_string())
True
>>> same_type(pa.int64(), pa.string())
False
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pyarrow as pa
import pyarrow.parquet as pq

from cameo_events.findings import Report
from cameo_events.schema.arrow import document_schema, event_schema
from cameo_events.schema.version import SCHEMA_VERSION

__all__ = [
    "VERSION_KEY",
    "FileKind",
    "ParquetInput",
    "check_columns",
    "check_schema_version",
    "expected_schema",
    "open_parquet",
    "same_type",
]

FileKind = Literal["events", "documents"]
#: Footer key-value metadata key holding the schema version (docs/release-format.md).
VERSION_KEY = b"cameo_events.schema_version"
_SEMVER = re.compile(r"^(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$")
_STRING_TYPES = (pa.string(), pa.large_string(), pa.string_view())


def expected_schema(kind: FileKind) -> pa.Schema:
    """The Arrow schema a file of ``kind`` records must follow."""
    return event_schema() if kind == "events" else document_schema()


def _value_type(arrow_type: pa.DataType) -> pa.DataType:
    if pa.types.is_dictionary(arrow_type):
        arrow_type = arrow_type.value_type
    return pa.string() if arrow_type in _STRING_TYPES else arrow_type


def same_type(actual: pa.DataType, expected: pa.DataType) -> bool:
    """True when ``actual`` stores the same values as ``expected`` (see module notes)."""
    return bool(_value_type(actual) == _value_type(expected))


def check_columns(schema: pa.Schema, kind: FileKind, file: str, report: Report) -> bool:
    """Report missing, extra and mistyped columns; True when values can be checked.

    Missing columns that the record model gives a default (``place``,
    ``negated``, ...) are still missing: a Parquet file carries every column.
    """
    expected = expected_schema(kind)
    ok = True
    for field in expected:
        index = schema.get_field_index(field.name)
        if index < 0:
            report.add("column.missing", file=file, record="file", field=field.name, detail=kind)
            ok = False
        elif not same_type(schema.field(index).type, field.type):
            report.add(
                "column.type",
                file=file,
                record="file",
                field=field.name,
                value=schema.field(index).type,
                expected=field.type,
            )
            ok = False
    for name in schema.names:
        # Hive partition columns (year=2025) are read back as columns by some tools.
        if expected.get_field_index(name) < 0 and name != "year":
            report.add("column.extra", file=file, record="file", field=name, detail=kind)
    return ok


def check_schema_version(version: object, file: str, report: Report) -> bool:
    """Report a schema version this package cannot read; True when it can.

    Readable means the same major version as :data:`SCHEMA_VERSION` (minor
    versions only add optional fields; see ``schema/VERSIONING.md``).

    >>> report = Report()
    >>> check_schema_version("1.3.0", "f", report), check_schema_version("2.0.0", "f", report)
    (True, False)
    """
    ours = SCHEMA_VERSION.split(".")[0]
    match = _SEMVER.match(version) if isinstance(version, str) else None
    if match and match.group(1) == ours:
        return True
    report.add(
        "schema.version",
        file=file,
        record="file",
        field="schema_version",
        value=repr(version),
        expected=SCHEMA_VERSION,
    )
    return False


@dataclass
class ParquetInput:
    """A Parquet file that opened, what it holds, and whether its values may be checked."""

    path: Path
    label: str
    kind: FileKind
    file: pq.ParquetFile
    ok: bool


def _kind_of(schema: pa.Schema) -> FileKind | None:
    names = set(schema.names)
    if "event_id" in names:
        return "events"
    if {"doc_id", "text"} <= names:
        return "documents"
    return None


def open_parquet(path: Path, label: str, report: Report) -> ParquetInput | None:
    """Open a Parquet file and run the structure checks on its footer.

    Returns None when the file cannot be read at all or holds neither events
    nor documents (both reported).
    """
    report.files.add(label)
    try:
        parquet = pq.ParquetFile(path)
        schema = parquet.schema_arrow
    # A corrupt footer can also surface as UnicodeDecodeError (a ValueError) in column names.
    except (pa.ArrowException, OSError, ValueError) as exc:
        report.add("file.unreadable", file=label, record="file", detail=f"not Parquet: {exc}")
        return None
    kind = _kind_of(schema)
    if kind is None:
        report.add("column.missing", file=label, record="file", field="event_id", detail="event")
        return None
    report.records += parquet.metadata.num_rows
    columns_ok = check_columns(schema, kind, label, report)
    metadata = schema.metadata or {}
    version_ok = True
    if VERSION_KEY in metadata:
        version = metadata[VERSION_KEY].decode("utf-8", "replace")
        version_ok = check_schema_version(version, label, report)
    else:
        # Other projects' files in our schema need not carry our footer keys.
        report.note(f"{label}: no schema version in the Parquet footer; assumed {SCHEMA_VERSION}")
    ok = columns_ok and version_ok
    if not ok:
        report.note(f"{label}: structure is broken, its value checks were skipped")
    return ParquetInput(path, label, kind, parquet, ok)
