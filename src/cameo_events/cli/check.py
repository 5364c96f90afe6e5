"""``cameo-events check``: check records, a release or another dataset's file; print the report.

Examples
--------
>>> import io
>>> from cameo_events.cli.check import run_check
>>> err = io.StringIO()
>>> run_check("no/such/file.parquet", stderr=err)
2
>>> err.getvalue().startswith("cameo-events: error: no/such/file.parquet does not exist")
True
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated, TextIO

import typer

from cameo_events.cli.app import app
from cameo_events.cli.status import show_error
from cameo_events.errors import CameoEventsError, UsageError
from cameo_events.findings import DEFAULT_CAP, Finding, Report

__all__ = ["FORMATS", "check", "release_validator", "run_check", "write_report"]

#: Report formats.
FORMATS = ("table", "json")


class CheckFormat(str, Enum):
    table = "table"
    json = "json"


class Source(str, Enum):  # typer needs an Enum; tests/check/test_inputs.py holds it to SOURCES
    gdelt = "gdelt"
    icews = "icews"
    phoenix = "phoenix"


def _report(path: str | Path, source: str | None, cap: int) -> Report:
    if source is None:
        from cameo_events.check import check_path

        return check_path(path, cap=cap)
    from cameo_events.convert import SOURCES, check_source

    if source not in SOURCES:
        raise UsageError(f"unknown --source {source!r}; choose one of {', '.join(SOURCES)}")
    if not Path(path).is_file():
        raise UsageError(f"{path} does not exist; give the path of a {source} file")
    return check_source(path, source, cap=cap)


def write_report(report: Report, fmt: str, out: TextIO) -> None:
    """Print ``report`` as ``table`` (text for people) or ``json`` (``{"violations", "summary"}``)."""
    if fmt == "json":
        out.write(json.dumps(report.to_json(), indent=2, ensure_ascii=False) + "\n")
    else:
        out.write(report.to_table())


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
        Dataset folder, release folder, Parquet file or folder, or JSONL file;
        with ``source``, a file of that dataset.
    fmt
        ``table`` (text for people) or ``json`` (``{"violations", "summary"}``).
    output
        Also write the kept violation rows to this Parquet file.
    source
        Another dataset's format (``gdelt``, ``icews``, ``phoenix``): judge the
        file against that dataset's own rules through its converter.
    cap
        Violation rows kept per check (all are counted).

    Returns
    -------
    int
        0 clean, 1 errors found, 2 usage or I/O error.
    """
    out = stdout if stdout is not None else sys.stdout
    err = stderr if stderr is not None else sys.stderr
    try:
        if fmt not in FORMATS:
            raise UsageError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        try:
            report = _report(path, source, cap)
        except OSError as exc:
            raise UsageError(f"cannot read {path}: {exc}") from exc
        write_report(report, fmt, out)
        if output is not None:
            try:
                report.write_parquet(output)
            except OSError as exc:
                raise UsageError(f"cannot write {output}: {exc}; choose a writable path") from exc
    except (CameoEventsError, OSError) as exc:
        return show_error(exc, err)
    return 1 if report.errors else 0


def release_validator(kept: list[Report]) -> Callable[[Path], list[Finding]]:
    """A ``validate`` callback for the release writer: check the staged folder once.

    The report is appended to ``kept`` (for printing); the errors are returned,
    and any error stops the release from being published.
    """
    from cameo_events.check import check_path

    def validate(folder: Path) -> list[Finding]:
        report = check_path(folder)
        kept.append(report)
        return [v for v in report.violations if v.severity == "error"]

    return validate


@app.command()
def check(
    path: Annotated[
        Path, typer.Argument(help="Release or dataset folder, Parquet file or folder, or JSONL.")
    ],
    format: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="Report format.")
    ] = CheckFormat.table,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Also write violations as Parquet.")
    ] = None,
    source: Annotated[
        Source | None, typer.Option("--source", help="Check a GDELT / ICEWS / Phoenix file.")
    ] = None,
) -> int:
    """Check records or a release; exit 0 clean, 1 violations, 2 usage or I/O error."""
    return run_check(path, fmt=format.value, output=output, source=source.value if source else None)
