"""The loader on a local release folder: types per backend, releases, filters, pushdown."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path

import duckdb
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

import cameo_events.load
import cameo_events.load.cache
import cameo_events.load.filters
import cameo_events.load.locate
import cameo_events.load.read
import cameo_events.load.release
from cameo_events.load import (
    ChecksumError,
    event_expression,
    list_releases,
    load_codebook,
    load_documents,
    load_events,
    open_release,
)
from cameo_events.schema import Event, event_schema
from tests.load._release import (
    EVENTS,
    EVENTS_2024,
    EVENTS_2025,
    NEW_ID,
    OLD_ID,
    copy_dataset,
    write_dataset,
)

# --- types per backend ---------------------------------------------------------


def test_pandas_types(dataset: Path) -> None:
    frame = load_events(source=dataset)
    assert isinstance(frame, pd.DataFrame)
    assert len(frame) == len(EVENTS)
    # Dates are datetime.date objects: no time of day or time zone is invented.
    assert frame["event_date"].dtype == object
    assert all(type(value) is datetime.date for value in frame["event_date"])
    # Codes are categorical strings with their leading zeros, never integers.
    assert isinstance(frame["cameo_code"].dtype, pd.CategoricalDtype)
    assert all(isinstance(code, str) for code in frame["cameo_code"].cat.categories)
    assert {"036", "04", "0233"} <= set(frame["cameo_code"].astype(str))
    assert frame["year"].dtype == "int16"
    assert frame["quad_class"].dtype == "int8"
    assert list(frame.columns) == [*event_schema().names, "year"]


def test_arrow_types(dataset: Path) -> None:
    table = load_events(source=dataset, as_="arrow")
    assert isinstance(table, pa.Table)
    expected = event_schema().append(pa.field("year", pa.int16()))
    assert table.schema.remove_metadata().equals(expected.remove_metadata())
    assert table.schema.field("cameo_code").type == pa.dictionary(pa.int32(), pa.string())
    assert table.schema.field("event_date").type == pa.date32()


def test_duckdb_types(dataset: Path) -> None:
    relation = load_events(source=dataset, as_="duckdb")
    types = dict(zip(relation.columns, map(str, relation.types), strict=True))
    assert types["event_date"] == "DATE"
    assert types["cameo_code"] == "VARCHAR"
    assert types["year"] == "SMALLINT"
    rows = relation.filter("cameo_code = '036'").project("event_date, year").fetchall()
    assert rows == [(datetime.date(2025, 2, 18), 2025)]


def test_duckdb_on_a_given_connection(dataset: Path) -> None:
    connection = duckdb.connect(":memory:")
    relation = load_events(source=dataset, as_="duckdb", connection=connection)
    relation.create_view("events")
    [(count,)] = connection.sql("select count(*) from events where root_code = '19'").fetchall()
    assert count == 2


def test_polars_types(dataset: Path) -> None:
    frame = load_events(source=dataset, as_="polars")
    assert isinstance(frame, pl.DataFrame)
    assert frame.schema["event_date"] == pl.Date
    assert frame.schema["cameo_code"] == pl.Categorical
    assert frame.schema["year"] == pl.Int16
    assert sorted(frame["cameo_code"].cast(pl.String).to_list())[0] == "0233"


def test_columns_are_chosen_and_checked(dataset: Path) -> None:
    frame = load_events(source=dataset, columns=["event_id", "year"])
    assert list(frame.columns) == ["event_id", "year"]
    with pytest.raises(ValueError, match=r"unknown column\(s\) \['evnt_id'\]; the columns are"):
        load_events(source=dataset, columns=["evnt_id"])


def test_unknown_backend_and_misplaced_connection(dataset: Path) -> None:
    with pytest.raises(ValueError, match="as_='spark' is not one of 'pandas', 'arrow'"):
        load_events(source=dataset, as_="spark")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="only used with as_='duckdb'"):
        load_events(source=dataset, connection=duckdb.connect())


# --- releases and sources ---------------------------------------------------------


def test_latest_and_named_releases(dataset: Path) -> None:
    assert [r["id"] for r in list_releases(dataset)] == [OLD_ID, NEW_ID]
    assert open_release(source=dataset).id == NEW_ID
    old = load_events(OLD_ID, source=dataset, as_="arrow")
    assert sorted(old["event_id"].to_pylist()) == sorted(e.event_id for e in EVENTS_2024)
    with pytest.raises(LookupError, match=f"no release 'seed-1999' in .*; it lists {OLD_ID}"):
        open_release("seed-1999", source=dataset)


def test_a_release_folder_or_a_json_file_is_a_source(dataset: Path) -> None:
    folder = dataset / "releases" / OLD_ID
    assert open_release(source=folder).id == OLD_ID
    assert open_release(OLD_ID, source=folder / "manifest.json").id == OLD_ID
    assert open_release(source=str(dataset / "catalog.json")).id == NEW_ID
    assert [r["id"] for r in list_releases(folder)] == [OLD_ID]
    with pytest.raises(LookupError, match=f"no release {NEW_ID!r} in .*; it lists {OLD_ID}; for"):
        open_release(NEW_ID, source=folder)


def test_default_source_is_the_environment_variable(
    dataset: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CAMEO_EVENTS_DATASET", str(dataset))
    assert open_release().id == NEW_ID


def test_without_a_source_the_error_says_what_to_pass(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CAMEO_EVENTS_DATASET", raising=False)
    monkeypatch.setattr(cameo_events.load.locate, "_REPOSITORY_DATASET", tmp_path / "absent")
    with pytest.raises(FileNotFoundError, match=r"carries no data\. Pass source= a dataset URL"):
        load_events()
    with pytest.raises(FileNotFoundError, match=r"neither catalog\.json .* nor manifest\.json"):
        load_events(source=tmp_path)


def test_the_release_codebook_and_documents(dataset: Path) -> None:
    codes = load_codebook(source=dataset)
    assert codes["code"].dtype != "int64"
    assert "036" in set(codes["code"])
    atoms = load_codebook(table="actor_atoms", source=dataset, as_="arrow")
    assert atoms.column_names == ["atom", "kind", "label"]
    with pytest.raises(LookupError, match="no codebook table 'actors'; it has: actor_atoms"):
        load_codebook(table="actors", source=dataset)

    documents = load_documents(source=dataset)
    assert len(documents) == 2
    assert all(type(value) is datetime.date for value in documents["published"])
    recent = load_documents(source=dataset, filters={"date": ("2025-01-01", None)}, as_="arrow")
    assert recent["published"].to_pylist() == [datetime.date(2025, 2, 18)]
    one = load_documents(source=dataset, filters={"doc_ids": EVENTS[0].doc_id}, as_="arrow")
    assert one["doc_id"].to_pylist() == [EVENTS[0].doc_id]


# --- filters -----------------------------------------------------------------------

D = datetime.date


def _actors(e: Event) -> list[str]:
    return [a for a in (e.source_actor, e.target_actor) if a is not None]


def _countries(e: Event) -> set[str | None]:
    return {e.source_country, e.target_country}


def _dated(start: datetime.date, end: datetime.date) -> Callable[[Event], bool]:
    return lambda e: start <= e.event_date <= end


FILTER_CASES: list[tuple[object, Callable[[Event], bool]]] = [
    ({"date": ("2025-02-18", "2025-03-10")}, _dated(D(2025, 2, 18), D(2025, 3, 10))),
    ({"date": (D(2024, 11, 6), D(2025, 2, 18))}, _dated(D(2024, 11, 6), D(2025, 2, 18))),
    ({"date": (None, "2024-12-31")}, lambda e: e.event_date.year == 2024),
    ({"date": (datetime.datetime(2025, 3, 12, 9), None)}, lambda e: e.event_date >= D(2025, 3, 12)),
    ({"codes": ["19"]}, lambda e: e.root_code == "19"),
    ({"codes": "036"}, lambda e: e.cameo_code.startswith("036")),
    ({"codes": ["04"]}, lambda e: e.cameo_code.startswith("04")),
    ({"actors": ["CHN*"]}, lambda e: "CHN" in _actors(e)),
    ({"country": ["CHN", "RUS"]}, lambda e: bool({"CHN", "RUS"} & _countries(e))),
    ({"codes": ["023"]}, lambda e: e.cameo_code.startswith("023")),
    ({"codes": ["0233", "111"]}, lambda e: e.cameo_code in ("0233", "111")),
    ({"codes": ["02"]}, lambda e: e.root_code == "02"),
    ({"root_codes": ["19", "03"]}, lambda e: e.root_code in ("19", "03")),
    ({"actors": ["RUSGOV"]}, lambda e: "RUSGOV" in _actors(e)),
    ({"actors": "RUS*"}, lambda e: any(a.startswith("RUS") for a in _actors(e))),
    ({"actors": ["IGO*", "UKR"]}, lambda e: "UKR" in _actors(e) or "IGOUNO" in _actors(e)),
    ({"country": "RUS"}, lambda e: "RUS" in _countries(e)),
    ({"country": ["SYR", "UKR"]}, lambda e: bool({"SYR", "UKR"} & _countries(e))),
    ({"quad_class": [3, 4]}, lambda e: e.quad_class in (3, 4)),
    ({"quad_class": 1}, lambda e: e.quad_class == 1),
    ({"country": "RUS", "quad_class": [4], "date": ("2025-01-01", "2025-12-31")},
     lambda e: "RUS" in _countries(e) and e.quad_class == 4 and e.event_date.year == 2025),
    (pc.field("goldstein") < 0, lambda e: e.goldstein < 0),
    ({}, lambda e: True),
]  # fmt: skip


def _case_id(value: object) -> str | None:
    # Stable ids (no lambda addresses), so pytest-xdist workers collect the same tests.
    return None if callable(value) else str(value)[:60]


@pytest.mark.parametrize(("filters", "keep"), FILTER_CASES, ids=_case_id)
def test_filters_match_a_plain_python_oracle(
    dataset: Path, filters: object, keep: Callable[[Event], bool]
) -> None:
    table = load_events(source=dataset, filters=filters, as_="arrow", columns=["event_id"])
    expected = sorted(e.event_id for e in EVENTS if keep(e))
    assert expected, "each case should keep at least one event"
    assert sorted(table["event_id"].to_pylist()) == expected


@pytest.mark.parametrize(
    ("filters", "error", "message"),
    [
        ({"region": "EU"}, ValueError, "unknown filter key.*'region'.*allowed keys are:\n  date:"),
        ({"codes": [36]}, TypeError, "36 is a int, expected a str .*leading zeros: '036'"),
        ({"codes": ["36a"]}, ValueError, "'36a' is not a CAMEO code or prefix of 2-4 digits"),
        ({"root_codes": ["190"]}, ValueError, "not a 2-digit root code"),
        ({"actors": ["rusgov"]}, ValueError, "not an actor code such as 'RUSGOV'"),
        ({"country": "Russia"}, ValueError, "not an ISO-3 country code"),
        ({"quad_class": [5]}, ValueError, "must be 1 to 4"),
        ({"quad_class": True}, TypeError, "True is a bool"),
        ({"date": "2025-01-01"}, ValueError, r"takes a pair \(start, end\)"),
        ({"date": ("2025-02-30", None)}, ValueError, "'2025-02-30' is not a date"),
        ({"date": ("2025-02-01", "2025-01-01")}, ValueError, "start 2025-02-01 is after end"),
        ({"codes": []}, ValueError, "filter 'codes' is empty"),
        (["codes"], TypeError, "filters must be a dict or a pyarrow.compute.Expression"),
    ],
)
def test_bad_filters_say_what_is_wrong(filters: object, error: type, message: str) -> None:
    with pytest.raises(error, match=message):
        event_expression(filters)


# --- pushdown ----------------------------------------------------------------------


def test_a_date_filter_prunes_year_partitions(dataset: Path) -> None:
    release = open_release(source=dataset)
    both = ["events/year=2024/part-0.parquet", "events/year=2025/part-0.parquet"]
    assert release.event_files() == both
    assert release.event_files({"date": ("2025-02-01", "2025-02-28")}) == both[1:]
    assert release.event_files({"date": (None, "2024-12-31")}) == both[:1]
    assert release.event_files(pc.field("year") == 2024) == both[:1]
    # Filters on other columns cannot rule out a year.
    assert release.event_files({"codes": ["19"]}) == both


def test_pruned_partitions_are_never_opened(dataset: Path, tmp_path: Path) -> None:
    damaged = copy_dataset(dataset, tmp_path / "dataset")
    (damaged / "releases" / NEW_ID / "events" / "year=2024" / "part-0.parquet").unlink()
    events = load_events(source=damaged, filters={"date": ("2025-01-01", None)}, as_="arrow")
    assert events.num_rows == len(EVENTS_2025)
    with pytest.raises(FileNotFoundError, match="missing: the release folder is incomplete"):
        load_events(source=damaged, filters={"date": ("2024-01-01", None)})


def test_a_date_filter_skips_row_groups_by_statistics(tmp_path: Path) -> None:
    # One row per row group, so Parquet statistics alone decide which are read.
    small = write_dataset(tmp_path / "dataset", row_group_size=1)
    release = open_release(source=small)
    expression = event_expression({"date": ("2025-03-10", "2025-03-12")})
    relative = release.event_files(expression)
    dataset = cameo_events.load.filters.events_dataset(
        [str(release.file(p)) for p in relative], relative
    )
    (fragment,) = dataset.get_fragments(filter=expression)
    assert pq.ParquetFile(fragment.path).metadata.num_row_groups == len(EVENTS_2025)
    assert len(fragment.split_by_row_group(filter=expression, schema=dataset.schema)) == 2


# --- local verification --------------------------------------------------------------


def test_verify_detects_a_changed_local_file(dataset: Path, tmp_path: Path) -> None:
    damaged = copy_dataset(dataset, tmp_path / "dataset")
    path = damaged / "releases" / NEW_ID / "documents.parquet"
    table = pq.read_table(path)
    pq.write_table(table.slice(0, 1), path)  # still valid Parquet, but not the release's file

    assert len(load_documents(source=damaged)) == 1  # verify=False reads files as they are
    expected = cameo_events.load.cache.file_sha256(
        dataset / "releases" / NEW_ID / "documents.parquet"
    )
    actual = cameo_events.load.cache.file_sha256(path)
    with pytest.raises(ChecksumError) as caught:
        load_documents(source=damaged, verify=True)
    message = str(caught.value)
    assert str(path) in message and expected in message and actual in message
    assert len(load_events(source=damaged, verify=True)) == len(EVENTS)  # untouched files pass
