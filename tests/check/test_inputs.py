"""Inputs other than a release (JSONL, Parquet files and folders), run_check and the report."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from cameo_events.check import check_path
from cameo_events.cli.check import Source, run_check
from cameo_events.convert import SOURCES
from cameo_events.findings import Report, load_rules
from cameo_events.schema import event_schema
from tests.check.builders import good_rows, write_parquet, write_release
from tests.conftest import FIXTURES


def _jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, default=str) + "\n" for r in records), "utf-8")
    return path


def _fixture(name: str) -> list[dict[str, Any]]:
    lines = (FIXTURES / name).read_text("utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


# --- JSONL ------------------------------------------------------------------------


def test_valid_fixture_records_are_clean(tmp_path: Path) -> None:
    records = [case["record"] for case in _fixture("valid_events.jsonl")]
    report = check_path(_jsonl(tmp_path / "valid.jsonl", records))
    assert report.check_ids() == set(), report.to_table()
    assert report.records == len(records)
    assert any("no documents" in note for note in report.notes)


# The models name every plain pydantic error "field.type" / "field.missing" / "field.extra";
# the checker says which kind: a JSON type, a schema constraint, a column, or a specific rule.
_SPECIFIC = {
    "quad-class-out-of-range": "quad_class.mismatch",
    "goldstein-out-of-range": "goldstein.mismatch",
    "span-negative": "span.bounds",
    "latitude-out-of-range": "location.coordinates",
    "source-text-empty": "span.bounds",
    "date-impossible": "column.type",
    "sentence-index-string": "column.type",
}
_GENERIC = {"field.missing": "column.missing", "field.extra": "column.extra"}
_INVALID = _fixture("invalid_events.jsonl")


@pytest.mark.parametrize("case", _INVALID, ids=[c["name"] for c in _INVALID])
def test_invalid_fixture_records_are_flagged(tmp_path: Path, case: dict[str, Any]) -> None:
    rule = case["rule"]
    expected = _SPECIFIC.get(case["name"]) or _GENERIC.get(rule) or rule
    if expected == "field.type":
        expected = "field.constraint"
    report = check_path(_jsonl(tmp_path / "one.jsonl", [case["record"]]))
    assert expected in report.check_ids(), report.to_table()


def test_jsonl_bad_line_and_integer_code(tmp_path: Path) -> None:
    events, _ = good_rows()
    path = _jsonl(tmp_path / "e.jsonl", events[:2])
    with path.open("a", encoding="utf-8") as handle:
        handle.write("{not json\n")
        handle.write(json.dumps({**events[2], "cameo_code": 51}, default=str) + "\n")
    report = check_path(path)
    assert report.check_ids() == {"file.unreadable", "code.format"}
    assert {v.record for v in report} == {"line 3", events[2]["event_id"]}
    assert any("not value-checked" in note for note in report.notes)


def test_jsonl_duplicates_across_batches(tmp_path: Path) -> None:
    events, _ = good_rows()
    path = _jsonl(tmp_path / "e.jsonl", [*events, events[0]])
    report = check_path(path, batch_rows=2)
    assert report.check_ids() == {"event_id.duplicate"}
    assert report.violations[0].record == events[0]["event_id"]
    assert "line 6" in report.violations[0].message


def test_imported_events_may_lack_actors_and_spans(tmp_path: Path) -> None:
    events, _ = good_rows()
    empty = dict.fromkeys(
        f"{side}_{part}" for side in ("source", "target") for part in ("text", "start", "end")
    )
    imported = [
        {**e, **empty, "source_actor": None, "source_country": None, "coding_method": "imported"}
        for e in events[:2]
    ]
    report = check_path(_jsonl(tmp_path / "i.jsonl", imported))
    assert report.check_ids() == set(), report.to_table()


# --- Parquet files and folders ------------------------------------------------------


def test_single_parquet_file(tmp_path: Path) -> None:
    events, _ = good_rows()
    path = tmp_path / "events.parquet"
    write_parquet(pa.Table.from_pylist(events, schema=event_schema()), path)
    assert check_path(path).check_ids() == set()
    events[0].update(cameo_code="099", base_code="099", root_code="09")
    write_parquet(pa.Table.from_pylist(events, schema=event_schema()), path)
    report = check_path(path)
    assert report.check_ids() == {"code.unknown"}
    assert report.violations[0].file == str(path)


def test_plain_string_columns_are_not_a_type_error(tmp_path: Path) -> None:
    events, _ = good_rows()
    table = pa.Table.from_pylist(events, schema=event_schema())
    plain = pa.schema(
        [
            f.with_type(f.type.value_type) if pa.types.is_dictionary(f.type) else f
            for f in table.schema
        ]
    )
    path = tmp_path / "plain.parquet"
    pq.write_table(table.cast(plain), path)
    report = check_path(path)
    assert report.check_ids() == set(), report.to_table()


def test_folder_of_events_and_documents(tmp_path: Path) -> None:
    events, documents = good_rows()
    release = write_release(tmp_path / "r", events, documents)
    folder = tmp_path / "loose"
    folder.mkdir()
    for source in [*release.rglob("*.parquet")]:
        (folder / source.name.replace("part-0", source.parent.name)).write_bytes(
            source.read_bytes()
        )
    assert check_path(folder).check_ids() == set()
    events[0]["source_text"] = "X" * len(events[0]["source_text"])
    write_parquet(pa.Table.from_pylist(events, schema=event_schema()), folder / "year=2025.parquet")
    (folder / "year=2024.parquet").unlink()
    assert check_path(folder).check_ids() == {"span.text_mismatch"}


# --- run_check: exit status and output formats --------------------------------------


def _run(path: Path | str, **kwargs: Any) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = run_check(path, stdout=out, stderr=err, **kwargs)
    return status, out.getvalue(), err.getvalue()


@pytest.fixture
def good_release(tmp_path: Path) -> Path:
    events, documents = good_rows()
    return write_release(tmp_path / "good", events, documents)


def test_exit_status_clean_and_violations(good_release: Path, tmp_path: Path) -> None:
    status, out, err = _run(good_release)
    assert (status, err) == (0, "")
    assert "clean" in out
    (good_release / "notes.txt").write_text("x", encoding="utf-8")
    status, out, _ = _run(good_release)
    assert status == 1
    assert "manifest.unlisted_file" in out


def test_exit_status_warnings_only(tmp_path: Path) -> None:
    events, _ = good_rows()
    table = pa.Table.from_pylist(events, schema=event_schema())
    path = tmp_path / "extra.parquet"
    write_parquet(table.append_column("note", pa.array(["x"] * table.num_rows)), path)
    status, out, _ = _run(path)
    assert status == 0
    assert "column.extra" in out


@pytest.mark.parametrize(
    ("path", "kwargs", "says"),
    [
        ("missing/release", {}, "does not exist"),
        ("README.md", {}, "unknown format"),
        (".", {"fmt": "xml"}, "unknown format 'xml'"),
        (".", {"source": "acled"}, "unknown --source"),
    ],
)
def test_exit_status_usage_errors(path: str, kwargs: dict[str, Any], says: str) -> None:
    status, out, err = _run(Path(__file__).resolve().parents[2] / path, **kwargs)
    assert status == 2
    assert out == ""
    assert err.startswith("cameo-events: error:") and says in err


def test_source_names_are_checked() -> None:
    from cameo_events.cli.convert import ConvertKind
    from cameo_events.convert import KINDS, check_source
    from cameo_events.errors import UsageError

    assert SOURCES == ("gdelt", "icews", "phoenix") == tuple(s.value for s in Source)
    assert tuple(k.value for k in ConvertKind) == KINDS
    with pytest.raises(UsageError, match="choose one of gdelt, icews, phoenix"):
        check_source(".", source="acled")


def test_json_report_shape(good_release: Path) -> None:
    (good_release / "notes.txt").write_text("x", encoding="utf-8")
    _, out, _ = _run(good_release, fmt="json")
    data = json.loads(out)
    assert set(data) == {"violations", "summary"}
    assert set(data["violations"][0]) == {
        "check_id",
        "severity",
        "file",
        "record",
        "field",
        "value",
        "message",
    }
    summary = data["summary"]
    assert {"files", "records", "errors", "warnings", "by_check"} <= set(summary)
    assert summary["by_check"] == {"manifest.unlisted_file": 1}
    assert summary["errors"] == 1 and summary["warnings"] == 0 and summary["records"] == 7


def test_output_parquet(good_release: Path, tmp_path: Path) -> None:
    (good_release / "notes.txt").write_text("x", encoding="utf-8")
    target = tmp_path / "violations.parquet"
    status, _, _ = _run(good_release, output=target)
    assert status == 1
    table = pq.read_table(target)
    assert table.column("check_id").to_pylist() == ["manifest.unlisted_file"]
    status, _, err = _run(good_release, output=tmp_path / "no/such/dir/v.parquet")
    assert status == 2 and "cannot write" in err


# --- the report and the rules table ---------------------------------------------------


def test_cap_keeps_some_rows_and_counts_all(tmp_path: Path) -> None:
    events, _ = good_rows()
    rows = [{**events[0], "event_id": f"{n:020x}", "quad_class": 4} for n in range(30)]
    report = check_path(_jsonl(tmp_path / "many.jsonl", rows), cap=5)
    assert report.counts["quad_class.mismatch"] == 30
    assert len([v for v in report if v.check_id == "quad_class.mismatch"]) == 5
    summary = report.summary()
    assert summary["truncated"]["quad_class.mismatch"] == {"count": 30, "kept": 5}
    assert summary["cap_per_check"] == 5
    assert "at most 5 rows are shown" in report.to_table()


def test_messages_name_file_record_field_value(tmp_path: Path) -> None:
    events, _ = good_rows()
    events[0].update(cameo_code="099", base_code="099", root_code="09")
    report = check_path(_jsonl(tmp_path / "e.jsonl", events))
    (violation,) = report.violations
    for part in (
        str(tmp_path / "e.jsonl"),
        "line 1",
        events[0]["event_id"],
        "cameo_code",
        "'099'",
        "cameo-events codebook",
    ):
        assert part in violation.message


def test_rules_table_is_complete() -> None:
    rules = load_rules()
    brief = {
        "column.missing",
        "column.extra",
        "column.type",
        "schema.version",
        "file.unreadable",
        "code.format",
        "code.unknown",
        "code.base_mismatch",
        "code.root_mismatch",
        "quad_class.mismatch",
        "goldstein.mismatch",
        "actor.grammar",
        "actor.bad_root",
        "actor.bad_atom",
        "actor.country_mismatch",
        "date.impossible",
        "date.after_publication",
        "span.bounds",
        "span.length",
        "span.outside_document",
        "span.text_mismatch",
        "event_id.duplicate",
        "event.duplicate",
        "document.unknown",
        "document.id_mismatch",
        "location.incomplete",
        "location.coordinates",
        "manifest.missing_file",
        "manifest.sha256",
        "manifest.bytes",
        "manifest.rows",
        "manifest.unlisted_file",
        "catalog.missing_release",
        "catalog.latest",
        "catalog.counts",
        "catalog.manifest_sha256",
        "provenance.missing",
        "field.constraint",
    }
    assert {cid for cid, rule in rules.items() if rule.area == "check"} == brief
    for rule in rules.values():
        assert "{file}" in rule.message
        assert rule.severity in ("error", "warning")


def test_unknown_check_id_is_a_clear_error() -> None:
    with pytest.raises(KeyError, match="not in the rules table"):
        Report().add("no.such.rule", file="x")
