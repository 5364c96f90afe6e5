"""Importers for other event datasets: GDELT 1.0/2.0 (events, mentions), ICEWS, Phoenix.

Each converter turns one source row into an :class:`~cameo_events.schema.Event`
(through the one factory, :func:`cameo_events.schema.make_event`) and its
reference document, or into a rejected row with a finding under the source's
own rules (``cameo_events/findings/data/sources.yaml``). Converters know
nothing of releases: ``cameo-events convert`` streams their outcomes into the
release writer (:mod:`cameo_events.release.imported`), and ``cameo-events
check FILE --source <source>`` only judges them (:func:`check_source`).

Examples
--------
>>> from cameo_events.convert import KINDS
>>> "gdelt-mentions" in KINDS
True
"""

from __future__ import annotations

from cameo_events.convert.pipeline import (
    KINDS,
    SOURCES,
    Converted,
    FileCounts,
    check_source,
    collect,
    iter_outcomes,
)

__all__ = [
    "KINDS",
    "SOURCES",
    "Converted",
    "FileCounts",
    "check_source",
    "collect",
    "iter_outcomes",
]
