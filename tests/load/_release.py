"""A small but real release, written by hand following docs/release-format.md.

The records are validated by the pydantic models and turned into Arrow by
``records_to_table``, so the files have exactly the published schema. The
loader tests compare what they load with filters applied in plain Python to
``EVENTS`` (an oracle independent of the loader's pyarrow expressions).
"""

from __future__ import annotations

import datetime
import hashlib
import json
import shutil
from collections.abc import Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from cameo_events.schema import (
    SCHEMA_VERSION,
    Document,
    Event,
    load_codebook,
    make_doc_id,
    make_event_id,
    records_to_table,
)

OLD_ID = "seed-2024.11.05-0badc0de"
NEW_ID = "seed-2025.02.18-3f2a9c1d"


def _document(text: str, published: str, key: str) -> Document:
    return Document(
        doc_id=make_doc_id(text),
        title=text.split(".")[0],
        publisher="Test Wire",
        url=None,
        published=datetime.date.fromisoformat(published),
        language="en",
        licence="CC0-1.0",
        text=text,
        source_corpus="tests",
        source_key=key,
    )


DOC_2024 = _document(
    "Russian officials criticized the United States. Ukrainian forces fought Russian troops.",
    "2024-11-05",
    "a.txt",
)
DOC_2025 = _document(
    "Lavrov will meet Rubio. The US consulted Russia. The UN appealed to Syria for aid."
    " Russian troops shelled Ukraine. The White House threatened Moscow.",
    "2025-02-18",
    "b.txt",
)


def _event(
    document: Document,
    sentence: int,
    date: str,
    source: tuple[str, str],
    target: tuple[str, str],
    code: str,
    trigger: str,
) -> Event:
    """An event whose spans point at the words in the document and whose codes agree."""
    text = document.text
    entry = load_codebook()[code]

    def span(words: str) -> tuple[int, int]:
        start = text.index(words)
        return start, start + len(words)

    def country(actor: str) -> str | None:
        return None if actor.startswith("IGO") else actor[:3]

    (source_actor, source_text), (target_actor, target_text) = source, target
    source_start, source_end = span(source_text)
    target_start, target_end = span(target_text)
    trigger_start, trigger_end = span(trigger)
    event_id = make_event_id(
        document.doc_id,
        sentence,
        (source_actor, source_start),
        (target_actor, target_start),
        code,
        (trigger_start, trigger_end),
    )
    return Event(
        event_id=event_id,
        doc_id=document.doc_id,
        sentence_index=sentence,
        event_date=datetime.date.fromisoformat(date),
        date_granularity="day",
        source_actor=source_actor,
        source_country=country(source_actor),
        source_text=source_text,
        source_start=source_start,
        source_end=source_end,
        target_actor=target_actor,
        target_country=country(target_actor),
        target_text=target_text,
        target_start=target_start,
        target_end=target_end,
        cameo_code=code,
        base_code=code[:3],
        root_code=code[:2],
        quad_class=entry.quad_class,
        goldstein=entry.goldstein,
        trigger_text=trigger,
        trigger_start=trigger_start,
        trigger_end=trigger_end,
        pattern_id="gold",
        coding_method="gold",
        coder_version="gold",
    )


EVENTS_2024 = [
    _event(DOC_2024, 0, "2024-11-05", ("RUSGOV", "Russian officials"),
           ("USA", "United States"), "111", "criticized"),
    _event(DOC_2024, 1, "2024-11-06", ("UKRMIL", "Ukrainian forces"),
           ("RUSMIL", "Russian troops"), "190", "fought"),
]  # fmt: skip
EVENTS_2025 = [
    _event(DOC_2025, 0, "2025-02-18", ("RUSGOV", "Lavrov"), ("USAGOV", "Rubio"), "036",
           "will meet"),
    _event(DOC_2025, 1, "2025-02-18", ("USA", "US"), ("RUS", "Russia"), "04", "consulted"),
    _event(DOC_2025, 2, "2025-03-10", ("IGOUNO", "UN"), ("SYR", "Syria"), "0233", "appealed"),
    _event(DOC_2025, 3, "2025-03-12", ("RUSMIL", "Russian troops"), ("UKR", "Ukraine"),
           "195", "shelled"),
    _event(DOC_2025, 4, "2025-04-01", ("USAGOV", "White House"), ("RUS", "Moscow"),
           "138", "threatened"),
]  # fmt: skip
# Imported from a dataset that keeps no text: no spans, and no target actor.
EVENTS_2025.append(
    Event(
        event_id=hashlib.sha256(b"imported-1").hexdigest()[:20],
        doc_id=DOC_2025.doc_id,
        sentence_index=0,
        event_date=datetime.date(2025, 4, 2),
        date_granularity="day",
        source_actor="CHN",
        source_country="CHN",
        source_text=None,
        source_start=None,
        source_end=None,
        target_actor=None,
        target_country=None,
        target_text=None,
        target_start=None,
        target_end=None,
        cameo_code="042",
        base_code="042",
        root_code="04",
        quad_class=load_codebook()["042"].quad_class,
        goldstein=load_codebook()["042"].goldstein,
        trigger_text=None,
        trigger_start=None,
        trigger_end=None,
        pattern_id="gdelt",
        coding_method="imported",
        coder_version="gdelt-1.0",
    )
)
EVENTS = EVENTS_2024 + EVENTS_2025
DOCUMENTS = [DOC_2024, DOC_2025]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _write_parquet(table: pa.Table, path: Path, release_id: str, row_group_size: int) -> None:
    metadata = dict(table.schema.metadata or {})
    metadata[b"cameo_events.release_id"] = release_id.encode()
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(
        table.replace_schema_metadata(metadata),
        path,
        compression="zstd",
        write_statistics=True,
        write_page_index=True,
        row_group_size=row_group_size,
    )


