"""Judgements every source needs: event codes, coordinates, the source's own scales.

Each function reports what is wrong with a row to the row's report under the
source's own check ids (``<source>.code_format``, ``<source>.coordinates``,
...) and returns what the release can use.

Examples
--------
>>> from cameo_events.convert.judge import code_problem
>>> code_problem("010"), code_problem("36"), code_problem("999"), code_problem("10")
(None, 'code_format', 'code_unknown', None)
"""

from __future__ import annotations

from cameo_events.convert.records import RowContext, parse_float
from cameo_events.schema import packaged_codebook
from cameo_events.schema.codebook import CODE_PATTERN

__all__ = ["code_problem", "judge_coordinates", "judge_scale"]

# Goldstein values are written with one decimal; anything closer is the same value.
_GOLDSTEIN_TOLERANCE = 1e-6


def code_problem(code: str) -> str | None:
    """``code_format`` (not 2-4 digits, or a lost leading zero), ``code_unknown`` or None.

    ``"36"`` is not a root code but ``"036"`` is a code: a tool read the code
    as a number, so it is a format problem, not an unknown code.
    """
    book = packaged_codebook()
    if not CODE_PATTERN.match(code) or (code not in book and "0" + code in book):
        return "code_format"
    if code not in book:
        return "code_unknown"
    return None


def judge_coordinates(
    ctx: RowContext, source: str, names: tuple[str, str], values: tuple[str, str]
) -> tuple[float | None, float | None]:
    """``(latitude, longitude)`` when both are given and possible, else ``(None, None)``."""
    lat, lon = parse_float(values[0]), parse_float(values[1])
    if lat is None and lon is None:
        return None, None
    problem = None
    if lat is None or lon is None:
        problem = "only one of latitude and longitude is given"
    elif not -90 <= lat <= 90:
        problem = "latitude must be within -90..90"
    elif not -180 <= lon <= 180:
        problem = "longitude must be within -180..180"
    if problem is not None:
        ctx.find(
            f"{source}.coordinates",
            f"{names[0]}/{names[1]}",
            f"{values[0] or 'empty'}, {values[1] or 'empty'}",
            detail=problem,
        )
        return None, None
    return lat, lon


def judge_scale(
    ctx: RowContext,
    source: str,
    code: str,
    quad_field: tuple[str, str],
    goldstein_field: tuple[str, str],
    *,
    quad_comparable: bool = True,
) -> None:
    """Compare a row's quad class and Goldstein value with its source's table and CAMEO's.

    Disagreeing with the source's own table is ``<source>.quad_class`` /
    ``<source>.goldstein`` (an error: the source contradicts itself). Agreeing
    with it where that table differs from CAMEO 1.1b3 is
    ``<source>.scale_differs`` (a warning). An empty field is not judged.
    ``quad_comparable=False`` skips the CAMEO comparison of the quad class
    for a source whose quad classes number differently (Phoenix's 0-4).
    """
    book = packaged_codebook()
    cameo = book[code]
    name, raw = quad_field
    if raw:
        own = book.quad_class(code, source)
        if own is not None and raw != str(own):
            ctx.find(f"{source}.quad_class", name, raw, expected=own, detail=repr(code))
        elif quad_comparable and own is not None and own != cameo.quad_class:
            ctx.find(
                f"{source}.scale_differs", name, raw, expected=cameo.quad_class, detail=repr(code)
            )
    name, raw = goldstein_field
    value = parse_float(raw)
    if raw:
        own_g = book.goldstein(code, source)
        if own_g is not None and (value is None or abs(value - own_g) > _GOLDSTEIN_TOLERANCE):
            ctx.find(f"{source}.goldstein", name, raw, expected=own_g, detail=repr(code))
        elif own_g is not None and abs(own_g - cameo.goldstein) > _GOLDSTEIN_TOLERANCE:
            ctx.find(
                f"{source}.scale_differs", name, raw, expected=cameo.goldstein, detail=repr(code)
            )
