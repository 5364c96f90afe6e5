"""Load a published release: events, documents and codebook as pandas, Arrow, DuckDB or Polars.

A *source* is where releases live (see :func:`open_release`): a dataset folder
with ``catalog.json``, one release folder with ``manifest.json``, or the
``http(s)`` URL of either. Remote files are downloaded once into a verified
cache (:mod:`cameo_events.load.cache`); local files are read in place.

Filters are pushed down to Parquet: a date range skips whole ``year=``
partitions (remote ones are not even downloaded) and row groups whose
statistics cannot match. The filter keys are listed in :data:`EVENT_FILTERS`.

What each backend returns (``as_=``):

============  ===================================================================
``pandas``    ``DataFrame``; dates are ``datetime.date`` objects (``object`` dtype,
              no time or time zone is invented); code, actor and country columns
              are ``category`` of strings ("036", never 36); ``year`` is ``int16``
``arrow``     ``pyarrow.Table`` with the release's schema: ``date32``,
              ``dictionary<int32, string>`` codes and actors, ``year: int16``
``duckdb``    ``DuckDBPyRelation`` (``DATE``, ``VARCHAR``, ``SMALLINT``) on a new
              in-memory connection, or on ``connection=`` when given
``polars``    ``polars.DataFrame`` (``Date``, ``Categorical``, ``Int16``)
============  ===================================================================

Examples
--------
``dataset`` is a dataset folder (or URL) holding at least one release:

>>> events = load_events(source=dataset, filters={"codes": ["19"], "date": ("2025-01-01", None)})
>>> sorted(events["root_code"].unique())
['19']
>>> [r["id"] for r in list_releases(dataset)][-1] == open_release(source=dataset).id
True
"""

from __future__ import annotations

from cameo_events.errors import ChecksumError
from cameo_events.load.filters import (
    DOCUMENT_FILTERS,
    EVENT_FILTERS,
    document_expression,
    event_expression,
)
from cameo_events.load.locate import DATASET_ENV, Release, list_releases, open_release
from cameo_events.load.read import load_codebook, load_documents, load_events

__all__ = [
    "DATASET_ENV",
    "DOCUMENT_FILTERS",
    "EVENT_FILTERS",
    "ChecksumError",
    "Release",
    "document_expression",
    "event_expression",
    "list_releases",
    "load_codebook",
    "load_documents",
    "load_events",
    "open_release",
]
