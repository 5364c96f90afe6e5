"""The versioned CAMEO schema: codebook, actor grammar, record models, exports.

Examples
--------
>>> from cameo_events.schema import SCHEMA_VERSION, packaged_codebook
>>> SCHEMA_VERSION
'1.0.0'
>>> len(packaged_codebook().roots())
20
"""

from __future__ import annotations

from cameo_events.schema.actors import actor_code_problem, load_atoms, split_actor_code
from cameo_events.schema.arrow import (
    document_schema,
    event_schema,
    records_to_table,
    table_to_records,
)
from cameo_events.schema.codebook import Codebook, EventCode, packaged_codebook
from cameo_events.schema.export import document_json_schema, event_json_schema, export_schema
from cameo_events.schema.factory import make_event
from cameo_events.schema.models import Document, Event, make_doc_id, make_event_id, rule_ids
from cameo_events.schema.version import PUBLISHED_SCHEMA_VERSIONS, SCHEMA_VERSION

__all__ = [
    "PUBLISHED_SCHEMA_VERSIONS",
    "SCHEMA_VERSION",
    "Codebook",
    "Document",
    "Event",
    "EventCode",
    "actor_code_problem",
    "document_json_schema",
    "document_schema",
    "event_json_schema",
    "event_schema",
    "export_schema",
    "load_atoms",
    "make_doc_id",
    "make_event",
    "make_event_id",
    "packaged_codebook",
    "records_to_table",
    "rule_ids",
    "split_actor_code",
    "table_to_records",
]
