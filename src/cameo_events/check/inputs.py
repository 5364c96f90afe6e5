"""Record batches the value checks run on, streamed from Parquet files.

A :class:`Batch` is an Arrow record batch plus where each row came from (row
number in a Parquet file, line number in a JSONL file), so a violation can
name its record. Parquet files are read one batch at a time
(``ParquetFile.iter_batches``): memory holds one batch, not the file.

Examples
--------
>>> import numpy as np, pyarrow as pa
>>> from cameo_events.check.inputs import Batch
>>> batch = Batch("a.jsonl", pa.record_batch({"event_id": ["e1", None]}), np.array([3, 4]), "line")
>>> batch.where(1)
('line 4', 'line 4')
>>> batch.where(0)
('e1', 'line 3, event e1')
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from cameo_events.check.structure import ParquetInput, expected_schema
from cameo_events.findings import Report

__all__ = ["Batch", "iter_parquet"]

#: Rows per batch: large enough to amortise Arrow kernel calls, small enough for bounded memory.
DEFAULT_BATCH_ROWS = 65_536


@dataclass
class Batch:
    """Rows of one file, with their row (or line) numbers."""

    file: str
    data: pa.RecordBatch | pa.Table
    rows: npt.NDArray[np.int64]
    row_label: str = "row"
    _ids: list[Any] | None = field(default=None, repr=False)

    def __len__(self) -> int:
        return int(self.data.num_rows)

    def column(self, name: str) -> pa.Array:
        """One column as a single Arrow array (tables are combined first)."""
        col = self.data.column(name)
        if isinstance(col, pa.ChunkedArray):
            col = col.combine_chunks()
        return col

    def where(self, i: int) -> tuple[str, str]:
        """``(record, at)`` of row ``i``: its id for the report, its place for the message."""
        if self._ids is None:
            names = self.data.schema.names
            key = "event_id" if "event_id" in names else "doc_id" if "doc_id" in names else None
            self._ids = self.column(key).to_pylist() if key else [None] * len(self)
        place = f"{self.row_label} {int(self.rows[i])}"
        ident = self._ids[i]
        if ident is None or ident == "":
            return place, place
        kind = "event" if "event_id" in self.data.schema.names else "document"
        return str(ident), f"{place}, {kind} {ident}"


def iter_parquet(
    source: ParquetInput, report: Report, batch_rows: int = DEFAULT_BATCH_ROWS
) -> Iterator[Batch]:
    """Stream the schema columns of a Parquet file as batches.

    A read error part-way (a corrupt page) is reported as ``file.unreadable``
    and ends the file; the batches already yielded stay checked.
    """
    columns = expected_schema(source.kind).names
    start = 0
    try:
        for data in source.file.iter_batches(batch_size=batch_rows, columns=columns):
            rows = np.arange(start, start + data.num_rows, dtype=np.int64)
            start += data.num_rows
            yield Batch(source.label, data, rows)
    # Corrupt pages raise ArrowException/OSError; corrupt footer strings UnicodeDecodeError.
    except (pa.ArrowException, OSError, ValueError) as exc:
        source.ok = False
        report.add(
            "file.unreadable",
            file=source.label,
            record=f"row {start}",
            detail=f"read failed after row {start}: {exc}",
        )
