"""Source documents: readers for text, JSON Lines and CSV, normalisation, furniture removal."""

from __future__ import annotations

from cameo_events.documents.normalise import normalise_text, strip_furniture
from cameo_events.documents.readers import (
    DocumentSource,
    Duplicate,
    ReadResult,
    read_documents,
)

__all__ = [
    "DocumentSource",
    "Duplicate",
    "ReadResult",
    "normalise_text",
    "read_documents",
    "strip_furniture",
]
