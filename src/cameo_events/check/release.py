"""Release stage: a release's manifest against its files, a catalog against its releases.

Files are hashed in 1 MiB chunks, so memory does not grow with file size.
See ``docs/release-format.md`` for the manifest and catalog layout.

Both files are read through the release-format models
(:mod:`cameo_events.schema.release_format`); a file the model refuses is
reported as ``file.unreadable`` with the field at fault.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TypeVar

import pyarrow as pa
import pyarrow.parquet as pq
from pydantic import ValidationError

from cameo_events.check.structure import check_schema_version
from cameo_events.findings import Report
from cameo_events.schema.release_format import Catalog, Manifest, file_sha256

__all__ = ["check_catalog", "check_manifest", "read_json", "read_model"]

_Format = TypeVar("_Format", Catalog, Manifest)


def read_json(path: Path, label: str, report: Report) -> dict[str, Any] | None:
    """A JSON object from ``path``, or None after reporting ``file.unreadable``."""
    report.files.add(label)
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        report.add("file.unreadable", file=label, record="file", detail=f"not JSON: {exc}")
        return None
    if not isinstance(data, dict):
        report.add("file.unreadable", file=label, record="file", detail="not a JSON object")
        return None
    return data


def read_model(path: Path, model: type[_Format], report: Report) -> _Format | None:
    """``path`` parsed by a release-format model, or None after reporting ``file.unreadable``."""
    label = str(path)
    data = read_json(path, label, report)
    if data is None:
        return None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "file"
        detail = f"not a valid {model.__name__.lower()}: {where}: {first['msg']}"
        report.add("file.unreadable", file=label, record=where, detail=detail)
        return None


def _parquet_rows(path: Path) -> int | None:
    try:
        return int(pq.ParquetFile(path).metadata.num_rows)
    except (pa.ArrowException, OSError, ValueError):
        return None  # the structure stage reports unreadable Parquet


def check_manifest(release: Path, report: Report) -> Manifest | None:
    """Check ``release/manifest.json`` against the files beside it; return the manifest."""
    label = str(release / "manifest.json")
    manifest = read_model(release / "manifest.json", Manifest, report)
    if manifest is None:
        return None
    check_schema_version(manifest.schema_version, label, report)
    listed: set[str] = set()
    for entry in manifest.files:
        relative = entry.path
        listed.add(relative)
        target = release / relative
        shown = repr(relative)
        if not target.is_file():
            report.add("manifest.missing_file", file=label, record=relative, value=shown)
            continue
        size = target.stat().st_size
        if entry.bytes != size:
            report.add(
                "manifest.bytes",
                file=label,
                record=relative,
                field="bytes",
                value=shown,
                detail=size,
                expected=entry.bytes,
            )
        digest = file_sha256(target)
        if entry.sha256 != digest:
            report.add(
                "manifest.sha256",
                file=label,
                record=relative,
                field="sha256",
                value=shown,
                detail=digest,
                expected=entry.sha256,
            )
        if entry.rows is not None and target.suffix == ".parquet":
            rows = _parquet_rows(target)
            if rows is not None and rows != entry.rows:
                report.add(
                    "manifest.rows",
                    file=label,
                    record=relative,
                    field="rows",
                    value=shown,
                    detail=rows,
                    expected=entry.rows,
                )
    for path in sorted(release.rglob("*")):
        relative = path.relative_to(release).as_posix()
        if path.is_file() and relative != "manifest.json" and relative not in listed:
            report.add("manifest.unlisted_file", file=label, record=relative, value=repr(relative))
    return manifest


def check_catalog(dataset: Path, report: Report) -> list[Path]:
    """Check ``dataset/catalog.json``; return the release folders to check.

    The folders are the catalog's releases that exist; when the catalog cannot
    be read, every ``releases/*`` folder with a manifest.
    """
    label = str(dataset / "catalog.json")
    catalog = read_model(dataset / "catalog.json", Catalog, report)
    if catalog is None:
        return sorted(p.parent for p in (dataset / "releases").glob("*/manifest.json"))
    ids = catalog.ids()
    if catalog.latest not in ids:
        report.add(
            "catalog.latest",
            file=label,
            record="latest",
            field="latest",
            value=repr(catalog.latest),
            expected=ids[-1] if ids else None,
        )
    folders = []
    for entry in catalog.releases:
        folder = dataset / "releases" / entry.id
        manifest_path = folder / "manifest.json"
        if not manifest_path.is_file():
            report.add(
                "catalog.missing_release",
                file=label,
                record=entry.id,
                value=repr(entry.id),
                detail=manifest_path,
            )
            continue
        folders.append(folder)
        digest = file_sha256(manifest_path)
        if entry.manifest_sha256 != digest:
            report.add(
                "catalog.manifest_sha256",
                file=label,
                record=entry.id,
                field="manifest_sha256",
                value=entry.manifest_sha256,
                expected=digest,
            )
        try:
            counts = Manifest.model_validate_json(manifest_path.read_bytes()).counts
        except (OSError, ValueError):
            continue  # the release's own check reports its unreadable manifest
        for key, listed, actual in (
            ("events", entry.events, counts.events),
            ("documents", entry.documents, counts.documents),
        ):
            if listed != actual:
                report.add(
                    "catalog.counts",
                    file=label,
                    record=entry.id,
                    field=key,
                    value=listed,
                    expected=actual,
                )
    return folders
