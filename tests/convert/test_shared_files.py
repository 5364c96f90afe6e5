"""Every GDELT and ICEWS file in ../shared converts, with counts that add up and known findings."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pyarrow.dataset as ds
import pytest

from cameo_events.check import check_path
from cameo_events.convert import check_source, collect
from cameo_events.findings import Report
from cameo_events.release.imported import convert_files
from tests.conftest import shared_file

pytestmark = pytest.mark.shared

GDELT_EVENTS = (
    "external/gdelt/gdelt1_events_historical_sample100.CSV",
    "external/gdelt/gdelt2_events_en_sample100.export.CSV",
    "external/gdelt/gdelt2_events_translingual_sample100.export.CSV",
)
GDELT_MENTIONS = (
    "external/gdelt/gdelt2_mentions_en_sample100.mentions.CSV",
    "external/gdelt/gdelt2_mentions_translingual_sample100.mentions.CSV",
)
ICEWS = (
    "external/icews/icews_events.2018.sample500.tab",
    "external/icews/icews_to_jsonl_sample_output.json",
)


def _files(shared: Path, names: tuple[str, ...]) -> list[Path]:
    return [shared_file(shared, name) for name in names]


def _data_lines(path: Path) -> int:
    return len(path.read_text("utf-8", errors="replace").splitlines())


def _structure_problems(release: Path) -> list[str]:
    report = check_path(release)
    return [
        f"{v.check_id}: {v.message}"
        for v in report.violations
        if report.rules[v.check_id].stage in ("structure", "release")
    ]


def test_every_shared_data_file_is_listed(shared_dir: Path) -> None:
    # A new sample in ../shared must be added here, not silently skipped.
    gdelt = {p.name for p in (shared_dir / "external/gdelt").glob("*.CSV")}
    assert gdelt == {Path(n).name for n in GDELT_EVENTS + GDELT_MENTIONS}
    icews = {p.name for p in (shared_dir / "external/icews").iterdir()}
    assert icews == {Path(n).name for n in ICEWS}


@pytest.mark.parametrize(
    ("kind", "names"),
    [
        ("gdelt", GDELT_EVENTS),
        ("gdelt-mentions", GDELT_EVENTS[1:] + GDELT_MENTIONS),
        ("icews", ICEWS),
    ],
)
def test_shared_files_convert_with_counts_that_add_up(
    shared_dir: Path, tmp_path: Path, kind: str, names: tuple[str, ...]
) -> None:
    files = _files(shared_dir, names)
    converted, written = convert_files(kind, files, tmp_path / "ds", Report())
    for counts in converted.counts.values():
        assert counts.read == counts.converted + counts.rejected, counts
    assert len(converted.events) == sum(c.converted for c in converted.counts.values())
    for path in files:
        if path.suffix != ".json":  # JSON records span many lines
            assert converted.counts[path.name].read == _data_lines(path) - (path.suffix == ".tab")
    manifest = json.loads((written.path / "manifest.json").read_text())
    assert manifest["counts"]["events"] == len(converted.events)
    assert manifest["counts"]["rejected"] == len(converted.rejects)
    assert [i["path"] for i in manifest["inputs"]] == [p.name for p in files]
    for entry in manifest["inputs"]:
        assert int(entry["rows_read"]) == int(entry["converted"]) + int(entry["rejected"])
    rejects = json.loads((written.path / "rejects.json").read_text())["rejected"]
    assert len(rejects) == len(converted.rejects)
    assert all(set(r) == {"check_id", "path", "key", "field", "value", "reason"} for r in rejects)
    assert _structure_problems(written.path) == []


def test_gdelt_known_findings(shared_dir: Path, tmp_path: Path) -> None:
    report = Report()
    converted = collect("gdelt", _files(shared_dir, GDELT_EVENTS), report)
    by_check = report.summary()["by_check"]
    # GDELT rows whose QuadClass contradicts GDELT's own table (090 coded 2, 141 coded 3).
    assert by_check["gdelt.quad_class"] == 6
    # 1.0 daily rows dated the day after they were added.
    assert by_check["gdelt.date_after_added"] == 10
    # Actor codes that contradict their broken-out columns ('TWNLEG' with only LEG, ...).
    assert by_check["gdelt.actor_columns"] == 15
    assert "gdelt.fraction_date" not in by_check  # GDELT's formula holds on every row
    codes = Counter(e.cameo_code for e in converted.events)
    assert codes["043"] > 0 and "43" not in codes  # leading zeros kept
    first = next(e for e in converted.events if e.pattern_id == "gdelt:410412347")
    assert (first.cameo_code, first.coder_version, first.place_country) == (
        "043",
        "gdelt-2.0",
        "ZAF",
    )
    versions = Counter(e.coder_version for e in converted.events)
    assert versions == {"gdelt-2.0": 200, "gdelt-1.0": 100}


def test_gdelt_mentions_join_their_events(shared_dir: Path) -> None:
    report = Report()
    files = _files(shared_dir, GDELT_EVENTS[1:] + GDELT_MENTIONS)
    converted = collect("gdelt-mentions", files, report)
    mentions = [e for e in converted.events if e.pattern_id.startswith("gdelt-mention:")]
    assert len(mentions) == 52 + 37
    assert report.summary()["by_check"]["gdelt.mention_join"] == 48 + 63
    assert {r.check_id for r in converted.rejects} == {"gdelt.mention_join"}
    assert all(0 <= e.confidence <= 1 for e in mentions)


def test_check_source_streams_a_gdelt_file(shared_dir: Path) -> None:
    report = check_source(shared_file(shared_dir, GDELT_EVENTS[0]), "gdelt")
    assert report.records == 100
    assert report.summary()["by_check"]["gdelt.date_after_added"] == 10
    assert report.errors > 0


def test_icews_sectors_and_countries(shared_dir: Path) -> None:
    report = Report()
    converted = collect("icews", _files(shared_dir, ICEWS), report)
    first = converted.events[0]
    assert (first.source_actor, first.target_actor, first.cameo_code) == (
        "BGDGOV",
        "VNMMILGOV",
        "040",
    )
    assert first.pattern_id == "icews:32889836" and first.coder_version == "icews"
    assert "icews.country_unknown" not in report.summary()["by_check"]
    assert "icews.sector_unknown" not in report.summary()["by_check"]
    assert len({e.event_id for e in converted.events}) == len(converted.events)


def test_converted_events_are_readable_as_a_dataset(shared_dir: Path, tmp_path: Path) -> None:
    _, written = convert_files(
        "gdelt", _files(shared_dir, GDELT_EVENTS[1:2]), tmp_path / "ds", Report()
    )
    table = ds.dataset(written.path / "events", partitioning="hive").to_table()
    assert table.num_rows == 100
    assert set(table.column("coding_method").to_pylist()) == {"imported"}
