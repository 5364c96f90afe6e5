"""What the loader returns: one Arrow table turned into pandas, Arrow, DuckDB or Polars.

See :mod:`cameo_events.load` for the types each backend gives.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal, get_args

import pyarrow as pa

__all__ = ["Backend", "check_columns", "convert"]

Backend = Literal["pandas", "arrow", "duckdb", "polars"]


def check_columns(columns: Iterable[str] | None, schema: pa.Schema) -> list[str] | None:
    if columns is None:
        return None
    columns = [columns] if isinstance(columns, str) else list(columns)
    unknown = [c for c in columns if c not in schema.names]
    if unknown:
        message = f"unknown column(s) {unknown}; the columns are: {', '.join(schema.names)}"
        raise ValueError(message)
    return columns


def convert(table: pa.Table, as_: str, connection: Any) -> Any:
    """The table in the form ``as_`` names (see the module docstring for the types)."""
    if as_ not in get_args(Backend):
        message = f"as_={as_!r} is not one of {', '.join(map(repr, get_args(Backend)))}"
        raise ValueError(message)
    if connection is not None and as_ != "duckdb":
        message = f"connection= is only used with as_='duckdb', not as_={as_!r}"
        raise ValueError(message)
    if as_ == "arrow":
        return table
    if as_ == "pandas":
        # Explicit although they are the defaults: these choices are documented API.
        return table.to_pandas(date_as_object=True, strings_to_categorical=False)
    extra = "polars" if as_ == "polars" else "duckdb"
    try:
        module = __import__(extra)
    except ImportError as error:
        message = f"as_={as_!r} needs {extra}: pip install 'cameo-events[{extra}]'"
        raise ImportError(message) from error
    if as_ == "polars":
        return module.from_arrow(table)
    connection = connection if connection is not None else module.connect(":memory:")
    return connection.from_arrow(table)
