"""Fixtures of the loader tests: a real release folder, served over real HTTP on 127.0.0.1."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.load._release import write_dataset


@pytest.fixture(scope="session")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A dataset folder with two releases; never modified (copy it to damage it)."""
    return write_dataset(tmp_path_factory.mktemp("dataset"))


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty download cache, made the loader's through CAMEO_EVENTS_CACHE."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("CAMEO_EVENTS_CACHE", str(folder))
    return folder


class Server:
    """A static file server on an ephemeral port that records every path asked for."""

    def __init__(self, root: Path) -> None:
        self.requests: list[str] = []
        requests = self.requests

        class Handler(http.server.SimpleHTTPRequestHandler):
            def do_GET(self) -> None:
                requests.append(self.path)
                super().do_GET()

            def log_message(self, format: str, *args: object) -> None:
                pass  # keep pytest's output clean; the paths are in `requests`

        handler = functools.partial(Handler, directory=str(root))
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def data_requests(self) -> list[str]:
        """The requests for Parquet files (catalog and manifests left out)."""
        return [path for path in self.requests if path.endswith(".parquet")]

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()


@pytest.fixture
def serve() -> Iterator[Callable[[Path], Server]]:
    """Start servers for folders; all are shut down after the test."""
    servers: list[Server] = []

    def start(root: Path) -> Server:
        server = Server(root)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.close()
