"""A good release checks clean; each counterexample (one fault) is flagged by exactly its rule."""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from cameo_events.check import check_path
from cameo_events.schema import document_schema, event_schema
from tests.check.builders import Row, edit_json, good_rows, write_dataset, write_release

Rows = Callable[[list[Row], list[Row]], None]
Tables = Callable[[pa.Table, pa.Table], tuple[pa.Table, pa.Table]]
Files = Callable[[Path], None]


@dataclass(frozen=True)
class Fault:
    """One thing broken in an otherwise good release, and the checks it must trip."""

    name: str
    expected: frozenset[str]
    rows: Rows | None = None
    tables: Tables | None = None
    files: Files | None = None
    after: Files | None = None
    version: str | None = None
    count: int = 1  # violations expected: one per file for a fault in every events file


def _set(index: int, **changes: Any) -> Rows:
    def mutate(events: list[Row], documents: list[Row]) -> None:
        events[index].update(changes)

    return mutate


def _trigger_outside(events: list[Row], documents: list[Row]) -> None:
    event = events[0]
    end = len(documents[0]["text"]) + 5
    event["trigger_start"], event["trigger_end"] = end - len(event["trigger_text"]), end


def _same_length_text(events: list[Row], documents: list[Row]) -> None:
    events[0]["source_text"] = "X" * len(events[0]["source_text"])


def _copy_first(new_id: str | None) -> Rows:
    def mutate(events: list[Row], documents: list[Row]) -> None:
        copy = dict(events[0])
        if new_id is not None:
            copy["event_id"] = new_id
        events.append(copy)

    return mutate


def _after_publication(events: list[Row], documents: list[Row]) -> None:
    events[0]["event_date"] = documents[0]["published"] + datetime.timedelta(days=5)


def _doc_text_changed(events: list[Row], documents: list[Row]) -> None:
    documents[0]["text"] += " More."


def _manifest_file_entry(key: str, value: Callable[[Any], Any]) -> Files:
    def edit(folder: Path) -> None:
        def change(manifest: dict[str, Any]) -> None:
            entry = next(f for f in manifest["files"] if f["path"].startswith("events/"))
            entry[key] = value(entry[key])

        edit_json(folder / "manifest.json", change)

    return edit


def _events_file(folder: Path) -> Path:
    return sorted((folder / "events").rglob("*.parquet"))[0]


def _garbage_events(folder: Path) -> None:
    _events_file(folder).write_bytes(b"this is not a Parquet file")


def _cast(name: str, arrow_type: pa.DataType) -> Tables:
    def mutate(events: pa.Table, documents: pa.Table) -> tuple[pa.Table, pa.Table]:
        index = events.schema.get_field_index(name)
        return events.set_column(index, name, events.column(name).cast(arrow_type)), documents

    return mutate


