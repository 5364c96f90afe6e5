"""Deterministic file writers: Parquet with fixed options, canonical JSON, hashes.

Rebuilding the same inputs with the same toolchain must give byte-identical
files, so every writer here fixes its options and never writes a wall-clock
time.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from pydantic import BaseModel

from cameo_events.schema.release_format import file_sha256

__all__ = [
    "ROW_GROUP_SIZE",
    "ParquetRowGroups",
    "file_sha256",
    "write_json",
    "write_json_list",
    "write_model",
    "write_parquet",
]

ROW_GROUP_SIZE = 128_000

# One set of options for every Parquet file of a release, whole-table or streamed.
_PARQUET_OPTIONS: dict[str, Any] = {
    "compression": "zstd",
    "compression_level": 9,
    "use_dictionary": True,
    "write_statistics": True,
    "write_page_index": True,
    "version": "2.6",
    "data_page_version": "1.0",
}


def _with_footer(schema: pa.Schema, metadata: dict[str, str]) -> pa.Schema:
    return schema.with_metadata(
        {
            **(schema.metadata or {}),
            **{k.encode(): v.encode() for k, v in metadata.items()},
        }
    )


def write_parquet(table: pa.Table, path: Path, metadata: dict[str, str]) -> None:
    """Write ``table`` as zstd Parquet with statistics, page index and footer metadata."""
    path.parent.mkdir(parents=True, exist_ok=True)
    table = table.replace_schema_metadata(_with_footer(table.schema, metadata).metadata)
    pq.write_table(table, path, row_group_size=ROW_GROUP_SIZE, **_PARQUET_OPTIONS)


class ParquetRowGroups:
    """Write a stream of record batches as :func:`write_parquet` writes a table.

    Batches (of any size and of any types that cast to ``schema``, e.g. plain
    strings for dictionary columns) are gathered into row groups of exactly
    :data:`ROW_GROUP_SIZE` rows, each cast to ``schema`` as one chunk, so a
    file of at most one row group is byte-identical to ``write_parquet`` of
    the same rows; larger files differ only in that each row group carries
    its own dictionaries. Memory holds one row group.
    """

    def __init__(self, path: Path, schema: pa.Schema, metadata: dict[str, str]) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.schema = _with_footer(schema, metadata)
        self.rows = 0
        self._pending: list[pa.RecordBatch] = []
        self._pending_rows = 0
        self._writer = pq.ParquetWriter(path, self.schema, **_PARQUET_OPTIONS)

    def write(self, batch: pa.RecordBatch) -> None:
        """Add rows; a full row group is written as soon as there is one."""
        self._pending.append(batch.select(self.schema.names))
        self._pending_rows += batch.num_rows
        while self._pending_rows >= ROW_GROUP_SIZE:
            self._flush(ROW_GROUP_SIZE)

    def close(self) -> int:
        """Write what is left (an empty file still gets its one empty row group); return rows."""
        if self._pending_rows or not self.rows:
            self._flush(self._pending_rows)
        self._writer.close()
        return self.rows

    def __enter__(self) -> ParquetRowGroups:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if kind is None:
            self.close()
        else:
            self._writer.close()

    def _flush(self, rows: int) -> None:
        if not self._pending:
            group = self.schema.empty_table()
        else:
            table = pa.Table.from_batches(self._pending, self._pending[0].schema)
            rest = table.slice(rows)
            self._pending = rest.combine_chunks().to_batches() if rest.num_rows else []
            group = table.slice(0, rows).combine_chunks().cast(self.schema)
            del table, rest  # hold one copy of the row group while it is encoded, not three
        self._pending_rows -= rows
        self._writer.write_table(group, row_group_size=ROW_GROUP_SIZE)
        self.rows += rows


def write_json(obj: Any, path: Path) -> None:
    """Write ``obj`` as indented, key-sorted UTF-8 JSON with a final newline."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_dumps(obj) + "\n", encoding="utf-8")


def write_model(model: BaseModel, path: Path) -> None:
    """Write a release-format model (manifest, catalog) as :func:`write_json` writes its dict."""
    write_json(model.model_dump(mode="json"), path)


def write_json_list(key: str, items: Iterable[Any], path: Path) -> int:
    """Write ``{key: [items...]}`` exactly as :func:`write_json` would, one item at a time.

    For lists too long to hold (rejected rows of a large conversion); returns
    the number of items written.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for item in items:
            # json.dumps indents nested values relative to their parent, so an
            # item dumped on its own and shifted two levels matches the whole dump.
            shifted = "\n".join("    " + line for line in _dumps(item).split("\n"))
            out.write(("{\n  " + _dumps(key) + ": [\n" if not count else ",\n") + shifted)
            count += 1
        out.write("\n  ]\n}\n" if count else _dumps({key: []}) + "\n")
    return count


def _dumps(obj: Any) -> str:
    return json.dumps(obj, indent=2, sort_keys=True, ensure_ascii=False)
