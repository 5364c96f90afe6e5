"""Converters on files written to the sources' specifications: Phoenix, zips, bad rows."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pyarrow.dataset as ds

from cameo_events.check import check_path
from cameo_events.cli.check import run_check
from cameo_events.cli.convert import run_convert
from cameo_events.convert import check_source, collect
from cameo_events.findings import Report
from cameo_events.release.imported import convert_files
from tests.convert.rows import gdelt_row, mention_row, phoenix_row


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_layout_is_detected_per_row(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "mixed.CSV",
        [
            gdelt_row(57, GLOBALEVENTID="1", DATEADDED="20150218"),
            gdelt_row(58, GLOBALEVENTID="2", DATEADDED="20150218", ActionGeo_FullName="Kyiv"),
            gdelt_row(61, GLOBALEVENTID="3", ActionGeo_FullName="Lviv"),
        ],
    )
    converted = collect("gdelt", [path], Report())
    assert [e.coder_version for e in converted.events] == ["gdelt-1.0", "gdelt-1.0", "gdelt-2.0"]
    assert all(e.place_country == "UKR" for e in converted.events)


def test_malformed_row_is_rejected_with_its_row_number(tmp_path: Path) -> None:
    cut = gdelt_row(GLOBALEVENTID="2").rsplit("\t", 5)[0]
    path = _write(
        tmp_path / "bad.CSV",
        [
            gdelt_row(GLOBALEVENTID="1"),
            cut,
            gdelt_row(GLOBALEVENTID="3", EventCode="36", EventBaseCode="36", EventRootCode="3"),
            gdelt_row(GLOBALEVENTID="4", SQLDATE="20150231"),
            gdelt_row(GLOBALEVENTID="5", ActionGeo_FullName="Lviv"),
        ],
    )
    out = tmp_path / "ds"
    converted, written = convert_files("gdelt", [path], out, Report())
    counts = converted.counts["bad.CSV"]
    assert (counts.read, counts.converted, counts.rejected) == (5, 2, 3)
    rejects = json.loads((written.path / "rejects.json").read_text())["rejected"]
    assert [(r["key"], r["check_id"], r["field"], r["value"]) for r in rejects] == [
        ("row 2", "gdelt.row_fields", "row", "56"),
        ("row 3", "gdelt.code_format", "EventCode", "36"),
        ("row 4", "gdelt.date", "SQLDATE", "20150231"),
    ]
    assert "bad.CSV, row 3" in rejects[1]["reason"]


def test_zipped_gdelt_file_is_read_directly(tmp_path: Path) -> None:
    archive = tmp_path / "20150218230000.export.CSV.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "20150218230000.export.CSV",
            gdelt_row()
            + "\n"
            + gdelt_row(GLOBALEVENTID="9", EventCode="0311", EventBaseCode="031")
            + "\n",
        )
    converted = collect("gdelt", [archive], Report())
    label = "20150218230000.export.CSV.zip!20150218230000.export.CSV"
    assert converted.counts[label].converted == 2
    assert [e.cameo_code for e in converted.events] == ["036", "0311"]


def test_gdelt_rules_on_constructed_rows(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "rules.CSV",
        [
            gdelt_row(GLOBALEVENTID="1", QuadClass="3", GoldsteinScale="-2.0"),
            gdelt_row(GLOBALEVENTID="2", FractionDate="2015.9999", Year="2014"),
            gdelt_row(GLOBALEVENTID="3", Actor1Code="RUSMIL"),
            gdelt_row(GLOBALEVENTID="4", ActionGeo_Lat="95", ActionGeo_CountryCode="XX"),
            gdelt_row(GLOBALEVENTID="5", ActionGeo_FullName="Odesa"),
            gdelt_row(GLOBALEVENTID="6", ActionGeo_FullName="Odesa"),
            gdelt_row(GLOBALEVENTID="6", ActionGeo_FullName="Kharkiv"),
            gdelt_row(GLOBALEVENTID="8", Actor1Code="GOV", Actor1CountryCode=""),
        ],
    )
    report = Report()
    converted = collect("gdelt", [path], report)
    by_check = report.summary()["by_check"]
    assert by_check["gdelt.quad_class"] == 1
    assert by_check["gdelt.goldstein"] == 1
    assert by_check["gdelt.fraction_date"] == 1
    assert by_check["gdelt.date_columns"] == 1
    assert by_check["gdelt.actor_columns"] == 1
    assert by_check["gdelt.coordinates"] == 1
    assert by_check["gdelt.geo_country"] == 1
    assert by_check["gdelt.duplicate"] == 2  # row 6 repeats row 5's event; row 7 reuses id 6
    assert by_check["gdelt.near_duplicate"] == 1  # row 5 differs from row 4 only in place
    assert by_check["gdelt.actor_code"] == 1
    assert report.rules["gdelt.near_duplicate"].severity == "warning"
    assert report.rules["gdelt.actor_columns"].severity == "error"
    rows = {int(r.record.removeprefix("row ")): r.check_id for r in converted.rejects}
    assert rows == {6: "gdelt.duplicate", 7: "gdelt.duplicate"}
    eighth = converted.events[-1]
    assert eighth.source_actor is None and eighth.pattern_id == "gdelt:8"
    fourth = next(e for e in converted.events if e.pattern_id == "gdelt:4")
    assert fourth.latitude is None and fourth.place_country is None


def test_mentions_without_their_events_are_rejected(tmp_path: Path) -> None:
    events = _write(tmp_path / "e.CSV", [gdelt_row(GLOBALEVENTID="1")])
    mentions = _write(
        tmp_path / "m.CSV",
        [mention_row(GLOBALEVENTID="1"), mention_row(GLOBALEVENTID="2", Confidence="140")],
    )
    report = Report()
    converted = collect("gdelt-mentions", [events, mentions], report)
    assert converted.counts["m.CSV"].converted == 1
    assert [(r.record, r.check_id) for r in converted.rejects] == [("row 2", "gdelt.mention_join")]
    mention = converted.events[-1]
    assert (mention.sentence_index, mention.confidence, mention.cameo_code) == (2, 0.8, "036")
    assert report.summary()["by_check"]["gdelt.mention_fields"] == 1
    plain = collect("gdelt", [mentions], Report())
    assert {r.check_id for r in plain.rejects} == {"gdelt.mention_row"}


def test_phoenix_file_written_to_the_pipeline_spec(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "events.20180601.txt",
        [
            phoenix_row(),
            phoenix_row(id_version="b_1", quad_class="1"),
            phoenix_row(id_version="c_1", code="43", root_code="4"),
            phoenix_row(
                id_version="d_1",
                src_root="UKR",
                code="190",
                root_code="19",
                quad_class="4",
                goldstein="-10.0",
            ),
            "\t".join(["x"] * 25),
            phoenix_row(id_version="f_1", month="7"),
        ],
    )
    report = Report()
    converted, written = convert_files("phoenix", [path], tmp_path / "ds", report)
    counts = converted.counts[path.name]
    assert (counts.read, counts.converted, counts.rejected) == (6, 4, 2)
    # convert_files streams: the records are read back from the release it wrote.
    rejects = json.loads((written.path / "rejects.json").read_text())["rejected"]
    assert len(converted.rejects) == len(rejects)
    assert [(r["key"], r["check_id"]) for r in rejects] == [
        ("row 3", "phoenix.code_format"),
        ("row 5", "phoenix.row_fields"),
    ]
    by_check = report.summary()["by_check"]
    assert by_check["phoenix.quad_class"] == 1
    assert by_check["phoenix.actor_columns"] == 1
    assert by_check["phoenix.date_columns"] == 1
    events = ds.dataset(written.path / "events", partitioning="hive").to_table()
    assert len(converted.events) == events.num_rows == 4
    first = next(r for r in events.to_pylist() if r["pattern_id"] == "phoenix:5b1f0c_1")
    assert (first["quad_class"], first["coder_version"], first["pattern_id"]) == (
        1,
        "phoenix",
        "phoenix:5b1f0c_1",
    )
    assert first["place_country"] == "UKR"
    report = check_path(written.path)
    assert not [v for v in report.violations if report.rules[v.check_id].stage == "structure"]


def test_icews_tab_quoting_and_na(tmp_path: Path) -> None:
    header = (
        "Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\tEvent Text\t"
        "CAMEO Code\tIntensity\tTarget Name\tTarget Sectors\tTarget Country\tStory ID\t"
        "Sentence Number\tPublisher\tCity\tDistrict\tProvince\tCountry\tLatitude\tLongitude"
    )
    row = (
        '7\t2018-06-01\tPolice (India)\t"Police,Government"\tIndia\tArrest\t173\t-5\t'
        "Citizen (India)\tNA\tIndia\t9\t1\tThe Hindu\tNA\tNA\tNA\tIndia\tNA\tNA"
    )
    swapped = row.replace('"Police,Government"', "Government,Police").replace("7\t", "8\t", 1)
    repeat = swapped.replace("8\t", "7\t", 1)
    path = _write(tmp_path / "i.tab", [header, row, swapped, repeat, "9\t2018-06-01\tshort"])
    report = Report()
    converted = collect("icews", [path], report)
    assert [e.source_actor for e in converted.events] == ["INDCOPGOV", "INDCOPGOV", "INDCOPGOV"]
    assert converted.events[0].target_actor == "IND"
    assert converted.events[0].latitude is None
    assert [(r.record, r.check_id) for r in converted.rejects] == [("row 5", "icews.row_fields")]
    assert report.summary()["by_check"]["icews.event_id_reused"] == 1
    assert len({e.event_id for e in converted.events}) == 3


def test_source_check_exit_status_and_formats(tmp_path: Path, capsys: object) -> None:
    good = _write(tmp_path / "g.CSV", [gdelt_row()])
    bad = _write(tmp_path / "b.CSV", [gdelt_row(QuadClass="4")])
    assert run_check(good, "json", source="gdelt") == 0
    assert run_check(bad, "table", source="gdelt") == 1
    assert run_check(bad, source="acled") == 2
    assert run_check(tmp_path / "none.CSV", source="gdelt") == 2
    assert check_source(bad, "gdelt").summary()["by_check"] == {"gdelt.quad_class": 1}
    assert run_convert("gdelt", [good], tmp_path / "ds") == 0
    assert run_convert("gdelt", [bad, _write(tmp_path / "c.CSV", ["x"])], tmp_path / "ds") == 1
    assert run_convert("acled", [good], tmp_path / "ds") == 2


def test_convert_streams_in_batches_to_the_same_release(tmp_path: Path) -> None:
    rows = [
        gdelt_row(GLOBALEVENTID=str(n), NumMentions=str(n), SOURCEURL=f"http://example.org/{n % 4}")
        for n in range(1, 40)
    ]
    path = _write(tmp_path / "many.CSV", [*rows, "\t".join(["x"] * 3)])
    small, written_small = convert_files("gdelt", [path], tmp_path / "a", Report(), batch_rows=3)
    large, written_large = convert_files("gdelt", [path], tmp_path / "b", Report())
    assert written_small.release_id == written_large.release_id
    names = sorted(
        p.relative_to(written_small.path) for p in written_small.path.rglob("*") if p.is_file()
    )
    for name in names:
        assert (written_small.path / name).read_bytes() == (written_large.path / name).read_bytes()
    assert (len(small.events), len(small.documents), len(small.rejects)) == (39, 4, 1)
    assert len(collect("gdelt", [path], Report()).events) == len(large.events)
