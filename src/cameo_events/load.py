"""Load a published release: events, documents and codebook as pandas, Arrow, DuckDB or Polars.

A *source* is where releases live (see :func:`open_release`): a dataset folder
with ``catalog.json``, one release folder with ``manifest.json``, or the
``http(s)`` URL of either. Remote files are downloaded once into a verified
cache (:mod:`cameo_events._cache`); local files are read in place.

Filters are pushed down to Parquet: a date range skips whole ``year=``
partitions (remote ones are not even downloaded) and row groups whose
statistics cannot match. The filter keys are listed in :data:`EVENT_FILTERS`.

What each backend returns (``as_=``):

============  ===================================================================
``pandas``    ``DataFrame``; dates are ``datetime.date`` objects (``object`` dtype,
              no time or time zone is invented); code, actor and country columns
              are ``category`` of strings ("036", never 36); ``year`` is ``int16``
``arrow``     ``pyarrow.Table`` with the release's schema: ``date32``,
              ``dictionary<int32, string>`` codes and actors, ``year: int16``
``duckdb``    ``DuckDBPyRelation`` (``DATE``, ``VARCHAR``, ``SMALLINT``) on a new
              in-memory connection, or on ``connection=`` when given
``polars``    ``polars.DataFrame`` (``Date``, ``Categorical``, ``Int16``)
============  ===================================================================

Examples
--------
``dataset`` is a dataset folder (or URL) holding at least one release:

>>> events = load_events(source=dataset, filters={"codes": ["19"], "date": ("2025-01-01", None)})
>>> sorted(events["root_code"].unique())
['19']
>>> [r["id"] for r in list_releases(dataset)][-1] == open_release(source=dataset).id
True
"""

from __future__ import annotations

import hashlib
import os
import re
import urllib.parse
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Literal, TypeVar, get_args

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
from pydantic import ValidationError

from cameo_events._cache import (
    ChecksumError,
    fetch_bytes,
    fetch_file,
    file_sha256,
    parse_json,
    source_cache_dir,
)
from cameo_events._filters import (
    DOCUMENT_FILTERS,
    EVENT_FILTERS,
    Filters,
    document_expression,
    event_expression,
)
from cameo_events.schema.arrow import document_schema, event_schema
from cameo_events.schema.release_format import Catalog, CatalogEntry, FileEntry, Manifest

_Format = TypeVar("_Format", Catalog, Manifest)

__all__ = [
    "DATASET_ENV",
    "DOCUMENT_FILTERS",
    "EVENT_FILTERS",
    "ChecksumError",
    "Release",
    "document_expression",
    "event_expression",
    "list_releases",
    "load_codebook",
    "load_documents",
    "load_events",
    "open_release",
]

#: Environment variable naming the default dataset folder or URL.
DATASET_ENV = "CAMEO_EVENTS_DATASET"

Backend = Literal["pandas", "arrow", "duckdb", "polars"]

# The partition column's declared type; without it Arrow would guess int32.
_YEAR = pa.field("year", pa.int16())
_PARTITIONING = ds.partitioning(pa.schema([_YEAR]), flavor="hive")
_PARQUET = ds.ParquetFileFormat()
_REPOSITORY_DATASET = Path(__file__).resolve().parents[2] / "dataset"
_RELEASE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


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
            return fetch_file(_join_url(self.url, relative), local, expected)
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

        >>> release = open_release(source=dataset)
        >>> release.event_files({"date": ("2025-03-01", "2025-03-31")})
        ['events/year=2025/part-0.parquet']
        """
        expression = event_expression(filters)
        relative = self.manifest.paths("events/", ".parquet")
        # A dataset over paths that are never opened: get_fragments only compares
        # each file's year= partition with the filter.
        dataset = _events_dataset(relative, relative)
        return [fragment.path for fragment in dataset.get_fragments(filter=expression)]


def _join_url(base: str, relative: str) -> str:
    return f"{base.rstrip('/')}/{urllib.parse.quote(relative, safe='/=')}"


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
        return fetch_bytes(_join_url(location, name))
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

    A release folder given as source lists itself (from its manifest).

    Examples
    --------
    >>> [release["schema_version"] for release in list_releases(dataset)]
    ['1.0.0', '1.0.0']
    """
    found = _open_source(_locate(source))
    if isinstance(found, Catalog):
        return [release.model_dump() for release in found.releases]
    entry = CatalogEntry.of(found, manifest_sha256="0" * 64).model_dump()
    del entry["manifest_sha256"]  # a release folder does not know its own hash's listing
    return [entry]


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
        release_location = (
            f"{location}/releases/{release_id}"
            if isinstance(location, str)
            else location / "releases" / release_id
        )
        manifest = _verified_manifest(found, release_id, release_location)
        if manifest is None:
            message = (
                f"the catalog of {location} lists release {release_id} but"
                f" {release_location} has no manifest.json; the dataset folder is incomplete"
            )
            raise FileNotFoundError(message)
        if manifest.release_id != release_id:
            message = (
                f"{release_location}/manifest.json is the manifest of release"
                f" {manifest.release_id!r}, not {release_id!r}; the dataset folder"
                " is damaged"
            )
            raise ValueError(message)
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


