"""Assemble, write and describe releases: recipes, Parquet, manifest, catalog, cards, diffs."""

from __future__ import annotations

from cameo_events.release.build import BuildResult, build_release
from cameo_events.release.recipe import Recipe, RecipeError, load_recipe
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
    "WrittenRelease",
    "build_release",
    "load_recipe",
    "write_release",
]
