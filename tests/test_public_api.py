"""The public surface is exactly what each face's __all__ says, and __all__ is pinned (httpx's habit).

A face is a package's ``__init__.py`` (or ``errors.py``): it defines nothing
and only hands names on. Changing what a face exports is a deliberate change
of the public API: edit the pinned list here and say so in the CHANGELOG.
"""

from __future__ import annotations

import importlib
import types

import pytest

PINNED = {
    "cameo_events": [
        "SCHEMA_VERSION",
        "ChecksumError",
        "Document",
        "Event",
        "Release",
        "__version__",
        "list_releases",
        "load_codebook",
        "load_documents",
        "load_events",
        "open_release",
    ],
    "cameo_events.errors": [
        "CameoEventsError",
        "ChecksumError",
        "DataError",
        "GoldError",
        "RecipeError",
        "ReleaseCheckError",
        "ReleaseError",
        "ReleaseExistsError",
        "UnknownCodeError",
        "UsageError",
    ],
    "cameo_events.findings": [
        "DEFAULT_CAP",
        "FINDING_SCHEMA",
        "Finding",
        "Report",
        "Rule",
        "RuleError",
        "Rules",
        "finding",
        "load_rules",
    ],
    "cameo_events.schema": [
        "PUBLISHED_SCHEMA_VERSIONS",
        "SCHEMA_VERSION",
        "Codebook",
        "Document",
        "Event",
        "EventCode",
        "actor_code_problem",
        "document_json_schema",
        "document_schema",
        "event_json_schema",
        "event_schema",
        "export_schema",
        "load_atoms",
        "make_doc_id",
        "make_event",
        "make_event_id",
        "packaged_codebook",
        "records_to_table",
        "rule_ids",
        "split_actor_code",
        "table_to_records",
    ],
    "cameo_events.documents": [
        "DocumentSource",
        "Duplicate",
        "ReadResult",
        "normalise_text",
        "read_documents",
        "strip_furniture",
    ],
    "cameo_events.convert": [
        "KINDS",
        "SOURCES",
        "Converted",
        "FileCounts",
        "check_source",
        "collect",
        "iter_outcomes",
    ],
    "cameo_events.check": ["CheckUsageError", "check_path"],
    "cameo_events.release": [
        "BuildResult",
        "Recipe",
        "ReleaseSpec",
        "ReleaseWriter",
        "WrittenRelease",
        "build_release",
        "load_recipe",
        "write_release",
    ],
    "cameo_events.load": [
        "DATASET_ENV",
        "DOCUMENT_FILTERS",
        "EVENT_FILTERS",
        "ChecksumError",
        "Release",
        "document_expression",
        "event_expression",
        "list_releases",
        "load_codebook",
        "load_documents",
        "load_events",
        "open_release",
    ],
    "cameo_events.cli": ["main", "run"],
}


def _public(module: types.ModuleType) -> set[str]:
    """Names a user can reach: ours, not modules, not what the module imported for itself."""
    return {
        name
        for name, value in vars(module).items()
        if not name.startswith("_")
        and not isinstance(value, types.ModuleType)
        and name != "annotations"
        and str(getattr(value, "__module__", "cameo_events")).startswith("cameo_events")
    }


@pytest.mark.parametrize("name", sorted(PINNED))
def test_all_is_the_pinned_public_surface(name: str) -> None:
    module = importlib.import_module(name)
    assert list(module.__all__) == PINNED[name]
    assert _public(module) == set(module.__all__) - {"__version__"}


def test_load_codebook_means_one_thing() -> None:
    import cameo_events
    import cameo_events.schema

    assert cameo_events.load_codebook is cameo_events.load.load_codebook
    assert not hasattr(cameo_events.schema, "load_codebook")
