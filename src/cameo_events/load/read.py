"""Read a located release's tables: events, documents and codebook, filtered, into a backend."""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds

from cameo_events.load.backends import Backend, check_columns, convert
from cameo_events.load.filters import (
    PARQUET,
    Filters,
    document_expression,
    event_expression,
    events_dataset,
)
from cameo_events.load.locate import Release, open_release
from cameo_events.schema.arrow import document_schema

__all__ = ["load_codebook", "load_documents", "load_events"]


def load_events(
    release: str = "latest",
    *,
    columns: Iterable[str] | None = None,
    filters: Filters = None,
    as_: Backend = "pandas",
    source: str | os.PathLike[str] | None = None,
    verify: bool = False,
    connection: Any = None,
) -> Any:
    """Load a release's events.

    Parameters
    ----------
    release
        ``"latest"`` or a release id (see :func:`list_releases`).
    columns
        Columns to return (default: all, plus the ``year`` partition column).
    filters
        A dict of :data:`~cameo_events.load.filters.EVENT_FILTERS` keys, e.g. ``{"date": ("2025-02-01",
        "2025-02-28"), "codes": ["19"], "actors": ["RUS*"]}`` (keys AND, the
        values of one key OR), or a ``pyarrow.compute.Expression``. Applied
        while reading: partitions and row groups that cannot match are skipped.
        A raw expression prunes ``year=`` partitions only through conditions on
        ``pc.field("year")`` (the ``date`` key adds them for you).
    as_
        ``"pandas"``, ``"arrow"``, ``"duckdb"`` or ``"polars"``; the types each
        returns are in the module docstring.
    source
        A dataset or release folder or URL; see :func:`open_release`.
    verify
        Check the sha256 of every local file read against the manifest
        (remote files are always checked, once per download).
    connection
        With ``as_="duckdb"``, the DuckDB connection to put the relation on.

    Returns
    -------
    pandas.DataFrame | pyarrow.Table | duckdb.DuckDBPyRelation | polars.DataFrame

    Examples
    --------
    >>> table = load_events(source=dataset, as_="arrow", filters={"actors": "RUSGOV"},
    ...                     columns=["event_id", "source_actor", "target_actor", "year"])
    >>> table.schema.field("year").type
    DataType(int16)
    >>> all("RUSGOV" in pair for pair in zip(table["source_actor"].to_pylist(),
    ...                                      table["target_actor"].to_pylist()))
    True
    """
    expression = event_expression(filters)
    opened = open_release(release, source=source)
    relative = opened.event_files(expression)
    paths = [str(opened.file(path, verify=verify)) for path in relative]
    dataset = events_dataset(paths, relative)
    table = dataset.to_table(columns=check_columns(columns, dataset.schema), filter=expression)
    return convert(table, as_, connection)


def _load_file(
    relative: str,
    schema: pa.Schema | None,
    opened: Release,
    columns: Iterable[str] | None,
    expression: pc.Expression | None,
    verify: bool,
) -> pa.Table:
    dataset = ds.dataset(str(opened.file(relative, verify=verify)), schema=schema, format=PARQUET)
    return dataset.to_table(columns=check_columns(columns, dataset.schema), filter=expression)


def load_documents(
    release: str = "latest",
    *,
    columns: Iterable[str] | None = None,
    filters: Filters = None,
    as_: Backend = "pandas",
    source: str | os.PathLike[str] | None = None,
    verify: bool = False,
    connection: Any = None,
) -> Any:
    """Load a release's source documents (``documents.parquet``).

    Parameters are those of :func:`load_events`; ``filters`` takes the keys of
    :data:`~cameo_events.load.filters.DOCUMENT_FILTERS` (``date`` applies to ``published``) or an expression.

    Examples
    --------
    >>> documents = load_documents(source=dataset, columns=["doc_id", "published"])
    >>> list(documents.columns)
    ['doc_id', 'published']
    """
    expression = document_expression(filters)
    opened = open_release(release, source=source)
    table = _load_file("documents.parquet", document_schema(), opened, columns, expression, verify)
    return convert(table, as_, connection)


def load_codebook(
    release: str = "latest",
    *,
    table: str = "event_codes",
    columns: Iterable[str] | None = None,
    as_: Backend = "pandas",
    source: str | os.PathLike[str] | None = None,
    verify: bool = False,
    connection: Any = None,
) -> Any:
    """Load one codebook table of a release (``codebook/<table>.parquet``).

    The release's own copy is the codebook it was validated against, which
    may differ from the one in this package
    (:func:`cameo_events.schema.packaged_codebook`).

    Parameters
    ----------
    table
        ``"event_codes"`` or ``"actor_atoms"`` (whatever the release's
        ``codebook/`` folder holds; an unknown name lists them).
    release, columns, as_, source, verify, connection
        As for :func:`load_events`.

    Examples
    --------
    >>> codes = load_codebook(source=dataset, as_="arrow")
    >>> "036" in codes["code"].to_pylist()
    True
    """
    opened = open_release(release, source=source)
    tables = sorted(
        path.removeprefix("codebook/").removesuffix(".parquet")
        for path in opened.manifest.paths("codebook/", ".parquet")
    )
    if table not in tables:
        message = (
            f"release {opened.id} has no codebook table {table!r}; it has: {', '.join(tables)}"
        )
        raise LookupError(message)
    # The codebook tables' columns are the release writer's to choose: read the file's schema.
    arrow = _load_file(f"codebook/{table}.parquet", None, opened, columns, None, verify)
    return convert(arrow, as_, connection)
