"""Deterministic file writers: Parquet with fixed options, canonical JSON, hashes.

Rebuilding the same inputs with the same toolchain must give byte-identical
files, so every writer here fixes its options and never writes a wall-clock
time.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

__all__ = ["ROW_GROUP_SIZE", "file_sha256", "write_json", "write_parquet"]

ROW_GROUP_SIZE = 128_000


def write_parquet(table: pa.Table, path: Path, metadata: dict[str, str]) -> None:
    """Write ``table`` as zstd Parquet with statistics, page index and footer metadata."""
    path.parent.mkdir(parents=True, exist_ok=True)
    schema_metadata = {
        **(table.schema.metadata or {}),
        **{k.encode(): v.encode() for k, v in metadata.items()},
    }
    table = table.replace_schema_metadata(schema_metadata)
    pq.write_table(
        table,
        path,
        compression="zstd",
        compression_level=9,
        use_dictionary=True,
        write_statistics=True,
        write_page_index=True,
        row_group_size=ROW_GROUP_SIZE,
        version="2.6",
        data_page_version="1.0",
    )


def write_json(obj: Any, path: Path) -> None:
    """Write ``obj`` as indented, key-sorted UTF-8 JSON with a final newline."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps(obj, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8"
    )


def file_sha256(path: Path) -> str:
    """Hex sha256 of a file, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
