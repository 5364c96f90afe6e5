"""The release-format models against the published releases (golden) and broken files."""

from __future__ import annotations

import json
from pathlib import Path

import pydantic
import pytest

from cameo_events.schema.release_format import Catalog, Manifest, Rejects, dump

DATASET = Path(__file__).resolve().parents[2] / "dataset"
RELEASES = sorted(p.name for p in (DATASET / "releases").iterdir())


@pytest.mark.parametrize("release", RELEASES)
@pytest.mark.parametrize(
    ("name", "model"), [("manifest.json", Manifest), ("rejects.json", Rejects)]
)
def test_published_files_round_trip_byte_for_byte(
    release: str, name: str, model: type[pydantic.BaseModel]
) -> None:
    text = (DATASET / "releases" / release / name).read_text("utf-8")
    assert dump(model.model_validate_json(text)) + "\n" == text


def test_published_catalog_round_trips_and_lists_every_release() -> None:
    text = (DATASET / "catalog.json").read_text("utf-8")
    catalog = Catalog.model_validate_json(text)
    assert dump(catalog) + "\n" == text
    assert sorted(catalog.ids()) == RELEASES and catalog.latest == catalog.ids()[-1]


def _manifest() -> dict[str, object]:
    data: dict[str, object] = json.loads(
        (DATASET / "releases" / RELEASES[0] / "manifest.json").read_text()
    )
    return data


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ({"manifest_version": 2}, "manifest_version"),
        ({"surprise": 1}, "surprise"),
        ({"files": [{"path": "a", "sha256": "no", "bytes": 1, "rows": None}]}, "files.0.sha256"),
        ({"counts": {"events": 1}}, "counts.documents"),
    ],
)
def test_broken_manifests_name_the_field(change: dict[str, object], says: str) -> None:
    with pytest.raises(pydantic.ValidationError) as caught:
        Manifest.model_validate({**_manifest(), **change})
    locations = {".".join(map(str, e["loc"])) for e in caught.value.errors()}
    assert any(location.startswith(says) for location in locations), locations
