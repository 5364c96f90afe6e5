"""The release format: ``manifest.json``, ``catalog.json`` and ``rejects.json`` as pydantic models.

These models are the one owner of the format (``docs/release-format.md``):
the release writer builds them, the loader and the checker read through
them, and their JSON Schema is published in ``schema/<version>/`` beside the
record schemas. A new manifest key is one field here (and a line of the
docs); nothing else spells the format's keys.

The files are written by :func:`dump` as indented, key-sorted JSON, so a
model and its file are the same thing: ``Manifest.model_validate(json)``
then :func:`dump` gives back the same bytes (the golden test holds the
published releases to that).

Examples
--------
>>> entry = FileEntry(path="documents.parquet", sha256="0" * 64, bytes=10, rows=1)
>>> rejects = Rejects(rejected=[RejectEntry(check_id="document.metadata", path="a.txt",
...     key="a.txt", reason="a.txt: missing publication date")])
>>> print(dump(rejects))
{
  "rejected": [
    {
      "check_id": "document.metadata",
      "field": "",
      "key": "a.txt",
      "path": "a.txt",
      "reason": "a.txt: missing publication date",
      "value": ""
    }
  ]
}
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SerializerFunctionWrapHandler, model_serializer

from cameo_events.findings import Finding

__all__ = [
    "CATALOG_VERSION",
    "MANIFEST_VERSION",
    "Catalog",
    "CatalogEntry",
    "Counts",
    "FileEntry",
    "InputEntry",
    "Manifest",
    "RecipeRef",
    "RejectEntry",
    "Rejects",
    "Versions",
    "dump",
    "file_sha256",
]

#: Version of the manifest layout (a new key with a default is not a new version).
MANIFEST_VERSION: Literal[1] = 1
#: Version of the catalog layout.
CATALOG_VERSION: Literal[1] = 1

SHA256 = r"^[0-9a-f]{64}$"


def file_sha256(path: Path) -> str:
    """Hex sha256 of a file's bytes, as every ``sha256`` of the format is; read in 1 MiB blocks.

    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "x.txt"
    >>> _ = path.write_bytes(b"abc")
    >>> file_sha256(path)[:12]
    'ba7816bf8f01'
    """
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def dump(model: BaseModel) -> str:
    """The model as its file holds it: indented, key-sorted UTF-8 JSON (no final newline)."""
    return json.dumps(model.model_dump(mode="json"), indent=2, sort_keys=True, ensure_ascii=False)


class _Format(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Sparse(_Format):
    """A format object whose unset optional keys are left out of the file, not written as null."""

    @model_serializer(mode="wrap")
    def _drop_unset(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        return {k: v for k, v in data.items() if v is not None}


class FileEntry(_Format):
    """One file of a release, as its manifest lists it."""

    path: Annotated[str, Field(description="Path inside the release folder, '/'-separated.")]
    sha256: Annotated[str, Field(pattern=SHA256, description="Hex sha256 of the file's bytes.")]
    bytes: Annotated[int, Field(ge=0, description="Size of the file in bytes.")]
    rows: Annotated[int | None, Field(ge=0, description="Rows of a table; null for other files.")]


class Counts(_Format):
    """What a release holds and what its build refused."""

    documents: Annotated[int, Field(ge=0, description="Distinct documents.")]
    events: Annotated[int, Field(ge=0, description="Events.")]
    rejected: Annotated[int, Field(ge=0, description="Entries of rejects.json.")]
    duplicates: Annotated[int, Field(ge=0, description="Duplicate inputs collapsed.")]
    changes: Annotated[int, Field(ge=0, description="Rows of changes.parquet.")]


class Versions(_Format):
    """The toolchain a release was built with."""

    cameo_events: Annotated[str, Field(description="Version of this package.")]
    coder: Annotated[str, Field(description="Coder version, 'gold', or the source dataset(s).")]
    dictionary: Annotated[str | None, Field(description="Hash of the coder's dictionaries.")]
    pyarrow: Annotated[str, Field(description="pyarrow version that wrote the Parquet files.")]
    python: Annotated[str, Field(description="Python version of the build.")]


class RecipeRef(_Sparse):
    """What the release was built by: a recipe file, or a command (imported releases)."""

    path: Annotated[str | None, Field(description="Recipe path, relative to the repository.")] = (
        None
    )
    command: Annotated[str | None, Field(description="Command that wrote an import.")] = None
    sha256: Annotated[str, Field(description="Hex sha256 of the recipe file ('' for a command).")]


class InputEntry(_Sparse):
    """One input file of a release."""

    path: Annotated[str, Field(description="Input path (relative to the repository) or name.")]
    sha256: Annotated[str, Field(pattern=SHA256, description="Hex sha256 of the file's bytes.")]
    source: Annotated[str | None, Field(description="Dataset an imported file came from.")] = None
    rows_read: Annotated[str | None, Field(description="Rows read from an imported file.")] = None
    converted: Annotated[str | None, Field(description="Of those, rows converted.")] = None
    rejected: Annotated[str | None, Field(description="Of those, rows rejected.")] = None


class Manifest(_Format):
    """``manifest.json``: the source of truth of one release."""

    model_config = ConfigDict(title="Manifest")

    manifest_version: Annotated[Literal[1], Field(description="Version of this layout.")]
    release_id: Annotated[str, Field(description="<line>-<newest date>-<hash8>.")]
    line: Annotated[str, Field(description="Release line (one recipe or import kind).")]
    title: Annotated[str, Field(description="Human title of the release line.")]
    description: Annotated[str, Field(description="What the release holds.")]
    licence: Annotated[str, Field(description="Licence of the event records and texts.")]
    keywords: Annotated[list[str], Field(description="Search keywords.")]
    schema_version: Annotated[str, Field(description="Record schema version (SemVer).")]
    previous_release: Annotated[
        str | None, Field(description="The line's release before this one (changes.parquet).")
    ]
    content_hash: Annotated[
        str, Field(pattern=SHA256, description="sha256 over canonical document and event rows.")
    ]
    counts: Counts
    versions: Versions
    recipe: RecipeRef
    inputs: Annotated[list[InputEntry], Field(description="Files the release was built from.")]
    files: Annotated[
        list[FileEntry], Field(description="Every file but manifest.json, sorted by path.")
    ]

    def entry(self, path: str) -> FileEntry | None:
        """The entry of one file, or None when the manifest does not list it."""
        return next((f for f in self.files if f.path == path), None)

    def paths(self, prefix: str = "", suffix: str = "") -> list[str]:
        """Listed paths that start with ``prefix`` and end with ``suffix``."""
        return [f.path for f in self.files if f.path.startswith(prefix) and f.path.endswith(suffix)]


class CatalogEntry(_Format):
    """One release, as the catalog lists it."""

    id: Annotated[str, Field(description="Release id (its folder under releases/).")]
    line: Annotated[str, Field(description="Release line.")]
    schema_version: Annotated[str, Field(description="Record schema version.")]
    events: Annotated[int, Field(ge=0, description="Events (the manifest's counts).")]
    documents: Annotated[int, Field(ge=0, description="Documents (the manifest's counts).")]
    previous: Annotated[str | None, Field(description="The line's previous release.")]
    manifest_sha256: Annotated[
        str, Field(pattern=SHA256, description="Hex sha256 of the release's manifest.json.")
    ]

    @classmethod
    def of(cls, manifest: Manifest, manifest_sha256: str) -> CatalogEntry:
        """The catalog's entry for a release with ``manifest``."""
        return cls(
            id=manifest.release_id,
            line=manifest.line,
            schema_version=manifest.schema_version,
            events=manifest.counts.events,
            documents=manifest.counts.documents,
            previous=manifest.previous_release,
            manifest_sha256=manifest_sha256,
        )


