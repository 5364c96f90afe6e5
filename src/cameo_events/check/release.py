"""Release stage: a release's manifest against its files, a catalog against its releases.

Files are hashed in 1 MiB chunks, so memory does not grow with file size.
See ``docs/release-format.md`` for the manifest and catalog layout.

Examples
--------
>>> import pathlib, tempfile
>>> from cameo_events.check.release import file_sha256
>>> path = pathlib.Path(tempfile.mkdtemp()) / "x.txt"
>>> _ = path.write_bytes(b"abc")
>>> file_sha256(path)[:12]
'ba7816bf8f01'
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from cameo_events.check.structure import check_schema_version
from cameo_events.findings import Report

__all__ = ["check_catalog", "check_manifest", "file_sha256", "read_json"]

_CHUNK = 1 << 20


def file_sha256(path: Path) -> str:
    """Hex sha256 of a file's bytes, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


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


def _parquet_rows(path: Path) -> int | None:
    try:
        return int(pq.ParquetFile(path).metadata.num_rows)
    except (pa.ArrowException, OSError, ValueError):
        return None  # the structure stage reports unreadable Parquet


def check_manifest(release: Path, report: Report) -> dict[str, Any] | None:
    """Check ``release/manifest.json`` against the files beside it; return the manifest."""
    label = str(release / "manifest.json")
    manifest = read_json(release / "manifest.json", label, report)
    if manifest is None:
        return None
    entries = manifest.get("files")
    if not isinstance(entries, list):
        report.add("file.unreadable", file=label, record="file", detail="no 'files' list")
        return None
    check_schema_version(manifest.get("schema_version"), label, report)
    listed: set[str] = set()
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("path"), str):
            report.add("file.unreadable", file=label, record="files", detail=f"bad entry {entry!r}")
            continue
        relative = entry["path"]
        listed.add(relative)
        target = release / relative
        shown = repr(relative)
        if not target.is_file():
            report.add("manifest.missing_file", file=label, record=relative, value=shown)
            continue
        size = target.stat().st_size
        if entry.get("bytes") != size:
            report.add(
                "manifest.bytes",
                file=label,
                record=relative,
                field="bytes",
                value=shown,
                detail=size,
                expected=entry.get("bytes"),
            )
        digest = file_sha256(target)
        if entry.get("sha256") != digest:
            report.add(
                "manifest.sha256",
                file=label,
                record=relative,
                field="sha256",
                value=shown,
                detail=digest,
                expected=entry.get("sha256"),
            )
        if entry.get("rows") is not None and target.suffix == ".parquet":
            rows = _parquet_rows(target)
            if rows is not None and rows != entry["rows"]:
                report.add(
                    "manifest.rows",
                    file=label,
                    record=relative,
                    field="rows",
                    value=shown,
                    detail=rows,
                    expected=entry["rows"],
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
    catalog = read_json(dataset / "catalog.json", label, report)
    releases = catalog.get("releases") if catalog is not None else None
    if not isinstance(releases, list):
        if catalog is not None:
            report.add("file.unreadable", file=label, record="file", detail="no 'releases' list")
        return sorted(p.parent for p in (dataset / "releases").glob("*/manifest.json"))
    ids = [r.get("id") for r in releases if isinstance(r, dict)]
    if catalog is not None and catalog.get("latest") not in ids:
        report.add(
            "catalog.latest",
            file=label,
            record="latest",
            field="latest",
            value=repr(catalog.get("latest")),
            expected=ids[-1] if ids else None,
        )
    folders = []
    for entry in releases:
        if not isinstance(entry, dict):
            report.add(
                "file.unreadable", file=label, record="releases", detail=f"bad entry {entry!r}"
            )
            continue
        release_id = str(entry.get("id"))
        folder = dataset / "releases" / release_id
        manifest_path = folder / "manifest.json"
        if not manifest_path.is_file():
            report.add(
                "catalog.missing_release",
                file=label,
                record=release_id,
                value=repr(release_id),
                detail=manifest_path,
            )
            continue
        folders.append(folder)
        digest = file_sha256(manifest_path)
        if entry.get("manifest_sha256") != digest:
            report.add(
                "catalog.manifest_sha256",
                file=label,
                record=release_id,
                field="manifest_sha256",
                value=entry.get("manifest_sha256"),
                expected=digest,
            )
        try:
            counts = json.loads(manifest_path.read_text("utf-8")).get("counts", {})
        except (OSError, UnicodeDecodeError, json.JSONDecodeError, AttributeError):
            continue  # the release's own check reports its unreadable manifest
        for key in ("events", "documents"):
            if entry.get(key) != counts.get(key):
                report.add(
                    "catalog.counts",
                    file=label,
                    record=release_id,
                    field=key,
                    value=entry.get(key),
                    expected=counts.get(key),
                )
    return folders
