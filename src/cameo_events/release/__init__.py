"""Assemble, write and describe releases: recipes, Parquet, manifest, catalog, cards, diffs."""

from __future__ import annotations

from cameo_events.release.build import BuildResult, build_release
from cameo_events.release.recipe import Recipe, RecipeError, load_recipe
from cameo_events.release.stream import ReleaseStream, write_release_stream
from cameo_events.release.write import (
    ReleaseCheckError,
    ReleaseExistsError,
    ReleaseSpec,
    WrittenRelease,
    write_release,
)

__all__ = [
    "BuildResult",
    "Recipe",
    "RecipeError",
    "ReleaseCheckError",
    "ReleaseExistsError",
    "ReleaseSpec",
    "ReleaseStream",
    "WrittenRelease",
    "build_release",
    "load_recipe",
    "write_release",
    "write_release_stream",
]