# --- reading -----------------------------------------------------------------


def _events_dataset(paths: list[str], relative: list[str]) -> ds.FileSystemDataset:
    """Event files as one dataset, ``year`` taken from each file's ``year=`` folder."""
    partitions = [_PARTITIONING.parse(path.removeprefix("events/")) for path in relative]
    schema = event_schema().append(_YEAR)
    return ds.FileSystemDataset.from_paths(
        paths,
        schema=schema,
        format=_PARQUET,
        filesystem=pa.fs.LocalFileSystem(),
        partitions=partitions,
    )


def _check_columns(columns: Iterable[str] | None, schema: pa.Schema) -> list[str] | None:
    if columns is None:
        return None
    columns = [columns] if isinstance(columns, str) else list(columns)
    unknown = [c for c in columns if c not in schema.names]
    if unknown:
        message = f"unknown column(s) {unknown}; the columns are: {', '.join(schema.names)}"
        raise ValueError(message)
    return columns


def _convert(table: pa.Table, as_: str, connection: Any) -> Any:
    """The table in the form ``as_`` names (see the module docstring for the types)."""
    if as_ not in get_args(Backend):
        message = f"as_={as_!r} is not one of {', '.join(map(repr, get_args(Backend)))}"
        raise ValueError(message)
    if connection is not None and as_ != "duckdb":
        message = f"connection= is only used with as_='duckdb', not as_={as_!r}"
        raise ValueError(message)
    if as_ == "arrow":
        return table
    if as_ == "pandas":
        # Explicit although they are the defaults: these choices are documented API.
        return table.to_pandas(date_as_object=True, strings_to_categorical=False)
    extra = "polars" if as_ == "polars" else "duckdb"
    try:
        module = __import__(extra)
    except ImportError as error:
        message = f"as_={as_!r} needs {extra}: pip install 'cameo-events[{extra}]'"
        raise ImportError(message) from error
    if as_ == "polars":
        return module.from_arrow(table)
    connection = connection if connection is not None else module.connect(":memory:")
    return connection.from_arrow(table)


