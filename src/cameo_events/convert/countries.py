"""Country names (ICEWS, Phoenix) to ISO 3166 alpha-3.

Names are looked up exactly (case-insensitive) among pycountry's names,
common names and official names, then in ``data/icews_country_aliases.csv``
for the names ICEWS writes that pycountry spells differently ("North Korea",
"Occupied Palestinian Territory"). No fuzzy matching: a wrong country is
worse than a missing one, and an unknown name is reported so the alias file
can grow.

Examples
--------
>>> from cameo_events.convert.countries import country_iso3
>>> country_iso3("Russian Federation"), country_iso3("North Korea"), country_iso3("Atlantis")
('RUS', 'PRK', None)
"""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources

import pycountry

__all__ = ["country_iso3", "country_names"]


@cache
def country_names() -> dict[str, str]:
    """Lower-cased country name -> ISO alpha-3 (pycountry, then our aliases on top)."""
    names: dict[str, str] = {}
    for country in [*pycountry.historic_countries, *pycountry.countries]:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                names[str(value).lower()] = str(country.alpha_3)
    text = (
        resources.files("cameo_events.convert")
        .joinpath("data/icews_country_aliases.csv")
        .read_text("utf-8")
    )
    for row in csv.DictReader(text.splitlines()):
        names[row["name"].lower()] = row["iso3"]
    return names


def country_iso3(name: str) -> str | None:
    """ISO alpha-3 of a country name, or None when the name is unknown."""
    return country_names().get(name.strip().lower())
