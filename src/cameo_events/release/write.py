"""Write a release atomically and add it to the catalog; never overwrite one.

The release is written into ``<dataset>/.staging/`` and renamed into
``<dataset>/releases/<id>`` only when complete (and, if a ``validate``
callback is given, checked clean). A build interrupted at any point leaves
at most a staging folder, which the next build removes; an existing release
is never touched.

:func:`write_release` takes records held in memory; the pieces it is made of
(:func:`staging_area`, :func:`publish`, :class:`ReleaseContents`) are shared
with the bounded-memory writer in :mod:`cameo_events.release.stream`, so
both write the same manifest, cards and metadata.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import platform
import shutil
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
from filelock import FileLock

import cameo_events
from cameo_events.errors import ReleaseCheckError, ReleaseExistsError
from cameo_events.release.cards import ReleaseSummary, croissant, data_package, dataset_card
from cameo_events.release.diff import content_hash, diff_events, read_release_rows
from cameo_events.release.files import file_sha256, write_json, write_json_list, write_parquet
from cameo_events.schema import (
    SCHEMA_VERSION,
    Document,
    Event,
    document_schema,
    event_schema,
    load_atoms,
    load_codebook,
    records_to_table,
)
from cameo_events.schema.export import document_json_schema, event_json_schema

__all__ = [
    "ReleaseCheckError",
    "ReleaseContents",
    "ReleaseExistsError",
    "ReleaseSpec",
    "TableWriter",
    "WrittenRelease",
    "event_sort_key",
    "publish",
    "release_footer",
    "release_id_for",
    "staging_area",
    "write_release",
]


@dataclass(frozen=True)
class ReleaseSpec:
    """What a release is called and described as, and what it was built from."""

    line: str
    id_rule: str
    title: str
    description: str
    licence: str
    recipe: dict[str, str]
    inputs: list[dict[str, str]]
    coder_version: str
    dictionary_version: str | None
    rejects: list[dict[str, str]]
    duplicates: int
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class WrittenRelease:
    """The outcome of :func:`write_release`."""

    release_id: str
    path: Path
    created: bool  # False: an identical release was already published


def release_id_for(spec: ReleaseSpec, newest: datetime.date | None, digest: str) -> str:
    """The id ``spec``'s rule gives a release whose newest document is ``newest``."""
    return spec.id_rule.format(
        line=spec.line,
        newest=newest.strftime("%Y.%m.%d") if newest else "empty",
        hash8=digest[:8],
        schema=SCHEMA_VERSION,
    )


def release_footer(release_id: str) -> dict[str, str]:
    """Footer key-value metadata of every Parquet file of a release."""
    schema_json = json.dumps(event_json_schema(), sort_keys=True).encode("utf-8")
    return {
        "cameo_events.release_id": release_id,
        "cameo_events.schema_hash": hashlib.sha256(schema_json).hexdigest(),
    }


@dataclass(frozen=True)
class ReleaseContents:
    """What a table writer put in a staged release, for its manifest and card."""

    rows: dict[str, int | None]  # rows of each tabular file, by path in the release
    documents: int
    events: int
    changes: int
    summary: ReleaseSummary
    rejects: Iterable[dict[str, str]]  # read once, into rejects.json
    rejected: int


#: Writes a release's tables into the staging folder: (staging, footer, previous release or None).
TableWriter = Callable[[Path, dict[str, str], Path | None], ReleaseContents]


def _codebook_tables() -> dict[str, pa.Table]:
    codes = [{k: v for k, v in vars(entry).items()} for entry in load_codebook().values()]
    atoms = [
        {"atom": a.atom, "kind": a.kind, "label": a.label}
        for entries in load_atoms().values()
        for a in entries
    ]
    atoms.sort(key=lambda a: (a["atom"], a["kind"]))
    return {
        "codebook/event_codes.parquet": pa.Table.from_pylist(codes),
        "codebook/actor_atoms.parquet": pa.Table.from_pylist(atoms),
    }


def _catalog(dataset: Path) -> dict[str, Any]:
    path = dataset / "catalog.json"
    if path.is_file():
        loaded: dict[str, Any] = json.loads(path.read_text("utf-8"))
        return loaded
    return {"catalog_version": 1, "latest": None, "releases": []}


