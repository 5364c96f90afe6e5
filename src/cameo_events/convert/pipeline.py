"""Stream every row of a source's files through its converter: one outcome per row.

This is the part ``convert`` and ``check --source`` share. The converters
know nothing of releases: :func:`collect` keeps the outcomes in memory,
:func:`check_source` only judges them, and
:func:`cameo_events.release.imported.convert_files` streams them into the
release writer. Rows are read one
at a time and nothing is kept in memory but the converters' duplicate memory;
GDELT events that mention rows may join to are kept in an on-disk index
(:class:`EventIndex`).
Every row read yields exactly one :class:`~cameo_events.convert.records.Outcome`
(converted, rejected, or — when only checking — judged), so the per-file
counts always add up.

Examples
--------
>>> from cameo_events.convert.pipeline import KINDS, source_of
>>> KINDS
('gdelt', 'gdelt-mentions', 'icews', 'phoenix')
>>> source_of("gdelt-mentions")
'gdelt'
"""

from __future__ import annotations

import csv
import itertools
import sqlite3
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from cameo_events.convert.gdelt import GdeltEvents
from cameo_events.convert.gdelt_layout import LAYOUTS
from cameo_events.convert.gdelt_mentions import convert_mention, judge_mention
from cameo_events.convert.icews import COLUMNS as ICEWS_COLUMNS
from cameo_events.convert.icews import IcewsRows, iter_json_records
from cameo_events.convert.phoenix import PhoenixRows
from cameo_events.convert.reading import iter_lines, open_members
from cameo_events.convert.records import Outcome, RowContext
from cameo_events.errors import UsageError
from cameo_events.findings import DEFAULT_CAP, Finding, Report
from cameo_events.schema import Document, Event

__all__ = [
    "KINDS",
    "SOURCES",
    "Converted",
    "EventIndex",
    "FileCounts",
    "check_source",
    "collect",
    "iter_outcomes",
    "source_of",
]

#: What ``cameo-events convert`` reads.
KINDS = ("gdelt", "gdelt-mentions", "icews", "phoenix")
#: What ``cameo-events check --source`` reads.
SOURCES = ("gdelt", "icews", "phoenix")


_ICEWS_REQUIRED = ("Event ID", "Event Date", "CAMEO Code")


def source_of(kind: str) -> str:
    """The dataset a kind of file comes from (its rules' prefix)."""
    return "gdelt" if kind.startswith("gdelt") else kind


@dataclass
class FileCounts:
    """Rows of one input file: read = converted + rejected (+ judged, when only checking)."""

    file: str
    read: int = 0
    converted: int = 0
    rejected: int = 0

    def add(self, outcome: Outcome) -> None:
        """Count one row's outcome."""
        self.read += 1
        if outcome.event is not None:
            self.converted += 1
        elif outcome.reject is not None:
            self.rejected += 1


class EventIndex(Mapping[str, Event]):
    """Events by source id in an SQLite file, so a join does not hold every event in memory.

    Mention rows may come after all event rows of many files, so every event
    they could join to must be kept until the end; on disk, SQLite's page
    cache bounds the memory. Use as a context manager: the file is removed on
    the way out.
    """

    def __init__(self) -> None:
        self._folder = tempfile.TemporaryDirectory(prefix="cameo-events-join-")
        self._db = sqlite3.connect(f"{self._folder.name}/events.sqlite")
        self._db.execute("CREATE TABLE events (id TEXT PRIMARY KEY, event TEXT NOT NULL)")

    def __enter__(self) -> EventIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self._db.close()
        self._folder.cleanup()

    def __setitem__(self, key: str, event: Event) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO events VALUES (?, ?)", (key, event.model_dump_json())
        )

    def __getitem__(self, key: str) -> Event:
        row = self._db.execute("SELECT event FROM events WHERE id = ?", (key,)).fetchone()
        if row is None:
            raise KeyError(key)
        return Event.model_validate_json(row[0])

    def __iter__(self) -> Iterator[str]:
        for (key,) in self._db.execute("SELECT id FROM events ORDER BY rowid"):
            yield key

    def __len__(self) -> int:
        ((count,),) = self._db.execute("SELECT count(*) FROM events").fetchall()
        return int(count)


def iter_outcomes(
    kind: str, files: Sequence[Path], report: Report, *, check_only: bool = False
) -> Iterator[Outcome]:
    """One outcome per row of ``files`` read as ``kind``.

    ``check_only`` judges GDELT mention rows on their own instead of
    rejecting them (``gdelt``) — a check has no events to join them to.
    """
    if kind not in KINDS:
        raise UsageError(f"unknown kind {kind!r}; choose one of {', '.join(KINDS)}")
    if kind.startswith("gdelt"):
        yield from _gdelt(files, report, mentions=kind == "gdelt-mentions", check_only=check_only)
    elif kind == "icews":
        rows = IcewsRows(report)
        for path in files:
            yield from _icews(path, rows, report)
    else:
        phoenix = PhoenixRows(report)
        for path in files:
            for line in iter_lines(path):
                yield phoenix.convert(line, line.text.split("\t"))


