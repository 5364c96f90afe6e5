"""The functions behind ``cameo-events convert`` and ``cameo-events check --source``.

Exit status, like the checker: 0 done and clean, 1 done but rows were
rejected (convert) or errors were found in the source (check), 2 usage or
I/O error (missing file, unknown kind, unwritable output).

Examples
--------
>>> import io
>>> from cameo_events.convert.command import run_convert
>>> err = io.StringIO()
>>> run_convert("gdelt", ["no/such.CSV"], "dataset", stderr=err)
2
>>> err.getvalue().startswith("cameo-events: error: no/such.CSV does not exist")
True
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from cameo_events.check.command import run_check
from cameo_events.convert.pipeline import KINDS, SOURCES, FileCounts, iter_outcomes
from cameo_events.convert.release import convert_files
from cameo_events.findings import DEFAULT_CAP, Report
from cameo_events.release.write import ReleaseExistsError

__all__ = ["FORMATS", "check_source", "run_convert", "run_source_check"]

FORMATS = ("table", "json")


def _error(text: str, stderr: TextIO) -> int:
    print(f"cameo-events: error: {text}", file=stderr)
    return 2


def _missing(files: Sequence[Path]) -> Path | None:
    return next((p for p in files if not p.is_file()), None)


def _count_lines(counts: dict[str, FileCounts]) -> list[str]:
    lines = []
    for c in counts.values():
        lines.append(
            f"{c.file}: {c.read} rows read = {c.converted} converted + {c.rejected} rejected"
        )
    return lines


def run_convert(
    kind: str,
    files: Sequence[str | Path],
    out: str | Path,
    *,
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

    Returns
    -------
    int
        0 every row converted, 1 some rows rejected (listed in the release's
        ``rejects.json``), 2 usage or I/O error.
    """
    out_stream = stdout if stdout is not None else sys.stdout
    err = stderr if stderr is not None else sys.stderr
    if kind not in KINDS:
        return _error(f"unknown kind {kind!r}; choose one of {', '.join(KINDS)}", err)
    paths = [Path(f) for f in files]
    if not paths:
        return _error("no input files; give one or more files to convert", err)
    missing = _missing(paths)
    if missing is not None:
        return _error(f"{missing} does not exist; give the path of a {kind} file", err)
    report = Report(cap=cap)
    try:
        converted, written = convert_files(kind, paths, Path(out), report)
    except ReleaseExistsError as exc:
        return _error(str(exc), err)
    except OSError as exc:
        return _error(f"cannot convert: {exc}", err)
    lines = _count_lines(converted.counts)
    total = sum(c.read for c in converted.counts.values())
    state = "written" if written.created else "already published (identical content)"
    lines.append(
        f"{written.release_id}: {state} at {written.path} — {len(converted.events)} events,"
        f" {len(converted.documents)} documents, {len(converted.rejects)} rejected of {total} rows"
    )
    lines += _findings(report)
    out_stream.write("\n".join(lines) + "\n")
    return 1 if converted.rejects else 0


def _findings(report: Report) -> list[str]:
    """One line per check that found something (the rows are in the release's rejects.json
    for rejected rows; run ``cameo-events check --source`` for every finding's row)."""
    by_check = report.summary()["by_check"]
    if not by_check:
        return ["source findings: none"]
    lines = ["source findings (check id, severity, rows):"]
    for check_id, count in by_check.items():
        lines.append(f"  {check_id:<24} {report.rules[check_id].severity:<8} {count}")
    return lines


def check_source(path: str | Path, source: str, *, cap: int = DEFAULT_CAP) -> Report:
    """Check another dataset's file against its own rules, streaming; return the report.

    Every row is converted in memory and dropped: a row the converter would
    reject is reported under the check that rejects it.
    """
    if source not in SOURCES:
        raise ValueError(f"unknown source {source!r}; choose one of {', '.join(SOURCES)}")
    report = Report(cap=cap)
    counts: dict[str, FileCounts] = {}
    for outcome in iter_outcomes(source, [Path(path)], report, check_only=True):
        counts.setdefault(outcome.file, FileCounts(outcome.file)).add(outcome)
    report.files.update(counts)
    report.records += sum(c.read for c in counts.values())
    for c in counts.values():
        report.note(f"{c.file}: {c.read} rows read, {c.rejected} could not be converted")
    return report


def run_source_check(
    path: str | Path,
    source: str,
    fmt: str = "table",
    output: str | Path | None = None,
    *,
    cap: int = DEFAULT_CAP,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Check a GDELT, ICEWS or Phoenix file directly; print the report in ``fmt``.

    Returns
    -------
    int
        0 no error found (warnings allowed), 1 errors found, 2 usage or I/O error.
    """
    # The checker routes --source to check_source; one code path prints and exits.
    return run_check(
        path, fmt=fmt, output=output, source=source, cap=cap, stdout=stdout, stderr=stderr
    )
