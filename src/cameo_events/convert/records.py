"""What a converter produces for one source row: an event (with its document) or a reject.

Imported events keep no article text, so each one points at a *reference
document*: a short English text naming the source record's article (its URL
or story id) and when the source added it. Its ``doc_id`` is the hash of that
text like any document's, so the same article gives the same document in
every release.

Event ids of imported rows hash the source's own id *and* the row's content:
ICEWS reuses Event IDs, and a GDELT id repeated with other content must not
collide.

Examples
--------
>>> import datetime
>>> from cameo_events.convert.records import imported_event_id, reference_document
>>> doc = reference_document(
...     corpus="gdelt-2.0", dataset="GDELT 2.0", key="http://example.org/a",
...     published=datetime.date(2015, 2, 18), publisher="example.org", title="",
... )
>>> doc.source_key, len(doc.doc_id)
('http://example.org/a', 20)
>>> imported_event_id("gdelt", "410412347", ["a", "b"]) == imported_event_id("gdelt", "410412347", ["a", "b"])
True
"""

from __future__ import annotations

import datetime
import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from pydantic import ValidationError

from cameo_events.findings import Finding, Report
from cameo_events.schema import Document, Event, make_doc_id, make_event
from cameo_events.schema.actors import actor_code_problem

__all__ = [
    "Outcome",
    "RowContext",
    "actor_problem",
    "build_event",
    "imported_event_id",
    "parse_float",
    "reference_document",
    "row_digest",
]


@dataclass(frozen=True)
class Outcome:
    """One source row: converted (``event`` and ``document``) or rejected (``reject``).

    ``reject`` is the finding that stopped the row; its ``value`` is the
    field's text as the source wrote it (the message shows it quoted).
    """

    file: str
    row: int
    event: Event | None = None
    document: Document | None = None
    reject: Finding | None = None


@dataclass(frozen=True)
class RowContext:
    """Where a row is, and the report its findings go to."""

    file: str
    row: int
    report: Report

    @property
    def record(self) -> str:
        """How a finding names the row."""
        return f"row {self.row}"

    def find(
        self,
        check_id: str,
        field: str = "",
        value: object = "",
        *,
        expected: object = "",
        detail: object = "",
    ) -> None:
        """Report a finding about this row (``expected`` and ``detail`` fill the message)."""
        self.report.add(
            check_id,
            file=self.file,
            record=self.record,
            field=field,
            value=value,
            expected=expected,
            detail=detail,
        )

    def reject(
        self,
        check_id: str,
        field: str,
        value: str,
        *,
        expected: object = "",
        detail: object = "",
    ) -> Outcome:
        """Report a finding that stops the row, and return it as a rejected outcome."""
        self.find(check_id, field, repr(value), expected=expected, detail=detail)
        stopped = self.report.rules.finding(
            check_id,
            file=self.file,
            record=self.record,
            field=field,
            value=repr(value),
            expected=expected,
            detail=detail,
        )
        return Outcome(self.file, self.row, reject=replace(stopped, value=value))


def row_digest(fields: Sequence[str]) -> bytes:
    """A 16-byte digest of a row's fields (for duplicate detection and event ids)."""
    return hashlib.blake2b("\x1f".join(fields).encode("utf-8"), digest_size=16).digest()


def imported_event_id(dataset: str, source_id: str, fields: Sequence[str]) -> str:
    """A stable 20-hex-digit event id from the source's id and the row's content."""
    digest = hashlib.sha256()
    digest.update(f"imported\x1f{dataset}\x1f{source_id}\x1f".encode())
    digest.update(row_digest(fields))
    return digest.hexdigest()[:20]


def reference_document(
    *,
    corpus: str,
    dataset: str,
    key: str,
    published: datetime.date,
    publisher: str,
    title: str,
    language: str = "en",
    licence: str = "terms of the source dataset",
    text: str | None = None,
) -> Document:
    """The document an imported event points at.

    ``text`` is the article text when the source ships it (ICEWS JSON
    records carry the sentence); otherwise a one-line reference is written.
    """
    if text is None:
        text = f"{dataset} source reference: {key} (added {published.isoformat()})."
    return Document(
        doc_id=make_doc_id(text),
        title=title,
        publisher=publisher or dataset,
        url=key if key.startswith(("http://", "https://")) else None,
        published=published,
        language=language,
        licence=licence,
        text=text,
        source_corpus=corpus,
        source_key=key,
    )


def parse_float(value: str) -> float | None:
    """A float, or None for an empty / NA / unparseable field (NaN counts as missing)."""
    if not value or value in ("NA", "NULL", "NaN"):
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    return None if math.isnan(number) else number


def actor_problem(code: str) -> str | None:
    """Why ``code`` is not an actor code our schema accepts, or None."""
    problem = actor_code_problem(code)
    return None if problem is None else problem[1]


def build_event(ctx: RowContext, **fields: Any) -> Event | Outcome:
    """The event :func:`~cameo_events.schema.make_event` makes of ``fields``, or a rejected row.

    Imported rows keep no text, so no spans are given: their span texts stay null.
    """
    try:
        return make_event(**fields)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "record"
        return ctx.reject("source.record", where, str(first.get("input", "")), detail=first["msg"])
