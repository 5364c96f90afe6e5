"""build, check, code and convert, run as a user runs them (real subprocesses)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cameo_events", *args],
        capture_output=True,
        text=True,
        input=stdin,
        cwd=REPO,
        check=False,
    )


def test_build_then_rebuild_then_check(tmp_path: Path) -> None:
    out = tmp_path / "dataset"
    first = run("build", "builders/seed-gold.toml", "--out", str(out))
    assert first.returncode == 0, first.stderr
    assert ": built at" in first.stdout and "clean" in first.stdout
    again = run("build", "builders/seed-gold.toml", "--out", str(out))
    assert again.returncode == 0 and "already published (identical content)" in again.stdout
    (release,) = (out / "releases").iterdir()
    report = run("check", str(release), "--format", "json", "--output", str(tmp_path / "v.parquet"))
    assert report.returncode == 0
    assert json.loads(report.stdout)["summary"]["errors"] == 0


def test_check_exit_statuses(tmp_path: Path) -> None:
    missing = run("check", str(tmp_path / "nothing"))
    assert missing.returncode == 2 and missing.stderr.startswith("cameo-events: error:")
    bad = tmp_path / "events.jsonl"
    record = json.loads((REPO / "tests/fixtures/valid_events.jsonl").read_text().splitlines()[0])
    bad.write_text(json.dumps(dict(record["record"], quad_class=4)) + "\n")
    found = run("check", str(bad), "--format", "json")
    assert found.returncode == 1
    assert [v["check_id"] for v in json.loads(found.stdout)["violations"]] == [
        "quad_class.mismatch"
    ]


def test_build_refuses_a_missing_recipe() -> None:
    result = run("build", "builders/nope.toml")
    assert result.returncode == 2 and "recipe builders/nope.toml not found" in result.stderr


def test_code_reads_json_lines_and_reports_bad_ones() -> None:
    lines = [
        json.dumps(
            {
                "id": "a",
                "text": "Russian troops attacked Ukraine on Monday.",
                "published": "2025-03-05",
            }
        ),
        "{broken",
        json.dumps({"id": "b", "text": "", "published": "2025-03-05"}),
        json.dumps({"id": "c", "text": "No actors here at all.", "published": "not a date"}),
    ]
    result = run("code", "-", stdin="\n".join(lines) + "\n")
    assert result.returncode == 1
    triples = [json.loads(line) for line in result.stdout.splitlines()]
    assert triples and all(set(t) == {"id", "source", "target", "code", "date"} for t in triples)
    assert {t["id"] for t in triples} == {"a"}
    assert "line 2: not JSON" in result.stderr and "line 4: published" in result.stderr
    events = run("code", "-", "--format", "events", stdin=lines[0] + "\n")
    record = json.loads(events.stdout.splitlines()[0])
    assert record["id"] == "a" and record["event"]["coding_method"] == "coder"


@pytest.mark.shared
def test_convert_and_check_a_gdelt_file(shared_dir: Path, tmp_path: Path) -> None:
    from tests.conftest import shared_file

    gdelt = shared_file(shared_dir, "external/gdelt/gdelt2_events_en_sample100.export.CSV")
    converted = run("convert", "gdelt", str(gdelt), "--out", str(tmp_path / "conv"))
    assert converted.returncode == 0, converted.stderr
    assert "100 rows read = 100 converted + 0 rejected" in converted.stdout
    structure = run("check", str(tmp_path / "conv"), "--format", "json")
    assert json.loads(structure.stdout)["summary"]["errors"] == 0
    source = run("check", str(gdelt), "--source", "gdelt", "--format", "json")
    assert source.returncode == 1
    assert "gdelt.actor_columns" in json.loads(source.stdout)["summary"]["by_check"]
