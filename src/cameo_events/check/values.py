"""Value stage, one record at a time, vectorised over Arrow batches.

Every rule is a boolean mask computed with ``pyarrow.compute`` over a whole
batch; Python only formats the few violation rows the report keeps. Codebook
rules look codes up with ``index_in`` against small arrays built once from the
codebook. Actor and code columns are dictionary-encoded, so grammar and atom
rules run once per *distinct* value (cached across batches by the checker
object) and are spread back to rows with ``take`` on the dictionary indices.

Rules that need other records (duplicates, documents) are in
:mod:`cameo_events.check.cross`.

Examples
--------
>>> import numpy as np, pyarrow as pa
>>> from cameo_events.check.values import distinct_map
>>> col = pa.array(["RUSGOV", "GOVRUS", "RUSGOV"]).dictionary_encode()
>>> distinct_map(col, lambda v: v[:3], pa.string()).to_pylist()
['RUS', 'GOV', 'RUS']
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import partial
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from cameo_events.check.inputs import Batch
from cameo_events.findings import Report
from cameo_events.schema.actors import actor_code_problem, actor_country
from cameo_events.schema.codebook import SCALES, packaged_codebook

__all__ = ["DocumentValues", "EventValues", "const", "distinct_map", "emit", "on_distinct"]

SPANS = ("source", "target", "trigger")
_CODE_SHAPES = {
    "cameo_code": (r"^[0-9]{2,4}$", "2-4"),
    "base_code": (r"^[0-9]{2,3}$", "2-3"),
    "root_code": (r"^[0-9]{2}$", "2"),
}
_GOLDSTEIN_TOLERANCE = 1e-9
Mask = npt.NDArray[np.bool_]


def distinct_map(col: pa.Array, fn: Callable[[Any], Any], out_type: pa.DataType) -> pa.Array:
    """Apply ``fn`` to each distinct value of ``col`` once and spread the results to rows.

    Nulls map to null without calling ``fn``.
    """
    encoded = col if pa.types.is_dictionary(col.type) else pc.dictionary_encode(col)
    results = pa.array(
        [None if v is None else fn(v) for v in encoded.dictionary.to_pylist()], out_type
    )
    return pc.take(results, encoded.indices)


def on_distinct(col: pa.Array, fn: Callable[[pa.Array], pa.Array]) -> pa.Array:
    """Apply an Arrow kernel ``fn`` to the distinct values of ``col`` and spread it to rows."""
    encoded = col if pa.types.is_dictionary(col.type) else pc.dictionary_encode(col)
    return pc.take(fn(encoded.dictionary), encoded.indices)


def _plain(col: pa.Array) -> pa.Array:
    return col.dictionary_decode() if pa.types.is_dictionary(col.type) else col


def _mask(arr: pa.Array | pa.Scalar, null_is: bool = False) -> Mask:
    filled = pc.fill_null(arr, null_is)
    return np.asarray(filled.to_numpy(zero_copy_only=False), dtype=np.bool_)


def _differs(a: pa.Array, b: pa.Array) -> pa.Array:
    """a != b where null equals null and null differs from any value."""
    ne = pc.not_equal(a, b)
    return pc.if_else(pc.is_null(ne), pc.xor(pc.is_null(a), pc.is_null(b)), ne)


def _show(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, str):
        return repr(value)
    return str(value)


def emit(
    report: Report,
    batch: Batch,
    mask: Mask,
    check_id: str,
    field: str,
    value: Callable[[int], object],
    **params: Callable[[int], object],
) -> None:
    """Count the rows of ``mask`` and keep (up to the cap) one violation per row."""
    hits = np.flatnonzero(mask)
    if not hits.size:
        return
    keep = hits[: report.room(check_id)]
    report.count_only(check_id, int(hits.size - keep.size))
    for i in keep.tolist():
        record, at = batch.where(i)
        extra = {name: fn(i) for name, fn in params.items()}
        report.add(
            check_id, file=batch.file, record=record, at=at, field=field, value=value(i), **extra
        )


def const(value: object) -> Callable[[int], object]:
    """The same value for every row."""

    def get(i: int) -> object:
        return value

    return get


def _getter(arr: pa.Array, show: bool = True) -> Callable[[int], object]:
    """Lazy per-row value of ``arr`` (only rows that are kept are converted)."""

    def get(i: int) -> object:
        v = arr[i].as_py()
        return _show(v) if show else v

    return get


def _impossible_dates(report: Report, batch: Batch, field: str) -> None:
    """``date.impossible``: null, or outside 1900-2100 (a typo or an epoch default)."""
    dates = batch.column(field)
    year = pc.year(dates)
    bad = pc.or_(pc.less(year, 1900), pc.greater(year, 2100))
    emit(report, batch, _mask(bad, True), "date.impossible", field, _getter(dates, show=False))


class EventValues:
    """Per-record value checks of event batches against one Goldstein/quad scale."""

    def __init__(self, report: Report, scale: str = "cameo") -> None:
        if scale not in SCALES:
            raise ValueError(f"unknown scale {scale!r}; choose one of {', '.join(SCALES)}")
        book = packaged_codebook()
        codes = sorted(book)
        self.report = report
        self._codes = pa.array(codes, pa.string())
        self._quad = pa.array([book.quad_class(c, scale) for c in codes], pa.int8())
        self._goldstein = pa.array([book.goldstein(c, scale) for c in codes], pa.float64())
        # Distinct actor codes seen so far: (rule id or None, message detail, country atom).
        self._actors: dict[str, tuple[str | None, str, str | None]] = {}

    def check(self, batch: Batch) -> None:
        """Run every per-record rule on one batch."""
        self._codes_and_codebook(batch)
        for side in ("source", "target"):
            self._actor(batch, side)
        self._dates(batch)
        for span in SPANS:
            self._span(batch, span)
        self._location(batch)

    # -- codes ---------------------------------------------------------------
    def _codes_and_codebook(self, batch: Batch) -> None:
        report = self.report
        shaped: dict[str, pa.Array] = {}
        for name, (pattern, digits) in _CODE_SHAPES.items():
            col = batch.column(name)
            ok = on_distinct(col, partial(pc.match_substring_regex, pattern=pattern))
            shaped[name] = pc.fill_null(ok, False)
            emit(
                report,
                batch,
                ~_mask(ok, True),
                "code.format",
                name,
                _getter(col),
                expected=const(digits),
            )
        code = _plain(batch.column("cameo_code"))
        code_ok = shaped["cameo_code"]
        for name, width, check_id in (
            ("root_code", 2, "code.root_mismatch"),
            ("base_code", 3, "code.base_mismatch"),
        ):
            col = _plain(batch.column(name))
            prefix = pc.utf8_slice_codeunits(code, 0, width)
            bad = pc.and_(pc.and_(code_ok, shaped[name]), pc.not_equal(col, prefix))
            emit(report, batch, _mask(bad), check_id, name, _getter(col), expected=_getter(prefix))
        index = pc.index_in(code, value_set=self._codes)
        known = pc.is_valid(index)
        emit(
            report,
            batch,
            _mask(pc.and_(code_ok, pc.invert(known))),
            "code.unknown",
            "cameo_code",
            _getter(code),
        )
        quad, expected_quad = batch.column("quad_class"), pc.take(self._quad, index)
        bad = pc.and_(pc.is_valid(expected_quad), _differs(quad, expected_quad))
        emit(
            report,
            batch,
            _mask(bad),
            "quad_class.mismatch",
            "quad_class",
            _getter(quad),
            expected=_getter(expected_quad),
            detail=_getter(code),
        )
        gold, expected_gold = batch.column("goldstein"), pc.take(self._goldstein, index)
        off = pc.greater(pc.abs(pc.subtract(gold, expected_gold)), _GOLDSTEIN_TOLERANCE)
        # A NaN Goldstein compares false with everything: count it as a mismatch too.
        off = pc.or_kleene(pc.fill_null(off, False), pc.or_(pc.is_null(gold), pc.is_nan(gold)))
        bad = pc.and_(pc.is_valid(expected_gold), off)
        emit(
            report,
            batch,
            _mask(bad),
            "goldstein.mismatch",
            "goldstein",
            _getter(gold),
            expected=_getter(expected_gold),
            detail=_getter(code),
        )

    # -- actors --------------------------------------------------------------
    def _actor_facts(self, code: str) -> tuple[str | None, str, str | None]:
        facts = self._actors.get(code)
        if facts is None:
            problem = actor_code_problem(code)
            if problem is None:
                facts = (None, "", actor_country(code))
            else:
                facts = (problem[0], problem[1] + "; see cameo-events schema atoms", None)
            self._actors[code] = facts
        return facts

    def _actor(self, batch: Batch, side: str) -> None:
        report = self.report
        actor = batch.column(f"{side}_actor")
        rule = distinct_map(actor, lambda v: self._actor_facts(v)[0], pa.string())
        detail = distinct_map(actor, lambda v: self._actor_facts(v)[1], pa.string())
        expected = distinct_map(actor, lambda v: self._actor_facts(v)[2], pa.string())
        # A null actor (allowed for imported events) has no grammar and no country.
        for check_id in ("actor.grammar", "actor.bad_root", "actor.bad_atom"):
            emit(
                report,
                batch,
                _mask(pc.equal(rule, check_id)),
                check_id,
                f"{side}_actor",
                _getter(actor),
                detail=_getter(detail, show=False),
            )
        country = _plain(batch.column(f"{side}_country"))
        bad = pc.and_(pc.is_null(rule), _differs(country, expected))
        emit(
            report,
            batch,
            _mask(bad),
            "actor.country_mismatch",
            f"{side}_country",
            _getter(country),
            expected=_getter(expected),
            detail=_getter(actor),
        )

    # -- dates, spans, places ------------------------------------------------
    def _dates(self, batch: Batch) -> None:
        _impossible_dates(self.report, batch, "event_date")

    def _span(self, batch: Batch, name: str) -> None:
        start, end = batch.column(f"{name}_start"), batch.column(f"{name}_end")
        text = batch.column(f"{name}_text")

        def shown(i: int) -> str:
            return f"[{_show(start[i].as_py())}, {_show(end[i].as_py())})"

        # Provenance: text and span are all set or all null, and only imported
        # events (converted from datasets that keep no text) may leave them null.
        nulls = [pc.is_null(c) for c in (start, end, text)]
        some_null = pc.or_(pc.or_(nulls[0], nulls[1]), nulls[2])
        all_null = pc.and_(pc.and_(nulls[0], nulls[1]), nulls[2])
        lacking = pc.is_null(text)
        if name != "trigger":
            lacking = pc.or_(lacking, pc.is_null(batch.column(f"{name}_actor")))
        coded = pc.not_equal(_plain(batch.column("coding_method")), "imported")
        partial = pc.and_(some_null, pc.invert(all_null))
        missing = pc.or_kleene(partial, pc.and_kleene(coded, lacking))
        emit(
            self.report,
            batch,
            _mask(missing),
            "provenance.missing",
            f"{name}_text",
            shown,
            detail=_getter(batch.column("coding_method"), show=False),
        )
        bad_bounds = _mask(pc.or_(pc.less(start, 0), pc.less_equal(end, start)))
        emit(self.report, batch, bad_bounds, "span.bounds", f"{name}_start", shown)
        width = pc.subtract(end, start)
        length = pc.utf8_length(text)
        bad_length = _mask(pc.not_equal(width, length)) & ~bad_bounds
        emit(
            self.report,
            batch,
            bad_length,
            "span.length",
            f"{name}_end",
            shown,
            detail=_getter(width),
            expected=_getter(length),
        )

    def _location(self, batch: Batch) -> None:
        lat, lon = batch.column("latitude"), batch.column("longitude")
        half = pc.xor(pc.is_null(lat), pc.is_null(lon))

        def pair(i: int) -> str:
            return f"latitude={_show(lat[i].as_py())}, longitude={_show(lon[i].as_py())}"

        emit(self.report, batch, _mask(half), "location.incomplete", "latitude/longitude", pair)
        for col, name, limit in ((lat, "latitude", 90), (lon, "longitude", 180)):
            outside = pc.or_(pc.greater(pc.abs(col), limit), pc.is_nan(col))
            emit(
                self.report,
                batch,
                _mask(outside),
                "location.coordinates",
                name,
                _getter(col),
                expected=const(f"-{limit}..{limit}"),
            )


class DocumentValues:
    """Per-record value checks of document batches: content-hash ids and dates."""

    def __init__(self, report: Report) -> None:
        self.report = report

    def check(self, batch: Batch) -> None:
        """Run every per-document rule on one batch."""
        texts = batch.column("text")
        ids = _plain(batch.column("doc_id"))
        # sha256 runs over every byte of every text: hashing, not Python, is the cost here.
        expected = pa.array(
            [
                None if t is None else hashlib.sha256(t.encode("utf-8")).hexdigest()[:20]
                for t in texts.to_pylist()
            ],
            pa.string(),
        )
        emit(
            self.report,
            batch,
            _mask(_differs(ids, expected)),
            "document.id_mismatch",
            "doc_id",
            _getter(ids),
            expected=_getter(expected, show=False),
        )
        _impossible_dates(self.report, batch, "published")
