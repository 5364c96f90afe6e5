"""The function behind ``cameo-events check``: run a check, print it, return the exit status.

Exit status: 0 clean (warnings allowed), 1 violations with severity error,
2 usage or I/O error (missing path, unknown format, unwritable output).

Examples
--------
>>> import io
>>> from cameo_events.check.command import run_check
>>> err = io.StringIO()
>>> run_check("no/such/file.parquet", stderr=err)
2
>>> err.getvalue().startswith("cameo-events: error: no/such/file.parquet does not exist")
True
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TextIO

from cameo_events.check.engine import CheckUsageError, check_path
from cameo_events.findings import DEFAULT_CAP

__all__ = ["FORMATS", "run_check"]

FORMATS = ("table", "json")


def _error(text: str, stderr: TextIO) -> int:
    print(f"cameo-events: error: {text}", file=stderr)
    return 2


def run_check(
    path: str | Path,
    fmt: str = "table",
    output: str | Path | None = None,
    source: str | None = None,
    *,
    cap: int = DEFAULT_CAP,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Check ``path``, print the report in ``fmt``, optionally write violations as Parquet.

    Parameters
    ----------
    path
        Dataset folder, release folder, Parquet file or folder, or JSONL file.
    fmt
        ``table`` (text for people) or ``json`` (``{"violations", "summary"}``).
    output
        Also write the kept violation rows to this Parquet file.
    source
        Another dataset's format (``gdelt``, ``icews``, ``phoenix``); not supported yet.
    cap
        Violation rows kept per check (all are counted).

    Returns
    -------
    int
        0 clean, 1 errors found, 2 usage or I/O error.
    """
    out = stdout if stdout is not None else sys.stdout
    err = stderr if stderr is not None else sys.stderr
    if fmt not in FORMATS:
        return _error(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}", err)
    try:
        report = check_path(path, source=source, cap=cap)
    except CheckUsageError as exc:
        return _error(str(exc), err)
    except OSError as exc:
        return _error(f"cannot read {path}: {exc}", err)
    if fmt == "json":
        out.write(json.dumps(report.to_json(), indent=2, ensure_ascii=False) + "\n")
    else:
        out.write(report.to_table())
    if output is not None:
        try:
            report.write_parquet(output)
        except OSError as exc:
            return _error(f"cannot write {output}: {exc}; choose a writable path", err)
    return 1 if report.errors else 0
