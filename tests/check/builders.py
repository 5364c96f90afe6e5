"""Small, correct rows for the checker's tests, written through the shared helper.

``good_rows()`` gives model-validated documents and events whose spans point
into real text (one document has non-ASCII text before its spans, so offsets
must count characters, not bytes). ``write_release`` writes them, or any
table, with :func:`tests.releases.write_tables` (the layout of
docs/release-format.md with a correct manifest); a test breaks one thing
before (``files``) or after (``after``) the manifest is written.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa

from cameo_events.release.files import write_parquet as write_release_parquet
from cameo_events.release.publish import release_footer
from cameo_events.schema import (
    Document,
    Event,
    document_schema,
    event_schema,
    load_atoms,
    make_doc_id,
    make_event_id,
    packaged_codebook,
)
from tests.releases import add_to_catalog, edit_json, write_tables

__all__ = ["Row", "edit_json", "good_rows", "write_dataset", "write_parquet", "write_release"]

Row = dict[str, Any]
RELEASE_ID = "test-2025.02.17-00000000"

DOCS = [
    (
        "Paris’s Élysée café hosted talks. Russian Foreign Minister Sergei Lavrov will meet"
        " Marco Rubio in Riyadh. The United States criticised Iran. Germany's government"
        " praised France.",
        datetime.date(2025, 2, 17),
    ),
    (
        "Chinese troops clashed with Indian soldiers near the border. The UN Security Council"
        " demanded that China withdraw.",
        datetime.date(2024, 12, 30),
    ),
]
# (document, sentence, source text, source actor, target text, target actor, trigger, code, date)
EVENTS = [
    (0, 1, "Sergei Lavrov", "RUSGOV", "Marco Rubio", "USAGOV", "will meet", "036", (2025, 2, 17)),
    (0, 2, "The United States", "USA", "Iran", "IRN", "criticised", "111", (2025, 2, 16)),
    (0, 3, "Germany's government", "DEUGOV", "France", "FRA", "praised", "051", (2025, 2, 17)),
    (
        1,
        0,
        "Chinese troops",
        "CHNMIL",
        "Indian soldiers",
        "INDMIL",
        "clashed",
        "190",
        (2024, 12, 29),
    ),
    (1, 1, "UN Security Council", "IGOUNO", "China", "CHN", "demanded", "10", (2024, 12, 30)),
]


def _country(actor: str) -> str | None:
    kinds = {a.kind for a in load_atoms().get(actor[:3], ())}
    return actor[:3] if kinds & {"country", "country_historical", "country_special"} else None


def good_rows() -> tuple[list[Row], list[Row]]:
    """(events, documents) as plain dicts, each validated by the pydantic models."""
    book = packaged_codebook()
    documents = [
        Document(
            doc_id=make_doc_id(text),
            title=f"Document {n}",
            publisher="Test Wire",
            published=published,
            language="en",
            licence="CC0-1.0",
            text=text,
            source_corpus="tests",
            source_key=f"doc-{n}",
        )
        for n, (text, published) in enumerate(DOCS)
    ]
    events = []
    for doc, sentence, src, src_actor, tgt, tgt_actor, trigger, code, date in EVENTS:
        document = documents[doc]
        text = document.text
        spans = {
            name: text.index(words) for name, words in (("s", src), ("t", tgt), ("g", trigger))
        }
        entry = book[code]
        fields: Row = {
            "doc_id": document.doc_id,
            "sentence_index": sentence,
            "event_date": datetime.date(*date),
            "date_granularity": "day",
            "source_actor": src_actor,
            "source_country": _country(src_actor),
            "source_text": src,
            "source_start": spans["s"],
            "source_end": spans["s"] + len(src),
            "target_actor": tgt_actor,
            "target_country": _country(tgt_actor),
            "target_text": tgt,
            "target_start": spans["t"],
            "target_end": spans["t"] + len(tgt),
            "cameo_code": code,
            "base_code": code[:3],
            "root_code": code[:2],
            "quad_class": entry.quad_class,
            "goldstein": entry.goldstein,
            "trigger_text": trigger,
            "trigger_start": spans["g"],
            "trigger_end": spans["g"] + len(trigger),
            "pattern_id": "gold",
            "coding_method": "gold",
            "coder_version": "gold",
        }
        if code == "036":
            fields |= {
                "place": "Riyadh",
                "place_country": "SAU",
                "latitude": 24.69,
                "longitude": 46.72,
            }
        event_id = make_event_id(
            document.doc_id,
            sentence,
            (src_actor, spans["s"]),
            (tgt_actor, spans["t"]),
            code,
            (spans["g"], spans["g"] + len(trigger)),
        )
        events.append(Event(event_id=event_id, **fields))
    return [e.model_dump() for e in events], [d.model_dump() for d in documents]


def write_parquet(table: pa.Table, path: Path, version: str | None = None) -> None:
    """Write like a release: the release's Parquet options and footer metadata."""
    footer = release_footer(RELEASE_ID)
    if version is not None:
        footer["cameo_events.schema_version"] = version
    write_release_parquet(table, path, footer)


def write_release(
    folder: Path,
    events: pa.Table | list[Row],
    documents: pa.Table | list[Row],
    *,
    files: Callable[[Path], None] | None = None,
    after: Callable[[Path], None] | None = None,
    version: str | None = None,
) -> Path:
    """Write a release folder; ``files`` runs before the manifest, ``after`` after it."""
    if isinstance(events, list):
        events = pa.Table.from_pylist(events, schema=event_schema())
    if isinstance(documents, list):
        documents = pa.Table.from_pylist(documents, schema=document_schema())
    return write_tables(folder, events, documents, files=files, after=after, version=version)


def write_dataset(root: Path, names: list[str]) -> Path:
    """A dataset folder with one good release per name and a correct catalog."""
    events, documents = good_rows()
    previous = None
    for name in names:
        folder = root / "releases" / name
        write_tables(
            folder,
            pa.Table.from_pylist(events, schema=event_schema()),
            pa.Table.from_pylist(documents, schema=document_schema()),
            previous=previous,
        )
        add_to_catalog(root, folder)
        previous = name
    return root
