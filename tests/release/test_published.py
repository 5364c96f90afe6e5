"""The published releases in dataset/ are rebuilt from their recipes, byte for byte.

Every release of ``dataset/catalog.json`` is rebuilt, in catalog order, into
an empty dataset folder from the recipe its manifest names; every file of
every release, and the catalog, must come out with the same bytes. A release
coded by another coder or dictionary version than this package's, or written
by another Python or pyarrow, cannot be reproduced here: such a release is
skipped with the reason (publish a new release after changing the coder).
"""

from __future__ import annotations

import platform
from pathlib import Path

import pyarrow as pa
import pytest

from cameo_events.release import build_release
from cameo_events.schema.release_format import Catalog, Manifest
from tests.release.test_build import REPO, tree_bytes

DATASET = REPO / "dataset"


def _manifest(release_id: str) -> Manifest:
    path = DATASET / "releases" / release_id / "manifest.json"
    return Manifest.model_validate_json(path.read_bytes())


def _not_reproducible(manifest: Manifest) -> str | None:
    versions = manifest.versions
    if (versions.python, versions.pyarrow) != (platform.python_version(), pa.__version__):
        return f"written by Python {versions.python} / pyarrow {versions.pyarrow}"
    if versions.coder == "gold":
        return None
    from cameo_events.coder import CODER_VERSION, dictionary_version

    if (versions.coder, versions.dictionary) != (CODER_VERSION, dictionary_version()):
        return (
            f"coded by coder {versions.coder} (dictionary {versions.dictionary}); this package"
            f" has {CODER_VERSION} ({dictionary_version()}): publish a new release"
        )
    return None


def test_published_releases_rebuild_byte_identical(tmp_path: Path) -> None:
    catalog = Catalog.model_validate_json((DATASET / "catalog.json").read_bytes())
    out = tmp_path / "dataset"
    rebuilt = []
    for entry in catalog.releases:
        manifest = _manifest(entry.id)
        reason = _not_reproducible(manifest)
        if reason is not None:
            pytest.skip(f"{entry.id}: {reason}")
        assert manifest.recipe.path is not None
        result = build_release(REPO / manifest.recipe.path, dataset=out)
        assert (result.release.release_id, result.release.created) == (entry.id, True)
        published = tree_bytes(DATASET / "releases" / entry.id)
        assert tree_bytes(result.release.path) == published, entry.id
        rebuilt.append(entry.id)
    assert rebuilt == catalog.ids()
    assert (out / "catalog.json").read_bytes() == (DATASET / "catalog.json").read_bytes()
