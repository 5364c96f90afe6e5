"""Write converted rows as a cameo-events release: same writer, manifest and cards.

The source is recorded as provenance: every event's ``pattern_id`` names its
source row, ``coder_version`` the source dataset, and the manifest's
``inputs`` list each input file with its sha256 and row counts. Rejected rows
go to the release's ``rejects.json`` with file, row, field, value and reason.

Memory: the release writer takes lists, so ``convert`` keeps the converted
events (about 2-3 kB each as validated records) until the release is
written; reading and checking stream. A file whose events do not fit in
memory must be split (GDELT publishes 15-minute and daily files) or checked
with ``cameo-events check --source``, which streams.

Examples
--------
>>> from cameo_events.convert.release import release_line
>>> release_line("gdelt-mentions")
'import-gdelt-mentions'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cameo_events.check.report import Report
from cameo_events.convert.pipeline import FileCounts, iter_outcomes, source_of
from cameo_events.convert.records import Outcome, Reject
from cameo_events.release.files import file_sha256
from cameo_events.release.write import ReleaseSpec, WrittenRelease, write_release
from cameo_events.schema import Document, Event

__all__ = ["Converted", "collect", "convert_files", "release_line"]

_TITLES = {
    "gdelt": "GDELT events imported into cameo-events",
    "gdelt-mentions": "GDELT events and their mentions imported into cameo-events",
    "icews": "ICEWS events imported into cameo-events",
    "phoenix": "Phoenix events imported into cameo-events",
}


def release_line(kind: str) -> str:
    """The release line converted files of ``kind`` are published under."""
    return f"import-{kind}"


@dataclass
class Converted:
    """Everything a conversion produced, before it is written."""

    kind: str
    files: list[Path]
    counts: dict[str, FileCounts] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    documents: dict[str, Document] = field(default_factory=dict)
    rejects: list[Reject] = field(default_factory=list)

    def add(self, outcome: Outcome) -> None:
        """Keep one row's outcome and count it against its file."""
        counts = self.counts.setdefault(outcome.file, FileCounts(outcome.file))
        counts.add(outcome)
        if outcome.event is not None and outcome.document is not None:
            self.events.append(outcome.event)
            self.documents.setdefault(outcome.document.doc_id, outcome.document)
        elif outcome.reject is not None:
            self.rejects.append(outcome.reject)


def collect(kind: str, files: Sequence[Path], report: Report) -> Converted:
    """Convert ``files`` (rows streamed; events kept for the writer)."""
    converted = Converted(kind, list(files))
    for outcome in iter_outcomes(kind, files, report):
        converted.add(outcome)
    report.files.update(converted.counts)
    report.records += sum(c.read for c in converted.counts.values())
    return converted


def _inputs(converted: Converted) -> list[dict[str, str]]:
    inputs = []
    for path in converted.files:
        mine = [c for label, c in converted.counts.items() if label.split("!")[0] == path.name]
        inputs.append(
            {
                "path": path.name,
                "sha256": file_sha256(path),
                "source": source_of(converted.kind),
                "rows_read": str(sum(c.read for c in mine)),
                "converted": str(sum(c.converted for c in mine)),
                "rejected": str(sum(c.rejected for c in mine)),
            }
        )
    return inputs


def convert_files(
    kind: str,
    files: Sequence[Path],
    out: Path,
    report: Report,
    *,
    validate: Callable[[Path], list[str]] | None = None,
    progress: Callable[[str], None] = lambda message: None,
) -> tuple[Converted, WrittenRelease]:
    """Convert ``files`` of ``kind`` and write them as a release into the dataset folder ``out``."""
    converted = collect(kind, files, report)
    versions = sorted({e.coder_version for e in converted.events}) or [source_of(kind)]
    spec = ReleaseSpec(
        line=release_line(kind),
        id_rule="{line}-{newest}-{hash8}",
        title=_TITLES[kind],
        description=(
            f"Events converted from {source_of(kind).upper()} files by cameo-events convert"
            f" {kind}: each event's pattern_id names its source row, rejected rows are listed"
            " in rejects.json."
        ),
        licence=f"Event records: the terms of the source dataset ({source_of(kind).upper()}).",
        recipe={"command": f"cameo-events convert {kind}", "sha256": ""},
        inputs=_inputs(converted),
        coder_version=",".join(versions),
        dictionary_version=None,
        rejects=[r.as_dict() for r in converted.rejects],
        duplicates=sum(1 for r in converted.rejects if r.check_id.endswith(".duplicate")),
        keywords=("CAMEO", source_of(kind), "imported"),
    )
    documents: Iterable[Document] = converted.documents.values()
    written = write_release(
        out, spec, list(documents), converted.events, validate=validate, progress=progress
    )
    return converted, written
