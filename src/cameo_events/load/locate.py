"""Find a release: a dataset folder, a release folder, or the URL of either; read its manifest.

The catalog pins each manifest's sha256 and the manifest pins every file's,
so what :meth:`Release.file` returns is what was published. Both are read
through the release-format models (:mod:`cameo_events.schema.release_format`).
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError

from cameo_events.errors import ChecksumError
from cameo_events.load.cache import fetch_bytes, parse_json, source_cache_dir
from cameo_events.load.release import Release, join_url
from cameo_events.schema.release_format import (
    Catalog,
    CatalogEntry,
    Manifest,
)

__all__ = ["DATASET_ENV", "Release", "list_releases", "open_release"]

#: Environment variable naming the default dataset folder or URL.
DATASET_ENV = "CAMEO_EVENTS_DATASET"

_Format = TypeVar("_Format", Catalog, Manifest)
_REPOSITORY_DATASET = Path(__file__).resolve().parents[3] / "dataset"
_RELEASE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def _is_url(source: str | os.PathLike[str]) -> bool:
    return isinstance(source, str) and source.startswith(("http://", "https://"))


def _default_source() -> str | Path:
    configured = os.environ.get(DATASET_ENV)
    if configured:
        return configured
    if _REPOSITORY_DATASET.is_dir():
        return _REPOSITORY_DATASET
    message = (
        "no dataset to load from: an installed cameo-events package carries no data."
        f" Pass source= a dataset URL or folder, or set {DATASET_ENV} to one."
    )
    raise FileNotFoundError(message)


def _read_bytes(location: str | Path, name: str) -> bytes | None:
    """``<location>/<name>`` as bytes, or None when absent (fetched fresh when remote)."""
    if isinstance(location, str):
        return fetch_bytes(join_url(location, name))
    path = location / name
    return path.read_bytes() if path.is_file() else None


def _parse(model: type[_Format], body: bytes, where: str) -> _Format:
    """A release-format file, parsed and validated; the error names the file."""
    data = parse_json(body, where)
    try:
        return model.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "the file"
        message = (
            f"{where} is not a valid {model.__name__.lower()} ({field}: {first['msg']});"
            " see docs/release-format.md, or rebuild the release"
        )
        raise ValueError(message) from None


def _verified_manifest(catalog: Catalog, release_id: str, location: str | Path) -> Manifest | None:
    """The release's manifest, checked against the sha256 the catalog lists for it.

    The catalog pins the manifest and the manifest pins every file, so a
    replaced manifest cannot smuggle in files with other hashes.
    """
    body = _read_bytes(location, "manifest.json")
    if body is None:
        return None
    entry = catalog.entry(release_id)
    expected = entry.manifest_sha256 if entry is not None else None
    actual = hashlib.sha256(body).hexdigest()
    if expected and actual != expected:
        message = (
            f"{location}/manifest.json has sha256 {actual} but the catalog lists {expected};"
            " the manifest was changed after publication, so nothing from this release is trusted"
        )
        raise ChecksumError(message)
    return _parse(Manifest, body, f"{location}/manifest.json")


def _locate(source: str | os.PathLike[str] | None) -> str | Path:
    """A folder or URL without a trailing catalog.json / manifest.json file name."""
    if source is None:
        source = _default_source()
    if _is_url(source):
        url = str(source)
        for name in ("/catalog.json", "/manifest.json"):
            url = url.removesuffix(name)
        return url.rstrip("/")
    path = Path(source).expanduser()
    if path.name in ("catalog.json", "manifest.json"):
        path = path.parent
    if not path.is_dir():
        message = f"source {path} is not a folder; pass a dataset folder, a release folder or a URL"
        raise FileNotFoundError(message)
    return path


def _open_source(location: str | Path) -> Catalog | Manifest:
    """The catalog of a dataset folder, or the manifest of a release folder."""
    body = _read_bytes(location, "catalog.json")
    if body is not None:
        return _parse(Catalog, body, f"{location}/catalog.json")
    body = _read_bytes(location, "manifest.json")
    if body is not None:
        return _parse(Manifest, body, f"{location}/manifest.json")
    message = (
        f"{location} holds neither catalog.json (a dataset folder) nor manifest.json"
        " (a release folder). Point source= at dataset/ or at dataset/releases/<id>/;"
        " if this is the repository's empty dataset/, build a release first."
    )
    raise FileNotFoundError(message)


def list_releases(source: str | os.PathLike[str] | None = None) -> list[dict[str, Any]]:
    """The releases of a source, oldest first, as listed in its catalog.

    A release folder given as source lists itself, as a catalog would.

    Examples
    --------
    >>> [release["schema_version"] for release in list_releases(dataset)]
    ['1.0.0', '1.0.0']
    """
    location = _locate(source)
    found = _open_source(location)
    if isinstance(found, Catalog):
        return [release.model_dump() for release in found.releases]
    body = _read_bytes(location, "manifest.json") or b""
    return [CatalogEntry.of(found, hashlib.sha256(body).hexdigest()).model_dump()]


def open_release(
    release: str = "latest", *, source: str | os.PathLike[str] | None = None
) -> Release:
    """Find a release and read its manifest.

    Parameters
    ----------
    release
        ``"latest"`` (the catalog's ``latest``) or a release id.
    source
        Where releases live:

        - None: the folder or URL in ``$CAMEO_EVENTS_DATASET``, else the
          repository's ``dataset/`` folder next to ``src/`` (a checkout only: a
          pip-installed package has no local dataset and needs a URL or path);
        - a dataset folder (with ``catalog.json``) or one release folder (with
          ``manifest.json``);
        - the ``http(s)`` URL of a dataset folder or a release folder. Its
          catalog and manifest are read fresh; data files go through the cache
          (``$CAMEO_EVENTS_CACHE``, else the user cache folder).

    Returns
    -------
    Release
        The release's id, local folder (the cache folder when remote) and manifest.

    Examples
    --------
    >>> release = open_release(source=dataset)
    >>> release.id == release.manifest.release_id
    True
    """
    location = _locate(source)
    found = _open_source(location)
    release_location: str | Path = location
    if isinstance(found, Catalog):
        release_id = _pick_release(found, release, location)
        release_location = _join(location, f"releases/{release_id}")
        manifest = _catalogued_manifest(found, release_id, location, release_location)
    else:
        manifest = found
        release_id = _pick_release(
            Catalog(latest=manifest.release_id, releases=[CatalogEntry.of(manifest, "0" * 64)]),
            release,
            location,
        )
    if isinstance(release_location, Path):
        return Release(id=release_id, path=release_location, manifest=manifest)
    return Release(
        id=release_id,
        path=source_cache_dir(release_id, release_location),
        manifest=manifest,
        url=release_location,
    )


def _join(location: str | Path, relative: str) -> str | Path:
    return f"{location}/{relative}" if isinstance(location, str) else location / relative


def _catalogued_manifest(
    catalog: Catalog, release_id: str, location: str | Path, release_location: str | Path
) -> Manifest:
    """The manifest of a release the catalog lists, verified against the catalog."""
    manifest = _verified_manifest(catalog, release_id, release_location)
    if manifest is None:
        message = (
            f"the catalog of {location} lists release {release_id} but"
            f" {release_location} has no manifest.json; the dataset folder is incomplete"
        )
        raise FileNotFoundError(message)
    if manifest.release_id != release_id:
        message = (
            f"{release_location}/manifest.json is the manifest of release"
            f" {manifest.release_id!r}, not {release_id!r}; the dataset folder is damaged"
        )
        raise ValueError(message)
    return manifest


def _pick_release(catalog: Catalog, release: str, location: str | Path) -> str:
    """The id ``release`` names in a catalog (``"latest"`` or an id it lists)."""
    ids = catalog.ids()
    release_id = str(catalog.latest) if release == "latest" else release
    if release_id not in ids:
        message = f"no release {release_id!r} in {location}; it lists {', '.join(ids) or 'none'}"
        if len(ids) == 1:
            message += "; for another release, point source= at the dataset folder"
        raise LookupError(message)
    # Ids become folder names (here and in the cache): refuse any that could leave them.
    if not _RELEASE_ID.match(release_id):
        message = f"{location} names a release {release_id!r}, which is not a valid release id"
        raise ValueError(message)
    return release_id