def _gdelt(
    files: Sequence[Path], report: Report, *, mentions: bool, check_only: bool
) -> Iterator[Outcome]:
    with EventIndex() as joined:
        yield from _gdelt_rows(files, report, joined, mentions=mentions, check_only=check_only)


def _gdelt_rows(
    files: Sequence[Path], report: Report, joined: EventIndex, *, mentions: bool, check_only: bool
) -> Iterator[Outcome]:
    converter = GdeltEvents(report)
    for path in files:
        for line in iter_lines(path):
            fields = line.text.split("\t")
            layout = LAYOUTS.get(len(fields))
            ctx = RowContext(line.label, line.row, report)
            if layout is None:
                yield ctx.reject("gdelt.row_fields", "row", str(len(fields)))
            elif layout.kind == "events":
                outcome = converter.convert(line, fields)
                if mentions and outcome.event is not None:
                    joined[fields[0].strip()] = outcome.event
                yield outcome
            elif check_only:
                judge_mention(ctx, fields)
                yield Outcome(line.label, line.row)
            elif not mentions:
                judge_mention(ctx, fields)
                yield ctx.reject("gdelt.mention_row", "row", fields[0])
    if not mentions:
        return
    # Mentions come second: their events may be in any of the files given.
    for path in files:
        for line in iter_lines(path):
            fields = line.text.split("\t")
            layout = LAYOUTS.get(len(fields))
            if layout is not None and layout.kind == "mentions":
                yield convert_mention(line, fields, joined, report)


def _icews(path: Path, rows: IcewsRows, report: Report) -> Iterator[Outcome]:
    for label, stream in open_members(path):
        first = stream.read(1)
        while first.isspace():
            first = stream.read(1)
        if first in ("{", "["):
            chunks = itertools.chain([first], iter(partial(stream.read, 1 << 20), ""))
            for number, record in iter_json_records(chunks):
                if not isinstance(record, dict):
                    ctx = RowContext(label, number, report)
                    yield ctx.reject(
                        "icews.json_record", "record", str(record)[:80], detail="not an object"
                    )
                    continue
                yield rows.convert_json(label, number, record)
            continue
        reader = csv.reader(itertools.chain([first + stream.readline()], stream), delimiter="\t")
        header = [h.strip().lstrip("\ufeff") for h in next(reader, [])]
        absent = [c for c in _ICEWS_REQUIRED if c not in header]
        previous_line = reader.line_num
        for fields in reader:
            # The row number is the record's first line (a quoted field may span lines).
            number, previous_line = previous_line + 1, reader.line_num
            ctx = RowContext(label, number, report)
            if absent:
                yield ctx.reject("icews.columns", absent[0], "", expected=", ".join(ICEWS_COLUMNS))
            elif len(fields) != len(header):
                yield ctx.reject("icews.row_fields", "row", str(len(fields)), expected=len(header))
            else:
                yield rows.convert(label, number, dict(zip(header, fields, strict=True)))


@dataclass
class Converted:
    """Everything a conversion produced, held in memory (for tests and small files)."""

    kind: str
    files: list[Path]
    counts: dict[str, FileCounts] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    documents: dict[str, Document] = field(default_factory=dict)
    rejects: list[Finding] = field(default_factory=list)

    def add(self, outcome: Outcome) -> None:
        """Keep one row's outcome and count it against its file."""
        counts = self.counts.setdefault(outcome.file, FileCounts(outcome.file))
        counts.add(outcome)
        if outcome.event is not None and outcome.document is not None:
            self.events.append(outcome.event)
            self.documents.setdefault(outcome.document.doc_id, outcome.document)
        elif outcome.reject is not None:
            self.rejects.append(outcome.reject)


def collect(kind: str, files: Sequence[Path], report: Report) -> Converted:
    """Convert ``files``, keeping every converted record in memory (for tests and small files).

    :func:`cameo_events.release.imported.convert_files` writes a release
    without keeping them.
    """
    converted = Converted(kind, list(files))
    for outcome in iter_outcomes(kind, files, report):
        converted.add(outcome)
    report.files.update(converted.counts)
    report.records += sum(c.read for c in converted.counts.values())
    return converted


def check_source(path: str | Path, source: str, *, cap: int = DEFAULT_CAP) -> Report:
    """Check another dataset's file against its own rules, streaming; return the report.

    Every row is converted in memory and dropped: a row the converter would
    reject is reported under the check that rejects it.
    """
    if source not in SOURCES:
        raise UsageError(f"unknown source {source!r}; choose one of {', '.join(SOURCES)}")
    report = Report(cap=cap)
    counts: dict[str, FileCounts] = {}
    for outcome in iter_outcomes(source, [Path(path)], report, check_only=True):
        counts.setdefault(outcome.file, FileCounts(outcome.file)).add(outcome)
    report.files.update(counts)
    report.records += sum(c.read for c in counts.values())
    for c in counts.values():
        report.note(f"{c.file}: {c.read} rows read, {c.rejected} could not be converted")
    return report
