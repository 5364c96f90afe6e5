"""GDELT's row layouts, told apart by their number of tab-separated fields.

=========  ======================================================================
fields     layout
=========  ======================================================================
57         GDELT 1.0 events, historical backfile (no SOURCEURL)
58         GDELT 1.0 events, daily files from April 2013 (adds SOURCEURL)
61         GDELT 2.0 events (adds an ADM2 code to each of the three geographies)
16         GDELT 2.0 mentions (one row per article mentioning an event)
=========  ======================================================================

Files mix layouts (the 1.0 sample holds 57- and 58-field rows), so the layout
is decided for every row, never from the file name. Column names follow
GDELT's codebooks.

Examples
--------
>>> from cameo_events.convert.gdelt_layout import LAYOUTS
>>> LAYOUTS[61].version, LAYOUTS[61].index["EventCode"], LAYOUTS[57].index["EventCode"]
('gdelt-2.0', 26, 26)
>>> LAYOUTS[16].kind, LAYOUTS[16].index["SentenceID"]
('mentions', 6)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

__all__ = ["ACTOR_COLUMNS", "GEO_PREFIXES", "LAYOUTS", "Layout"]

#: The broken-out columns of an actor whose atoms make up its code.
ACTOR_COLUMNS = (
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
)
_ACTOR = ("Code", "Name", *ACTOR_COLUMNS)
GEO_PREFIXES = ("Actor1Geo_", "Actor2Geo_", "ActionGeo_")
_EVENT = (
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
)


def _geo(prefix: str, adm2: bool) -> list[str]:
    parts = ["Type", "FullName", "CountryCode", "ADM1Code", *(["ADM2Code"] if adm2 else [])]
    return [prefix + p for p in (*parts, "Lat", "Long", "FeatureID")]


def _events(adm2: bool, url: bool) -> tuple[str, ...]:
    columns = ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    for actor in ("Actor1", "Actor2"):
        columns += [actor + c for c in _ACTOR]
    columns += _EVENT
    for prefix in GEO_PREFIXES:
        columns += _geo(prefix, adm2)
    columns += ["DATEADDED", *(["SOURCEURL"] if url else [])]
    return tuple(columns)


_MENTIONS = (
    "GLOBALEVENTID",
    "EventTimeDate",
    "MentionTimeDate",
    "MentionType",
    "MentionSourceName",
    "MentionIdentifier",
    "SentenceID",
    "Actor1CharOffset",
    "Actor2CharOffset",
    "ActionCharOffset",
    "InRawText",
    "Confidence",
    "MentionDocLen",
    "MentionDocTone",
    "MentionDocTranslationInfo",
    "Extras",
)


@dataclass(frozen=True)
class Layout:
    """One GDELT row layout: its columns and what it holds."""

    kind: Literal["events", "mentions"]
    version: str
    columns: tuple[str, ...]
    index: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "index", {name: i for i, name in enumerate(self.columns)})


LAYOUTS: dict[int, Layout] = {
    57: Layout("events", "gdelt-1.0", _events(adm2=False, url=False)),
    58: Layout("events", "gdelt-1.0", _events(adm2=False, url=True)),
    61: Layout("events", "gdelt-2.0", _events(adm2=True, url=True)),
    16: Layout("mentions", "gdelt-2.0", _MENTIONS),
}
assert all(len(layout.columns) == n for n, layout in LAYOUTS.items())
