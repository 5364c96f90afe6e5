"""Phoenix (Open Event Data Alliance) daily rows -> events, with Phoenix's own rules.

The phoenix_pipeline writes 26 tab-separated columns and no header (order in
:data:`COLUMNS`). Its quad class is a 0-4 variant (0 = neutral statements and
appeals) and its Goldstein table is its own (scale ``"phoenix"`` of our
codebook): a row is judged against those tables; the release carries the
CAMEO 1.1b3 values. ``pattern_id`` is ``phoenix:<id_version>``,
``coder_version`` ``phoenix``.

No real Phoenix rows are available to us; the reader follows the pipeline's
column specification and is tested on files written to it.

Examples
--------
>>> from cameo_events.convert.phoenix import COLUMNS
>>> len(COLUMNS), COLUMNS[13], COLUMNS[-1]
(26, 'code', 'sources')
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence

import pycountry

from cameo_events.convert.countries import country_iso3
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
from cameo_events.schema.actors import split_actor_code

__all__ = ["COLUMNS", "PhoenixRows"]

#: The columns the phoenix_pipeline's postprocess step writes, in order.
COLUMNS = (
    "id_version",
    "date",
    "year",
    "month",
    "day",
    "source",
    "src_root",
    "src_agent",
    "src_others",
    "target",
    "tgt_root",
    "tgt_agent",
    "tgt_others",
    "code",
    "root_code",
    "quad_class",
    "goldstein",
    "issues",
    "lat",
    "lon",
    "placeName",
    "stateName",
    "countryName",
    "ids",
    "urls",
    "sources",
)
_INDEX = {name: i for i, name in enumerate(COLUMNS)}
_LICENCE = "Phoenix event data (Open Event Data Alliance), under the terms of its publisher"


def _country(name: str) -> str | None:
    # The pipeline's geolocation writes a name; some versions wrote ISO alpha-3.
    if len(name) == 3 and name.isupper() and pycountry.countries.get(alpha_3=name):
        return name
    return country_iso3(name) if name else None


class PhoenixRows:
    """Converts Phoenix rows one at a time, remembering rows seen for duplicates."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self._rows: dict[bytes, str] = {}

    def convert(self, line: Line, fields: Sequence[str]) -> Outcome:
        """Convert one row already split on tabs."""
        ctx = RowContext(line.label, line.row, self.report)
        if len(fields) != len(COLUMNS):
            return ctx.reject("phoenix.row_fields", "row", str(len(fields)))

        def get(name: str) -> str:
            return fields[_INDEX[name]].strip()

        for name in ("id_version", "date", "code"):
            if not get(name):
                return ctx.reject("phoenix.required", name, "")
        raw_date = get("date")
        try:
            if len(raw_date) != 8 or not raw_date.isdigit():
                raise ValueError(raw_date)
            date = datetime.date(int(raw_date[:4]), int(raw_date[4:6]), int(raw_date[6:]))
        except ValueError:
            return ctx.reject("phoenix.date", "date", raw_date)
        for name, expected in (("year", date.year), ("month", date.month), ("day", date.day)):
            if not get(name).isdigit() or int(get(name)) != expected:
                ctx.find(
                    "phoenix.date_columns",
                    name,
                    repr(get(name)),
                    expected=expected,
                    detail=raw_date,
                )
        code = get("code")
        problem = code_problem(code)
        if problem is not None:
            return ctx.reject(f"phoenix.{problem}", "code", code)
        if get("root_code") != code[:2]:
            ctx.find(
                "phoenix.root_code",
                "root_code",
                repr(get("root_code")),
                expected=repr(code[:2]),
                detail=repr(code),
            )
        judge_scale(
            ctx,
            "phoenix",
            code,
            ("quad_class", get("quad_class")),
            ("goldstein", get("goldstein")),
            quad_comparable=False,
        )
        digest = row_digest([f for i, f in enumerate(fields) if i != _INDEX["id_version"]])
        earlier = self._rows.get(digest)
        if earlier is not None:
            return ctx.reject("phoenix.duplicate", "row", get("id_version"), detail=earlier)
        self._rows[digest] = f"row {line.row} of {line.label}"
        actors = {
            side: self._actor(ctx, side, prefix, get)
            for side, prefix in (("source", "src"), ("target", "tgt"))
        }
        lat, lon = judge_coordinates(ctx, "phoenix", ("lat", "lon"), (get("lat"), get("lon")))
        urls = [u for u in get("urls").split(";") if u.strip()]
        key = urls[0].strip() if urls else f"Phoenix story {get('ids') or get('id_version')}"
        document = reference_document(
            corpus="phoenix",
            dataset="Phoenix",
            key=key,
            published=date,
            publisher=get("sources").split(";")[0].strip() or "Phoenix",
            title="",
            licence=_LICENCE,
        )
        built = build_event(
            ctx,
            event_id=imported_event_id("phoenix", get("id_version"), fields),
            doc_id=document.doc_id,
            sentence_index=0,
            event_date=date,
            cameo_code=code,
            source_actor=actors["source"],
            target_actor=actors["target"],
            place=", ".join(
                p for p in (get("placeName"), get("stateName"), get("countryName")) if p
            )
            or None,
            place_country=_country(get("countryName")),
            latitude=lat,
            longitude=lon,
            pattern_id=f"phoenix:{get('id_version')}",
            coding_method="imported",
            coder_version="phoenix",
        )
        if isinstance(built, Outcome):
            return built
        return Outcome(line.label, line.row, event=built, document=document)

    def _actor(
        self, ctx: RowContext, side: str, prefix: str, get: Callable[[str], str]
    ) -> str | None:
        code = get(side)
        if not code:
            return None
        root, agent = get(f"{prefix}_root"), get(f"{prefix}_agent")
        atoms = split_actor_code(code)
        if root and root != atoms[0]:
            ctx.find(
                "phoenix.actor_columns",
                f"{prefix}_root",
                repr(root),
                expected=repr(atoms[0]),
                detail=repr(code),
            )
        if agent and agent not in atoms[1:]:
            ctx.find(
                "phoenix.actor_columns",
                f"{prefix}_agent",
                repr(agent),
                expected=f"one of {atoms[1:]}",
                detail=repr(code),
            )
        problem = actor_problem(code)
        if problem is not None:
            ctx.find("phoenix.actor_code", side, repr(code), detail=problem)
            return None
        return code