FAULTS = [
    # structure
    Fault("column-missing", frozenset({"column.missing"}),
          tables=lambda e, d: (e.drop_columns(["pattern_id"]), d), count=2),
    Fault("column-extra", frozenset({"column.extra"}),
          tables=lambda e, d: (e.append_column("note", pa.array(["x"] * e.num_rows)), d),
          count=2),
    Fault("column-type", frozenset({"column.type"}), tables=_cast("sentence_index", pa.string()),
          count=2),
    Fault("schema-version-footer", frozenset({"schema.version"}), version="2.0.0", count=3),
    Fault("schema-version-manifest", frozenset({"schema.version"}),
          after=lambda f: edit_json(f / "manifest.json",
                                    lambda m: m.update(schema_version="2.1.0"))),
    Fault("file-unreadable", frozenset({"file.unreadable"}), files=_garbage_events),
    Fault("manifest-not-json", frozenset({"file.unreadable"}),
          after=lambda f: (f / "manifest.json").write_text("{not json", encoding="utf-8")),
    # values: codes and the codebook
    Fault("code-format", frozenset({"code.format"}), rows=_set(0, cameo_code="36x")),
    Fault("code-unknown", frozenset({"code.unknown"}),
          rows=_set(0, cameo_code="099", base_code="099", root_code="09")),
    Fault("code-base-mismatch", frozenset({"code.base_mismatch"}), rows=_set(0, base_code="037")),
    Fault("code-root-mismatch", frozenset({"code.root_mismatch"}), rows=_set(0, root_code="04")),
    Fault("quad-class", frozenset({"quad_class.mismatch"}), rows=_set(0, quad_class=4)),
    Fault("goldstein", frozenset({"goldstein.mismatch"}), rows=_set(0, goldstein=-3.5)),
    # values: actors
    Fault("actor-grammar", frozenset({"actor.grammar"}), rows=_set(0, source_actor="rusgov")),
    Fault("actor-bad-root", frozenset({"actor.bad_root"}),
          rows=_set(0, source_actor="GOVRUS", source_country=None)),
    Fault("actor-bad-atom", frozenset({"actor.bad_atom"}), rows=_set(0, target_actor="USAXQZ")),
    Fault("actor-country", frozenset({"actor.country_mismatch"}),
          rows=_set(0, source_country="USA")),
    # values: dates, spans, places
    Fault("date-impossible", frozenset({"date.impossible"}),
          rows=_set(0, event_date=datetime.date(1850, 1, 1))),
    Fault("date-after-publication", frozenset({"date.after_publication"}),
          rows=_after_publication),
    Fault("span-bounds", frozenset({"span.bounds"}), rows=_set(1, source_end=0, source_start=3)),
    Fault("span-length", frozenset({"span.length"}), rows=lambda e, d: e[0].update(
        source_end=e[0]["source_end"] + 1)),
    Fault("span-outside", frozenset({"span.outside_document"}), rows=_trigger_outside),
    Fault("span-text", frozenset({"span.text_mismatch"}), rows=_same_length_text),
    Fault("location-incomplete", frozenset({"location.incomplete"}),
          rows=_set(0, longitude=None)),
    Fault("location-coordinates", frozenset({"location.coordinates"}),
          rows=_set(0, latitude=95.0)),
    Fault("provenance-missing", frozenset({"provenance.missing"}),
          rows=_set(0, source_text=None, source_start=None, source_end=None)),
    Fault("field-constraint", frozenset({"field.constraint"}), rows=_set(0, confidence=1.5)),
    # values: across records
    Fault("event-id-duplicate", frozenset({"event_id.duplicate"}), rows=_copy_first(None)),
    Fault("event-duplicate", frozenset({"event.duplicate"}), rows=_copy_first("f" * 20)),
    Fault("document-unknown", frozenset({"document.unknown"}), rows=_set(2, doc_id="0" * 20)),
    Fault("document-id", frozenset({"document.id_mismatch"}), rows=_doc_text_changed),
    # release
    Fault("manifest-missing-file", frozenset({"manifest.missing_file"}),
          after=lambda f: (f / "schema/event.schema.json").unlink()),
    Fault("manifest-sha256", frozenset({"manifest.sha256"}),
          after=_manifest_file_entry("sha256", lambda v: "0" * 64)),
    Fault("manifest-bytes", frozenset({"manifest.bytes"}),
          after=_manifest_file_entry("bytes", lambda v: v + 1)),
    Fault("manifest-rows", frozenset({"manifest.rows"}),
          after=_manifest_file_entry("rows", lambda v: v + 1)),
    Fault("manifest-unlisted", frozenset({"manifest.unlisted_file"}),
          after=lambda f: (f / "notes.txt").write_text("hi", encoding="utf-8")),
]  # fmt: skip


def _build(folder: Path, fault: Fault) -> Path:
    events, documents = good_rows()
    if fault.rows is not None:
        fault.rows(events, documents)
    event_table = pa.Table.from_pylist(events, schema=event_schema())
    doc_table = pa.Table.from_pylist(documents, schema=document_schema())
    if fault.tables is not None:
        event_table, doc_table = fault.tables(event_table, doc_table)
    return write_release(
        folder, event_table, doc_table, files=fault.files, after=fault.after, version=fault.version
    )


def test_good_release_is_clean(tmp_path: Path) -> None:
    events, documents = good_rows()
    report = check_path(write_release(tmp_path / "good", events, documents))
    assert report.check_ids() == set(), report.to_table()
    assert report.errors == 0
    assert report.records == len(events) + len(documents)
    assert report.notes == []


