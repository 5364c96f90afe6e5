"""Text → CAMEO events: the automatic coder.

The public surface is re-exported here; the implementation lives in one module per job:
``model`` (verified spaCy pipeline), ``actors`` (dictionaries and name matching),
``resolve`` (actors of a noun phrase), ``patterns`` (event patterns), ``clauses``,
``nouns``, ``refine`` and ``engine`` (events of a sentence: clause helpers, noun triggers,
sentence-level refinements, verb triggers), ``dates``, ``places``, ``events`` (the record)
and ``core`` (the API).
"""

from __future__ import annotations

from cameo_events.coder.core import (
    CODER_VERSION,
    MAX_CHARS,
    Coder,
    code_text,
    code_texts,
    dictionary_version,
)
from cameo_events.coder.events import CodedEvent
from cameo_events.coder.model import ModelMismatchError, load_pipeline

__all__ = [
    "CODER_VERSION",
    "MAX_CHARS",
    "CodedEvent",
    "Coder",
    "ModelMismatchError",
    "code_text",
    "code_texts",
    "dictionary_version",
    "load_pipeline",
]
