"""Consistency checker: structure, value and release rules over event files.

Rules are data (``findings/data/check.yaml``: id, severity, stage, message). The
structure stage checks readability, columns, types and schema version; the
value stage checks codes against the codebook, derived fields, actor grammar,
dates, spans against document text, duplicates and document ids; the release
stage checks manifests and catalogs. Vectorised over Arrow batches, streaming,
bounded memory (cross-record rules run in DuckDB, which spills to disk).

Examples
--------
>>> from cameo_events.check import check_path
>>> check_path("dataset").errors  # doctest: +SKIP
0
"""

from __future__ import annotations

from cameo_events.check.engine import CheckUsageError, check_path

__all__ = [
    "CheckUsageError",
    "check_path",
]