def load_events(
    release: str = "latest",
    *,
    columns: Iterable[str] | None = None,
    filters: Filters = None,
    as_: Backend = "pandas",
    source: str | os.PathLike[str] | None = None,
    verify: bool = False,
    connection: Any = None,
) -> Any:
    """Load a release's events.

    Parameters
    ----------
    release
        ``"latest"`` or a release id (see :func:`list_releases`).
    columns
        Columns to return (default: all, plus the ``year`` partition column).
    filters
        A dict of :data:`EVENT_FILTERS` keys, e.g. ``{"date": ("2025-02-01",
        "2025-02-28"), "codes": ["19"], "actors": ["RUS*"]}`` (keys AND, the
        values of one key OR), or a ``pyarrow.compute.Expression``. Applied
        while reading: partitions and row groups that cannot match are skipped.
        A raw expression prunes ``year=`` partitions only through conditions on
        ``pc.field("year")`` (the ``date`` key adds them for you).
    as_
        ``"pandas"``, ``"arrow"``, ``"duckdb"`` or ``"polars"``; the types each
        returns are in the module docstring.
    source
        A dataset or release folder or URL; see :func:`open_release`.
    verify
        Check the sha256 of every local file read against the manifest
        (remote files are always checked, once per download).
    connection
        With ``as_="duckdb"``, the DuckDB connection to put the relation on.

    Returns
    -------
    pandas.DataFrame | pyarrow.Table | duckdb.DuckDBPyRelation | polars.DataFrame

    Examples
    --------
    >>> table = load_events(source=dataset, as_="arrow", filters={"actors": "RUSGOV"},
    ...                     columns=["event_id", "source_actor", "target_actor", "year"])
    >>> table.schema.field("year").type
    DataType(int16)
    >>> all("RUSGOV" in pair for pair in zip(table["source_actor"].to_pylist(),
    ...                                      table["target_actor"].to_pylist()))
    True
    """
    expression = event_expression(filters)
    opened = open_release(release, source=source)
    relative = opened.event_files(expression)
    paths = [str(opened.file(path, verify=verify)) for path in relative]
    dataset = _events_dataset(paths, relative)
    table = dataset.to_table(columns=_check_columns(columns, dataset.schema), filter=expression)
    return _convert(table, as_, connection)


def _load_file(
    relative: str,
    schema: pa.Schema | None,
    opened: Release,
    columns: Iterable[str] | None,
    expression: pc.Expression | None,
    verify: bool,
) -> pa.Table:
    dataset = ds.dataset(str(opened.file(relative, verify=verify)), schema=schema, format=_PARQUET)
    return dataset.to_table(columns=_check_columns(columns, dataset.schema), filter=expression)


def load_documents(
    release: str = "latest",
    *,
    columns: Iterable[str] | None = None,
    filters: Filters = None,
    as_: Backend = "pandas",
    source: str | os.PathLike[str] | None = None,
    verify: bool = False,
    connection: Any = None,
) -> Any:
    """Load a release's source documents (``documents.parquet``).

    Parameters are those of :func:`load_events`; ``filters`` takes the keys of
    :data:`DOCUMENT_FILTERS` (``date`` applies to ``published``) or an expression.

    Examples
    --------
    >>> documents = load_documents(source=dataset, columns=["doc_id", "published"])
    >>> list(documents.columns)
    ['doc_id', 'published']
    """
    expression = document_expression(filters)
    opened = open_release(release, source=source)
    table = _load_file("documents.parquet", document_schema(), opened, columns, expression, verify)
    return _convert(table, as_, connection)


def load_codebook(
    release: str = "latest",
    *,
    table: str = "event_codes",
    columns: Iterable[str] | None = None,
    as_: Backend = "pandas",
    source: str | os.PathLike[str] | None = None,
    verify: bool = False,
    connection: Any = None,
) -> Any:
    """Load one codebook table of a release (``codebook/<table>.parquet``).

    The release's own copy is the codebook it was validated against, which
    may differ from the one in this package
    (:func:`cameo_events.schema.load_codebook`).

    Parameters
    ----------
    table
        ``"event_codes"`` or ``"actor_atoms"`` (whatever the release's
        ``codebook/`` folder holds; an unknown name lists them).
    release, columns, as_, source, verify, connection
        As for :func:`load_events`.

    Examples
    --------
    >>> codes = load_codebook(source=dataset, as_="arrow")
    >>> "036" in codes["code"].to_pylist()
    True
    """
    opened = open_release(release, source=source)
    tables = sorted(
        path.removeprefix("codebook/").removesuffix(".parquet")
        for path in opened.manifest.paths("codebook/", ".parquet")
    )
    if table not in tables:
        message = (
            f"release {opened.id} has no codebook table {table!r}; it has: {', '.join(tables)}"
        )
        raise LookupError(message)
    # The codebook tables' columns are the release writer's to choose: read the file's schema.
    arrow = _load_file(f"codebook/{table}.parquet", None, opened, columns, None, verify)
    return _convert(arrow, as_, connection)
