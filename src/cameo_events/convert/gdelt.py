"""GDELT 1.0 / 2.0 event rows -> :class:`~cameo_events.schema.Event`, with GDELT's own rules.

A row is judged against GDELT itself first: its QuadClass and GoldsteinScale
against GDELT's tables (scale ``"gdelt"`` of our codebook), its actor code
against its broken-out actor columns, its FractionDate / MonthYear / Year
against SQLDATE, its FIPS geography against our FIPS table. Contradictions
are errors; where GDELT is consistent but differs from CAMEO 1.1b3 it is a
warning, and the release carries the CAMEO values (the schema requires them).

The event points at a reference document for its SOURCEURL (1.0 backfile
rows have none: they point at their GDELT update instead). ``pattern_id`` is
``gdelt:<GLOBALEVENTID>`` and ``coder_version`` ``gdelt-1.0`` or
``gdelt-2.0``, so every event leads back to its source row.

Examples
--------
>>> from cameo_events.convert.gdelt import fraction_date
>>> round(fraction_date(2014, 2, 18), 4)
2014.1315
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from urllib.parse import urlsplit

from cameo_events.convert.fips import fips_to_iso, is_fips
from cameo_events.convert.gdelt_layout import ACTOR_COLUMNS, GEO_PREFIXES, LAYOUTS, Layout
from cameo_events.convert.judge import code_problem, judge_coordinates, judge_scale
from cameo_events.convert.reading import Line
from cameo_events.convert.records import (
    Outcome,
    RowContext,
    actor_problem,
    build_event,
    imported_event_id,
    reference_document,
    row_digest,
)
from cameo_events.findings import Report
from cameo_events.schema import Document
from cameo_events.schema.actors import split_actor_code

__all__ = ["GdeltEvents", "fraction_date", "parse_gdelt_date"]

_DATASET = {"gdelt-1.0": "GDELT 1.0", "gdelt-2.0": "GDELT 2.0"}
# FractionDate is written with 4 decimals; half a unit of the last one is rounding.
_FRACTION_TOLERANCE = 0.00006
# Documents are cached by key while converting; the cache is cleared past this size
# so a long file keeps bounded memory (a cleared entry is only rebuilt, never lost).
_DOC_CACHE = 50_000


def fraction_date(year: int, month: int, day: int) -> float:
    """GDELT's FractionDate as GDELT computes it in practice: ``year + ((month-1)*30 + day)/365``."""
    return year + ((month - 1) * 30 + day) / 365


def parse_gdelt_date(value: str) -> datetime.date | None:
    """The date of a ``YYYYMMDD`` or ``YYYYMMDDHHMMSS`` field, or None."""
    if len(value) not in (8, 14) or not value.isdigit():
        return None
    try:
        return datetime.date(int(value[:4]), int(value[4:6]), int(value[6:8]))
    except ValueError:
        return None


class _Row:
    """A row's fields by GDELT column name."""

    def __init__(self, fields: Sequence[str], layout: Layout) -> None:
        self.fields = fields
        self.layout = layout

    def __getitem__(self, name: str) -> str:
        index = self.layout.index.get(name)
        return "" if index is None else self.fields[index]


