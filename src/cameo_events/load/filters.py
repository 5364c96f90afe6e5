"""Filters for the loader: a small dict API translated into pyarrow expressions, and pruning.

The expressions are pushed down to Parquet (:func:`events_dataset` is the
events of a release as one dataset whose ``year=`` partitions a filter
prunes), so equality tests are preferred over string functions: they let
row-group statistics skip data.
"""

from __future__ import annotations

import datetime
import functools
import operator
import re
from collections.abc import Iterable, Mapping
from typing import Any, TypeAlias

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.fs

from cameo_events.schema.arrow import event_schema

__all__ = [
    "DOCUMENT_FILTERS",
    "EVENT_FILTERS",
    "PARQUET",
    "YEAR",
    "Filters",
    "document_expression",
    "event_expression",
    "events_dataset",
]

_CODE = re.compile(r"^[0-9]{2,4}$")
_ROOT = re.compile(r"^[0-9]{2}$")
_ACTOR = re.compile(r"^[A-Z]{1,15}\*?$")
_COUNTRY = re.compile(r"^[A-Z]{3}$")

#: Filter keys of :func:`load_events`, and what each one matches.
EVENT_FILTERS = {
    "date": "(start, end): event_date from start to end, inclusive; None leaves a side open",
    "codes": "codes or prefixes: '19' matches root 19, '036' matches 036 and 036x, '0361' itself",
    "root_codes": "root codes, '01' to '20'",
    "actors": "source OR target actor equals one; 'RUS*' matches actors starting with RUS",
    "country": "source_country OR target_country is one of these ISO-3 codes",
    "quad_class": "quad classes, 1 to 4",
}
#: Filter keys of :func:`load_documents`.
DOCUMENT_FILTERS = {
    "date": "(start, end): published between start and end, both inclusive",
    "doc_ids": "document ids",
}

# pc.Expression is untyped (Any to mypy); the alias still documents the intent.
Filters: TypeAlias = "Mapping[str, Any] | pc.Expression | None"


def _as_list(key: str, value: Any, kind: type) -> list[Any]:
    """One value or an iterable of values, each checked to be of ``kind``."""
    values = [value] if isinstance(value, (str, int)) else list(value)
    for item in values:
        # bool is an int subclass; True is no quad class.
        if not isinstance(item, kind) or isinstance(item, bool):
            hint = " (codes are strings with their leading zeros: '036', not 36)"
            message = (
                f"filter {key!r}: {item!r} is a {type(item).__name__}, expected a"
                f" {kind.__name__}{hint if key in ('codes', 'root_codes') else ''}"
            )
            raise TypeError(message)
    if not values:
        message = f"filter {key!r} is empty; leave the key out to keep every row"
        raise ValueError(message)
    return values


def _check_pattern(key: str, values: Iterable[str], pattern: re.Pattern[str], shape: str) -> None:
    for value in values:
        if not pattern.match(value):
            message = f"filter {key!r}: {value!r} is not {shape}"
            raise ValueError(message)


def _as_date(key: str, value: Any) -> datetime.date | None:
    if value is None or type(value) is datetime.date:
        return value
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            pass
    message = f"filter {key!r}: {value!r} is not a date, an ISO date string (2025-02-18) or None"
    raise ValueError(message)


def _date_range(key: str, value: Any) -> tuple[datetime.date | None, datetime.date | None]:
    if isinstance(value, (str, datetime.date)) or len(value) != 2:
        message = f"filter {key!r} takes a pair (start, end), both inclusive; got {value!r}"
        raise ValueError(message)
    start, end = _as_date(key, value[0]), _as_date(key, value[1])
    if start is not None and end is not None and start > end:
        message = f"filter {key!r}: start {start} is after end {end}"
        raise ValueError(message)
    return start, end


def _between(column: str, start: Any, end: Any) -> list[pc.Expression]:
    parts = []
    if start is not None:
        parts.append(pc.field(column) >= pa.scalar(start))
    if end is not None:
        parts.append(pc.field(column) <= pa.scalar(end))
    return parts


def _either_side(kind: str, values: list[str]) -> pc.Expression:
    return pc.field(f"source_{kind}").isin(values) | pc.field(f"target_{kind}").isin(values)


def _date_filter(value: Any) -> list[pc.Expression]:
    start, end = _date_range("date", value)
    # Arrow cannot know that year= derives from event_date: saying so prunes partitions.
    years = _between(
        "year",
        None if start is None else pa.scalar(start.year, pa.int16()),
        None if end is None else pa.scalar(end.year, pa.int16()),
    )
    return _between("event_date", start, end) + years


def _codes_filter(value: Any) -> list[pc.Expression]:
    codes = _as_list("codes", value, str)
    _check_pattern("codes", codes, _CODE, "a CAMEO code or prefix of 2-4 digits")
    # A prefix of 2 or 3 digits is exactly the derived root_code / base_code column,
    # so equality (which Parquet statistics can prune) replaces starts_with.
    parts = []
    for column, length in (("root_code", 2), ("base_code", 3), ("cameo_code", 4)):
        chosen = sorted({c for c in codes if len(c) == length})
        if chosen:
            parts.append(pc.field(column).isin(chosen))
    return [functools.reduce(operator.or_, parts)]


