"""The one writer (bounded memory) gives the in-memory oracle's release, and never a partial one."""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from cameo_events.documents import read_documents
from cameo_events.release import files as files_module
from cameo_events.release import publish as publish_module
from cameo_events.release.gold import events_from_gold
from cameo_events.release.recipe import load_recipe
from cameo_events.release.spill import RecordSpill
from cameo_events.release.writer import ReleaseWriter, write_release
from cameo_events.schema import Document, Event
from cameo_events.schema.release_format import RecipeRef, RejectEntry
from tests.release.test_build import REPO, tree_bytes
from tests.releases import spec, write_oracle

SPEC = spec(
    line="stream-test",
    title="stream test",
    description="The seed's gold events, written by the writer and by the oracle.",
    recipe=RecipeRef(path="builders/seed-gold.toml", sha256="0" * 64),
    rejects=[
        RejectEntry(
            check_id="document.metadata",
            path="x.txt",
            key="row 1",
            reason='a reason, with "quotes" and ü',
        )
    ],
)


@pytest.fixture(scope="module")
def seed() -> tuple[list[Document], list[Event]]:
    recipe = load_recipe(REPO / "builders/seed-gold.toml")
    documents = read_documents(recipe.documents).documents
    assert recipe.events.gold is not None
    events, problems = events_from_gold(recipe.events.gold, documents)
    assert not problems and len(events) > 5
    return documents, events


def _many(events: list[Event], copies: int) -> list[Event]:
    """``copies`` distinct copies of each event, spread over three years."""
    out = []
    for copy in range(copies):
        for event in events:
            new_id = hashlib.sha256(f"{event.event_id}{copy}".encode()).hexdigest()[:20]
            date = event.event_date.replace(year=2023 + copy % 3)
            out.append(event.model_copy(update={"event_id": new_id, "event_date": date}))
    return out


def test_written_release_is_byte_identical_to_the_oracle(
    tmp_path: Path, seed: tuple[list[Document], list[Event]]
) -> None:
    documents, events = seed
    listed = write_oracle(tmp_path / "a", SPEC, documents, events)
    streamed = write_release(tmp_path / "b", SPEC, documents * 3, reversed(events), batch_rows=4)
    assert (streamed.release_id, streamed.created) == (listed.release_id, True)
    assert tree_bytes(tmp_path / "b") == tree_bytes(tmp_path / "a")


def test_second_release_changes_and_years_match_the_oracle(
    tmp_path: Path, seed: tuple[list[Document], list[Event]]
) -> None:
    documents, events = seed
    first = _many(events, 2)
    second = first[3:] + _many(events[:2], 5)[-2:]
    second[0] = second[0].model_copy(update={"event_date": datetime.date(2022, 1, 1)})
    second[1] = second[1].model_copy(update={"confidence": 0.5, "negated": True})
    for folder, write in (("a", write_oracle), ("b", write_release)):
        write(tmp_path / folder, SPEC, documents, first)  # type: ignore[operator]
        write(tmp_path / folder, SPEC, documents, second)  # type: ignore[operator]
    assert tree_bytes(tmp_path / "b") == tree_bytes(tmp_path / "a")
    catalog = json.loads((tmp_path / "b/catalog.json").read_text())
    latest = tmp_path / "b/releases" / catalog["latest"]
    changes = pq.read_table(latest / "changes.parquet").to_pylist()
    kinds = {row["change"] for row in changes}
    assert kinds == {"added", "removed", "changed"}
    assert {"confidence,negated", "event_date"} <= {row["fields"] for row in changes}
    years = sorted(p.name for p in (latest / "events").iterdir())
    assert years == ["year=2022", "year=2023", "year=2024"]


def test_many_spill_files_and_row_groups_give_the_same_rows(
    tmp_path: Path, seed: tuple[list[Document], list[Event]], monkeypatch: pytest.MonkeyPatch
) -> None:
    documents, events = seed
    many = _many(events, 60)
    spilled: list[int] = []
    write_batch = RecordSpill._write

    def counting(self: RecordSpill, batch: object) -> None:
        spilled.append(self.files)
        write_batch(self, batch)  # type: ignore[arg-type]

    monkeypatch.setattr(RecordSpill, "_write", counting)
    # Small row groups, so files span several of them (and DuckDB a tiny memory).
    monkeypatch.setattr(files_module, "ROW_GROUP_SIZE", 100)
    listed = write_oracle(tmp_path / "a", SPEC, documents, many)
    with ReleaseWriter(tmp_path / "b", batch_rows=50, memory_limit="64MB") as stream:
        for event in many:
            stream.add_event(event)
        for document in documents * 2:
            stream.add_document(document)
        streamed = stream.publish(SPEC)
    assert len(spilled) > len(many) // 50
    assert streamed.release_id == listed.release_id
    for path in sorted(p.relative_to(listed.path) for p in listed.path.rglob("*.parquet")):
        want, got = pq.read_table(listed.path / path), pq.read_table(streamed.path / path)
        assert got.to_pylist() == want.to_pylist(), path
        assert got.schema == want.schema and got.schema.metadata == want.schema.metadata
        assert pq.ParquetFile(streamed.path / path).metadata.num_row_groups == (
            pq.ParquetFile(listed.path / path).metadata.num_row_groups
        )
    table = ds.dataset(streamed.path / "events", partitioning="hive").to_table()
    assert table.num_rows == len(many)
    assert (streamed.path / "README.md").read_text() == (listed.path / "README.md").read_text()


def test_interrupted_streaming_write_leaves_no_partial_release(
    tmp_path: Path, seed: tuple[list[Document], list[Event]], monkeypatch: pytest.MonkeyPatch
) -> None:
    documents, events = seed
    dataset = tmp_path / "ds"

    def crash(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt("interrupted while writing")

    def rows() -> Iterator[Event]:
        yield from events
        raise KeyboardInterrupt("interrupted while reading")

    with pytest.raises(KeyboardInterrupt, match="reading"):
        write_release(dataset, SPEC, documents, rows(), batch_rows=2)
    assert not any((dataset / "releases").iterdir())
    assert not (dataset / ".staging").exists()
    monkeypatch.setattr(publish_module, "write_json", crash)
    with pytest.raises(KeyboardInterrupt, match="writing"):
        write_release(dataset, SPEC, documents, events, batch_rows=2)
    assert not any((dataset / "releases").iterdir())
    assert not (dataset / "catalog.json").exists()
    assert not (dataset / ".staging").exists()
    monkeypatch.undo()
    assert write_release(dataset, SPEC, documents, events).created
    again = write_release(dataset, SPEC, documents, events)
    assert not again.created


def test_streamed_rejects_follow_the_spec_rejects(
    tmp_path: Path, seed: tuple[list[Document], list[Event]]
) -> None:
    documents, events = seed
    extra = RejectEntry(check_id="gdelt.date", path="y.txt", key="row 2", reason="streamed")
    both = spec(**{**vars(SPEC), "rejects": [*SPEC.rejects, extra]})
    write_oracle(tmp_path / "a", both, documents, events)
    with ReleaseWriter(tmp_path / "b") as stream:
        for event in events:
            stream.add_event(event)
        for document in documents:
            stream.add_document(document)
        stream.add_reject(extra)
        stream.publish(SPEC)
    assert tree_bytes(tmp_path / "b") == tree_bytes(tmp_path / "a")
