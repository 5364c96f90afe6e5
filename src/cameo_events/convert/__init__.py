"""Importers for other event datasets: GDELT 1.0/2.0 (events, mentions), ICEWS, Phoenix.

``cameo-events convert <kind> FILE... --out DIR`` writes the rows as a
cameo-events release (same writer, manifest and cards); ``cameo-events check
FILE --source <source>`` judges a file against its own dataset's rules
(``cameo_events/findings/data/sources.yaml``) without converting it to disk.

Examples
--------
>>> from cameo_events.convert import KINDS
>>> "gdelt-mentions" in KINDS
True
"""

from __future__ import annotations

from cameo_events.convert.command import check_source, run_convert, run_source_check
from cameo_events.convert.pipeline import KINDS, SOURCES, FileCounts, iter_outcomes
from cameo_events.convert.release import Converted, collect, convert_files

__all__ = [
    "KINDS",
    "SOURCES",
    "Converted",
    "FileCounts",
    "check_source",
    "collect",
    "convert_files",
    "iter_outcomes",
    "run_convert",
    "run_source_check",
]
