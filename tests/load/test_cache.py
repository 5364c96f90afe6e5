"""Loading over real HTTP on 127.0.0.1: the verified download cache."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from pathlib import Path

import pytest

from cameo_events.errors import ChecksumError
from cameo_events.load import list_releases, load_documents, load_events, open_release
from cameo_events.schema.release_format import file_sha256
from tests.load._release import EVENTS, EVENTS_2025, NEW_ID, OLD_ID, copy_dataset
from tests.load._workers import load_after_barrier
from tests.load.conftest import Server

Serve = Callable[[Path], Server]
PART_2024 = "events/year=2024/part-0.parquet"
PART_2025 = "events/year=2025/part-0.parquet"


def _cached_files_match_manifest(url: str) -> list[str]:
    """Paths of the cached files, after asserting each one hashes as its manifest says."""
    release = open_release(source=url)
    found = []
    for entry in release.manifest.model_dump()["files"]:
        path = release.path / entry["path"]
        if path.exists():
            assert file_sha256(path) == entry["sha256"], entry["path"]
            found.append(entry["path"])
    return found


def test_load_by_url_matches_the_local_load(dataset: Path, cache: Path, serve: Serve) -> None:
    server = serve(dataset)
    remote = load_events(source=server.url)
    local = load_events(source=dataset)
    assert remote.equals(local)
    assert [r["id"] for r in list_releases(server.url)] == [OLD_ID, NEW_ID]
    release = open_release(source=server.url)
    assert release.url == f"{server.url}/releases/{NEW_ID}"
    assert release.path.is_relative_to(cache)
    assert sorted(_cached_files_match_manifest(server.url)) == [PART_2024, PART_2025]


def test_a_release_folder_url_is_a_source(dataset: Path, cache: Path, serve: Serve) -> None:
    server = serve(dataset)
    url = f"{server.url}/releases/{OLD_ID}/"
    assert open_release(source=url).id == OLD_ID
    assert len(load_events(source=url, as_="arrow")) == 2
    assert len(load_documents(source=url, as_="arrow")) == 1


def test_only_needed_partitions_are_downloaded_once(
    dataset: Path, cache: Path, serve: Serve
) -> None:
    server = serve(dataset)
    recent = load_events(source=server.url, filters={"date": ("2025-03-01", None)}, as_="arrow")
    assert recent.num_rows == sum(e.event_date.month >= 3 for e in EVENTS_2025)
    assert server.data_requests() == [f"/releases/{NEW_ID}/{PART_2025}"]

    server.requests.clear()
    again = load_events(source=server.url, filters={"date": ("2025-03-01", None)}, as_="arrow")
    assert again.equals(recent)
    assert server.data_requests() == []  # served from the cache ...
    assert f"/releases/{NEW_ID}/manifest.json" in server.requests  # ... but the manifest is fresh
    assert "/catalog.json" in server.requests


def test_a_damaged_cached_file_is_fetched_again(dataset: Path, cache: Path, serve: Serve) -> None:
    server = serve(dataset)
    load_events(source=server.url)
    cached = open_release(source=server.url).path / PART_2025
    data = bytearray(cached.read_bytes())
    data[len(data) // 2] ^= 0xFF
    cached.write_bytes(bytes(data))

    server.requests.clear()
    table = load_events(source=server.url, as_="arrow")
    assert table.num_rows == len(EVENTS)
    assert server.data_requests() == [f"/releases/{NEW_ID}/{PART_2025}"]
    assert sorted(_cached_files_match_manifest(server.url)) == [PART_2024, PART_2025]


def test_a_tampered_download_is_refused(
    dataset: Path, cache: Path, serve: Serve, tmp_path: Path
) -> None:
    tampered = copy_dataset(dataset, tmp_path / "tampered")
    part = tampered / "releases" / NEW_ID / PART_2025
    data = bytearray(part.read_bytes())
    data[len(data) // 2] ^= 0xFF
    part.write_bytes(bytes(data))
    expected = file_sha256(dataset / "releases" / NEW_ID / PART_2025)
    actual = file_sha256(part)

    server = serve(tampered)
    with pytest.raises(ChecksumError) as caught:
        load_events(source=server.url)
    message = str(caught.value)
    assert f"/releases/{NEW_ID}/{PART_2025}" in message
    assert f"its sha256 is {actual} but the release manifest lists {expected}" in message
    assert "nothing was kept in the cache" in message
    assert not (open_release(source=server.url).path / PART_2025).exists()
    # The untampered partition is still usable on its own.
    old = load_events(source=server.url, filters={"date": (None, "2024-12-31")}, as_="arrow")
    assert old.num_rows == len(EVENTS) - len(EVENTS_2025)


def test_a_missing_server_folder_says_what_it_expected(
    cache: Path, serve: Serve, tmp_path: Path
) -> None:
    server = serve(tmp_path)
    with pytest.raises(FileNotFoundError, match=r"holds neither catalog\.json"):
        load_events(source=f"{server.url}/nothing-here")


def test_two_processes_fill_one_empty_cache(dataset: Path, cache: Path, serve: Serve) -> None:
    server = serve(dataset)
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(2)
    results = context.Queue()
    workers = [
        context.Process(target=load_after_barrier, args=(server.url, str(cache), barrier, results))
        for _ in range(2)
    ]
    for worker in workers:
        worker.start()
    outcomes = [results.get(timeout=180) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0

    assert outcomes == [("ok", len(EVENTS)), ("ok", len(EVENTS))]
    assert sorted(_cached_files_match_manifest(server.url)) == [PART_2024, PART_2025]
    # The lock made the second process wait and find the file: each was downloaded once.
    assert sorted(server.data_requests()) == sorted(
        f"/releases/{NEW_ID}/{part}" for part in (PART_2024, PART_2025)
    )
    # No half-written temporary files are left behind.
    suffixes = {p.suffix for p in cache.rglob("*") if p.is_file()}
    assert suffixes <= {".parquet", ".lock"}


def test_a_replaced_manifest_is_refused(
    dataset: Path, cache: Path, serve: Serve, tmp_path: Path
) -> None:
    import json

    tampered = copy_dataset(dataset, tmp_path / "tampered")
    manifest_path = tampered / "releases" / NEW_ID / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    # An attacker points the manifest at a file of their own: the catalog's hash catches it.
    manifest["files"][0]["sha256"] = "0" * 64
    manifest_path.write_text(json.dumps(manifest))
    server = serve(tampered)
    with pytest.raises(ChecksumError, match="the catalog lists"):
        load_events(source=server.url)
    with pytest.raises(ChecksumError, match="the manifest was changed after publication"):
        open_release(source=tampered)
