"""Normalise document text and strip page furniture.

The normalised text is what events' character offsets point into and what
the ``doc_id`` hashes, so every reader goes through :func:`normalise_text`.

Examples
--------
>>> normalise_text("Caf\\u0065\\u0301  talks\\r\\n\\r\\n\\r\\nend ")
'Café  talks\\n\\nend'
>>> strip_furniture("Unlock the White House Watch newsletter for free\\nYour guide\\nBody.\\nRead the full article here")
'Body.'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

import tomllib

__all__ = ["FurniturePattern", "load_furniture", "normalise_text", "strip_furniture"]

_BLANK_RUNS = re.compile(r"\n{3,}")
_TRAILING_SPACE = re.compile(r"[ \t]+\n")
# Characters that are not text: C0/C1 controls other than tab and newline.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class FurniturePattern:
    """A line pattern that marks page furniture rather than article text."""

    id: str
    regex: re.Pattern[str]
    drop_after: int


@cache
def load_furniture() -> tuple[FurniturePattern, ...]:
    """The furniture patterns from ``documents/data/furniture.toml``."""
    text = resources.files("cameo_events.documents").joinpath("data").joinpath("furniture.toml")
    data = tomllib.loads(text.read_text("utf-8"))
    return tuple(
        FurniturePattern(
            p["id"], re.compile(p["regex"], re.IGNORECASE), int(p.get("drop_after", 0))
        )
        for p in data["pattern"]
    )


def normalise_text(text: str) -> str:
    """NFC-normalise, unify line ends, drop control characters and trailing blanks."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text.replace("\u00a0", " "))
    text = _TRAILING_SPACE.sub("\n", text)
    return _BLANK_RUNS.sub("\n\n", text).strip()


def strip_furniture(text: str) -> str:
    """Remove furniture lines (see ``furniture.toml``) from normalised text."""
    patterns = load_furniture()
    kept: list[str] = []
    skip = 0
    for line in text.split("\n"):
        if skip:
            skip -= 1
            continue
        match = next((p for p in patterns if p.regex.fullmatch(line.strip())), None)
        if match:
            skip = match.drop_after
            continue
        kept.append(line)
    return normalise_text("\n".join(kept))
