"""Generate the published, language-neutral schema: JSON Schema and codebook tables.

``export_schema(directory)`` writes ``<directory>/<version>/`` with

- ``event.schema.json`` and ``document.schema.json`` (JSON Schema draft 2020-12,
  from the pydantic models, with the codebook's code lists as enums),
- ``manifest.schema.json``, ``catalog.schema.json`` and ``rejects.schema.json``
  (the release format, from :mod:`cameo_events.schema.release_format`),
- ``codebook/event_codes.csv``, ``codebook/alternative_scales.csv`` and
  ``codebook/actor_atoms.csv`` (every atom, ISO countries included).

The output is deterministic, so a test can regenerate it and compare it with
the committed ``schema/`` folder.

Examples
--------
>>> from cameo_events.schema.export import event_json_schema
>>> event_json_schema()["$schema"]
'https://json-schema.org/draft/2020-12/schema'
"""

from __future__ import annotations

import csv
import io
import json
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from cameo_events.schema.actors import load_atoms
from cameo_events.schema.codebook import packaged_codebook
from cameo_events.schema.models import Document, Event
from cameo_events.schema.release_format import Catalog, Manifest, Rejects
from cameo_events.schema.version import SCHEMA_VERSION

__all__ = [
    "document_json_schema",
    "event_json_schema",
    "export_schema",
    "release_format_json_schemas",
    "schema_files",
]

SCHEMA_BASE_URL = "https://cameo-events.github.io/schema"
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _json_schema(model: type[BaseModel], name: str) -> dict[str, Any]:
    schema = model.model_json_schema(mode="validation")
    return {
        "$schema": DIALECT,
        "$id": f"{SCHEMA_BASE_URL}/{SCHEMA_VERSION}/{name}.schema.json",
        "x-cameo-events-schema-version": SCHEMA_VERSION,
        **schema,
    }


def event_json_schema() -> dict[str, Any]:
    """JSON Schema of an event record, with codebook enums.

    JSON Schema cannot express the rules that tie fields together through the
    codebook (base/root are prefixes of the code, quad class and Goldstein
    agree with it, span length equals text length, the doc id is a hash of
    the text); those are enforced by the pydantic models and the checker only.
    """
    schema = _json_schema(Event, "event")
    book = packaged_codebook()
    props = schema["properties"]
    props["cameo_code"]["enum"] = sorted(book)
    props["base_code"]["enum"] = sorted(c for c in book if len(c) <= 3)
    props["root_code"]["enum"] = sorted(c.code for c in book.roots())
    return schema


def document_json_schema() -> dict[str, Any]:
    """JSON Schema of a document record."""
    return _json_schema(Document, "document")


def release_format_json_schemas() -> dict[str, dict[str, Any]]:
    """JSON Schema of ``manifest.json``, ``catalog.json`` and ``rejects.json``, by file name."""
    models: dict[str, type[BaseModel]] = {
        "manifest": Manifest,
        "catalog": Catalog,
        "rejects": Rejects,
    }
    return {f"{name}.schema.json": _json_schema(model, name) for name, model in models.items()}


def _packaged_csv(name: str) -> str:
    return resources.files("cameo_events.schema").joinpath("data").joinpath(name).read_text("utf-8")


def _atoms_csv() -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["atom", "kind", "label"])
    for atom in sorted(load_atoms()):
        for entry in load_atoms()[atom]:
            writer.writerow([entry.atom, entry.kind, entry.label])
    return out.getvalue()


def _dump(obj: dict[str, Any]) -> str:
    return json.dumps(obj, indent=2, ensure_ascii=False) + "\n"


def schema_files() -> dict[str, str]:
    """Every file of the current schema version, by path relative to its version folder."""
    return {
        "event.schema.json": _dump(event_json_schema()),
        "document.schema.json": _dump(document_json_schema()),
        **{name: _dump(schema) for name, schema in release_format_json_schemas().items()},
        "codebook/event_codes.csv": _packaged_csv("event_codes.csv"),
        "codebook/alternative_scales.csv": _packaged_csv("alternative_scales.csv"),
        "codebook/actor_atoms.csv": _atoms_csv(),
    }


def export_schema(directory: str | Path) -> list[Path]:
    """Write the current schema version into ``directory/<version>/``; return the paths."""
    root = Path(directory) / SCHEMA_VERSION
    written = []
    for relative, content in schema_files().items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8", newline="\n")
        written.append(path)
    return written
