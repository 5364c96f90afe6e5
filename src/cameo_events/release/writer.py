"""The one release writer: bounded memory, whatever the number of rows.

Builds (coder or gold events) and conversions (imported rows) both write
through it. Records are spilled in Arrow record batches to temporary Parquet
files in the dataset's staging folder (:mod:`cameo_events.release.spill`),
and DuckDB, under a memory limit and with its own temporary folder there,
sorts, deduplicates and joins them out of core; sorted batches stream from
DuckDB into the release's Parquet writers. Memory is bounded by the batch
size, one Parquet row group and DuckDB's limit.

The release is what ``docs/release-format.md`` specifies: events sorted by
``event_date, doc_id, sentence_index, trigger_start, event_id`` (ties in input
order), documents by ``doc_id``, the content hash over documents then events
sorted by id. The test suite holds it to an in-memory oracle
(``tests/releases.py``): same rows in the same order, same content hash and
release id, same manifest, cards and ``changes.parquet``, and byte-identical
files up to one row group (128k rows). Documents are deduplicated by
``doc_id``, keeping the first one added (an imported source names the same
article on many rows). Event ids are taken to be unique, as the checker
requires and the converters ensure.

Examples
--------
>>> from cameo_events.release.writer import ReleaseWriter
>>> with ReleaseWriter("dataset") as stream:  # doctest: +SKIP
...     for event, document in rows:
...         stream.add_event(event)
...         stream.add_document(document)
...     written = stream.publish(spec)
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from cameo_events.release.cards import ReleaseSummary
from cameo_events.release.diff import CHANGES_SCHEMA, changes_query, content_hash
from cameo_events.release.files import ParquetRowGroups
from cameo_events.release.publish import (
    ReleaseContents,
    ReleaseSpec,
    Validator,
    WrittenRelease,
    publish,
    release_id_for,
    staging_area,
)
from cameo_events.release.spill import SEQUENCE, JsonSpill, RecordSpill
from cameo_events.schema import Document, Event, document_schema, event_schema
from cameo_events.schema.release_format import RejectEntry

__all__ = ["BATCH_ROWS", "MEMORY_LIMIT", "ReleaseWriter", "write_release"]

#: Records per spill file and per batch fetched from DuckDB.
BATCH_ROWS = 50_000
#: DuckDB's memory limit; beyond it, DuckDB spills to the staging folder.
MEMORY_LIMIT = "256MB"

_EVENTS = list(Event.model_fields)
_DOCUMENTS = list(Document.model_fields)
# The release's event order (docs/release-format.md), then input order: a stable sort.
_FILE_ORDER = "event_date, doc_id, sentence_index, trigger_start NULLS FIRST, event_id, _seq"
# The content hash reads events by id (ties: the file order, then input order).
_HASH_ORDER = "event_id, event_date, doc_id, sentence_index, trigger_start NULLS FIRST, _seq"
# Rows turned into Python dicts at a time (for the content hash).
_PYTHON_ROWS = 2_048
# Forget doc ids seen this long ago: DuckDB deduplicates anyway, this only saves spilling.
_RECENT_DOCUMENTS = 100_000


def _literal(path: Path | str) -> str:
    return "'" + str(path).replace("'", "''") + "'"


class ReleaseWriter:
    """A release being written from records added one at a time (or a batch at a time).

    Use as a context manager: entering takes the dataset's build lock and an
    empty staging folder; leaving removes the staging folder, published or
    not, so an interrupted write leaves no partial release.

    Parameters
    ----------
    dataset
        The dataset folder (``releases/`` and ``catalog.json`` live in it).
    batch_rows
        Records kept in memory before they are spilled, and rows per batch
        fetched from DuckDB.
    memory_limit
        DuckDB's memory limit (``'512MB'``, ``'2GB'``).
    """

    def __init__(
        self,
        dataset: Path | str,
        *,
        batch_rows: int = BATCH_ROWS,
        memory_limit: str = MEMORY_LIMIT,
    ) -> None:
        self.dataset = Path(dataset)
        self.batch_rows = batch_rows
        self.memory_limit = memory_limit
        self._stack = ExitStack()
        self._recent: set[str] = set()

    def __enter__(self) -> ReleaseWriter:
        self._root = self._stack.enter_context(staging_area(self.dataset))
        self._spill = self._root / ".spill"  # a dot name: never a release id
        self._spill.mkdir()
        self._events = RecordSpill(self._spill, "events", Event, self.batch_rows)
        self._documents = RecordSpill(self._spill, "documents", Document, self.batch_rows)
        self._rejects = JsonSpill(self._spill / "rejects.jsonl")
        self._stack.callback(self._rejects.close)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._stack.close()

    def add_event(self, event: Event) -> None:
        """Add one event."""
        self._events.add(event)

    def add_event_batch(self, batch: pa.RecordBatch) -> None:
        """Add a batch of event rows in the event schema (already valid: not re-checked)."""
        self._events.add_batch(batch)

    def add_document(self, document: Document) -> None:
        """Add a document; one already added under the same ``doc_id`` is kept instead."""
        if document.doc_id in self._recent:
            return
        if len(self._recent) >= _RECENT_DOCUMENTS:
            self._recent.clear()
        self._recent.add(document.doc_id)
        self._documents.add(document)

    def add_reject(self, reject: RejectEntry) -> None:
        """Add an entry of ``rejects.json``, listed after the spec's own ``rejects``."""
        self._rejects.add(reject.model_dump(mode="json"))

    def publish(
        self,
        spec: ReleaseSpec,
        *,
        validate: Validator | None = None,
        progress: Callable[[str], None] = lambda message: None,
    ) -> WrittenRelease:
        """Sort, hash and write everything added as a release; publish it if it checks clean."""
        self._events.close()
        self._documents.close()
        self._rejects.close()
        progress(f"spilled {self._events.rows} events in {self._events.files} files")
        with self._connect() as con:
            progress("sorted the spilled rows out of core")
            digest, newest = self._digest(con)
            progress(f"content hash {digest}")
            release_id = release_id_for(spec, newest, digest)

            def write_tables(
                staging: Path, footer: dict[str, str], previous: Path | None
            ) -> ReleaseContents:
                return self._write_tables(con, spec, staging, footer, previous, progress)

            return publish(
                self.dataset, self._root, spec, release_id, digest, write_tables, validate=validate
            )

    def _connect(self) -> duckdb.DuckDBPyConnection:
        """A DuckDB connection with the spilled rows sorted into the views it reads.

        Every sort is a ``COPY (... ORDER BY ...)`` into a Parquet file of the
        spill folder: a sort feeding a file spills to disk under the memory
        limit, where one feeding a slowly read streaming result runs out of
        memory. Scans of those files keep their order (insertion order is
        preserved), so reading them needs no second sort.
        """
        con = duckdb.connect(
            config={
                "memory_limit": self.memory_limit,
                "temp_directory": str(self._spill / "duckdb"),
                "preserve_insertion_order": True,
                # Each thread keeps buffers beyond the limit, and sorting is a
                # small part of a conversion: one thread keeps the peak low.
                "threads": 1,
            }
        )
        events = f"read_parquet({_literal(self._events.glob)})"
        documents = f"read_parquet({_literal(self._documents.glob)})"
        self._sort(
            con,
            "documents",
            f"SELECT {', '.join(_DOCUMENTS)} FROM {documents}"
            f" QUALIFY row_number() OVER (PARTITION BY doc_id ORDER BY {SEQUENCE}) = 1"
            " ORDER BY doc_id",
        )
        self._sort(con, "events", f"SELECT * FROM {events} ORDER BY {_FILE_ORDER}")
        self._sort(con, "events_by_id", f"SELECT * FROM {events} ORDER BY {_HASH_ORDER}")
        return con

    def _sort(self, con: duckdb.DuckDBPyConnection, name: str, sql: str) -> None:
        """Write the rows of ``sql``, in its order, to a spill file read as view ``name``."""
        path = _literal(self._spill / f"sorted-{name}.parquet")
        con.execute(f"COPY ({sql}) TO {path} (FORMAT parquet)")
        con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet({path})")

    def _batches(self, con: duckdb.DuckDBPyConnection, sql: str) -> Iterator[pa.RecordBatch]:
        # A streaming result: DuckDB produces batches as they are read.
        yield from con.sql(sql).to_arrow_reader(self.batch_rows)

    def _rows(self, con: duckdb.DuckDBPyConnection, sql: str) -> Iterator[dict[str, Any]]:
        for batch in self._batches(con, sql):
            # Python rows are ~20x the size of Arrow ones: convert a few at a time.
            for start in range(0, batch.num_rows, _PYTHON_ROWS):
                yield from batch.slice(start, _PYTHON_ROWS).to_pylist()

    def _digest(self, con: duckdb.DuckDBPyConnection) -> tuple[str, datetime.date | None]:
        """The content hash and the newest publication date."""
        ((newest,),) = con.sql("SELECT max(published) FROM documents").fetchall()
        digest = content_hash(
            self._rows(con, f"SELECT {', '.join(_DOCUMENTS)} FROM documents"),
            self._rows(con, f"SELECT {', '.join(_EVENTS)} FROM events_by_id"),
        )
        return digest, newest

    def _write_tables(
        self,
        con: duckdb.DuckDBPyConnection,
        spec: ReleaseSpec,
        staging: Path,
        footer: dict[str, str],
        previous: Path | None,
        progress: Callable[[str], None],
    ) -> ReleaseContents:
        rows: dict[str, int | None] = {}
        rows.update(self._write_events(con, staging, footer, progress))
        with ParquetRowGroups(staging / "documents.parquet", document_schema(), footer) as out:
            sql = f"SELECT {', '.join(_DOCUMENTS)} FROM documents"
            for batch in self._batches(con, sql):
                out.write(batch)
        rows["documents.parquet"] = out.rows
        progress(f"wrote {out.rows} documents to documents.parquet")
        self._sort(con, "changes", self._changes_sql(con, previous))
        with ParquetRowGroups(staging / "changes.parquet", CHANGES_SCHEMA, footer) as out:
            for batch in self._batches(con, "SELECT * FROM changes"):
                out.write(batch)
        rows["changes.parquet"] = out.rows
        progress(f"wrote {out.rows} changes against {previous.name if previous else 'no release'}")
        return ReleaseContents(
            rows=rows,
            documents=rows["documents.parquet"] or 0,
            events=self._events.rows,
            changes=out.rows,
            summary=self._summary(con),
            rejects=_chain(spec.rejects, self._rejects),
            rejected=len(spec.rejects) + self._rejects.count,
        )

    def _write_events(
        self,
        con: duckdb.DuckDBPyConnection,
        staging: Path,
        footer: dict[str, str],
        progress: Callable[[str], None],
    ) -> dict[str, int | None]:
        """``events/year=YYYY/part-0.parquet`` in one sorted pass (dates sort years too)."""
        rows: dict[str, int | None] = {}
        sql = f"SELECT {', '.join(_EVENTS)}, year(event_date) AS _year FROM events"
        runs = (run for batch in self._batches(con, sql) for run in _by_year(batch))
        for year, parts in itertools.groupby(runs, key=lambda run: run[0]):
            path = f"events/year={year}/part-0.parquet"
            with ParquetRowGroups(staging / path, event_schema(), footer) as out:
                for _, part in parts:
                    out.write(part)
            rows[path] = out.rows
            progress(f"wrote {out.rows} events to {path}")
        return rows

    def _changes_sql(self, con: duckdb.DuckDBPyConnection, previous: Path | None) -> str:
        files = sorted(previous.glob("events/*/*.parquet")) if previous else []
        if not files:
            # Everything is new: no join needed (events_by_id is in event_id order).
            return "SELECT event_id, 'added' AS change, NULL::VARCHAR AS fields FROM events_by_id"
        listed = "[" + ", ".join(_literal(f) for f in files) + "]"
        relation = f"read_parquet({listed}, hive_partitioning = false, union_by_name = true)"
        columns = {row[0] for row in con.sql(f"DESCRIBE SELECT * FROM {relation}").fetchall()}
        return changes_query("events_by_id", f"(SELECT * FROM {relation})", columns)

    def _summary(self, con: duckdb.DuckDBPyConnection) -> ReleaseSummary:
        roots = con.sql("SELECT root_code, count(*) FROM events GROUP BY root_code").fetchall()
        ((first, last),) = con.sql("SELECT min(event_date), max(event_date) FROM events").fetchall()
        publishers = con.sql("SELECT DISTINCT publisher FROM documents").fetchall()
        return ReleaseSummary(
            roots={str(root): int(count) for root, count in roots},
            first=first,
            last=last,
            publishers=frozenset(str(p) for (p,) in publishers),
        )


