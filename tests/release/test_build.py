"""Building the seed release: reproducible, atomic, never overwriting."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from cameo_events.errors import GoldError, ReleaseCheckError, ReleaseExistsError
from cameo_events.findings import Finding
from cameo_events.release import build_release
from cameo_events.release import publish as publish_module

REPO = Path(__file__).resolve().parents[2]


def copy_seed_project(tmp_path: Path) -> Path:
    """A private copy of builders/ and seeds/ so tests can edit inputs."""
    root = tmp_path / "project"
    shutil.copytree(REPO / "seeds", root / "seeds")
    shutil.copytree(REPO / "builders", root / "builders")
    return root


def tree_bytes(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_seed_release_layout_and_manifest(tmp_path: Path) -> None:
    result = build_release(REPO / "builders/seed-gold.toml", dataset=tmp_path / "ds")
    release = result.release.path
    manifest = json.loads((release / "manifest.json").read_text())
    listed = {f["path"] for f in manifest["files"]}
    on_disk = {p.relative_to(release).as_posix() for p in release.rglob("*") if p.is_file()} - {
        "manifest.json"
    }
    assert listed == on_disk
    for name in ("documents.parquet", "changes.parquet", "datapackage.json", "croissant.json", "README.md",
                 "schema/event.schema.json", "codebook/event_codes.parquet", "rejects.json"):  # fmt: skip
        assert name in listed
    events_file = release / "events/year=2025/part-0.parquet"
    metadata = pq.read_metadata(events_file)
    footer = metadata.metadata
    assert footer[b"cameo_events.schema_version"] == b"1.0.0"
    assert footer[b"cameo_events.release_id"] == result.release.release_id.encode()
    assert metadata.row_group(0).column(0).compression == "ZSTD"
    assert manifest["counts"]["events"] == metadata.num_rows == result.events > 0
    assert manifest["inputs"][0]["path"] == "seeds/ft-2025-02-17-us-russia-riyadh-talks.txt"
    catalog = json.loads((tmp_path / "ds/catalog.json").read_text())
    assert catalog["latest"] == result.release.release_id


def test_rebuild_is_byte_identical_and_idempotent(tmp_path: Path) -> None:
    first = build_release(REPO / "builders/seed-gold.toml", dataset=tmp_path / "a").release
    second = build_release(REPO / "builders/seed-gold.toml", dataset=tmp_path / "b").release
    assert first.release_id == second.release_id
    assert tree_bytes(first.path) == tree_bytes(second.path)
    again = build_release(REPO / "builders/seed-gold.toml", dataset=tmp_path / "a").release
    assert not again.created and tree_bytes(again.path) == tree_bytes(first.path)


def test_existing_release_with_other_content_is_never_overwritten(tmp_path: Path) -> None:
    project = copy_seed_project(tmp_path)
    recipe = project / "builders/seed-gold.toml"
    recipe.write_text(
        recipe.read_text().replace('id = "{line}-{newest}-{hash8}"', 'id = "{line}-fixed"')
    )
    first = build_release(recipe, dataset=tmp_path / "ds").release
    before = tree_bytes(first.path)
    gold = project / "seeds/gold/seed.jsonl"
    gold.write_text(gold.read_text().replace('"code": "120"', '"code": "125"'))
    with pytest.raises(ReleaseExistsError, match="never overwritten"):
        build_release(recipe, dataset=tmp_path / "ds")
    assert tree_bytes(first.path) == before


def test_interrupted_build_leaves_no_partial_release(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dataset = tmp_path / "ds"

    def crash(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt("interrupted while writing")

    monkeypatch.setattr(publish_module, "write_json", crash)
    with pytest.raises(KeyboardInterrupt):
        build_release(REPO / "builders/seed-gold.toml", dataset=dataset)
    assert not any((dataset / "releases").iterdir())
    assert not (dataset / "catalog.json").exists()
    assert not (dataset / ".staging").exists()
    monkeypatch.undo()
    assert build_release(REPO / "builders/seed-gold.toml", dataset=dataset).release.created


def test_failed_validation_publishes_nothing(tmp_path: Path) -> None:
    dataset = tmp_path / "ds"
    with pytest.raises(ReleaseCheckError, match="failed its checks"):
        build_release(
            REPO / "builders/seed-gold.toml",
            dataset=dataset,
            validate=lambda folder: ["span.text_mismatch: x"],
        )
    assert not any((dataset / "releases").iterdir())


def test_second_release_records_changes_against_the_first(tmp_path: Path) -> None:
    project = copy_seed_project(tmp_path)
    first = build_release(project / "builders/seed-gold.toml", dataset=tmp_path / "ds").release
    gold = project / "seeds/gold/seed.jsonl"
    record = json.loads(gold.read_text())
    removed = record["events"].pop()
    record["events"][0]["date"] = "2025-02-19"
    gold.write_text(json.dumps(record) + "\n")
    second = build_release(project / "builders/seed-gold.toml", dataset=tmp_path / "ds").release
    assert second.release_id != first.release_id
    manifest = json.loads((second.path / "manifest.json").read_text())
    assert manifest["previous_release"] == first.release_id
    changes = pq.read_table(second.path / "changes.parquet").to_pylist()
    kinds = sorted((c["change"], c["fields"]) for c in changes)
    assert ("removed", None) in kinds and ("changed", "event_date") in kinds
    assert removed["code"] == "120"
    catalog = json.loads((tmp_path / "ds/catalog.json").read_text())
    assert [r["id"] for r in catalog["releases"]] == [first.release_id, second.release_id]


def test_gold_span_outside_its_document_stops_the_build(tmp_path: Path) -> None:
    project = copy_seed_project(tmp_path)
    gold = project / "seeds/gold/seed.jsonl"
    record = json.loads(gold.read_text())
    record["events"][0]["trigger_span"] = [10_000, 10_009]
    gold.write_text(json.dumps(record) + "\n")
    with pytest.raises(GoldError, match="do not fit their documents") as caught:
        build_release(project / "builders/seed-gold.toml", dataset=tmp_path / "ds")
    (problem,) = caught.value.findings
    assert isinstance(problem, Finding) and problem.check_id == "gold.span_outside"
    assert (problem.record, problem.field) == ("line 1", "trigger_span")
    assert "outside the document" in problem.message


def test_a_bad_gold_file_is_exit_status_1_without_a_traceback(tmp_path: Path) -> None:
    import subprocess
    import sys

    project = copy_seed_project(tmp_path)
    gold = project / "seeds/gold/seed.jsonl"
    record = json.loads(gold.read_text())
    record["events"][0]["code"] = "999"
    gold.write_text(json.dumps(record) + "\n")
    result = subprocess.run(
        [sys.executable, "-m", "cameo_events", "build", "builders/seed-gold.toml", "--out", "ds"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "gold.invalid: " in result.stderr and "'999' is not in the codebook" in result.stderr


def test_built_release_checks_clean_and_the_checker_guards_publishing(tmp_path: Path) -> None:
    from cameo_events.check import check_path

    def validate(folder: Path) -> list[str]:
        return [v.check_id for v in check_path(folder).violations if v.severity == "error"]

    result = build_release(
        REPO / "builders/seed-gold.toml", dataset=tmp_path / "ds", validate=validate
    )
    report = check_path(tmp_path / "ds")
    assert report.errors == 0 and report.warnings == 0, report.to_json()
    assert result.release.created


def test_loader_returns_what_the_builder_wrote(tmp_path: Path) -> None:
    import cameo_events
    from cameo_events.release.gold import events_from_gold
    from cameo_events.schema import Event, table_to_records

    result = build_release(REPO / "builders/seed-gold.toml", dataset=tmp_path / "ds")
    written, _ = events_from_gold(REPO / "seeds/gold/seed.jsonl", result.read.documents)
    table = cameo_events.load_events(source=tmp_path / "ds", as_="arrow")
    loaded = sorted(table_to_records(table, Event), key=lambda e: e.event_id)
    assert loaded == sorted(written, key=lambda e: e.event_id)
    frame = cameo_events.load_events(source=tmp_path / "ds", filters={"codes": ["036"]})
    assert set(frame["cameo_code"].astype(str)) == {"036"}
    assert len(frame) == sum(e.cameo_code == "036" for e in written)
    docs = cameo_events.load_documents(source=tmp_path / "ds")
    assert list(docs["doc_id"]) == [d.doc_id for d in result.read.documents]


def test_default_seed_release_is_coded_automatically_and_checks_clean(tmp_path: Path) -> None:
    from cameo_events.check import check_path

    result = build_release(REPO / "builders/seed.toml", dataset=tmp_path / "ds")
    manifest = json.loads((result.release.path / "manifest.json").read_text())
    assert (
        manifest["versions"]["coder"] not in ("gold", None) and manifest["versions"]["dictionary"]
    )
    assert result.events > 0
    events = pq.read_table(result.release.path / "events/year=2025/part-0.parquet").to_pylist()
    assert {e["coding_method"] for e in events} == {"coder"}
    assert all(e["pattern_id"] != "gold" for e in events)
    assert check_path(tmp_path / "ds").errors == 0


def test_a_refused_document_is_listed_in_rejects_json_in_the_one_shape(tmp_path: Path) -> None:
    project = copy_seed_project(tmp_path)
    (project / "seeds/undated.txt").write_text("Russia praised India.\n", encoding="utf-8")
    result = build_release(project / "builders/seed-gold.toml", dataset=tmp_path / "ds")
    (refused,) = result.read.rejects
    assert refused.check_id == "document.metadata" and refused.record == "undated.txt"
    rejects = json.loads((result.release.path / "rejects.json").read_text())["rejected"]
    assert rejects == [
        {
            "check_id": "document.metadata",
            "path": "seeds/undated.txt",
            "key": "undated.txt",
            "field": "",
            "value": "",
            "reason": "seeds/undated.txt, undated.txt: missing publication date; fix the"
            " document's metadata (front matter, sidecar, columns or the recipe's defaults)",
        }
    ]
