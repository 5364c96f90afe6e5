"""Releases: recipe -> documents -> events (coder, gold or imported rows) -> the one writer -> publish.

=============  ===============================================================
``recipe``     the declarative TOML files in ``builders/``
``build``      a recipe's documents and events, into the writer
``gold``       hand-coded gold annotations -> events (through ``make_event``)
``imported``   converted GDELT / ICEWS / Phoenix rows -> the writer
``writer``     the one writer: spill, sort out of core, write Parquet
``publish``    staging, lock, manifest, catalog; never overwrite a release
``cards``      dataset card, ``datapackage.json``, ``croissant.json``
``diff``       ``changes.parquet`` and the content hash
``files``      deterministic Parquet and JSON writers
``spill``      temporary Parquet spill files of the writer
=============  ===============================================================
"""

from __future__ import annotations

from cameo_events.release.build import BuildResult, build_release
from cameo_events.release.publish import ReleaseSpec, WrittenRelease
from cameo_events.release.recipe import Recipe, load_recipe
from cameo_events.release.writer import ReleaseWriter, write_release

__all__ = [
    "BuildResult",
    "Recipe",
    "ReleaseSpec",
    "ReleaseWriter",
    "WrittenRelease",
    "build_release",
    "load_recipe",
    "write_release",
]
