"""cameo-events: a versioned, validated, CAMEO-coded political event dataset.

Load the latest release, filtered as it is read::

    >>> import cameo_events
    >>> events = cameo_events.load_events(filters={"codes": ["036"]})  # doctest: +SKIP

Validate a record against the schema::

    >>> from cameo_events import Event  # doctest: +SKIP
    >>> Event.model_validate(record)    # doctest: +SKIP

``cameo_events.load_codebook`` reads the codebook a *release* was built with;
``cameo_events.schema.packaged_codebook`` is the one in this package.
"""

from __future__ import annotations

from cameo_events._version import __version__
from cameo_events.load import (
    ChecksumError,
    Release,
    list_releases,
    load_codebook,
    load_documents,
    load_events,
    open_release,
)
from cameo_events.schema import SCHEMA_VERSION, Document, Event

__all__ = [
    "SCHEMA_VERSION",
    "ChecksumError",
    "Document",
    "Event",
    "Release",
    "__version__",
    "list_releases",
    "load_codebook",
    "load_documents",
    "load_events",
    "open_release",
]