@pytest.mark.parametrize("fault", FAULTS, ids=[f.name for f in FAULTS])
def test_counterexample_is_flagged(tmp_path: Path, fault: Fault) -> None:
    report = check_path(_build(tmp_path / fault.name, fault))
    assert report.check_ids() == fault.expected, report.to_table()
    assert sum(report.counts.values()) == fault.count, report.to_table()


def test_every_rule_has_a_counterexample() -> None:
    from cameo_events.findings import load_rules

    covered = set().union(*(f.expected for f in FAULTS))
    # The checker's own rules: the other areas' are tested with their producers.
    checker = {cid for cid, rule in load_rules().items() if rule.area == "check"}
    catalog = {r for r in checker if r.startswith("catalog.")}
    assert checker - covered - catalog == set()


def test_broken_structure_skips_value_checks(tmp_path: Path) -> None:
    fault = Fault("x", frozenset(), rows=_set(0, cameo_code="36x"),
                  tables=_cast("goldstein", pa.string()))  # fmt: skip
    report = check_path(_build(tmp_path / "r", fault))
    assert report.check_ids() == {"column.type"}
    assert any("value checks were skipped" in note for note in report.notes)


def test_flipped_byte_in_parquet(tmp_path: Path) -> None:
    def flip(folder: Path) -> None:
        path = _events_file(folder)
        data = bytearray(path.read_bytes())
        data[len(data) // 3] ^= 0xFF
        path.write_bytes(bytes(data))

    report = check_path(_build(tmp_path / "r", Fault("flip", frozenset(), after=flip)))
    assert "manifest.sha256" in report.check_ids()
    assert report.check_ids() <= {"manifest.sha256", "file.unreadable"}, report.to_table()


def test_truncated_parquet_is_unreadable(tmp_path: Path) -> None:
    def cut(folder: Path) -> None:
        path = _events_file(folder)
        path.write_bytes(path.read_bytes()[:-10])

    report = check_path(_build(tmp_path / "r", Fault("cut", frozenset(), after=cut)))
    assert report.check_ids() == {"file.unreadable", "manifest.sha256", "manifest.bytes"}


# --- datasets and catalogs ----------------------------------------------------------


def _edit_catalog(root: Path, edit: Callable[[dict[str, Any]], None]) -> Path:
    edit_json(root / "catalog.json", edit)
    return root


CATALOG_FAULTS = {
    "catalog.missing_release": lambda c: c["releases"].append(
        {**c["releases"][0], "id": "ghost"}),
    "catalog.latest": lambda c: c.update(latest="nope"),
    "catalog.counts": lambda c: c["releases"][0].update(events=99),
    "catalog.manifest_sha256": lambda c: c["releases"][1].update(manifest_sha256="0" * 64),
}  # fmt: skip


def test_good_dataset_is_clean(tmp_path: Path) -> None:
    report = check_path(write_dataset(tmp_path / "ds", ["r1", "r2"]))
    assert report.check_ids() == set(), report.to_table()
    assert report.records == 14


@pytest.mark.parametrize("check_id", sorted(CATALOG_FAULTS))
def test_catalog_counterexample(tmp_path: Path, check_id: str) -> None:
    root = write_dataset(tmp_path / "ds", ["r1", "r2"])
    report = check_path(_edit_catalog(root, CATALOG_FAULTS[check_id]))
    assert report.check_ids() == {check_id}, report.to_table()


def test_dataset_checks_each_release(tmp_path: Path) -> None:
    root = write_dataset(tmp_path / "ds", ["r1", "r2"])
    (root / "releases/r2/notes.txt").write_text("x", encoding="utf-8")
    report = check_path(root)
    assert report.check_ids() == {"manifest.unlisted_file"}
    assert "r2" in report.violations[0].file


def test_unreadable_catalog(tmp_path: Path) -> None:
    root = write_dataset(tmp_path / "ds", ["r1"])
    (root / "catalog.json").write_text(json.dumps([1, 2]), encoding="utf-8")
    report = check_path(root)
    assert report.check_ids() == {"file.unreadable"}
    assert report.records == 7  # the release folder is still checked
