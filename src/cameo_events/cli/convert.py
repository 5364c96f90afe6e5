"""``cameo-events convert``: GDELT, ICEWS or Phoenix files into a checked release.

Examples
--------
>>> import io
>>> from cameo_events.cli.convert import run_convert
>>> err = io.StringIO()
>>> run_convert("gdelt", ["no/such.CSV"], "dataset", stderr=err)
2
>>> err.getvalue().startswith("cameo-events: error: no/such.CSV does not exist")
True
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

from cameo_events.cli.app import app
from cameo_events.cli.check import release_validator
from cameo_events.cli.status import show_error
from cameo_events.errors import CameoEventsError, UsageError
from cameo_events.findings import DEFAULT_CAP, Report

if TYPE_CHECKING:
    from cameo_events.release.imported import Conversion

__all__ = ["convert", "run_convert"]


class ConvertKind(str, Enum):  # typer needs an Enum; tests/check/test_inputs.py holds it to KINDS
    gdelt = "gdelt"
    gdelt_mentions = "gdelt-mentions"
    icews = "icews"
    phoenix = "phoenix"


def _lines(report: Report, conversion: Conversion) -> list[str]:
    lines = [
        f"{c.file}: {c.read} rows read = {c.converted} converted + {c.rejected} rejected"
        for c in conversion.counts.values()
    ]
    by_check = report.summary()["by_check"]
    if not by_check:
        return [*lines, "source findings: none"]
    # The rejected rows are in the release's rejects.json; every finding's row
    # is shown by 'cameo-events check --source'.
    lines.append("source findings (check id, severity, rows):")
    for check_id, count in by_check.items():
        lines.append(f"  {check_id:<24} {report.rules[check_id].severity:<8} {count}")
    return lines


def _inputs(kind: str, files: Sequence[str | Path]) -> list[Path]:
    from cameo_events.convert import KINDS

    if kind not in KINDS:
        raise UsageError(f"unknown kind {kind!r}; choose one of {', '.join(KINDS)}")
    paths = [Path(f) for f in files]
    if not paths:
        raise UsageError("no input files; give one or more files to convert")
    missing = next((p for p in paths if not p.is_file()), None)
    if missing is not None:
        raise UsageError(f"{missing} does not exist; give the path of a {kind} file")
    return paths


def run_convert(
    kind: str,
    files: Sequence[str | Path],
    out: str | Path,
    *,
    check: bool = True,
    cap: int = DEFAULT_CAP,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Convert source files into a release in the dataset folder ``out``; print the counts.

    Parameters
    ----------
    kind
        ``gdelt`` (1.0 and 2.0 events), ``gdelt-mentions`` (2.0 mentions with
        their events files), ``icews`` or ``phoenix``.
    files
        Input files (``.zip`` read directly).
    out
        Dataset folder that receives ``releases/<id>`` and ``catalog.json``.
    check
        Check the staged release before publishing it (as ``build`` does).

    Returns
    -------
    int
        0 every row converted, 1 some rows rejected (listed in the release's
        ``rejects.json``) or the release failed its checks, 2 usage or I/O error.
    """
    from cameo_events.release.imported import convert_files

    out_stream = stdout if stdout is not None else sys.stdout
    err = stderr if stderr is not None else sys.stderr
    try:
        paths = _inputs(kind, files)
        report = Report(cap=cap)
        validate = release_validator([]) if check else None
        try:
            conversion, written = convert_files(kind, paths, Path(out), report, validate=validate)
        except OSError as exc:
            raise UsageError(f"cannot convert: {exc}") from exc
    except (CameoEventsError, OSError) as exc:
        return show_error(exc, err)
    lines = _lines(report, conversion)
    total = sum(c.read for c in conversion.counts.values())
    state = "written" if written.created else "already published (identical content)"
    lines.insert(
        len(conversion.counts),
        f"{written.release_id}: {state} at {written.path} — {len(conversion.events)} events,"
        f" {len(conversion.documents)} documents, {len(conversion.rejects)} rejected of {total} rows",
    )
    out_stream.write("\n".join(lines) + "\n")
    return 1 if conversion.rejects else 0


@app.command()
def convert(
    kind: Annotated[ConvertKind, typer.Argument(help="Which dataset the files come from.")],
    files: Annotated[list[Path], typer.Argument(help="Input files (.zip read directly).")],
    out: Annotated[Path, typer.Option("--out", help="Dataset folder that receives the release.")],
    check: Annotated[
        bool, typer.Option("--check/--no-check", help="Check the release before publishing it.")
    ] = True,
) -> int:
    """Convert GDELT, ICEWS or Phoenix files into a release in our schema."""
    return run_convert(kind.value, files, out, check=check)
