"""The download cache of the loader: pooch for downloads, filelock for safety.

Every data file of a remote release is downloaded once into the cache and
checked against the sha256 its release manifest lists. A cached file that no
longer matches (a disk error, a hand edit, a half-written copy from an older
tool) is downloaded again; a download that does not match is refused and
deleted. One lock file per cached file lets several processes fill the same
cache at once: the second waits for the first, then finds a verified file.

The catalog and manifests are small and are read fresh on every call (never
cached), so a cache never hides a new release.

Examples
--------
>>> import os, tempfile
>>> os.environ["CAMEO_EVENTS_CACHE"] = tempfile.mkdtemp()
>>> cache_dir() == Path(os.environ["CAMEO_EVENTS_CACHE"])
True
>>> file_sha256(Path(__file__)) == file_sha256(Path(__file__))
True
>>> del os.environ["CAMEO_EVENTS_CACHE"]
"""

from __future__ import annotations

import hashlib
import json
import os
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import filelock
import pooch

from cameo_events.errors import ChecksumError
from cameo_events.schema.release_format import file_sha256

__all__ = [
    "CACHE_ENV",
    "ChecksumError",
    "cache_dir",
    "fetch_bytes",
    "fetch_file",
    "fetch_json",
    "file_sha256",
    "parse_json",
    "source_cache_dir",
]

#: Environment variable naming the cache folder (default: the platform's user cache).
CACHE_ENV = "CAMEO_EVENTS_CACHE"

# Long enough for a large partition on a slow link; a lock held longer than this
# means a stuck process, and the error below says so.
_LOCK_TIMEOUT_SECONDS = 30 * 60
_JSON_TIMEOUT_SECONDS = 60


def cache_dir() -> Path:
    """The cache folder: ``$CAMEO_EVENTS_CACHE`` or ``pooch.os_cache("cameo-events")``."""
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured).expanduser()
    return Path(pooch.os_cache("cameo-events"))


def source_cache_dir(release_id: str, url: str) -> Path:
    """The cache folder of one remote release: ``<cache>/<release id>-<hash of its URL>``.

    Two servers may publish a release under the same id; the URL's hash keeps
    their copies apart (their checksums would refuse a mix-up anyway).
    """
    key = hashlib.sha256(url.rstrip("/").encode("utf-8")).hexdigest()[:12]
    return cache_dir() / f"{release_id}-{key}"


def fetch_bytes(url: str) -> bytes | None:
    """Download a small file fresh; None when the server answers 404.

    Not cached on purpose: catalogs and manifests are tiny, and reading them
    fresh is how a new release (or a replaced server) is noticed.
    """
    try:
        with urllib.request.urlopen(url, timeout=_JSON_TIMEOUT_SECONDS) as response:
            body: bytes = response.read()
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return None
        message = f"could not download {url}: HTTP {error.code} {error.reason}"
        raise OSError(message) from error
    except urllib.error.URLError as error:
        message = (
            f"could not download {url}: {error.reason}. Check the URL and your network"
            " connection, or pass source= a local dataset folder."
        )
        raise OSError(message) from error
    return body


def parse_json(body: bytes, where: str) -> Any:
    """Parse JSON, naming the file in the error."""
    try:
        return json.loads(body)
    except json.JSONDecodeError as error:
        message = (
            f"{where} is not valid JSON ({error}); is the URL a cameo-events dataset"
            " or release folder?"
        )
        raise ValueError(message) from error


def fetch_json(url: str) -> Any | None:
    """Download and parse a small JSON file; None when the server answers 404."""
    body = fetch_bytes(url)
    return None if body is None else parse_json(body, url)


def fetch_file(url: str, destination: Path, sha256: str) -> Path:
    """Return ``destination``, a verified copy of ``url``, downloading it when needed.

    Parameters
    ----------
    url
        Where the file is published.
    destination
        Where it lives in the cache.
    sha256
        The hex sha256 the release manifest lists for it.

    Returns
    -------
    Path
        ``destination``, whose bytes hash to ``sha256``.

    Raises
    ------
    ChecksumError
        The server's copy does not hash to ``sha256`` (nothing is kept).

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> (folder / "a.txt").write_text("hello")
    5
    >>> digest = file_sha256(folder / "a.txt")
    >>> fetch_file("http://127.0.0.1:9/never-asked", folder / "a.txt", digest).name
    'a.txt'
    """
    destination.parent.mkdir(parents=True, exist_ok=True)
    lock = filelock.FileLock(f"{destination}.lock", timeout=_LOCK_TIMEOUT_SECONDS)
    # pooch deletes a bad download before raising; remember its hash for the message.
    downloaded: list[str] = []
    http = pooch.HTTPDownloader(progressbar=False)

    def download(source: str, output_file: str, pooch_object: Any) -> None:
        http(source, output_file, pooch_object)
        downloaded.append(file_sha256(Path(output_file)))

    try:
        with lock:
            # pooch re-hashes an existing file and downloads again when it differs,
            # which is how a corrupted cache heals itself.
            pooch.retrieve(
                url,
                known_hash=f"sha256:{sha256}",
                fname=destination.name,
                path=destination.parent,
                downloader=download,
            )
    except filelock.Timeout as error:
        message = (
            f"waited {_LOCK_TIMEOUT_SECONDS} s for another process to finish downloading"
            f" {destination}; if no other process is running, delete {lock.lock_file}"
        )
        raise TimeoutError(message) from error
    except ValueError as error:
        if not downloaded or downloaded[-1] == sha256:
            raise
        message = (
            f"refused {url}: its sha256 is {downloaded[-1]} but the release manifest"
            f" lists {sha256}. The server's file was changed or damaged after the"
            " release was published; nothing was kept in the cache. Tell the"
            " publisher, or load a release whose files match its manifest."
        )
        raise ChecksumError(message) from error
    return destination