def _previous(catalog: dict[str, Any], line: str) -> str | None:
    same_line = [r["id"] for r in catalog["releases"] if r.get("line") == line]
    return same_line[-1] if same_line else None


@contextmanager
def staging_area(dataset: Path) -> Iterator[Path]:
    """Hold the dataset's build lock and give an empty staging folder, removed on the way out.

    Whatever is in the folder when it was left by an interrupted build is
    removed first; nothing in it is ever published unless :func:`publish`
    renames it into ``releases/``.
    """
    releases = dataset / "releases"
    releases.mkdir(parents=True, exist_ok=True)
    with FileLock(str(dataset / ".build.lock")):
        staging_root = dataset / ".staging"
        shutil.rmtree(staging_root, ignore_errors=True)  # leftovers of an interrupted build
        staging_root.mkdir()
        try:
            yield staging_root
        finally:
            shutil.rmtree(staging_root, ignore_errors=True)


def publish(
    dataset: Path,
    staging_root: Path,
    spec: ReleaseSpec,
    release_id: str,
    digest: str,
    write_tables: TableWriter,
    *,
    validate: Callable[[Path], list[str]] | None = None,
) -> WrittenRelease:
    """Stage release ``release_id`` in ``staging_root``, check it, rename it into place.

    Call inside :func:`staging_area`. ``write_tables`` writes the events,
    documents and changes; the codebook, schema, manifest and cards are
    written here, the same for every way of producing the rows.
    """
    final = dataset / "releases" / release_id
    if final.exists():
        return _already_published(final, release_id, digest)
    catalog = _catalog(dataset)
    previous = _previous(catalog, spec.line)
    staging = staging_root / release_id
    staging.mkdir()
    footer = release_footer(release_id)
    contents = write_tables(staging, footer, dataset / "releases" / previous if previous else None)
    rows = dict(contents.rows)
    for path, table in _codebook_tables().items():
        write_parquet(table, staging / path, footer)
        rows[path] = table.num_rows
    manifest = _write_metadata(staging, spec, release_id, digest, previous, contents, rows)
    problems = validate(staging) if validate else []
    if problems:
        raise ReleaseCheckError(release_id, problems)
    os.rename(staging, final)
    _add_to_catalog(dataset, catalog, manifest, final)
    return WrittenRelease(release_id, final, True)


def write_release(
    dataset: Path,
    spec: ReleaseSpec,
    documents: list[Document],
    events: list[Event],
    *,
    validate: Callable[[Path], list[str]] | None = None,
    progress: Callable[[str], None] = lambda message: None,
) -> WrittenRelease:
    """Write a release of ``documents`` and ``events`` (held in memory) into ``dataset``.

    For more rows than fit in memory use
    :func:`cameo_events.release.stream.write_release_stream`, which writes
    the same files.

    Parameters
    ----------
    validate
        Called on the staged folder before it is published; returns problems
        (an empty list means clean). Any problem aborts the release.
    """
    documents = sorted(documents, key=lambda d: d.doc_id)
    events = sorted(events, key=event_sort_key)
    digest = content_hash(
        (d.model_dump() for d in documents),
        (e.model_dump() for e in sorted(events, key=lambda e: e.event_id)),
    )
    newest = max((d.published for d in documents), default=None)
    release_id = release_id_for(spec, newest, digest)

    def write_tables(
        staging: Path, footer: dict[str, str], previous: Path | None
    ) -> ReleaseContents:
        return _write_tables(staging, footer, previous, spec, documents, events, progress)

    with staging_area(dataset) as staging_root:
        return publish(
            dataset, staging_root, spec, release_id, digest, write_tables, validate=validate
        )


def event_sort_key(event: Event) -> tuple[Any, ...]:
    """The order of events in a release's files (``docs/release-format.md``)."""
    return (
        event.event_date,
        event.doc_id,
        event.sentence_index,
        event.trigger_start,
        event.event_id,
    )


def _already_published(final: Path, release_id: str, digest: str) -> WrittenRelease:
    manifest = json.loads((final / "manifest.json").read_text("utf-8"))
    if manifest.get("content_hash") != digest:
        raise ReleaseExistsError(
            f"release {release_id} already exists at {final} with different content; "
            "published releases are never overwritten: change the recipe's release id rule or line"
        )
    return WrittenRelease(release_id, final, False)