def _codebook_table() -> pa.Table:
    rows = [
        {"code": c.code, "label": c.label, "root_code": c.root_code, "quad_class": c.quad_class,
         "goldstein": c.goldstein}
        for c in load_codebook().values()
    ]  # fmt: skip
    return pa.Table.from_pylist(rows)


def write_release(
    dataset: Path,
    release_id: str,
    events: Sequence[Event],
    documents: Sequence[Document],
    previous: str | None = None,
    row_group_size: int = 128_000,
) -> Path:
    """Write one release folder under ``dataset/releases`` and add it to the catalog."""
    folder = dataset / "releases" / release_id
    ordered = sorted(
        events, key=lambda e: (e.event_date, e.doc_id, e.sentence_index, e.trigger_start)
    )
    rows: dict[str, int | None] = {}
    for year in sorted({e.event_date.year for e in ordered}):
        relative = f"events/year={year}/part-0.parquet"
        chosen = [e for e in ordered if e.event_date.year == year]
        _write_parquet(records_to_table(chosen, Event), folder / relative, release_id,
                       row_group_size)  # fmt: skip
        rows[relative] = len(chosen)
    _write_parquet(records_to_table(list(documents), Document), folder / "documents.parquet",
                   release_id, row_group_size)  # fmt: skip
    rows["documents.parquet"] = len(documents)
    codebook = _codebook_table()
    _write_parquet(codebook, folder / "codebook/event_codes.parquet", release_id, row_group_size)
    rows["codebook/event_codes.parquet"] = codebook.num_rows
    atoms = pa.table({"atom": ["RUS", "GOV"], "kind": ["country", "role_primary"]})
    _write_parquet(atoms, folder / "codebook/actor_atoms.parquet", release_id, row_group_size)
    rows["codebook/actor_atoms.parquet"] = atoms.num_rows
    (folder / "README.md").write_text(f"# {release_id}\n", "utf-8")
    rows["README.md"] = None

    files = [
        {"path": p, "sha256": _sha256(folder / p), "bytes": (folder / p).stat().st_size,
         "rows": rows[p]}
        for p in sorted(rows)
    ]  # fmt: skip
    manifest = {
        "manifest_version": 1,
        "release_id": release_id,
        "line": "seed",
        "schema_version": SCHEMA_VERSION,
        "previous_release": previous,
        "counts": {"documents": len(documents), "events": len(events)},
        "files": files,
    }
    manifest_text = json.dumps(manifest, indent=2, sort_keys=True) + "\n"
    (folder / "manifest.json").write_text(manifest_text, "utf-8")

    catalog_path = dataset / "catalog.json"
    catalog = (
        json.loads(catalog_path.read_text("utf-8"))
        if catalog_path.exists()
        else {"catalog_version": 1, "latest": None, "releases": []}
    )
    catalog["latest"] = release_id
    catalog["releases"].append(
        {"id": release_id, "line": "seed", "schema_version": SCHEMA_VERSION,
         "events": len(events), "documents": len(documents),
         "manifest_sha256": hashlib.sha256(manifest_text.encode()).hexdigest(),
         "previous": previous}
    )  # fmt: skip
    catalog_path.write_text(json.dumps(catalog, indent=2) + "\n", "utf-8")
    return folder


def write_dataset(dataset: Path, row_group_size: int = 128_000) -> Path:
    """A dataset folder with two releases: 2024 events only, then all events (latest)."""
    write_release(dataset, OLD_ID, EVENTS_2024, [DOC_2024], row_group_size=row_group_size)
    write_release(dataset, NEW_ID, EVENTS, DOCUMENTS, previous=OLD_ID,
                  row_group_size=row_group_size)  # fmt: skip
    return dataset


def copy_dataset(source: Path, destination: Path) -> Path:
    """A copy to damage without spoiling the shared fixture."""
    shutil.copytree(source, destination)
    return destination
