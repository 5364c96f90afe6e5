"""FIPS 10-4 country codes (GDELT's geography columns) to ISO 3166 alpha-3.

GDELT writes the country of a place as a FIPS 10-4 code (``UP`` Ukraine,
``GM`` Germany, ``SF`` South Africa), our records use ISO alpha-3. The table
is data: ``data/fips_iso.csv`` (see ``data/README.md``). A FIPS code for a
place without an ISO code of its own (``OS`` oceans, ``PG`` Spratly Islands)
maps to None.

Examples
--------
>>> from cameo_events.convert.fips import fips_to_iso, is_fips
>>> fips_to_iso("UP"), fips_to_iso("GM"), fips_to_iso("SF")
('UKR', 'DEU', 'ZAF')
>>> fips_to_iso("OS") is None, is_fips("OS"), is_fips("XX")
(True, True, False)
"""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources

__all__ = ["fips_table", "fips_to_iso", "is_fips"]


@cache
def fips_table() -> dict[str, str | None]:
    """FIPS code -> ISO alpha-3 (None: no ISO code), read once from ``data/fips_iso.csv``."""
    text = resources.files("cameo_events.convert").joinpath("data/fips_iso.csv").read_text("utf-8")
    return {row["fips"]: row["iso3"] or None for row in csv.DictReader(text.splitlines())}


def is_fips(code: str) -> bool:
    """Whether ``code`` is a FIPS 10-4 country code we know."""
    return code in fips_table()


def fips_to_iso(code: str) -> str | None:
    """ISO alpha-3 of a FIPS 10-4 country code; None when unknown or without one."""
    return fips_table().get(code)
