"""ICEWS coded-event rows (``.tab`` with a header, or JSON records) -> events.

Columns are found by their header names, so column order does not matter.
``NA`` and empty fields are missing (the public files were re-saved by R).
Sector lists map to CAMEO roles through ``data/icews_sectors.csv`` and
country names to ISO alpha-3 through pycountry and
``data/icews_country_aliases.csv``. ICEWS reuses Event IDs, so the event id
hashes the Event ID with the row's content; ``pattern_id`` is
``icews:<Event ID>``, ``coder_version`` ``icews``.

Examples
--------
>>> from cameo_events.convert.icews import actor_code
>>> actor_code("Bangladesh", "Executive,Foreign Ministry,Government")
('BGDGOV', [])
>>> actor_code("NA", "International Government Organization,Regional")
('IGO', [])
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from typing import Any

from cameo_events.convert.countries import country_iso3
from cameo_events.convert.judge import code_problem, judge_coordinates
from cameo_events.convert.records import (
    Outcome,
    RowContext,
    actor_problem,
    build_event,
    imported_event_id,
    parse_float,
    reference_document,
    row_digest,
)
from cameo_events.convert.sectors import INTERNATIONAL_ROOTS, sector_atoms
from cameo_events.findings import Report
from cameo_events.schema import Document, packaged_codebook

__all__ = ["COLUMNS", "IcewsRows", "actor_code", "missing"]

#: The columns of the public ICEWS coded-event files.
COLUMNS = (
    "Event ID",
    "Event Date",
    "Source Name",
    "Source Sectors",
    "Source Country",
    "Event Text",
    "CAMEO Code",
    "Intensity",
    "Target Name",
    "Target Sectors",
    "Target Country",
    "Story ID",
    "Sentence Number",
    "Publisher",
    "City",
    "District",
    "Province",
    "Country",
    "Latitude",
    "Longitude",
)
_LICENCE = "ICEWS coded event data (Harvard Dataverse), under the terms of its publisher"
_TOLERANCE = 1e-6


def missing(value: str | None) -> bool:
    """Whether an ICEWS field is missing: None, empty, ``NA`` or ``NULL``."""
    return value is None or value.strip() in ("", "NA", "NULL")


def actor_code(country: str, sectors: str) -> tuple[str | None, list[str]]:
    """``(actor code or None, unknown sectors)`` for an ICEWS country name and sector list."""
    atoms, unknown = sector_atoms("" if missing(sectors) else sectors)
    iso = None if missing(country) else country_iso3(country)
    if iso is not None:
        roles = [a for a in atoms if a not in INTERNATIONAL_ROOTS]
        return iso + "".join(roles), unknown
    roots = [a for a in atoms if a in INTERNATIONAL_ROOTS]
    if roots:
        rest = [a for a in atoms if a not in INTERNATIONAL_ROOTS]
        return roots[0] + "".join(rest[:1]), unknown
    return None, unknown


class IcewsRows:
    """Converts ICEWS rows (a mapping of column name to text) one at a time.

    Notes
    -----
    Duplicate and reused-id detection remember one entry per row (about 100
    bytes): the part of an ICEWS run whose memory grows with the file.
    """

    def __init__(self, report: Report) -> None:
        self.report = report
        self._rows: dict[bytes, str] = {}
        self._ids: dict[str, tuple[bytes, str]] = {}

    def convert(self, file: str, row: int, record: Mapping[str, str | None]) -> Outcome:
        """Convert one row of a ``.tab`` file (``row`` is its line number)."""
        ctx = RowContext(file, row, self.report)

        def get(name: str) -> str:
            value = record.get(name)
            return "" if missing(value) else str(value).strip()

        for name in ("Event ID", "Event Date", "CAMEO Code"):
            if not get(name):
                return ctx.reject("icews.required", name, str(record.get(name) or ""))
        try:
            date = datetime.date.fromisoformat(get("Event Date"))
        except ValueError:
            return ctx.reject("icews.date", "Event Date", get("Event Date"))
        code = get("CAMEO Code")
        problem = code_problem(code)
        if problem is not None:
            return ctx.reject(f"icews.{problem}", "CAMEO Code", code)
        self._judge_intensity(ctx, code, get("Intensity"))
        fields = [str(record.get(c) or "") for c in COLUMNS]
        duplicate = self._duplicates(ctx, get("Event ID"), fields)
        if duplicate is not None:
            return duplicate
        actors = {
            side: self._actor(ctx, side, get(f"{side} Country"), get(f"{side} Sectors"))
            for side in ("Source", "Target")
        }
        lat, lon = judge_coordinates(
            ctx, "icews", ("Latitude", "Longitude"), (get("Latitude"), get("Longitude"))
        )
        country = get("Country")
        place_country = country_iso3(country) if country else None
        if country and place_country is None:
            ctx.find("icews.country_unknown", "Country", repr(country))
        story = get("Story ID")
        document = reference_document(
            corpus="icews",
            dataset="ICEWS",
            key=f"ICEWS story {story}" if story else f"ICEWS event {get('Event ID')}",
            published=date,
            publisher=get("Publisher") or "ICEWS",
            title="",
            licence=_LICENCE,
        )
        sentence = get("Sentence Number")
        return self._event(
            ctx,
            document.doc_id,
            {
                "event_id": imported_event_id("icews", get("Event ID"), fields),
                # ICEWS numbers sentences from 1; ours from 0.
                "sentence_index": max(int(sentence) - 1, 0) if sentence.isdigit() else 0,
                "event_date": date,
                "source_actor": actors["Source"],
                "target_actor": actors["Target"],
                "cameo_code": code,
                "place": ", ".join(
                    p for p in (get("City"), get("District"), get("Province"), country) if p
                )
                or None,
                "place_country": place_country,
                "latitude": lat,
                "longitude": lon,
                "pattern_id": f"icews:{get('Event ID')}",
            },
            document,
        )

    def convert_json(self, file: str, number: int, record: Mapping[str, Any]) -> Outcome:
        """Convert one ICEWS JSON record (``number`` counts records from 1)."""
        ctx = RowContext(file, number, self.report)
        absent = [k for k in ("id", "date", "event", "text") if not record.get(k)]
        if absent:
            return ctx.reject(
                "icews.json_record", absent[0], "", detail=f"{', '.join(absent)} missing"
            )
        try:
            date = datetime.date.fromisoformat(str(record["date"]))
        except ValueError:
            return ctx.reject("icews.date", "date", str(record["date"]))
        code = str(record["event"])
        problem = code_problem(code)
        if problem is not None:
            return ctx.reject(f"icews.{problem}", "event", code)
        # "Citizen (Armenia): Social,General Population / Civilian / Social: Armenia"
        identity = str(record.get("protesteridentity") or "").split(": ")
        source = (
            self._actor(ctx, "protesteridentity", identity[2], identity[1])
            if len(identity) == 3
            else None
        )
        locations = record.get("location") or [{}]
        where = locations[0] if isinstance(locations, list) and locations else {}
        lat, lon = judge_coordinates(
            ctx, "icews", ("lat", "long"), (str(where.get("lat", "")), str(where.get("long", "")))
        )
        languages = record.get("language") or ["en"]
        language = str(languages[0]) if isinstance(languages, list) else str(languages)
        document = reference_document(
            corpus="icews-json",
            dataset="ICEWS",
            key=f"ICEWS record {record['id']}",
            published=date,
            publisher=str(record.get("publication") or "ICEWS"),
            title=str(record.get("headline") or ""),
            language=language if len(language) == 2 else "en",
            licence=_LICENCE,
            text=str(record["text"]),
        )
        country = str(record.get("country") or "")
        return self._event(
            ctx,
            document.doc_id,
            {
                "event_id": imported_event_id(
                    "icews-json", str(record["id"]), [repr(sorted(record.items()))]
                ),
                "sentence_index": 0,
                "event_date": date,
                "source_actor": source,
                "target_actor": None,
                "cameo_code": code,
                "place": ", ".join(
                    str(where[k])
                    for k in ("city", "district", "province", "country")
                    if not missing(str(where.get(k, "")))
                )
                or None,
                "place_country": str(record["ccode"])
                if str(record.get("ccode") or "").isalpha() and len(str(record["ccode"])) == 3
                else (country_iso3(country) if country else None),
                "latitude": lat,
                "longitude": lon,
                "pattern_id": f"icews:{record['id']}",
            },
            document,
        )

    # -- helpers -----------------------------------------------------------
    def _event(
        self, ctx: RowContext, doc_id: str, fields: dict[str, Any], document: Document
    ) -> Outcome:
        built = build_event(
            ctx, doc_id=doc_id, coding_method="imported", coder_version="icews", **fields
        )
        if isinstance(built, Outcome):
            return built
        return Outcome(ctx.file, ctx.row, event=built, document=document)

    def _judge_intensity(self, ctx: RowContext, code: str, raw: str) -> None:
        if not raw:
            return
        entry = packaged_codebook()[code]
        value = parse_float(raw)
        if value is not None and abs(value - entry.goldstein) <= _TOLERANCE:
            return
        # Our codebook's value came from ICEWS's own table for most codes
        # (goldstein_from == "icews"): disagreeing with it is ICEWS contradicting itself.
        check = "icews.intensity" if entry.goldstein_from == "icews" else "icews.intensity_cameo"
        ctx.find(check, "Intensity", raw, expected=entry.goldstein, detail=repr(code))

    def _actor(self, ctx: RowContext, side: str, country: str, sectors: str) -> str | None:
        field = side if side == "protesteridentity" else f"{side} Country"
        if country and country_iso3(country) is None:
            ctx.find("icews.country_unknown", field, repr(country))
        code, unknown = actor_code(country, sectors)
        for sector in unknown:
            ctx.find("icews.sector_unknown", f"{side} Sectors", repr(sector))
        if code is None:
            if country or sectors:
                ctx.find(
                    "icews.actor_unmapped",
                    f"{side} Country/Sectors",
                    repr(f"{country} / {sectors}"),
                )
            return None
        if actor_problem(code) is not None:  # pragma: no cover - the tables only hold known atoms
            return None
        return code

    def _duplicates(self, ctx: RowContext, event_id: str, fields: list[str]) -> Outcome | None:
        digest = row_digest(fields)
        earlier = self._rows.get(digest)
        if earlier is not None:
            return ctx.reject("icews.duplicate", "row", event_id, detail=earlier)
        here = f"row {ctx.row} of {ctx.file}"
        self._rows[digest] = here
        seen = self._ids.get(event_id)
        if seen is not None:
            ctx.find("icews.event_id_reused", "Event ID", repr(event_id), detail=seen[1])
        else:
            self._ids[event_id] = (digest, here)
        return None


def iter_json_records(text: Iterator[str]) -> Iterator[tuple[int, Any]]:
    """``(number, record)`` for concatenated or line-delimited JSON objects, or a JSON array.

    Reads chunk by chunk and decodes each object as soon as it is complete,
    so a file of records is streamed; a top-level array is read whole.
    """
    import json

    decoder = json.JSONDecoder()
    buffer = ""
    number = 0
    exhausted = False
    chunks = iter(text)
    while True:
        buffer = buffer.lstrip()
        if not buffer:
            if exhausted:
                return
            try:
                buffer = next(chunks)
            except StopIteration:
                exhausted = True
            continue
        try:
            obj, end = decoder.raw_decode(buffer)
        except json.JSONDecodeError:
            if exhausted:
                raise
            try:
                buffer += next(chunks)
            except StopIteration:
                exhausted = True
            continue
        buffer = buffer[end:]
        for item in obj if isinstance(obj, list) else [obj]:
            number += 1
            yield number, item