def _write_tables(
    staging: Path,
    footer: dict[str, str],
    previous: Path | None,
    spec: ReleaseSpec,
    documents: list[Document],
    events: list[Event],
    progress: Callable[[str], None],
) -> ReleaseContents:
    rows: dict[str, int | None] = {}
    by_year: dict[int, list[Event]] = {}
    for event in events:
        by_year.setdefault(event.event_date.year, []).append(event)
    for year, chunk in sorted(by_year.items()):
        path = f"events/year={year}/part-0.parquet"
        write_parquet(records_to_table(chunk, Event), staging / path, footer)
        rows[path] = len(chunk)
        progress(f"wrote {len(chunk)} events to {path}")
    write_parquet(records_to_table(documents, Document), staging / "documents.parquet", footer)
    rows["documents.parquet"] = len(documents)
    changes = diff_events(read_release_rows(previous) if previous else {}, events)
    write_parquet(changes, staging / "changes.parquet", footer)
    rows["changes.parquet"] = changes.num_rows
    return ReleaseContents(
        rows=rows,
        documents=len(documents),
        events=len(events),
        changes=changes.num_rows,
        summary=ReleaseSummary.of(events, documents),
        rejects=spec.rejects,
        rejected=len(spec.rejects),
    )


def _write_metadata(
    staging: Path,
    spec: ReleaseSpec,
    release_id: str,
    digest: str,
    previous: str | None,
    contents: ReleaseContents,
    rows: dict[str, int | None],
) -> dict[str, Any]:
    write_json(event_json_schema(), staging / "schema/event.schema.json")
    write_json(document_json_schema(), staging / "schema/document.schema.json")
    write_json_list("rejected", contents.rejects, staging / "rejects.json")
    manifest: dict[str, Any] = {
        "manifest_version": 1,
        "release_id": release_id,
        "line": spec.line,
        "title": spec.title,
        "description": spec.description,
        "licence": spec.licence,
        "keywords": list(spec.keywords),
        "schema_version": SCHEMA_VERSION,
        "previous_release": previous,
        "content_hash": digest,
        "counts": {
            "documents": contents.documents,
            "events": contents.events,
            "rejected": contents.rejected,
            "duplicates": spec.duplicates,
            "changes": contents.changes,
        },
        "versions": {
            "cameo_events": cameo_events.__version__,
            "coder": spec.coder_version,
            "dictionary": spec.dictionary_version,
            "pyarrow": pa.__version__,
            "python": platform.python_version(),
        },
        "recipe": spec.recipe,
        "inputs": spec.inputs,
        "files": [],
    }
    manifest["files"] = _file_list(staging, rows)
    write_json(
        data_package(manifest, event_schema(), document_schema()), staging / "datapackage.json"
    )
    write_json(croissant(manifest, event_schema()), staging / "croissant.json")
    (staging / "README.md").write_text(dataset_card(manifest, contents.summary), encoding="utf-8")
    manifest["files"] = _file_list(staging, rows)
    write_json(manifest, staging / "manifest.json")
    return manifest


def _file_list(staging: Path, rows: dict[str, int | None]) -> list[dict[str, Any]]:
    files = []
    for path in sorted(p for p in staging.rglob("*") if p.is_file() and p.name != "manifest.json"):
        relative = path.relative_to(staging).as_posix()
        files.append(
            {
                "path": relative,
                "sha256": file_sha256(path),
                "bytes": path.stat().st_size,
                "rows": rows.get(relative),
            }
        )
    return files


def _add_to_catalog(
    dataset: Path, catalog: dict[str, Any], manifest: dict[str, Any], final: Path
) -> None:
    catalog["releases"].append(
        {
            "id": manifest["release_id"],
            "line": manifest["line"],
            "schema_version": manifest["schema_version"],
            "events": manifest["counts"]["events"],
            "documents": manifest["counts"]["documents"],
            "previous": manifest["previous_release"],
            "manifest_sha256": file_sha256(final / "manifest.json"),
        }
    )
    catalog["latest"] = manifest["release_id"]
    temporary = dataset / "catalog.json.tmp"
    write_json(catalog, temporary)
    os.replace(temporary, dataset / "catalog.json")
