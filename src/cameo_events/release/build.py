"""Build a release from a recipe: read documents, get events, validate, write.

Examples
--------
>>> from cameo_events.release.build import build_release
>>> result = build_release("builders/seed.toml", dataset="dataset")  # doctest: +SKIP
>>> result.release.release_id  # doctest: +SKIP
'seed-2025.02.17-…'
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from cameo_events.documents import ReadResult, read_documents
from cameo_events.errors import GoldError
from cameo_events.findings import Finding
from cameo_events.release.files import file_sha256
from cameo_events.release.gold import events_from_gold
from cameo_events.release.publish import ReleaseSpec, Validator, WrittenRelease
from cameo_events.release.recipe import Recipe, load_recipe
from cameo_events.release.writer import write_release
from cameo_events.schema import Document, Event
from cameo_events.schema.release_format import InputEntry, RecipeRef, RejectEntry

__all__ = ["BuildResult", "build_release"]


@dataclass
class BuildResult:
    """What a build did: the release, and everything it refused on the way."""

    release: WrittenRelease
    read: ReadResult
    gold_problems: list[Finding] = field(default_factory=list)
    events: int = 0


def _relative(path: Path, base: Path) -> str:
    # Recorded paths must not depend on where the repository is cloned.
    return Path(os.path.relpath(path.resolve(), base.resolve())).as_posix()


def _code_events(
    recipe: Recipe, documents: list[Document], progress: Callable[[str], None]
) -> tuple[list[Event], str, str | None]:
    from cameo_events.coding import code_documents

    return code_documents(documents, n_process=recipe.events.n_process, progress=progress)


def build_release(
    recipe_path: str | Path,
    *,
    dataset: str | Path = "dataset",
    validate: Validator | None = None,
    progress: Callable[[str], None] = lambda message: None,
) -> BuildResult:
    """Build the release a recipe describes into ``dataset``.

    Bad documents are rejected with a reason and the build goes on; gold
    annotations that do not fit their document stop the build (the gold file
    is reviewed data and must be fixed).
    """
    recipe = load_recipe(recipe_path)
    base = recipe.path.resolve().parent.parent
    read = read_documents(recipe.documents)
    progress(
        f"read {len(read.documents)} documents ({len(read.rejects)} rejected, {len(read.duplicates)} duplicates)"
    )
    problems: list[Finding] = []
    if recipe.events.source == "gold":
        assert recipe.events.gold is not None
        events, problems = events_from_gold(recipe.events.gold, read.documents)
        if problems:
            raise GoldError(
                f"{len(problems)} gold annotation(s) in {recipe.events.gold} do not fit their"
                " documents; fix the gold file (seeds/gold/GUIDELINES.md)",
                problems,
            )
        coder_version, dictionary_version = "gold", None
    else:
        events, coder_version, dictionary_version = _code_events(recipe, read.documents, progress)
    progress(f"{len(events)} events")
    inputs = [InputEntry(path=_relative(p, base), sha256=file_sha256(p)) for p in read.inputs]
    if recipe.events.gold:
        gold = recipe.events.gold
        inputs.append(InputEntry(path=_relative(gold, base), sha256=file_sha256(gold)))
    spec = ReleaseSpec(
        line=recipe.line,
        id_rule=recipe.id_rule,
        title=recipe.title,
        description=recipe.description,
        licence=recipe.licence,
        recipe=RecipeRef(path=_relative(recipe.path, base), sha256=recipe.sha256),
        inputs=inputs,
        coder_version=coder_version,
        dictionary_version=dictionary_version,
        # The finding names the file as read (absolute); the release, relative to base.
        rejects=[RejectEntry.of(r, _relative(Path(r.file), base)) for r in read.rejects],
        duplicates=len(read.duplicates),
        keywords=tuple(recipe.keywords),
    )
    release = write_release(
        Path(dataset), spec, read.documents, events, validate=validate, progress=progress
    )
    return BuildResult(release=release, read=read, gold_problems=problems, events=len(events))