def _root_codes_filter(value: Any) -> list[pc.Expression]:
    roots = _as_list("root_codes", value, str)
    _check_pattern("root_codes", roots, _ROOT, "a 2-digit root code ('01' to '20')")
    return [pc.field("root_code").isin(roots)]


def _actors_filter(value: Any) -> list[pc.Expression]:
    actors = _as_list("actors", value, str)
    _check_pattern("actors", actors, _ACTOR, "an actor code such as 'RUSGOV' or a prefix 'RUS*'")
    exact = [a for a in actors if not a.endswith("*")]
    parts = [_either_side("actor", exact)] if exact else []
    for prefix in (a[:-1] for a in actors if a.endswith("*")):
        for side in ("source_actor", "target_actor"):
            # starts_with has no kernel for dictionary columns; compare the strings.
            parts.append(pc.starts_with(pc.field(side).cast(pa.string()), prefix))
    return [functools.reduce(operator.or_, parts)]


def _country_filter(value: Any) -> list[pc.Expression]:
    countries = _as_list("country", value, str)
    _check_pattern("country", countries, _COUNTRY, "an ISO-3 country code such as 'RUS'")
    return [_either_side("country", countries)]


def _quad_class_filter(value: Any) -> list[pc.Expression]:
    classes = _as_list("quad_class", value, int)
    if any(not 1 <= q <= 4 for q in classes):
        message = f"filter 'quad_class': {classes!r} must be 1 to 4"
        raise ValueError(message)
    return [pc.field("quad_class").isin(pa.array(classes, pa.int8()))]


_EVENT_BUILDERS = {
    "date": _date_filter,
    "codes": _codes_filter,
    "root_codes": _root_codes_filter,
    "actors": _actors_filter,
    "country": _country_filter,
    "quad_class": _quad_class_filter,
}


def _published_filter(value: Any) -> list[pc.Expression]:
    return _between("published", *_date_range("date", value))


def _doc_ids_filter(value: Any) -> list[pc.Expression]:
    return [pc.field("doc_id").isin(_as_list("doc_ids", value, str))]


_DOCUMENT_BUILDERS = {"date": _published_filter, "doc_ids": _doc_ids_filter}


def _expression(
    filters: Filters, builders: Mapping[str, Any], allowed: Mapping[str, str]
) -> pc.Expression | None:
    if filters is None or isinstance(filters, pc.Expression):
        return filters
    if not isinstance(filters, Mapping):
        message = (
            f"filters must be a dict or a pyarrow.compute.Expression, not {type(filters).__name__}"
        )
        raise TypeError(message)
    unknown = sorted(set(filters) - set(allowed))
    if unknown:
        lines = "\n".join(f"  {key}: {meaning}" for key, meaning in allowed.items())
        message = (
            f"unknown filter key(s) {', '.join(map(repr, unknown))}; the allowed keys are:\n"
            f"{lines}\nor pass a pyarrow.compute.Expression for anything else"
        )
        raise ValueError(message)
    parts = [part for key, value in filters.items() for part in builders[key](value)]
    return functools.reduce(operator.and_, parts) if parts else None


def event_expression(filters: Filters) -> pc.Expression | None:
    """Translate an event filter dict into a pyarrow expression (None: keep every row).

    Keys (combined with AND; the values of one key with OR) are those of
    :data:`EVENT_FILTERS`. A value may be one item or a list. Codes are
    strings: ``"036"``, never ``36``. A ``pyarrow.compute.Expression`` is
    passed through unchanged, for anything the keys cannot say.

    Examples
    --------
    >>> print(event_expression({"root_codes": "19"}))
    is_in(root_code, {value_set=string:[
      "19"
    ], null_matching_behavior=MATCH})
    >>> event_expression({"date": ("2025-01-01", "2025-12-31"), "region": "EU"})
    Traceback (most recent call last):
    ...
    ValueError: unknown filter key(s) 'region'; the allowed keys are:
    ...
    """
    return _expression(filters, _EVENT_BUILDERS, EVENT_FILTERS)


def document_expression(filters: Filters) -> pc.Expression | None:
    """Translate a document filter dict (keys of :data:`DOCUMENT_FILTERS`) into an expression.

    >>> print(document_expression({"date": ("2025-02-01", None)}))
    (published >= 2025-02-01)
    """
    return _expression(filters, _DOCUMENT_BUILDERS, DOCUMENT_FILTERS)


# The partition column's declared type; without it Arrow would guess int32.
YEAR = pa.field("year", pa.int16())
_PARTITIONING = ds.partitioning(pa.schema([YEAR]), flavor="hive")
PARQUET = ds.ParquetFileFormat()


def events_dataset(paths: list[str], relative: list[str]) -> ds.FileSystemDataset:
    """Event files as one dataset, ``year`` taken from each file's ``year=`` folder."""
    partitions = [_PARTITIONING.parse(path.removeprefix("events/")) for path in relative]
    schema = event_schema().append(YEAR)
    return ds.FileSystemDataset.from_paths(
        paths,
        schema=schema,
        format=PARQUET,
        filesystem=pa.fs.LocalFileSystem(),
        partitions=partitions,
    )
