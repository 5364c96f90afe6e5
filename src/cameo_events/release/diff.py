"""What changed between two releases, by ``event_id``, and the content hash of a release.

``changes.parquet`` lists ``(event_id, change, fields)``: added, removed and
changed events against the line's previous release, sorted by id. The
writer computes it out of core with :func:`changes_query`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection, Iterable
from typing import Any

import pyarrow as pa

from cameo_events.schema import Event
from cameo_events.schema.arrow import schema_for

__all__ = ["CHANGES_SCHEMA", "canonical_row", "changes_query", "content_hash"]

CHANGES_SCHEMA = pa.schema(
    [
        pa.field("event_id", pa.string(), nullable=False),
        pa.field("change", pa.dictionary(pa.int32(), pa.string()), nullable=False),
        pa.field("fields", pa.string(), nullable=True),
    ],
    metadata={"description": "added / removed / changed events against the previous release"},
)


def canonical_row(row: dict[str, Any]) -> str:
    """Canonical JSON of one record: sorted keys, ISO dates, no whitespace."""
    return json.dumps(row, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def content_hash(documents: Iterable[dict[str, Any]], events: Iterable[dict[str, Any]]) -> str:
    """sha256 over canonical documents then events (callers sort them by id)."""
    digest = hashlib.sha256()
    for row in documents:
        digest.update(canonical_row(row).encode("utf-8") + b"\n")
    digest.update(b"--events--\n")
    for row in events:
        digest.update(canonical_row(row).encode("utf-8") + b"\n")
    return digest.hexdigest()


def changes_query(current: str, previous: str, previous_columns: Collection[str]) -> str:
    """DuckDB SQL giving the rows of ``changes.parquet`` for two relations of event rows.

    ``current`` and ``previous`` are relations (view names or parenthesised
    queries) with unique ``event_id``; ``previous_columns`` are the columns
    ``previous`` has (an older release may lack a newer field, which then
    compares as null). A FULL OUTER JOIN on
    ``event_id`` runs out of core, so neither side is held in memory.
    """
    doubles = {f.name for f in schema_for(Event) if pa.types.is_floating(f.type)}
    names = sorted(Event.model_fields)

    def value(side: str, name: str) -> str:
        # Canonical JSON tells -0.0 from 0.0, and so does the text of a double.
        return f"CAST({side}.{name} AS VARCHAR)" if name in doubles else f"{side}.{name}"

    old = ", ".join(n if n in previous_columns else f"NULL AS {n}" for n in names)
    changed = ", ".join(
        f"CASE WHEN {value('o', n)} IS DISTINCT FROM {value('n', n)} THEN '{n}' END" for n in names
    )
    return f"""
        SELECT event_id, change, fields FROM (
            SELECT coalesce(n.event_id, o.event_id) AS event_id,
                   CASE WHEN o.event_id IS NULL THEN 'added'
                        WHEN n.event_id IS NULL THEN 'removed'
                        ELSE 'changed' END AS change,
                   CASE WHEN o.event_id IS NOT NULL AND n.event_id IS NOT NULL
                        THEN concat_ws(',', {changed}) END AS fields
            FROM (SELECT {", ".join(names)} FROM {current}) AS n
            FULL OUTER JOIN (SELECT {old} FROM {previous}) AS o ON n.event_id = o.event_id
        )
        WHERE change <> 'changed' OR fields <> ''
        ORDER BY event_id
    """
