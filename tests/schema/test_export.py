"""The published schema/ folder is generated from the package and kept in sync."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from cameo_events.schema import PUBLISHED_SCHEMA_VERSIONS, SCHEMA_VERSION
from cameo_events.schema.export import export_schema, schema_files

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schema"


def test_published_schema_is_up_to_date() -> None:
    stale = []
    for relative, content in schema_files().items():
        path = SCHEMA_DIR / SCHEMA_VERSION / relative
        if not path.is_file() or path.read_text(encoding="utf-8") != content:
            stale.append(relative)
    assert not stale, f"schema/ is stale ({stale}); run: cameo-events schema export schema"


def test_every_published_version_has_its_folder() -> None:
    assert PUBLISHED_SCHEMA_VERSIONS[-1] == SCHEMA_VERSION
    for version in PUBLISHED_SCHEMA_VERSIONS:
        for name in ("event.schema.json", "document.schema.json", "codebook/event_codes.csv"):
            assert (SCHEMA_DIR / version / name).is_file(), f"{version}/{name}"


def test_exported_json_schemas_are_valid_draft_2020_12(tmp_path: Path) -> None:
    export_schema(tmp_path)
    for name in ("event.schema.json", "document.schema.json", "manifest.schema.json",
                 "catalog.schema.json", "rejects.schema.json"):  # fmt: skip
        schema = json.loads((tmp_path / SCHEMA_VERSION / name).read_text())
        jsonschema.Draft202012Validator.check_schema(schema)
        assert schema["additionalProperties"] is False


def test_export_is_deterministic(tmp_path: Path) -> None:
    first = {p.name: p.read_bytes() for p in export_schema(tmp_path / "a")}
    second = {p.name: p.read_bytes() for p in export_schema(tmp_path / "b")}
    assert first == second
