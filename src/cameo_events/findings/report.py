"""Findings: one record breaking one rule, and the report that gathers them.

A :class:`Finding` is what every part of the package reports about data:
the checker's violations, rows a converter rejects or judges, documents and
gold annotations a build refuses. Each names its rule id (from the one rules
table, :mod:`cameo_events.findings.rules`), file, record, field and value.

One finding row is kept per (record, check, field) up to a cap per check
(1,000 by default); every violation is *counted* whatever the cap, and the
summary says which checks were truncated. Memory therefore stays bounded by
``cap x number of checks`` rows however broken the input is.

Examples
--------
>>> from cameo_events.findings import Report
>>> report = Report(cap=1)
>>> for n in range(3):
...     report.add("code.unknown", file="a.parquet", record=f"row {n}", field="cameo_code",
...                value="'999'")
>>> report.to_json()["summary"]["by_check"]
{'code.unknown': 3}
>>> len(report.violations), report.errors, report.warnings
(1, 3, 0)
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from rich.console import Console
from rich.table import Table

from cameo_events.findings.finding import Finding
from cameo_events.findings.rules import Rules, load_rules

__all__ = ["DEFAULT_CAP", "FINDING_SCHEMA", "Finding", "Report"]

#: Violation rows kept per check; the rest are only counted.
DEFAULT_CAP = 1000

FINDING_SCHEMA = pa.schema(
    [
        pa.field("check_id", pa.string(), nullable=False),
        pa.field("severity", pa.string(), nullable=False),
        pa.field("file", pa.string(), nullable=False),
        pa.field("record", pa.string(), nullable=False),
        pa.field("field", pa.string(), nullable=False),
        pa.field("value", pa.string(), nullable=False),
        pa.field("message", pa.string(), nullable=False),
    ]
)


class Report:
    """Everything a check run found.

    Parameters
    ----------
    cap
        Violation rows kept per check (all are counted).
    rules
        The rules table; the packaged one by default.
    """

    def __init__(self, *, cap: int = DEFAULT_CAP, rules: Rules | None = None) -> None:
        if cap < 0:
            raise ValueError(f"cap must be 0 or more, not {cap}")
        self.cap = cap
        self.rules = rules if rules is not None else load_rules()
        self.violations: list[Finding] = []
        self.counts: Counter[str] = Counter()
        self.kept: Counter[str] = Counter()
        self.files: set[str] = set()
        self.records = 0
        self.notes: list[str] = []

    # -- adding ------------------------------------------------------------
    def room(self, check_id: str) -> int:
        """How many more rows of ``check_id`` would be kept (callers format only that many)."""
        return max(self.cap - self.kept[check_id], 0)

    def add(
        self,
        check_id: str,
        *,
        file: str,
        record: str = "",
        field: str = "",
        value: object = "",
        at: str | None = None,
        **params: object,
    ) -> None:
        """Count one violation and keep its row while under the cap.

        ``value`` is shown as given (pass ``repr(x)`` for strings); ``at``
        says where the record is in the message (``row 12, event 1c11…``;
        ``record`` by default); ``params`` fill the rule's other template
        slots (``expected``, ``detail``).
        """
        self.rules[check_id]  # fail early on an unknown id, kept or not
        self.counts[check_id] += 1
        if self.kept[check_id] >= self.cap:
            return
        self.kept[check_id] += 1
        self.violations.append(
            self.rules.finding(
                check_id, file=file, record=record, field=field, value=value, at=at, **params
            )
        )

    def count_only(self, check_id: str, n: int) -> None:
        """Count ``n`` violations whose rows are not kept (they are over the cap)."""
        self.rules[check_id]  # fail early on an unknown id
        self.counts[check_id] += n

    def note(self, text: str) -> None:
        """Record something the run skipped or assumed (shown in the summary)."""
        if text not in self.notes:
            self.notes.append(text)

    # -- reading -----------------------------------------------------------
    def _total(self, severity: str) -> int:
        return sum(n for cid, n in self.counts.items() if self.rules[cid].severity == severity)

    @property
    def errors(self) -> int:
        """Violations of checks with severity error."""
        return self._total("error")

    @property
    def warnings(self) -> int:
        """Violations of checks with severity warning."""
        return self._total("warning")

    def check_ids(self) -> set[str]:
        """The ids of every check that found something."""
        return {cid for cid, n in self.counts.items() if n}

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.violations)

    def summary(self) -> dict[str, Any]:
        """Counts by check, with the cap and which checks it truncated."""
        truncated = {
            cid: {"count": n, "kept": self.kept[cid]}
            for cid, n in sorted(self.counts.items())
            if n > self.kept[cid]
        }
        return {
            "files": len(self.files),
            "records": self.records,
            "errors": self.errors,
            "warnings": self.warnings,
            "by_check": {cid: n for cid, n in sorted(self.counts.items()) if n},
            "cap_per_check": self.cap,
            "truncated": truncated,
            "notes": list(self.notes),
        }

    # -- rendering ---------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        """``{"violations": [...], "summary": {...}}``, ready for :func:`json.dumps`."""
        return {"violations": [asdict(v) for v in self.violations], "summary": self.summary()}

    def to_table(self, width: int = 160) -> str:
        """The violations and the summary as plain-text tables (rich)."""
        out = io.StringIO()
        console = Console(file=out, width=width, no_color=True, highlight=False)
        if self.violations:
            table = Table(title="Violations", show_lines=False)
            for name in ("severity", "check", "record", "field", "message"):
                table.add_column(name, overflow="fold")
            for v in self.violations:
                table.add_row(v.severity, v.check_id, v.record, v.field, v.message)
            console.print(table)
        summary = self.summary()
        if summary["by_check"]:
            counts = Table(title="By check")
            for name in ("check", "severity", "count", "shown"):
                counts.add_column(name)
            for cid, n in summary["by_check"].items():
                counts.add_row(cid, self.rules[cid].severity, str(n), str(self.kept[cid]))
            console.print(counts)
        for text in self.notes:
            console.print(f"note: {text}")
        if summary["truncated"]:
            console.print(
                f"note: at most {self.cap} rows are shown per check; every violation is counted"
            )
        verdict = "clean" if not self.errors else "violations found"
        console.print(
            f"{summary['files']} files, {summary['records']} records: {summary['errors']}"
            f" errors, {summary['warnings']} warnings — {verdict}"
        )
        return out.getvalue()

    def to_arrow(self) -> pa.Table:
        """The kept violation rows as an Arrow table."""
        return pa.Table.from_pylist([asdict(v) for v in self.violations], schema=FINDING_SCHEMA)

    def write_parquet(self, path: str | Path) -> Path:
        """Write the kept violation rows to a Parquet file; return its path."""
        target = Path(path)
        pq.write_table(self.to_arrow(), target, compression="zstd")
        return target
