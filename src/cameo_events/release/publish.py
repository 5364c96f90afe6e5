"""Publish a release atomically and add it to the catalog; never overwrite one.

The release is written into ``<dataset>/.staging/`` and renamed into
``<dataset>/releases/<id>`` only when complete (and, if a ``validate``
callback is given, checked clean). A build interrupted at any point leaves
at most a staging folder, which the next build removes; an existing release
is never touched.

The writer (:mod:`cameo_events.release.writer`) writes the tables; here are
written the codebook, schema, ``rejects.json``, cards and ``manifest.json``,
and the catalog is updated, all through the release-format models
(:mod:`cameo_events.schema.release_format`).
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import platform
import shutil
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa
from filelock import FileLock

from cameo_events._version import __version__
from cameo_events.errors import ReleaseCheckError, ReleaseExistsError
from cameo_events.release.cards import ReleaseSummary, croissant, data_package, dataset_card
from cameo_events.release.files import (
    file_sha256,
    write_json,
    write_json_list,
    write_model,
    write_parquet,
)
from cameo_events.schema import (
    SCHEMA_VERSION,
    document_schema,
    event_schema,
    load_atoms,
    packaged_codebook,
)
from cameo_events.schema.export import document_json_schema, event_json_schema
from cameo_events.schema.release_format import (
    MANIFEST_VERSION,
    Catalog,
    CatalogEntry,
    Counts,
    FileEntry,
    InputEntry,
    Manifest,
    RecipeRef,
    RejectEntry,
    Versions,
)

if TYPE_CHECKING:
    from cameo_events.findings import Finding

__all__ = [
    "ReleaseContents",
    "ReleaseSpec",
    "TableWriter",
    "Validator",
    "WrittenRelease",
    "publish",
    "release_footer",
    "release_id_for",
    "staging_area",
]


@dataclass(frozen=True)
class ReleaseSpec:
    """What a release is called and described as, and what it was built from."""

    line: str
    id_rule: str
    title: str
    description: str
    licence: str
    recipe: RecipeRef
    inputs: list[InputEntry]
    coder_version: str
    dictionary_version: str | None
    rejects: list[RejectEntry]
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
    rejects: Iterable[RejectEntry]  # read once, into rejects.json
    rejected: int


#: Checks a staged release folder; returns its problems (none: publish it).
Validator = Callable[[Path], Sequence["Finding"]]

#: Writes a release's tables into the staging folder: (staging, footer, previous release or None).
TableWriter = Callable[[Path, dict[str, str], Path | None], ReleaseContents]


def _codebook_tables() -> dict[str, pa.Table]:
    codes = [{k: v for k, v in vars(entry).items()} for entry in packaged_codebook().values()]
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


def _catalog(dataset: Path) -> Catalog:
    path = dataset / "catalog.json"
    return Catalog.model_validate_json(path.read_bytes()) if path.is_file() else Catalog()


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
    validate: Validator | None = None,
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
    previous = catalog.previous(spec.line)
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


def _already_published(final: Path, release_id: str, digest: str) -> WrittenRelease:
    manifest = Manifest.model_validate_json((final / "manifest.json").read_bytes())
    if manifest.content_hash != digest:
        raise ReleaseExistsError(
            f"release {release_id} already exists at {final} with different content; "
            "published releases are never overwritten: change the recipe's release id rule or line"
        )
    return WrittenRelease(release_id, final, False)


def _write_metadata(
    staging: Path,
    spec: ReleaseSpec,
    release_id: str,
    digest: str,
    previous: str | None,
    contents: ReleaseContents,
    rows: dict[str, int | None],
) -> Manifest:
    write_json(event_json_schema(), staging / "schema/event.schema.json")
    write_json(document_json_schema(), staging / "schema/document.schema.json")
    write_json_list(
        "rejected", (r.model_dump(mode="json") for r in contents.rejects), staging / "rejects.json"
    )
    manifest = Manifest(
        manifest_version=MANIFEST_VERSION,
        release_id=release_id,
        line=spec.line,
        title=spec.title,
        description=spec.description,
        licence=spec.licence,
        keywords=list(spec.keywords),
        schema_version=SCHEMA_VERSION,
        previous_release=previous,
        content_hash=digest,
        counts=Counts(
            documents=contents.documents,
            events=contents.events,
            rejected=contents.rejected,
            duplicates=spec.duplicates,
            changes=contents.changes,
        ),
        versions=Versions(
            cameo_events=__version__,
            coder=spec.coder_version,
            dictionary=spec.dictionary_version,
            pyarrow=pa.__version__,
            python=platform.python_version(),
        ),
        recipe=spec.recipe,
        inputs=spec.inputs,
        files=_file_list(staging, rows),
    )
    # The cards list the files written so far; the manifest then lists the cards too.
    write_json(
        data_package(manifest, event_schema(), document_schema()), staging / "datapackage.json"
    )
    write_json(croissant(manifest, event_schema()), staging / "croissant.json")
    (staging / "README.md").write_text(dataset_card(manifest, contents.summary), encoding="utf-8")
    manifest = manifest.model_copy(update={"files": _file_list(staging, rows)})
    write_model(manifest, staging / "manifest.json")
    return manifest


def _file_list(staging: Path, rows: dict[str, int | None]) -> list[FileEntry]:
    files = []
    for path in sorted(p for p in staging.rglob("*") if p.is_file() and p.name != "manifest.json"):
        relative = path.relative_to(staging).as_posix()
        files.append(
            FileEntry(
                path=relative,
                sha256=file_sha256(path),
                bytes=path.stat().st_size,
                rows=rows.get(relative),
            )
        )
    return files


def _add_to_catalog(dataset: Path, catalog: Catalog, manifest: Manifest, final: Path) -> None:
    entry = CatalogEntry.of(manifest, file_sha256(final / "manifest.json"))
    temporary = dataset / "catalog.json.tmp"
    write_model(catalog.adding(entry), temporary)
    os.replace(temporary, dataset / "catalog.json")
