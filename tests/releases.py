"""The one shared release-writing helper of the tests.

- :func:`write_oracle` writes a release the simple way, every record in
  memory (sort lists, diff dicts, count in Python), through the package's own
  :func:`~cameo_events.release.publish.publish`. It is the oracle the one
  writer (:func:`cameo_events.release.write_release`, bounded memory, DuckDB)
  is held to, byte for byte.
- :func:`write_tables` writes *any* Arrow tables (broken ones too) as a
  release folder with a correct manifest, for the checker's and the loader's
  tests; :func:`spec` gives a release spec with test defaults.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds

from cameo_events.release.cards import ReleaseSummary
from cameo_events.release.diff import CHANGES_SCHEMA, canonical_row, content_hash
from cameo_events.release.files import write_json, write_model, write_parquet
from cameo_events.release.publish import (
    ReleaseContents,
    ReleaseSpec,
    Validator,
    WrittenRelease,
    publish,
    release_footer,
    release_id_for,
    staging_area,
)
from cameo_events.schema import SCHEMA_VERSION, Document, Event, event_json_schema
from cameo_events.schema.arrow import records_to_table
from cameo_events.schema.release_format import (
    Catalog,
    CatalogEntry,
    Counts,
    FileEntry,
    Manifest,
    RecipeRef,
    Versions,
    file_sha256,
)

__all__ = ["add_to_catalog", "edit_json", "event_sort_key", "spec", "write_oracle", "write_tables"]


def spec(**overrides: Any) -> ReleaseSpec:
    """A release spec with test defaults (a literal ``id_rule`` fixes the release id)."""
    fields: dict[str, Any] = {
        "line": "test",
        "id_rule": "{line}-{newest}-{hash8}",
        "title": "test release",
        "description": "Written by the tests.",
        "licence": "CC0-1.0",
        "recipe": RecipeRef(path="builders/test.toml", sha256="0" * 64),
        "inputs": [],
        "coder_version": "gold",
        "dictionary_version": None,
        "rejects": [],
        "duplicates": 0,
        "keywords": ("test",),
    }
    return ReleaseSpec(**{**fields, **overrides})


# --- the oracle: everything in memory --------------------------------------------------


def event_sort_key(event: Event) -> tuple[Any, ...]:
    """The order of events in a release's files (``docs/release-format.md``)."""
    return (
        event.event_date,
        event.doc_id,
        event.sentence_index,
        event.trigger_start,
        event.event_id,
    )


def _previous_rows(release_dir: Path | None) -> dict[str, dict[str, Any]]:
    if release_dir is None or not (release_dir / "events").is_dir():
        return {}
    dataset = ds.dataset(release_dir / "events", format="parquet", partitioning="hive")
    names = [n for n in dataset.schema.names if n in Event.model_fields]
    return {row["event_id"]: row for row in dataset.to_table(columns=names).to_pylist()}


def _changes(previous: dict[str, dict[str, Any]], current: Iterable[Event]) -> pa.Table:
    now = {e.event_id: e.model_dump() for e in current}
    rows: list[dict[str, Any]] = []
    for event_id in sorted(set(previous) | set(now)):
        if event_id not in previous:
            rows.append({"event_id": event_id, "change": "added", "fields": None})
        elif event_id not in now:
            rows.append({"event_id": event_id, "change": "removed", "fields": None})
        else:
            old, new = previous[event_id], now[event_id]
            changed = sorted(
                k for k in new if canonical_row({k: old.get(k)}) != canonical_row({k: new[k]})
            )
            if changed:
                rows.append(
                    {"event_id": event_id, "change": "changed", "fields": ",".join(changed)}
                )
    return pa.Table.from_pylist(rows, schema=CHANGES_SCHEMA)


def _summary(events: Sequence[Event], documents: Sequence[Document]) -> ReleaseSummary:
    roots = Counter(e.root_code for e in events)
    dates = [e.event_date for e in events]
    publishers = frozenset(d.publisher for d in documents)
    return ReleaseSummary(roots, min(dates, default=None), max(dates, default=None), publishers)


