"""Value checks across records: duplicates, and events against their documents.

These rules need more than one batch at a time, so they run in DuckDB over
the files (Parquet is read in place; JSONL records are appended chunk by
chunk). DuckDB's hash aggregates and joins stream the input and spill to a
temporary folder past ``memory_limit``, so memory stays bounded whatever the
size.

Memory: ``event_id.duplicate`` is a ``GROUP BY event_id`` — DuckDB's hash
table holds each distinct 20-character id once, about 60-80 bytes per event
(roughly 150 MB for 2 million events) until ``memory_limit`` (default 1 GB),
beyond which it spills to disk. ``event.duplicate`` groups by the 7-column
identity key, about twice that. The document join holds each document's
text once (the smaller side of the join).

DuckDB is an optional dependency (``pip install 'cameo-events[duckdb]'``);
without it these rules are skipped and the report says so.

Rules: ``event_id.duplicate``, ``event.duplicate``, ``document.unknown``,
``date.after_publication``, ``span.outside_document``, ``span.text_mismatch``.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from types import TracebackType
from typing import Any

import pyarrow as pa

from cameo_events.check.inputs import Batch
from cameo_events.findings import Report

__all__ = ["CROSS_RULES", "CrossChecker"]

CROSS_RULES = (
    "event_id.duplicate",
    "event.duplicate",
    "document.unknown",
    "date.after_publication",
    "span.outside_document",
    "span.text_mismatch",
)
_SPANS = ("source", "target", "trigger")
# The fields the event id hashes (schema.models.make_event_id): the actors' start
# offsets tell coordinated actors apart ("Rubio, Waltz and Witkoff will meet ...").
_KEY = (
    "doc_id",
    "sentence_index",
    "source_actor",
    "source_start",
    "target_actor",
    "target_start",
    "cameo_code",
    "trigger_start",
    "trigger_end",
)
_EVENT_COLUMNS = (
    "event_id",
    *_KEY,
    "event_date",
    "hypothetical",
    "coding_method",
    *(f"{s}_{part}" for s in _SPANS for part in ("text", "start", "end")),
)
_EVENT_COLUMNS = tuple(dict.fromkeys(_EVENT_COLUMNS))  # drop the span columns _KEY repeats
# A plan or intention ("will meet on Tuesday") may carry the date it is for.
_AFTER_PUBLICATION = "event_date > published AND NOT coalesce(hypothetical, false)"


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


class CrossChecker:
    """Collect the event and document files of one release (or input), then check across them.

    Parameters
    ----------
    report
        Where violations go.
    memory_limit
        DuckDB's memory limit (``"1GB"``); past it, aggregates and joins spill to disk.
    """

    def __init__(self, report: Report, memory_limit: str = "1GB") -> None:
        self.report = report
        self.memory_limit = memory_limit
        self._event_parquet: list[tuple[Path, str]] = []
        self._doc_parquet: list[tuple[Path, str]] = []
        self._con: Any = None
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        self._has_table = False
        self.available = True
        try:
            import duckdb  # noqa: F401  (optional dependency, imported where used)
        except ImportError:
            self.available = False

    # -- collecting ----------------------------------------------------------
    def add_event_parquet(self, path: Path, label: str) -> None:
        """An event Parquet file whose structure is sound."""
        self._event_parquet.append((path, label))

    def add_document_parquet(self, path: Path, label: str) -> None:
        """A document Parquet file whose structure is sound."""
        self._doc_parquet.append((path, label))

    def add_event_batch(self, batch: Batch) -> None:
        """Events read from a JSONL file (copied into a DuckDB table)."""
        if not self.available:
            return
        con = self._connect()
        data = batch.data
        if isinstance(data, pa.RecordBatch):
            data = pa.Table.from_batches([data])
        chunk = data.select(list(_EVENT_COLUMNS))
        chunk = chunk.append_column("file", pa.array([batch.file] * len(batch), pa.string()))
        chunk = chunk.append_column("row", pa.array(batch.rows, pa.int64()))
        con.register("chunk", chunk)
        if not self._has_table:
            con.execute("CREATE TEMP TABLE batch_events AS SELECT * FROM chunk")
            self._has_table = True
        else:
            con.execute("INSERT INTO batch_events SELECT * FROM chunk")
        con.unregister("chunk")

    # -- running -------------------------------------------------------------
    def _connect(self) -> Any:
        if self._con is None:
            import duckdb

            self._tmp = tempfile.TemporaryDirectory(prefix="cameo-events-check-")
            self._con = duckdb.connect(
                ":memory:",
                config={
                    "memory_limit": self.memory_limit,
                    "temp_directory": self._tmp.name,
                },
            )
            # The report is the output; a progress bar on the terminal would garble it.
            self._con.execute("SET enable_progress_bar = false")
        return self._con

    def close(self) -> None:
        """Release DuckDB and its spill folder."""
        if self._con is not None:
            self._con.close()
            self._con = None
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    def __enter__(self) -> CrossChecker:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def run(self) -> None:
        """Run the cross-record rules over everything collected."""
        if not (self._event_parquet or self._has_table):
            return
        if not self.available:
            self.report.note(
                "duplicate and document checks were skipped: install duckdb"
                " (pip install 'cameo-events[duckdb]')"
            )
            return
        import duckdb

        con = self._connect()
        selects = [
            f"SELECT {', '.join(_EVENT_COLUMNS)}, {_quote(label)} AS file,"
            f" file_row_number AS row, 'row' AS row_kind FROM read_parquet({_quote(str(path))},"
            " file_row_number = true, hive_partitioning = false)"
            for path, label in self._event_parquet
        ]
        if self._has_table:
            selects.append(
                f"SELECT {', '.join(_EVENT_COLUMNS)}, file, row, 'line' AS row_kind"
                " FROM batch_events"
            )
        try:
            con.execute("CREATE OR REPLACE TEMP VIEW ev AS " + " UNION ALL ".join(selects))
            self._duplicates(con)
            if self._doc_parquet:
                self._documents(con)
            else:
                self.report.note("no documents: document and span-text checks were skipped")
        except duckdb.Error as exc:
            self.report.add(
                "file.unreadable",
                file=", ".join(label for _, label in self._event_parquet + self._doc_parquet),
                record="cross-record checks",
                detail=f"DuckDB could not read the files: {exc}",
            )

    def _emit(self, con: Any, check_id: str, sql: str) -> None:
        """Run a violations query (file, row, row_kind, record, field, value, expected, detail)."""
        cap = self.report.room(check_id)
        total_sql = f"SELECT count(*) FROM ({sql})"
        total = int(con.execute(total_sql).fetchone()[0])
        if not total:
            return
        rows = con.execute(f"{sql} ORDER BY file, row LIMIT {cap}").fetchall() if cap else []
        self.report.count_only(check_id, total - len(rows))
        for file, row, row_kind, record, field, value, expected, detail in rows:
            self.report.add(
                check_id,
                file=file,
                record=record,
                at=f"{row_kind} {row}, event {record}",
                field=field,
                value=value,
                expected=expected,
                detail=detail,
            )

    def _duplicates(self, con: Any) -> None:
        self._emit(
            con,
            "event_id.duplicate",
            """
            WITH d AS (SELECT event_id FROM ev GROUP BY event_id HAVING count(*) > 1),
            r AS (
                SELECT ev.file, ev.row, ev.row_kind, ev.event_id,
                       row_number() OVER w AS k,
                       first_value(ev.file) OVER w AS first_file,
                       first_value(ev.row) OVER w AS first_row
                FROM ev JOIN d USING (event_id)
                WINDOW w AS (PARTITION BY ev.event_id ORDER BY ev.file, ev.row)
            )
            SELECT file, row, row_kind, event_id, 'event_id', '''' || event_id || '''', '',
                   row_kind || ' ' || first_row || ' of ' || first_file
            FROM r WHERE k > 1
            """,
        )
        key = ", ".join(_KEY)
        # Imported rows carry no spans, so distinct GDELT/ICEWS rows of one article
        # would share this key; repeats among them are the source rules' job
        # (gdelt.duplicate), so they are left out here.
        coded = "coding_method IS DISTINCT FROM 'imported'"
        # Imported events may have null actors and spans: nulls must match nulls.
        same = " AND ".join(f"ev.{k} IS NOT DISTINCT FROM g.{k}" for k in _KEY)
        self._emit(
            con,
            "event.duplicate",
            f"""
            WITH g AS (
                SELECT {key} FROM ev WHERE {coded}
                GROUP BY {key} HAVING count(DISTINCT event_id) > 1
            ),
            r AS (
                SELECT ev.file, ev.row, ev.row_kind, ev.event_id,
                       first_value(ev.event_id) OVER w AS first_id,
                       first_value(ev.file) OVER w AS first_file,
                       first_value(ev.row) OVER w AS first_row
                FROM ev JOIN g ON {same}
                WHERE ev.{coded}
                WINDOW w AS (PARTITION BY {", ".join("ev." + k for k in _KEY)}
                             ORDER BY ev.file, ev.row)
            )
            SELECT file, row, row_kind, event_id, 'event_id', '''' || event_id || '''', first_id,
                   'event ' || first_id || ' (' || row_kind || ' ' || first_row
                   || ' of ' || first_file || ')'
            FROM r WHERE event_id <> first_id
            """,
        )

    def _documents(self, con: Any) -> None:
        sources = " UNION ALL ".join(
            f"SELECT doc_id, published, text FROM read_parquet({_quote(str(path))})"
            for path, _ in self._doc_parquet
        )
        # Materialised once so each text's length is computed once, not once per event.
        con.execute(
            "CREATE OR REPLACE TEMP TABLE docs AS SELECT DISTINCT ON (doc_id) doc_id, published,"
            f" text, length(text) AS n_chars FROM ({sources})"
        )
        flags = []
        for s in _SPANS:
            sound = (
                f"ev.{s}_start >= 0 AND ev.{s}_end > ev.{s}_start"
                f" AND ev.{s}_end - ev.{s}_start = length(ev.{s}_text)"
            )
            flags.append(
                f"ev.{s}_start >= 0 AND ev.{s}_end > ev.{s}_start AND ev.{s}_end > d.n_chars"
                f" AS {s}_outside,"
                f" CASE WHEN {sound} AND ev.{s}_end <= d.n_chars THEN substring(d.text,"
                f" ev.{s}_start + 1, ev.{s}_end - ev.{s}_start) END AS {s}_at"
            )
        # Only problem rows are kept, so the table is as small as the number of violations.
        problems = " OR ".join(
            ["known_doc IS NULL", _AFTER_PUBLICATION]
            + [f"{s}_outside" for s in _SPANS]
            + [f"{s}_at <> {s}_text" for s in _SPANS]
        )
        con.execute(
            f"""
            CREATE OR REPLACE TEMP TABLE doc_problems AS
            SELECT * FROM (
                SELECT ev.*, d.doc_id AS known_doc, d.published, d.n_chars, {", ".join(flags)}
                FROM ev LEFT JOIN docs d ON ev.doc_id = d.doc_id
            ) WHERE {problems}
            """
        )
        self._emit(
            con,
            "document.unknown",
            "SELECT file, row, row_kind, event_id, 'doc_id', '''' || doc_id || '''', '', ''"
            " FROM doc_problems WHERE known_doc IS NULL",
        )
        self._emit(
            con,
            "date.after_publication",
            "SELECT file, row, row_kind, event_id, 'event_date', CAST(event_date AS VARCHAR),"
            " CAST(published AS VARCHAR), doc_id FROM doc_problems WHERE " + _AFTER_PUBLICATION,
        )
        outside = " UNION ALL ".join(
            f"SELECT file, row, row_kind, event_id, '{s}_end',"
            f" '[' || {s}_start || ', ' || {s}_end || ')',"
            f" CAST(n_chars AS VARCHAR), doc_id FROM doc_problems WHERE {s}_outside"
            for s in _SPANS
        )
        self._emit(con, "span.outside_document", outside)
        mismatch = " UNION ALL ".join(
            f"SELECT file, row, row_kind, event_id, '{s}_text', '''' || {s}_text || '''',"
            f" '''' || {s}_at || '''', doc_id FROM doc_problems WHERE {s}_at <> {s}_text"
            for s in _SPANS
        )
        self._emit(con, "span.text_mismatch", mismatch)
