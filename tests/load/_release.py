"""A small but real dataset of two releases, written by the package's own writer.

The loader tests compare what they load with filters applied in plain Python
to ``EVENTS`` (an oracle independent of the loader's pyarrow expressions).
The release ids are fixed by giving the spec a literal id rule.
"""

from __future__ import annotations

import datetime
import hashlib
import shutil
from pathlib import Path

from cameo_events.release import files, write_release
from cameo_events.schema import Document, Event, make_doc_id, make_event_id, packaged_codebook
from tests.releases import spec

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
    entry = packaged_codebook()[code]

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
        quad_class=packaged_codebook()["042"].quad_class,
        goldstein=packaged_codebook()["042"].goldstein,
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


def write_dataset(dataset: Path, row_group_size: int = files.ROW_GROUP_SIZE) -> Path:
    """A dataset folder with two releases: 2024 events only, then all events (latest).

    Written by the package's own writer; ``row_group_size`` makes row groups
    smaller than a release's, for tests of row-group pruning.
    """
    kept = files.ROW_GROUP_SIZE
    files.ROW_GROUP_SIZE = row_group_size
    try:
        write_release(dataset, spec(line="seed", id_rule=OLD_ID), [DOC_2024], EVENTS_2024)
        write_release(dataset, spec(line="seed", id_rule=NEW_ID), DOCUMENTS, EVENTS)
    finally:
        files.ROW_GROUP_SIZE = kept
    return dataset


def copy_dataset(source: Path, destination: Path) -> Path:
    """A copy to damage without spoiling the shared fixture."""
    shutil.copytree(source, destination)
    return destination