class GdeltEvents:
    """Converts GDELT event rows one at a time, remembering what it needs for duplicates.

    Parameters
    ----------
    report
        Where findings go (a report built with the source rules).

    Notes
    -----
    Duplicate detection remembers 16 bytes per distinct row (plus Python's
    dict overhead, about 100 bytes a row in all): the one part of a GDELT run
    whose memory grows with the file.
    """

    def __init__(self, report: Report) -> None:
        self.report = report
        self._files: list[str] = []
        self._ids: dict[str, int] = {}
        self._full: dict[bytes, int] = {}
        self._near: dict[bytes, int] = {}
        self._documents: dict[str, Document] = {}

    # -- bookkeeping -------------------------------------------------------
    def _where(self, file: str, row: int) -> int:
        if not self._files or self._files[-1] != file:
            self._files.append(file)
        return (len(self._files) - 1) << 40 | row

    def _label(self, position: int) -> str:
        return f"row {position & ((1 << 40) - 1)} of {self._files[position >> 40]}"

    # -- conversion --------------------------------------------------------
    def convert(self, line: Line, fields: Sequence[str]) -> Outcome:
        """Convert one events row (``fields`` already split, with an events layout)."""
        layout = LAYOUTS[len(fields)]
        row = _Row(fields, layout)
        ctx = RowContext(line.label, line.row, self.report)
        event_id = row["GLOBALEVENTID"].strip()
        if not event_id:
            return ctx.reject("gdelt.required", "GLOBALEVENTID", "")
        date = parse_gdelt_date(row["SQLDATE"])
        if date is None:
            return ctx.reject("gdelt.date", "SQLDATE", row["SQLDATE"], expected="YYYYMMDD")
        added = parse_gdelt_date(row["DATEADDED"])
        if added is None:
            form = "YYYYMMDDHHMMSS" if layout.version == "gdelt-2.0" else "YYYYMMDD"
            return ctx.reject("gdelt.date", "DATEADDED", row["DATEADDED"], expected=form)
        self._judge_date_columns(ctx, row, date)
        if date > added:
            ctx.find("gdelt.date_after_added", "SQLDATE", row["SQLDATE"], expected=row["DATEADDED"])
        code = row["EventCode"]
        problem = code_problem(code)
        if problem is not None:
            return ctx.reject(f"gdelt.{problem}", "EventCode", code)
        self._judge_hierarchy(ctx, row, code)
        judge_scale(
            ctx,
            "gdelt",
            code,
            ("QuadClass", row["QuadClass"]),
            ("GoldsteinScale", row["GoldsteinScale"]),
        )
        actors = [self._actor(ctx, row, side) for side in ("Actor1", "Actor2")]
        place = self._geography(ctx, row)
        duplicate = self._duplicates(ctx, row, fields, event_id)
        if duplicate is not None:
            return duplicate
        document = self._document(row, layout, added)
        built = build_event(
            ctx,
            event_id=imported_event_id("gdelt", event_id, fields),
            doc_id=document.doc_id,
            sentence_index=0,
            event_date=date,
            cameo_code=code,
            source_actor=actors[0],
            target_actor=actors[1],
            **place,
            pattern_id=f"gdelt:{event_id}",
            coding_method="imported",
            coder_version=layout.version,
        )
        if isinstance(built, Outcome):
            return built
        return Outcome(line.label, line.row, event=built, document=document)

    # -- the rules ---------------------------------------------------------
    def _judge_date_columns(self, ctx: RowContext, row: _Row, date: datetime.date) -> None:
        sql = repr(row["SQLDATE"])
        for name, expected in (("MonthYear", f"{date:%Y%m}"), ("Year", f"{date:%Y}")):
            if row[name] != expected:
                ctx.find("gdelt.date_columns", name, repr(row[name]), expected=expected, detail=sql)
        raw = row["FractionDate"]
        expected_fraction = fraction_date(date.year, date.month, date.day)
        try:
            off = abs(float(raw) - expected_fraction) > _FRACTION_TOLERANCE
        except ValueError:
            off = True
        if off:
            ctx.find(
                "gdelt.fraction_date",
                "FractionDate",
                raw or "empty",
                expected=f"{expected_fraction:.4f}",
                detail=sql,
            )

    def _judge_hierarchy(self, ctx: RowContext, row: _Row, code: str) -> None:
        for name, width in (("EventBaseCode", 3), ("EventRootCode", 2)):
            value = row[name]
            if value != code[:width]:
                ctx.find(
                    "gdelt.code_hierarchy",
                    name,
                    repr(value),
                    expected=repr(code[:width]),
                    detail=repr(code),
                )

    def _actor(self, ctx: RowContext, row: _Row, side: str) -> str | None:
        # The 1.0 backfile pads some codes with a space (" CVL", " "): not part of the code.
        code = row[f"{side}Code"].strip()
        columns = [row[side + c].strip() for c in ACTOR_COLUMNS]
        columns = [c for c in columns if c]
        if sorted(split_actor_code(code)) != sorted(columns):
            ctx.find(
                "gdelt.actor_columns",
                f"{side}Code",
                repr(code),
                expected=repr("".join(columns)) if columns else "none",
                detail=", ".join(
                    f"{side}{c}={row[side + c].strip()!r}"
                    for c in ACTOR_COLUMNS
                    if row[side + c].strip()
                )
                or "every broken-out column is empty",
            )
        if not code:
            return None
        problem = actor_problem(code)
        if problem is not None:
            ctx.find("gdelt.actor_code", f"{side}Code", repr(code), detail=problem)
            return None
        return code

    def _geography(self, ctx: RowContext, row: _Row) -> dict[str, object]:
        place: dict[str, object] = {
            "place": None,
            "place_country": None,
            "latitude": None,
            "longitude": None,
        }
        for prefix in GEO_PREFIXES:
            country = row[prefix + "CountryCode"].strip()
            known = not country or is_fips(country)
            if not known:
                ctx.find(
                    "gdelt.geo_country",
                    prefix + "CountryCode",
                    repr(country),
                    detail="see convert/data/fips_iso.csv",
                )
            adm1 = row[prefix + "ADM1Code"].strip()
            if country and adm1 and not adm1.startswith(country):
                ctx.find("gdelt.geo_adm1", prefix + "ADM1Code", repr(adm1), expected=repr(country))
            lat, lon = judge_coordinates(
                ctx,
                "gdelt",
                (prefix + "Lat", prefix + "Long"),
                (row[prefix + "Lat"], row[prefix + "Long"]),
            )
            if prefix == "ActionGeo_" and row[prefix + "Type"] not in ("", "0"):
                place = {
                    "place": row[prefix + "FullName"].strip() or None,
                    "place_country": fips_to_iso(country) if known and country else None,
                    "latitude": lat,
                    "longitude": lon,
                }
        return place

    def _duplicates(
        self, ctx: RowContext, row: _Row, fields: Sequence[str], event_id: str
    ) -> Outcome | None:
        here = self._where(ctx.file, ctx.row)
        index = row.layout.index
        earlier = self._ids.get(event_id)
        if earlier is not None:
            return ctx.reject(
                "gdelt.duplicate", "GLOBALEVENTID", event_id, detail=self._label(earlier)
            )
        self._ids[event_id] = here
        # The same event, re-added later or under another id, differs only in these.
        skip = {index["GLOBALEVENTID"], index["DATEADDED"]}
        content = [f for i, f in enumerate(fields) if i not in skip]
        full = row_digest([row.layout.version, *content])
        earlier = self._full.get(full)
        if earlier is not None:
            return ctx.reject(
                "gdelt.duplicate",
                "every field but GLOBALEVENTID and DATEADDED",
                event_id,
                detail=self._label(earlier),
            )
        self._full[full] = here
        geo = {i for name, i in index.items() if name.startswith(GEO_PREFIXES)}
        near = row_digest(
            [row.layout.version, *(f for i, f in enumerate(fields) if i not in skip | geo)]
        )
        earlier = self._near.get(near)
        if earlier is not None:
            ctx.find("gdelt.near_duplicate", "location", event_id, detail=self._label(earlier))
        else:
            self._near[near] = here
        return None

    def _document(self, row: _Row, layout: Layout, added: datetime.date) -> Document:
        url = row["SOURCEURL"].strip()
        key = url or f"GDELT 1.0 update of {row['DATEADDED']} (the row names no source article)"
        cache_key = f"{layout.version}\x1f{key}\x1f{added}"
        document = self._documents.get(cache_key)
        if document is None:
            if len(self._documents) >= _DOC_CACHE:
                self._documents.clear()
            document = reference_document(
                corpus=layout.version,
                dataset=_DATASET[layout.version],
                key=key,
                published=added,
                publisher=(urlsplit(url).hostname or "") if url else "",
                title=url,
                licence="GDELT Project terms: unrestricted use with citation of the GDELT Project",
            )
            self._documents[cache_key] = document
        return document
