from __future__ import annotations

import pyarrow as pa

from cameo_events.schema import SCHEMA_VERSION, document_schema, event_schema


def test_event_schema_types_are_explicit() -> None:
    schema = event_schema()
    assert schema.field("event_date").type == pa.date32()
    assert schema.field("cameo_code").type == pa.dictionary(pa.int32(), pa.string())
    assert schema.field("source_actor").type == pa.dictionary(pa.int32(), pa.string())
    assert schema.field("quad_class").type == pa.int8()
    assert schema.field("sentence_index").type == pa.int32()
    assert schema.field("goldstein").type == pa.float64()
    assert not schema.field("cameo_code").nullable
    assert schema.field("place").nullable
    assert schema.metadata[b"cameo_events.schema_version"] == SCHEMA_VERSION.encode()


def test_schemas_follow_model_field_order() -> None:
    from cameo_events.schema import Document, Event

    assert event_schema().names == list(Event.model_fields)
    assert document_schema().names == list(Document.model_fields)
    assert document_schema().field("published").type == pa.date32()
