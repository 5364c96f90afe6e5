"""The codebook and schema commands, run as a user would (a real subprocess)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cameo_events", *args], capture_output=True, text=True, check=False
    )


def test_codebook_csv_header_and_rows() -> None:
    result = run("codebook", "--format", "csv")
    assert result.returncode == 0
    assert result.stdout.startswith("code,label,goldstein,quad_class,root_code")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) >= 310 and rows[0]["code"] == "01"


def test_one_code_as_json() -> None:
    result = run("codebook", "036", "--format", "json")
    assert result.returncode == 0
    entry = json.loads(result.stdout)
    assert (entry["code"], entry["quad_class"], entry["root_code"]) == ("036", 1, "03")


def test_unknown_code_is_one_line_and_status_2() -> None:
    result = run("codebook", "999")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "unknown CAMEO event code '999'" in result.stderr


def test_bad_option_is_one_line_and_status_2() -> None:
    result = run("codebook", "--format", "xml")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "--format" in result.stderr


def test_schema_export_and_show(tmp_path: Path) -> None:
    assert run("schema", "export", str(tmp_path)).returncode == 0
    assert (tmp_path / "1.0.0" / "event.schema.json").is_file()
    shown = run("schema", "show", "--record", "document")
    assert json.loads(shown.stdout)["title"] == "Document"
