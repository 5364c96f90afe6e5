"""Read source documents: text/Markdown with front matter, JSON Lines, CSV.

Every reader yields :class:`~cameo_events.schema.Document` records or
:class:`~cameo_events.findings.Finding` records saying which file / line was
refused, under which rule (``document.*`` in ``findings/data/build.yaml``)
and why; nothing is dropped silently. :func:`read_documents` runs a reader and collapses
duplicate documents (same normalised text, hence same ``doc_id``).

Examples
--------
>>> from pathlib import Path
>>> source = DocumentSource(path=Path("seeds"), format="text", pattern="*.txt")
>>> result = read_documents([source])  # doctest: +SKIP
>>> result.documents[0].publisher  # doctest: +SKIP
'Financial Times'
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import tomllib
import yaml
from pydantic import ValidationError

from cameo_events.documents.normalise import normalise_text, strip_furniture
from cameo_events.findings import Finding, finding
from cameo_events.schema import Document, make_doc_id

__all__ = ["DocumentSource", "Duplicate", "ReadResult", "read_documents"]

DEFAULT_MAX_BYTES = 5_000_000
METADATA_FIELDS = ("title", "publisher", "url", "published", "language", "licence")


@dataclass(frozen=True)
class Duplicate:
    """A document whose normalised text equals one already read."""

    path: str
    key: str
    doc_id: str
    kept_key: str


@dataclass(frozen=True)
class DocumentSource:
    """Where documents come from and how to read them (one ``[[documents]]`` of a recipe).

    ``fields`` maps record fields (``text``, ``published``, ``title``, ``url``)
    to the JSONL keys or CSV columns that hold them; ``defaults`` gives
    metadata the files do not carry (publisher, licence, language).
    """

    path: Path
    format: Literal["text", "jsonl", "csv"]
    pattern: str = "*"
    fields: Mapping[str, str] = field(default_factory=dict)
    defaults: Mapping[str, str] = field(default_factory=dict)
    corpus: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES


@dataclass
class ReadResult:
    """Documents read, in input order, with the rejects and duplicates found on the way."""

    documents: list[Document] = field(default_factory=list)
    rejects: list[Finding] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    inputs: list[Path] = field(default_factory=list)


class _Refused(Exception):
    """A document cannot be read; the message is the reason shown in the rejects report."""

    def __init__(self, reason: str, rule: str = "document.metadata") -> None:
        super().__init__(reason)
        self.rule = rule


def _reject(path: Path, key: str, rule: str, reason: str) -> Finding:
    """The finding that refuses the document ``key`` of ``path``."""
    return finding(rule, file=str(path), record=key, detail=reason)


def read_documents(sources: list[DocumentSource]) -> ReadResult:
    """Read every source; reject bad documents with a reason; collapse duplicates."""
    result = ReadResult()
    seen: dict[str, str] = {}
    for source in sources:
        for path in _files(source):
            result.inputs.append(path)
            for key, outcome in _read_file(source, path):
                if isinstance(outcome, Finding):
                    result.rejects.append(outcome)
                elif outcome.doc_id in seen:
                    result.duplicates.append(
                        Duplicate(str(path), key, outcome.doc_id, seen[outcome.doc_id])
                    )
                else:
                    seen[outcome.doc_id] = outcome.source_key
                    result.documents.append(outcome)
    return result


def _files(source: DocumentSource) -> list[Path]:
    if source.path.is_file():
        return [source.path]
    if not source.path.is_dir():
        raise FileNotFoundError(
            f"document source {source.path} does not exist; check the recipe's path"
        )
    return sorted(p for p in source.path.glob(source.pattern) if p.is_file())


def _read_file(source: DocumentSource, path: Path) -> Iterator[tuple[str, Document | Finding]]:
    name = path.name
    size = path.stat().st_size
    # Corpora in one file (JSONL, CSV) are limited per document instead.
    if source.format == "text" and size > source.max_bytes:
        yield (
            name,
            _reject(
                path,
                name,
                "document.too_large",
                f"file is {size} bytes, over the limit of {source.max_bytes}",
            ),
        )
        return
    try:
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        reason = f"undecodable bytes (not UTF-8) at byte {exc.start}"
        yield name, _reject(path, name, "document.encoding", reason)
        return
    corpus = source.corpus or path.parent.name
    readers = {"text": _text_records, "jsonl": _jsonl_records, "csv": _csv_records}
    for key, record in readers[source.format](path, raw, source):
        if isinstance(record, Finding):
            yield key, record
            continue
        size = len(str(record.get("text", "")).encode("utf-8"))
        if size > source.max_bytes:
            yield (
                key,
                _reject(
                    path,
                    key,
                    "document.too_large",
                    f"text is {size} bytes, over the limit of {source.max_bytes}",
                ),
            )
            continue
        try:
            yield key, _document(record, source.defaults, corpus, key)
        except _Refused as exc:
            yield key, _reject(path, key, exc.rule, str(exc))


def _text_records(path: Path, raw: str, source: DocumentSource) -> Iterator[tuple[str, Any]]:
    """One document per file: optional YAML front matter, or a ``<stem>.meta.toml`` sidecar."""
    metadata: dict[str, Any] = {}
    body = raw
    if raw.startswith("---\n"):
        end = raw.find("\n---\n", 4)
        if end < 0:
            yield (
                path.name,
                _reject(
                    path, path.name, "document.format", "broken front matter: no closing '---' line"
                ),
            )
            return
        try:
            # BaseLoader keeps every value a string: dates are checked by _published,
            # so "2025-02-30" is reported as an impossible date, not a YAML crash.
            loaded = yaml.load(raw[4:end], Loader=yaml.BaseLoader)
        except yaml.YAMLError as exc:
            yield (
                path.name,
                _reject(
                    path,
                    path.name,
                    "document.format",
                    f"broken front matter: {exc}".splitlines()[0],
                ),
            )
            return
        if not isinstance(loaded, dict):
            reason = "broken front matter: not a mapping"
            yield path.name, _reject(path, path.name, "document.format", reason)
            return
        metadata, body = loaded, raw[end + 5 :]
    sidecar = path.with_name(path.stem + ".meta.toml")
    if sidecar.is_file():
        try:
            metadata = {**tomllib.loads(sidecar.read_text("utf-8")), **metadata}
        except tomllib.TOMLDecodeError as exc:
            reason = f"broken sidecar {sidecar.name}: {exc}"
            yield path.name, _reject(path, path.name, "document.format", reason)
            return
    yield path.name, {**metadata, "text": body}


def _jsonl_records(path: Path, raw: str, source: DocumentSource) -> Iterator[tuple[str, Any]]:
    for number, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        key = f"{path.name}:{number}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            reason = f"bad JSON on line {number}: {exc.msg}"
            yield key, _reject(path, key, "document.format", reason)
            continue
        if not isinstance(item, dict):
            reason = f"line {number} is not a JSON object"
            yield key, _reject(path, key, "document.format", reason)
            continue
        yield key, _mapped(item, source.fields)


def _csv_records(path: Path, raw: str, source: DocumentSource) -> Iterator[tuple[str, Any]]:
    for number, row in enumerate(csv.DictReader(io.StringIO(raw)), 2):
        key = f"{path.name}:{number}"
        yield key, _mapped(row, source.fields)


def _mapped(item: Mapping[str, Any], fields: Mapping[str, str]) -> dict[str, Any]:
    names = {name: fields.get(name, name) for name in ("text", *METADATA_FIELDS)}
    record = {
        name: item.get(column) for name, column in names.items() if item.get(column) is not None
    }
    # A list-valued field (e.g. several source URLs) contributes its first element.
    return {k: (v[0] if isinstance(v, list) and v else v) for k, v in record.items()}


def _document(
    record: dict[str, Any], defaults: Mapping[str, str], corpus: str, key: str
) -> Document:
    values = {**defaults, **{k: v for k, v in record.items() if v not in (None, "")}}
    text = strip_furniture(normalise_text(str(values.get("text", ""))))
    if not text:
        raise _Refused("empty text (after removing page furniture)")
    values["published"] = _published(values.get("published"))
    title = str(values.get("title") or text.split("\n", 1)[0][:120])
    try:
        return Document(
            doc_id=make_doc_id(text),
            title=title,
            publisher=str(values.get("publisher", "")),
            url=values.get("url"),
            published=values["published"],
            language=str(values.get("language", "")),
            licence=str(values.get("licence", "")),
            text=text,
            source_corpus=corpus,
            source_key=key,
        )
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise _Refused(f"invalid metadata ({problems})") from None


def _published(value: Any) -> datetime.date:
    if value is None or value == "":
        raise _Refused("missing publication date")
    if isinstance(value, datetime.datetime):
        day = value.date()
    elif isinstance(value, datetime.date):
        day = value
    else:
        text = str(value).strip()
        try:
            day = datetime.date.fromisoformat(text[:10])
        except ValueError:
            raise _Refused(f"impossible publication date {text!r} (expected YYYY-MM-DD)") from None
    if not 1900 <= day.year <= 2100:
        raise _Refused(f"impossible publication date {day.isoformat()} (outside 1900-2100)")
    return day