def _by_year(batch: pa.RecordBatch) -> Iterator[tuple[int, pa.RecordBatch]]:
    """Split a batch sorted by date into runs of one year each."""
    years = batch.column("_year")
    if not batch.num_rows:
        return
    if years[0].as_py() == years[-1].as_py():
        yield int(years[0].as_py()), batch
        return
    for year in pc.unique(years).to_pylist():
        yield int(year), batch.filter(pc.equal(years, year))


def _chain(first: Iterable[RejectEntry], then: JsonSpill) -> Iterator[RejectEntry]:
    yield from first
    for item in then:
        yield RejectEntry.model_validate(item)


def write_release(
    dataset: Path | str,
    spec: ReleaseSpec,
    documents: Iterable[Document],
    events: Iterable[Event] | Iterable[pa.RecordBatch],
    *,
    validate: Validator | None = None,
    progress: Callable[[str], None] = lambda message: None,
    batch_rows: int = BATCH_ROWS,
    memory_limit: str = MEMORY_LIMIT,
) -> WrittenRelease:
    """Write a release of ``documents`` and ``events`` into ``dataset``, in bounded memory.

    ``events`` yields :class:`~cameo_events.schema.Event` records or Arrow
    record batches of event rows; each iterable is read once.

    Parameters
    ----------
    validate
        Called on the staged folder before it is published; returns problems
        (an empty list means clean). Any problem aborts the release
        (:class:`~cameo_events.errors.ReleaseCheckError`).
    """
    with ReleaseWriter(dataset, batch_rows=batch_rows, memory_limit=memory_limit) as stream:
        for document in documents:
            stream.add_document(document)
        for item in events:
            if isinstance(item, pa.RecordBatch):
                stream.add_event_batch(item)
            else:
                stream.add_event(item)
        return stream.publish(spec, validate=validate, progress=progress)
