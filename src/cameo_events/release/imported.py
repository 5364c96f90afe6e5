"""Write converted rows (GDELT, ICEWS, Phoenix) as a cameo-events release: the one writer.

The source is recorded as provenance: every event's ``pattern_id`` names its
source row, ``coder_version`` the source dataset, and the manifest's
``inputs`` list each input file with its sha256 and row counts. Rejected rows
go to the release's ``rejects.json`` with file, row, field, value and reason.

Memory: :func:`convert_files` streams. Each row's event, document and
reject go to :class:`~cameo_events.release.writer.ReleaseWriter`, which
spills them in record batches and sorts them out of core, so memory does not
grow with the number of rows (``bench/convert.py`` measures it). Only the
per-file counts and the set of source versions are kept.
:func:`cameo_events.convert.collect` keeps every converted record in memory,
for tests and small files.

Examples
--------
>>> from cameo_events.release.imported import release_line
>>> release_line("gdelt-mentions")
'import-gdelt-mentions'
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cameo_events.convert.pipeline import FileCounts, iter_outcomes, source_of
from cameo_events.findings import Report
from cameo_events.release.files import file_sha256
from cameo_events.release.publish import ReleaseSpec, Validator, WrittenRelease
from cameo_events.release.writer import BATCH_ROWS, ReleaseWriter
from cameo_events.schema.release_format import InputEntry, Manifest, RecipeRef, RejectEntry

__all__ = ["Conversion", "Count", "convert_files", "release_line"]

_TITLES = {
    "gdelt": "GDELT events imported into cameo-events",
    "gdelt-mentions": "GDELT events and their mentions imported into cameo-events",
    "icews": "ICEWS events imported into cameo-events",
    "phoenix": "Phoenix events imported into cameo-events",
}


def release_line(kind: str) -> str:
    """The release line converted files of ``kind`` are published under."""
    return f"import-{kind}"


@dataclass(frozen=True)
class Count:
    """How many records of one kind a conversion published (they are in the release, not here)."""

    number: int

    def __len__(self) -> int:
        return self.number


@dataclass
class Conversion:
    """What :func:`convert_files` did: rows per file, and what the release holds."""

    kind: str
    files: list[Path]
    counts: dict[str, FileCounts] = field(default_factory=dict)
    events: Count = Count(0)
    documents: Count = Count(0)  # distinct documents
    rejects: Count = Count(0)


def _inputs(kind: str, files: Sequence[Path], counts: Mapping[str, FileCounts]) -> list[InputEntry]:
    inputs = []
    for path in files:
        mine = [c for label, c in counts.items() if label.split("!")[0] == path.name]
        inputs.append(
            InputEntry(
                path=path.name,
                sha256=file_sha256(path),
                source=source_of(kind),
                rows_read=str(sum(c.read for c in mine)),
                converted=str(sum(c.converted for c in mine)),
                rejected=str(sum(c.rejected for c in mine)),
            )
        )
    return inputs


def _spec(
    kind: str,
    files: Sequence[Path],
    counts: Mapping[str, FileCounts],
    versions: set[str],
    duplicates: int,
) -> ReleaseSpec:
    return ReleaseSpec(
        line=release_line(kind),
        id_rule="{line}-{newest}-{hash8}",
        title=_TITLES[kind],
        description=(
            f"Events converted from {source_of(kind).upper()} files by cameo-events convert"
            f" {kind}: each event's pattern_id names its source row, rejected rows are listed"
            " in rejects.json."
        ),
        licence=f"Event records: the terms of the source dataset ({source_of(kind).upper()}).",
        recipe=RecipeRef(command=f"cameo-events convert {kind}", sha256=""),
        inputs=_inputs(kind, files, counts),
        coder_version=",".join(sorted(versions) or [source_of(kind)]),
        dictionary_version=None,
        rejects=[],  # streamed to the writer instead (ReleaseWriter.add_reject)
        duplicates=duplicates,
        keywords=("CAMEO", source_of(kind), "imported"),
    )


def convert_files(
    kind: str,
    files: Sequence[Path],
    out: Path,
    report: Report,
    *,
    validate: Validator | None = None,
    progress: Callable[[str], None] = lambda message: None,
    batch_rows: int = BATCH_ROWS,
) -> tuple[Conversion, WrittenRelease]:
    """Convert ``files`` of ``kind`` and write them as a release into the dataset folder ``out``.

    Rows stream from the files into the release writer in batches of
    ``batch_rows``; memory does not grow with the number of rows.
    """
    conversion = Conversion(kind, list(files))
    versions: set[str] = set()
    duplicates = 0
    with ReleaseWriter(out, batch_rows=batch_rows) as stream:
        for outcome in iter_outcomes(kind, files, report):
            counts = conversion.counts.setdefault(outcome.file, FileCounts(outcome.file))
            counts.add(outcome)
            if outcome.event is not None and outcome.document is not None:
                stream.add_event(outcome.event)
                stream.add_document(outcome.document)
                versions.add(outcome.event.coder_version)
            elif outcome.reject is not None:
                stream.add_reject(RejectEntry.of(outcome.reject))
                duplicates += outcome.reject.check_id.endswith(".duplicate")
        report.files.update(conversion.counts)
        report.records += sum(c.read for c in conversion.counts.values())
        spec = _spec(kind, files, conversion.counts, versions, duplicates)
        written = stream.publish(spec, validate=validate, progress=progress)
    # Counts as published (an identical release may have been there already).
    published = Manifest.model_validate_json((written.path / "manifest.json").read_bytes()).counts
    conversion.events = Count(published.events)
    conversion.documents = Count(published.documents)
    conversion.rejects = Count(published.rejected)
    return conversion, written
