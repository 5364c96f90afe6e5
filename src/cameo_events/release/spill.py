"""Spill records to temporary Parquet files, one file per Arrow record batch.

The bounded-memory release writer (:mod:`cameo_events.release.writer`)
buffers at most ``batch_rows`` records as Arrow columns, then writes them to
a spill file and forgets them; DuckDB later sorts and deduplicates the spill
files out of core. Every row gets a sequence number ``_seq`` (its position in
the input) so that sorts can break ties exactly as Python's stable sort of
the same list would.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from pydantic import BaseModel

from cameo_events.schema.arrow import schema_for

__all__ = ["SEQUENCE", "JsonSpill", "RecordSpill", "spill_schema"]

#: Name of the input-order column every spilled row carries.
SEQUENCE = "_seq"


def spill_schema(model: type[BaseModel]) -> pa.Schema:
    """The model's Arrow schema with plain strings for dictionary columns, plus ``_seq``.

    Dictionary encoding is chosen when the final files are written (per row
    group), so spill files need not agree on dictionaries.
    """
    fields = [
        f.with_type(f.type.value_type) if pa.types.is_dictionary(f.type) else f
        for f in schema_for(model)
    ]
    return pa.schema([*fields, pa.field(SEQUENCE, pa.int64(), nullable=False)])


class RecordSpill:
    """Rows of one model, written to ``folder/<name>-NNNNN.parquet`` every ``batch_rows`` rows."""

    def __init__(self, folder: Path, name: str, model: type[BaseModel], batch_rows: int) -> None:
        if batch_rows < 1:
            raise ValueError(f"batch_rows must be 1 or more, not {batch_rows}")
        self.folder = folder
        self.name = name
        self.schema = spill_schema(model)
        self.batch_rows = batch_rows
        self.rows = 0
        self.files = 0
        self._names = [n for n in self.schema.names if n != SEQUENCE]
        self._columns: dict[str, list[Any]] = {n: [] for n in self._names}
        self._buffered = 0

    @property
    def glob(self) -> str:
        """A glob matching every spill file (at least one exists once closed)."""
        return str(self.folder / f"{self.name}-*.parquet")

    def add(self, record: BaseModel) -> None:
        """Buffer one record; write the buffer when it holds ``batch_rows`` rows."""
        # Attribute access, not model_dump(): the models are flat, so the
        # values are the same and no per-row dict is built.
        for name, column in self._columns.items():
            column.append(getattr(record, name))
        self._buffered += 1
        if self._buffered >= self.batch_rows:
            self.flush()

    def add_batch(self, batch: pa.RecordBatch) -> None:
        """Spill an Arrow batch of the model's columns (any extra columns are dropped).

        The rows are not validated: they must already be valid records, as
        batches read from a release are.
        """
        self.flush()
        columns = [batch.column(n).cast(self.schema.field(n).type) for n in self._names]
        self._write(
            pa.RecordBatch.from_arrays(
                [*columns, self._sequence(batch.num_rows)], schema=self.schema
            )
        )

    def flush(self) -> None:
        """Write the buffered rows, if any."""
        if not self._buffered:
            return
        arrays = [pa.array(self._columns[n], type=self.schema.field(n).type) for n in self._names]
        batch = pa.RecordBatch.from_arrays(
            [*arrays, self._sequence(self._buffered)], schema=self.schema
        )
        for column in self._columns.values():
            column.clear()
        self._buffered = 0
        self._write(batch)

    def close(self) -> None:
        """Write what is buffered; leave at least one (possibly empty) file for the glob."""
        self.flush()
        if not self.files:
            self._write(pa.RecordBatch.from_pylist([], schema=self.schema))

    def _sequence(self, rows: int) -> pa.Array:
        return pa.array(range(self.rows, self.rows + rows), type=pa.int64())

    def _write(self, batch: pa.RecordBatch) -> None:
        path = self.folder / f"{self.name}-{self.files:05d}.parquet"
        # Fast, light compression: spill files live for one build.
        pq.write_table(pa.Table.from_batches([batch], self.schema), path, compression="lz4")
        self.rows += batch.num_rows
        self.files += 1


class JsonSpill:
    """JSON objects written one per line to a file and read back in order."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.count = 0
        self._handle = path.open("w", encoding="utf-8")

    def add(self, item: dict[str, Any]) -> None:
        """Append one object."""
        self._handle.write(json.dumps(item, ensure_ascii=False) + "\n")
        self.count += 1

    def close(self) -> None:
        """Finish writing (reading calls this too)."""
        self._handle.close()

    def __iter__(self) -> Iterator[dict[str, Any]]:
        self.close()
        with self.path.open(encoding="utf-8") as handle:
            for line in handle:
                item: dict[str, Any] = json.loads(line)
                yield item
