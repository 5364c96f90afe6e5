"""Decide what a path is and run the stages over it: structure, values, release.

A path may be a dataset folder (``catalog.json``: the catalog, then every
release), a release folder (``manifest.json``), a Parquet file or a folder of
Parquet files (events and/or documents, told apart by their columns), or a
JSONL file of event records.

Examples
--------
>>> from cameo_events.check.engine import CheckUsageError, check_path
>>> try:
...     check_path("no/such/release")
... except CheckUsageError as exc:
...     print(str(exc).split(";")[0])
no/such/release does not exist
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyarrow as pa

from cameo_events.check.constraints import check_constraints
from cameo_events.check.cross import CrossChecker
from cameo_events.check.inputs import DEFAULT_BATCH_ROWS, iter_parquet
from cameo_events.check.jsonl import iter_jsonl
from cameo_events.check.release import check_catalog, check_manifest
from cameo_events.check.structure import open_parquet
from cameo_events.check.values import DocumentValues, EventValues
from cameo_events.errors import UsageError
from cameo_events.findings import DEFAULT_CAP, Report

__all__ = ["JSONL_SUFFIXES", "CheckUsageError", "check_path"]

JSONL_SUFFIXES = (".jsonl", ".ndjson")
_WHAT = (
    "give a dataset folder (catalog.json), a release folder (manifest.json),"
    " a Parquet file or folder, or a .jsonl file"
)


class CheckUsageError(UsageError):
    """The check cannot start: the path is missing, of unknown format, or an option is wrong."""


class _Run:
    """One check run's settings and report."""

    def __init__(self, report: Report, batch_rows: int, memory_limit: str) -> None:
        self.report = report
        self.batch_rows = batch_rows
        self.memory_limit = memory_limit

    def parquet(self, files: Iterable[Path]) -> None:
        """Structure, values, then cross-record checks of Parquet files that belong together."""
        report = self.report
        events, documents = EventValues(report), DocumentValues(report)
        with CrossChecker(report, self.memory_limit) as cross:
            for path in files:
                source = open_parquet(path, str(path), report)
                if source is None or not source.ok:
                    continue
                checker = events if source.kind == "events" else documents
                for batch in iter_parquet(source, report, self.batch_rows):
                    try:
                        checker.check(batch)
                        check_constraints(batch, source.kind, report)
                    except (pa.ArrowInvalid, UnicodeDecodeError) as exc:
                        # Bytes that decode but are not valid data (e.g. broken UTF-8).
                        source.ok = False
                        report.add(
                            "file.unreadable",
                            file=source.label,
                            record="file",
                            detail=f"bad data near row {int(batch.rows[0])}: {exc}",
                        )
                        break
                if not source.ok:
                    continue
                if source.kind == "events":
                    cross.add_event_parquet(path, source.label)
                else:
                    cross.add_document_parquet(path, source.label)
            cross.run()

    def jsonl(self, path: Path) -> None:
        """Event records, one JSON object per line."""
        events = EventValues(self.report)
        with CrossChecker(self.report, self.memory_limit) as cross:
            for batch in iter_jsonl(path, str(path), self.report, self.batch_rows):
                events.check(batch)
                check_constraints(batch, "events", self.report)
                cross.add_event_batch(batch)
            cross.run()

    def release(self, folder: Path) -> None:
        """A release: its manifest, then its events and documents."""
        check_manifest(folder, self.report)
        files = sorted((folder / "events").rglob("*.parquet"))
        if (folder / "documents.parquet").is_file():
            files.insert(0, folder / "documents.parquet")
        if not files:
            self.report.note(f"{folder}: no events/ or documents.parquet to check")
        self.parquet(files)


def check_path(
    path: str | Path,
    *,
    cap: int = DEFAULT_CAP,
    batch_rows: int = DEFAULT_BATCH_ROWS,
    memory_limit: str = "1GB",
) -> Report:
    """Check a dataset, release, Parquet or JSONL path and return the report.

    Parameters
    ----------
    path
        What to check (see the module notes).
    cap
        Violation rows kept per check; all violations are counted.
    batch_rows
        Rows per Arrow batch (memory per batch grows with it).
    memory_limit
        DuckDB's limit for the cross-record checks; past it they spill to disk.

    Raises
    ------
    CheckUsageError
        The path does not exist or is not something the checker reads.
    """
    root = Path(path)
    if not root.exists():
        raise CheckUsageError(f"{root} does not exist; {_WHAT}")
    run = _Run(Report(cap=cap), batch_rows, memory_limit)
    if root.is_dir():
        if (root / "catalog.json").is_file():
            for folder in check_catalog(root, run.report):
                run.release(folder)
        elif (root / "manifest.json").is_file():
            run.release(root)
        else:
            files = sorted(root.rglob("*.parquet"))
            if not files:
                raise CheckUsageError(f"{root} holds no Parquet files; {_WHAT}")
            run.parquet(files)
    elif root.suffix == ".parquet":
        run.parquet([root])
    elif root.suffix in JSONL_SUFFIXES:
        run.jsonl(root)
    else:
        raise CheckUsageError(f"{root}: unknown format {root.suffix or '(no suffix)'!r}; {_WHAT}")
    return run.report
