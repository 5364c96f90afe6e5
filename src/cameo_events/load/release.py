"""One located release: its id, manifest and files (verified, downloaded when remote)."""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from cameo_events.errors import ChecksumError
from cameo_events.load.cache import fetch_file
from cameo_events.load.filters import Filters, event_expression, events_dataset
from cameo_events.schema.release_format import FileEntry, Manifest, file_sha256

__all__ = ["Release", "join_url"]


def join_url(base: str, relative: str) -> str:
    return f"{base.rstrip('/')}/{urllib.parse.quote(relative, safe='/=')}"


@dataclass(frozen=True)
class Release:
    """One release: its id, the local folder its files are read from, and its manifest.

    For a remote release ``path`` is its folder in the download cache and
    ``url`` the release folder on the server; files are fetched on first use.
    """

    id: str
    path: Path
    manifest: Manifest
    url: str | None = None

    def entry(self, relative: str) -> FileEntry:
        """The manifest's entry (path, sha256, bytes, rows) for one file of the release."""
        found = self.manifest.entry(relative)
        if found is None:
            listed = ", ".join(self.manifest.paths())
            message = f"release {self.id} has no file {relative!r}; its manifest lists: {listed}"
            raise FileNotFoundError(message)
        return found

    def file(self, relative: str, *, verify: bool = False) -> Path:
        """Local path of one file of the release, downloaded and verified when remote.

        Local files are checked against the manifest's sha256 only when
        ``verify`` is true (hashing costs a full read); remote files always are.
        """
        expected = self.entry(relative).sha256
        parts = PurePosixPath(relative).parts
        # A manifest comes from wherever source= points: never let it name a file
        # outside the release (or outside the cache, for a remote one).
        if PurePosixPath(relative).is_absolute() or ".." in parts:
            message = f"release {self.id} lists {relative!r}, which is outside the release folder"
            raise ValueError(message)
        local = self.path.joinpath(*parts)
        if self.url is not None:
            return fetch_file(join_url(self.url, relative), local, expected)
        if not local.is_file():
            message = (
                f"{local} is listed in the manifest of release {self.id} but missing:"
                " the release folder is incomplete. Copy the whole release folder again."
            )
            raise FileNotFoundError(message)
        if verify:
            actual = file_sha256(local)
            if actual != expected:
                message = (
                    f"{local}: sha256 is {actual} but the manifest of release {self.id}"
                    f" lists {expected}; the file was changed after the release was"
                    " written. Restore it from the published release."
                )
                raise ChecksumError(message)
        return local

    def event_files(self, filters: Filters = None) -> list[str]:
        """Event files (paths relative to the release) a filter may need; the others are pruned.

        >>> from cameo_events.load import open_release
        >>> release = open_release(source=dataset)
        >>> release.event_files({"date": ("2025-03-01", "2025-03-31")})
        ['events/year=2025/part-0.parquet']
        """
        expression = event_expression(filters)
        relative = self.manifest.paths("events/", ".parquet")
        # A dataset over paths that are never opened: get_fragments only compares
        # each file's year= partition with the filter.
        dataset = events_dataset(relative, relative)
        return [fragment.path for fragment in dataset.get_fragments(filter=expression)]
