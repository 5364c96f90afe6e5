"""Arrow schemas generated from the record models, and conversion both ways.

Column order, names and nullability come from the pydantic models; this
module only chooses the physical Arrow type of each Python type. Codes and
actors are dictionary-encoded (few distinct values, many rows), dates are
``date32`` and integers have explicit widths.

Examples
--------
>>> from cameo_events.schema.arrow import event_schema
>>> event_schema().field("cameo_code").type
DictionaryType(dictionary<values=string, indices=int32, ordered=0>)
>>> event_schema().field("event_date").type
DataType(date32[day])
"""

from __future__ import annotations

import datetime
import types
import typing
from collections.abc import Iterable, Sequence
from typing import Any, Literal, TypeVar

import pyarrow as pa
from pydantic import BaseModel

from cameo_events.schema.models import Document, Event
from cameo_events.schema.version import SCHEMA_VERSION

__all__ = [
    "DICTIONARY_COLUMNS",
    "document_schema",
    "event_schema",
    "records_to_table",
    "schema_for",
    "table_to_records",
]

#: String columns with few distinct values, stored dictionary-encoded.
DICTIONARY_COLUMNS = frozenset(
    {
        "cameo_code", "base_code", "root_code", "source_actor", "target_actor",
        "source_country", "target_country", "place_country", "date_granularity",
        "pattern_id", "coding_method", "coder_version", "dictionary_version",
        "publisher", "language", "licence", "source_corpus",
    }
)  # fmt: skip
#: Integer columns narrower than the int32 default.
_INT_WIDTHS = {"quad_class": pa.int8()}

_DICTIONARY = pa.dictionary(pa.int32(), pa.string())
M = TypeVar("M", bound=BaseModel)


def _arrow_type(name: str, annotation: Any) -> tuple[pa.DataType, bool]:
    """Physical type of one model field, and whether it is nullable."""
    nullable = False
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        nullable = type(None) in args
        (annotation,) = [a for a in args if a is not type(None)]
    if typing.get_origin(annotation) is typing.Annotated:
        return _arrow_type(name, typing.get_args(annotation)[0])
    if typing.get_origin(annotation) is Literal or (
        annotation is str and name in DICTIONARY_COLUMNS
    ):
        return _DICTIONARY, nullable
    simple: dict[Any, pa.DataType] = {
        str: pa.string(),
        bool: pa.bool_(),
        float: pa.float64(),
        int: _INT_WIDTHS.get(name, pa.int32()),
        datetime.date: pa.date32(),
    }
    if annotation not in simple:
        raise TypeError(f"no Arrow type for field {name!r} of type {annotation!r}")
    return simple[annotation], nullable


def schema_for(model: type[BaseModel]) -> pa.Schema:
    """The Arrow schema of a record model, with the schema version in its metadata."""
    fields = []
    for name, info in model.model_fields.items():
        arrow_type, nullable = _arrow_type(name, info.annotation)
        fields.append(pa.field(name, arrow_type, nullable=nullable))
    return pa.schema(fields, metadata={"cameo_events.schema_version": SCHEMA_VERSION})


def event_schema() -> pa.Schema:
    """Arrow schema of :class:`~cameo_events.schema.models.Event` rows."""
    return schema_for(Event)


def document_schema() -> pa.Schema:
    """Arrow schema of :class:`~cameo_events.schema.models.Document` rows."""
    return schema_for(Document)


def records_to_table(records: Sequence[BaseModel], model: type[BaseModel]) -> pa.Table:
    """Turn validated records into an Arrow table of the model's schema."""
    rows = [record.model_dump() for record in records]
    return pa.Table.from_pylist(rows, schema=schema_for(model))


def table_to_records(table: pa.Table | pa.RecordBatch, model: type[M]) -> Iterable[M]:
    """Validate each row of an Arrow table back into a record (partition columns dropped)."""
    names = [n for n in table.schema.names if n in model.model_fields]
    for row in table.select(names).to_pylist():
        yield model.model_validate(row)