class Catalog(_Format):
    """``catalog.json``: every release of a dataset folder, oldest first."""

    model_config = ConfigDict(title="Catalog")

    catalog_version: Annotated[Literal[1], Field(description="Version of this layout.")] = 1
    latest: Annotated[str | None, Field(description="The release built last.")] = None
    releases: Annotated[list[CatalogEntry], Field(description="Releases, oldest first.")] = []

    def ids(self) -> list[str]:
        """Release ids, oldest first."""
        return [r.id for r in self.releases]

    def entry(self, release_id: str) -> CatalogEntry | None:
        """The entry of one release, or None."""
        return next((r for r in self.releases if r.id == release_id), None)

    def previous(self, line: str) -> str | None:
        """The newest release of ``line``, or None."""
        same_line = [r.id for r in self.releases if r.line == line]
        return same_line[-1] if same_line else None

    def adding(self, entry: CatalogEntry) -> Catalog:
        """This catalog with ``entry`` appended and made the latest."""
        return Catalog(latest=entry.id, releases=[*self.releases, entry])


class RejectEntry(_Format):
    """One input a release refused: a document, or a row of another dataset's file.

    Built from the :class:`~cameo_events.findings.Finding` that refused it:
    ``path`` and ``key`` are its file and record, ``reason`` its message.
    """

    check_id: Annotated[str, Field(description="Rule id of the finding (findings/data/*.yaml).")]
    path: Annotated[str, Field(description="File the input was read from.")]
    key: Annotated[str, Field(description="Where in the file: file name, 'file:line', 'row N'.")]
    field: Annotated[str, Field(description="The field at fault, if one.")] = ""
    value: Annotated[str, Field(description="Its value, if one.")] = ""
    reason: Annotated[str, Field(description="The finding's message: what is wrong, the fix.")]

    @classmethod
    def of(cls, refused: Finding, path: str | None = None) -> RejectEntry:
        """The entry of the finding that refused an input; ``path`` names its file instead."""
        shown = refused.file if path is None else path
        return cls(
            check_id=refused.check_id,
            path=shown,
            key=refused.record,
            field=refused.field,
            value=refused.value,
            reason=refused.message.replace(refused.file, shown),
        )


class Rejects(_Format):
    """``rejects.json``."""

    model_config = ConfigDict(title="Rejects")

    rejected: list[RejectEntry]