def write_oracle(
    dataset: Path,
    release_spec: ReleaseSpec,
    documents: Sequence[Document],
    events: Sequence[Event],
    *,
    validate: Validator | None = None,
) -> WrittenRelease:
    """Write a release with every record held in memory: the writer's oracle."""
    by_id: dict[str, Document] = {}
    for document in documents:
        by_id.setdefault(document.doc_id, document)
    docs = sorted(by_id.values(), key=lambda d: d.doc_id)
    ordered = sorted(events, key=event_sort_key)
    digest = content_hash(
        (d.model_dump() for d in docs),
        (e.model_dump() for e in sorted(ordered, key=lambda e: e.event_id)),
    )
    newest = max((d.published for d in docs), default=None)
    release_id = release_id_for(release_spec, newest, digest)

    def write(staging: Path, footer: dict[str, str], previous: Path | None) -> ReleaseContents:
        rows: dict[str, int | None] = {}
        by_year: dict[int, list[Event]] = {}
        for event in ordered:
            by_year.setdefault(event.event_date.year, []).append(event)
        for year, chunk in sorted(by_year.items()):
            path = f"events/year={year}/part-0.parquet"
            write_parquet(records_to_table(chunk, Event), staging / path, footer)
            rows[path] = len(chunk)
        write_parquet(records_to_table(docs, Document), staging / "documents.parquet", footer)
        rows["documents.parquet"] = len(docs)
        changes = _changes(_previous_rows(previous), ordered)
        write_parquet(changes, staging / "changes.parquet", footer)
        rows["changes.parquet"] = changes.num_rows
        return ReleaseContents(
            rows=rows,
            documents=len(docs),
            events=len(ordered),
            changes=changes.num_rows,
            summary=_summary(ordered, docs),
            rejects=release_spec.rejects,
            rejected=len(release_spec.rejects),
        )

    with staging_area(dataset) as staging_root:
        return publish(
            dataset, staging_root, release_spec, release_id, digest, write, validate=validate
        )


# --- any tables, broken ones too -------------------------------------------------------


def _sorted(table: pa.Table) -> pa.Table:
    keys = ["event_date", "doc_id", "sentence_index", "trigger_start", "event_id"]
    present = [k for k in keys if k in table.column_names]
    return table.sort_by([(k, "ascending") for k in present])


def write_tables(
    folder: Path,
    events: pa.Table,
    documents: pa.Table,
    *,
    line: str = "test",
    previous: str | None = None,
    extra: dict[str, pa.Table] | None = None,
    files: Callable[[Path], None] | None = None,
    after: Callable[[Path], None] | None = None,
    version: str | None = None,
) -> Path:
    """Write tables as the release folder ``folder``, with a manifest that lists them correctly.

    Events go to ``events/year=YYYY/part-0.parquet`` (one file when they have
    no ``event_date``), documents to ``documents.parquet``, each of ``extra``
    to its path. ``version`` writes a ``cameo_events.schema_version`` footer
    value other than ours. ``files`` runs before the manifest is written,
    ``after`` after it: a test breaks one thing there.
    """
    footer = release_footer(folder.name)
    if version is not None:
        footer["cameo_events.schema_version"] = version
    rows: dict[str, int | None] = {}

    def put(relative: str, table: pa.Table) -> None:
        write_parquet(table, folder / relative, footer)
        rows[relative] = table.num_rows

    if "event_date" in events.column_names:
        years = pc.year(events.column("event_date"))
        for year in sorted(set(years.to_pylist())):
            put(f"events/year={year}/part-0.parquet", _sorted(events.filter(pc.equal(years, year))))
    else:
        put("events/year=2025/part-0.parquet", events)
    put("documents.parquet", documents.sort_by("doc_id") if documents.num_rows else documents)
    for relative, table in (extra or {}).items():
        put(relative, table)
    write_json(event_json_schema(), folder / "schema/event.schema.json")
    rows["schema/event.schema.json"] = None
    if files is not None:
        files(folder)
    entries = [
        FileEntry(
            path=p,
            sha256=file_sha256(folder / p),
            bytes=(folder / p).stat().st_size,
            rows=rows.get(p),
        )
        for p in sorted(
            q.relative_to(folder).as_posix()
            for q in folder.rglob("*")
            if q.is_file() and q.name != "manifest.json"
        )
    ]
    manifest = Manifest(
        manifest_version=1,
        release_id=folder.name,
        line=line,
        title="test release",
        description="Written by the tests.",
        licence="CC0-1.0",
        keywords=[],
        schema_version=SCHEMA_VERSION,
        previous_release=previous,
        content_hash="0" * 64,
        counts=Counts(
            documents=documents.num_rows,
            events=events.num_rows,
            rejected=0,
            duplicates=0,
            changes=0,
        ),
        versions=Versions(
            cameo_events="test", coder="gold", dictionary=None, pyarrow=pa.__version__, python="3"
        ),
        recipe=RecipeRef(command="tests", sha256=""),
        inputs=[],
        files=entries,
    )
    write_model(manifest, folder / "manifest.json")
    if after is not None:
        after(folder)
    return folder


def add_to_catalog(dataset: Path, folder: Path) -> None:
    """Append the release at ``folder`` to ``dataset/catalog.json`` and make it the latest."""
    path = dataset / "catalog.json"
    catalog = Catalog.model_validate_json(path.read_bytes()) if path.is_file() else Catalog()
    manifest = Manifest.model_validate_json((folder / "manifest.json").read_bytes())
    entry = CatalogEntry.of(manifest, file_sha256(folder / "manifest.json"))
    write_model(catalog.adding(entry), path)


def edit_json(path: Path, edit: Callable[[Any], None]) -> None:
    """Load a JSON file, apply ``edit`` to it, write it back."""
    data = json.loads(path.read_text("utf-8"))
    edit(data)
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
