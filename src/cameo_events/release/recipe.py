"""Release recipes: the declarative TOML files in ``builders/``.

A recipe says which documents a release line is built from, where its events
come from (hand-coded gold annotations or the automatic coder) and how the
release id is formed. Paths are relative to the recipe file; ``${VAR}``
expands environment variables (``${CAMEO_EVENTS_SHARED}`` for corpora read in
place).

Examples
--------
>>> recipe = load_recipe("builders/seed.toml")  # doctest: +SKIP
>>> recipe.line, recipe.events.source  # doctest: +SKIP
('seed', 'gold')
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import tomllib

from cameo_events.documents import DocumentSource
from cameo_events.documents.readers import DEFAULT_MAX_BYTES
from cameo_events.errors import RecipeError

__all__ = ["EventSource", "Recipe", "RecipeError", "load_recipe"]

_VARIABLE = re.compile(r"\$\{([A-Z0-9_]+)\}")
DEFAULT_ID_RULE = "{line}-{newest}-{hash8}"


@dataclass(frozen=True)
class EventSource:
    """Where a release's events come from."""

    source: Literal["gold", "coder"]
    gold: Path | None = None
    n_process: int = 1


@dataclass(frozen=True)
class Recipe:
    """A parsed recipe: one release line."""

    path: Path
    sha256: str
    line: str
    title: str
    description: str
    licence: str
    id_rule: str
    documents: list[DocumentSource]
    events: EventSource
    homepage: str | None = None
    keywords: list[str] = field(default_factory=list)


def _expand(value: str, recipe_path: Path) -> Path:
    def lookup(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in os.environ:
            raise RecipeError(
                f"{recipe_path}: ${{{name}}} is used but the environment variable is not set"
            )
        return os.environ[name]

    path = Path(_VARIABLE.sub(lookup, value))
    return path if path.is_absolute() else (recipe_path.parent / path).resolve()


def _require(table: dict[str, Any], key: str, where: str, path: Path) -> Any:
    if key not in table:
        raise RecipeError(f"{path}: [{where}] needs a '{key}' entry")
    return table[key]


def load_recipe(path: str | Path) -> Recipe:
    """Read and check a recipe file."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise RecipeError(f"recipe {path} not found; recipes live in builders/") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise RecipeError(f"{path}: not valid TOML ({exc})") from None
    release = _require(data, "release", "release", path)
    line = str(_require(release, "line", "release", path))
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", line):
        raise RecipeError(
            f"{path}: release line {line!r} must be lower-case letters, digits and '-'"
        )
    sources = []
    for number, entry in enumerate(data.get("documents", []), 1):
        fmt = _require(entry, "format", f"documents #{number}", path)
        if fmt not in ("text", "jsonl", "csv"):
            raise RecipeError(
                f"{path}: documents #{number} format {fmt!r} is not text, jsonl or csv"
            )
        sources.append(
            DocumentSource(
                path=_expand(str(_require(entry, "path", f"documents #{number}", path)), path),
                format=fmt,
                pattern=str(entry.get("glob", "*")),
                fields=dict(entry.get("fields", {})),
                defaults={k: str(v) for k, v in entry.get("defaults", {}).items()},
                corpus=entry.get("corpus"),
                max_bytes=int(entry.get("max_bytes", DEFAULT_MAX_BYTES)),
            )
        )
    if not sources:
        raise RecipeError(f"{path}: a recipe needs at least one [[documents]] table")
    events = _require(data, "events", "events", path)
    kind = events.get("source")
    if kind not in ("gold", "coder"):
        raise RecipeError(f"{path}: [events] source must be 'gold' or 'coder', not {kind!r}")
    gold = _expand(str(events["gold"]), path) if "gold" in events else None
    if kind == "gold" and gold is None:
        raise RecipeError(f"{path}: [events] source = 'gold' needs a 'gold' file")
    return Recipe(
        path=path,
        sha256=hashlib.sha256(raw).hexdigest(),
        line=line,
        title=str(release.get("title", line)),
        description=str(release.get("description", "")),
        licence=str(release.get("licence", "")),
        id_rule=str(release.get("id", DEFAULT_ID_RULE)),
        documents=sources,
        events=EventSource(source=kind, gold=gold, n_process=int(events.get("n_process", 1))),
        homepage=release.get("homepage"),
        keywords=list(release.get("keywords", [])),
    )
