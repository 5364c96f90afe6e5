"""The Current Events release: built from ../shared in place, checked clean, never committed.

This is the large-corpus run of the whole path (reader, coder, writer,
checker); it takes about a minute on two cores.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from cameo_events.check import check_path
from cameo_events.release import build_release

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.shared
@pytest.mark.slow
def test_wcep_release_builds_and_checks_clean(
    shared_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.conftest import shared_file

    shared_file(shared_dir, "corpora/wcep-2025-2026/events.jsonl")
    monkeypatch.setenv("CAMEO_EVENTS_SHARED", os.fspath(shared_dir))

    def validate(folder: Path) -> list[str]:
        return [
            f"{v.check_id}: {v.message}"
            for v in check_path(folder).violations
            if v.severity == "error"
        ]

    result = build_release(
        REPO / "builders/wcep-2025-2026.toml", dataset=tmp_path, validate=validate
    )
    manifest = json.loads((result.release.path / "manifest.json").read_text())
    counts = manifest["counts"]
    # Every input line is a document, a duplicate or a reject: nothing is dropped silently.
    assert counts["documents"] + counts["duplicates"] + counts["rejected"] == 9194
    assert counts["events"] > 3000
    assert manifest["versions"]["coder"] != "gold" and manifest["versions"]["dictionary"]
    report = check_path(tmp_path)
    assert report.errors == 0, report.to_json()["summary"]
    _assert_old_dates_are_justified(result.release.path)


def _assert_old_dates_are_justified(release: Path) -> None:
    """Events dated over a month before publication are rare, and each names its phrase."""
    import duckdb

    old, total, unjustified = duckdb.connect().execute(
        f"""
        SELECT count(*) FILTER (WHERE e.event_date < d.published - INTERVAL 31 DAY),
               count(*),
               count(*) FILTER (WHERE e.event_date < d.published - INTERVAL 31 DAY
                                AND e.date_phrase IS NULL)
        FROM read_parquet('{release}/events/**/*.parquet', hive_partitioning = false) e
        JOIN read_parquet('{release}/documents.parquet') d USING (doc_id)
        """
    ).fetchone() or (0, 0, 0)
    assert old / total < 0.01, f"{old} of {total} events dated > 31 days before publication"
    assert unjustified == 0
