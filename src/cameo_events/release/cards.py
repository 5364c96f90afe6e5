"""Describe a release for people and catalogues: dataset card, datapackage.json, croissant.json."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from cameo_events.schema import Document, Event, packaged_codebook
from cameo_events.schema.release_format import Manifest

__all__ = ["ReleaseSummary", "croissant", "data_package", "dataset_card"]

_FRICTIONLESS_TYPES = {
    "string": "string",
    "date32[day]": "date",
    "int8": "integer",
    "int32": "integer",
}


def _field_type(arrow_type: pa.DataType) -> str:
    if pa.types.is_dictionary(arrow_type):
        return "string"
    if pa.types.is_floating(arrow_type):
        return "number"
    if pa.types.is_boolean(arrow_type):
        return "boolean"
    return _FRICTIONLESS_TYPES.get(str(arrow_type), "any")


def _fields(schema: pa.Schema, model: type[Event] | type[Document]) -> list[dict[str, Any]]:
    return [
        {
            "name": f.name,
            "type": _field_type(f.type),
            "description": model.model_fields[f.name].description or "",
        }
        for f in schema
        if f.name in model.model_fields
    ]


def data_package(
    manifest: Manifest, event_schema: pa.Schema, document_schema: pa.Schema
) -> dict[str, Any]:
    """A Frictionless Data Package descriptor of the release's tables."""
    files = {f.path: f for f in manifest.files}
    event_paths = sorted(p for p in files if p.startswith("events/"))
    resources = [
        {
            "name": "events",
            "path": event_paths,
            "format": "parquet",
            "mediatype": "application/vnd.apache.parquet",
            "hash": [f"sha256:{files[p].sha256}" for p in event_paths],
            "schema": {"fields": _fields(event_schema, Event), "primaryKey": ["event_id"]},
        },
        {
            "name": "documents",
            "path": "documents.parquet",
            "format": "parquet",
            "mediatype": "application/vnd.apache.parquet",
            "hash": f"sha256:{files['documents.parquet'].sha256}",
            "schema": {"fields": _fields(document_schema, Document), "primaryKey": ["doc_id"]},
        },
    ]
    return {
        "profile": "data-package",
        "name": manifest.release_id,
        "title": manifest.title,
        "description": manifest.description,
        "version": manifest.release_id,
        "licenses": [{"name": manifest.licence}],
        "keywords": ["CAMEO", "event data", *manifest.keywords],
        "resources": resources,
    }


def croissant(manifest: Manifest, event_schema: pa.Schema) -> dict[str, Any]:
    """Croissant (ML Commons) metadata for the events table."""
    files = {f.path: f for f in manifest.files}
    event_paths = sorted(p for p in files if p.startswith("events/"))
    xsd = {
        "string": "sc:Text",
        "date": "sc:Date",
        "integer": "sc:Integer",
        "number": "sc:Float",
        "boolean": "sc:Boolean",
    }
    return {
        "@context": {
            "@vocab": "https://schema.org/",
            "sc": "https://schema.org/",
            "cr": "http://mlcommons.org/croissant/",
        },
        "@type": "sc:Dataset",
        "conformsTo": "http://mlcommons.org/croissant/1.0",
        "name": manifest.release_id,
        "description": manifest.description,
        "license": manifest.licence,
        "version": manifest.release_id,
        "distribution": [
            {
                "@type": "cr:FileObject",
                "@id": path,
                "contentUrl": path,
                "encodingFormat": "application/vnd.apache.parquet",
                "sha256": files[path].sha256,
            }
            for path in event_paths
        ]
        + [
            {
                "@type": "cr:FileSet",
                "@id": "events-files",
                "encodingFormat": "application/vnd.apache.parquet",
                "includes": "events/*/*.parquet",
            }
        ],
        "recordSet": [
            {
                "@type": "cr:RecordSet",
                "@id": "events",
                "field": [
                    {
                        "@type": "cr:Field",
                        "@id": f"events/{f['name']}",
                        "dataType": xsd.get(f["type"], "sc:Text"),
                        "description": f["description"],
                        "source": {
                            "fileSet": {"@id": "events-files"},
                            "extract": {"column": f["name"]},
                        },
                    }
                    for f in _fields(event_schema, Event)
                ],
            }
        ],
    }


@dataclass(frozen=True)
class ReleaseSummary:
    """What the dataset card says about a release's rows (small whatever the row count)."""

    roots: Mapping[str, int]  # events by root code
    first: datetime.date | None  # earliest event date
    last: datetime.date | None  # latest event date
    publishers: frozenset[str]


def dataset_card(manifest: Manifest, summary: ReleaseSummary) -> str:
    """A README.md dataset card with Hugging Face style front matter."""
    book = packaged_codebook()
    if summary.first is not None and summary.last is not None:
        span = f"{summary.first.isoformat()} to {summary.last.isoformat()}"
    else:
        span = "no events"
    root_lines = (
        "\n".join(
            f"| {root} | {book[root].label} | {count} |"
            for root, count in sorted(summary.roots.items())
        )
        or "| – | – | 0 |"
    )
    publishers = ", ".join(sorted(summary.publishers)) or "none"
    counts = manifest.counts
    return f"""---
license: other
pretty_name: "{manifest.title}"
tags: [CAMEO, event-data, political-science]
configs:
  - config_name: events
    data_files: "events/*/*.parquet"
---

# {manifest.title} — release `{manifest.release_id}`

{manifest.description}

- Schema version: {manifest.schema_version} (JSON Schema in `schema/`)
- Events: {counts.events} ({span}); documents: {counts.documents}; rejected inputs: {counts.rejected}; duplicate inputs collapsed: {counts.duplicates}
- Events coded by: {manifest.versions.coder} (dictionary {manifest.versions.dictionary or "n/a"})
- Sources: {publishers}
- Licence: {manifest.licence}
- Content hash (canonical rows): `{manifest.content_hash}`
- Previous release: {manifest.previous_release or "none"} (see `changes.parquet`)

## Events by root code

| root | label | events |
|---|---|---|
{root_lines}

## Load it

```python
import cameo_events
events = cameo_events.load_events("{manifest.release_id}")
```

Every event carries the character spans of its source, target and trigger in
`documents.parquet`, the pattern that coded it and the coder version, so it
can be traced to the words it came from. Check the release with
`cameo-events check <this folder>`; every file's sha256 is in `manifest.json`.
"""
