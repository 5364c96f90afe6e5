"""The CAMEO event codebook: codes, labels, Goldstein values and quad classes.

The codebook is data (``data/event_codes.csv``); this module only reads it
into typed objects. Other datasets' Goldstein and quad-class tables live in
``data/alternative_scales.csv`` and are reachable by name, so a GDELT file
can be judged by GDELT's own table.

Examples
--------
>>> from cameo_events.schema.codebook import packaged_codebook
>>> book = packaged_codebook()
>>> book["036"].label
'Express intent to meet or negotiate'
>>> book["036"].quad_class, book["036"].root_code
(1, '03')
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

from cameo_events.errors import UnknownCodeError

__all__ = [
    "CODE_PATTERN",
    "SCALES",
    "Codebook",
    "EventCode",
    "UnknownCodeError",
    "packaged_codebook",
    "quad_class_of_root",
]

#: An event code is a string of 2 to 4 digits: ``"01"``, ``"036"``, ``"0311"``.
CODE_PATTERN = re.compile(r"^[0-9]{2,4}$")

#: Names of the Goldstein / quad-class tables: ours and the other datasets'.
SCALES = ("cameo", "gdelt", "phoenix")


@dataclass(frozen=True)
class EventCode:
    """One CAMEO event code and what the codebook says about it."""

    code: str
    label: str
    description: str
    parent: str | None
    root_code: str
    base_code: str | None
    goldstein: float
    goldstein_from: str
    quad_class: int
    origin: str

    @property
    def level(self) -> int:
        """2 for a root ("19"), 3 for a base code ("190"), 4 for a sub-code ("1951")."""
        return len(self.code)


def quad_class_of_root(root_code: str) -> int:
    """Return the quad class CAMEO implies for a root code.

    >>> [quad_class_of_root(r) for r in ("01", "06", "09", "14")]
    [1, 2, 3, 4]
    """
    root = int(root_code)
    if not 1 <= root <= 20:
        raise ValueError(f"root code {root_code!r} is not between 01 and 20")
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    if root <= 13:
        return 3
    return 4


class Codebook(Mapping[str, EventCode]):
    """All event codes, by code string, with alternative scales by name."""

    def __init__(
        self,
        codes: Mapping[str, EventCode],
        scales: Mapping[str, Mapping[str, tuple[float | None, int | None]]],
    ) -> None:
        self._codes = dict(codes)
        self._scales = {name: dict(table) for name, table in scales.items()}

    def __getitem__(self, code: str) -> EventCode:
        try:
            return self._codes[code]
        except KeyError:
            hint = ""
            if isinstance(code, str) and code.isdigit() and len(code) < 3 and "0" + code in self:
                hint = f" (did you mean {'0' + code!r}? codes keep their leading zeros)"
            raise UnknownCodeError(f"unknown CAMEO event code {code!r}{hint}") from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._codes)

    def __len__(self) -> int:
        return len(self._codes)

    def roots(self) -> list[EventCode]:
        """The 20 root codes, in order."""
        return [c for c in self._codes.values() if c.level == 2]

    def children(self, code: str) -> list[EventCode]:
        """The codes whose parent is ``code``."""
        return [c for c in self._codes.values() if c.parent == code]

    def goldstein(self, code: str, scale: str = "cameo") -> float | None:
        """Goldstein value of ``code`` on a named scale (None: the scale has none)."""
        if scale == "cameo":
            return self[code].goldstein
        return self._scale(scale).get(code, (None, None))[0]

    def quad_class(self, code: str, scale: str = "cameo") -> int | None:
        """Quad class of ``code`` on a named scale (Phoenix uses 0–4)."""
        if scale == "cameo":
            return self[code].quad_class
        return self._scale(scale).get(code, (None, None))[1]

    def _scale(self, scale: str) -> dict[str, tuple[float | None, int | None]]:
        try:
            return self._scales[scale]
        except KeyError:
            raise ValueError(
                f"unknown scale {scale!r}; choose one of {', '.join(SCALES)}"
            ) from None


def _read_csv(name: str) -> list[dict[str, str]]:
    text = resources.files("cameo_events.schema").joinpath("data").joinpath(name).read_text("utf-8")
    return list(csv.DictReader(text.splitlines()))


@cache
def packaged_codebook() -> Codebook:
    """Read the packaged codebook (cached: the files never change at run time)."""
    codes = {}
    for row in _read_csv("event_codes.csv"):
        codes[row["code"]] = EventCode(
            code=row["code"],
            label=row["label"],
            description=row["description"],
            parent=row["parent"] or None,
            root_code=row["root_code"],
            base_code=row["base_code"] or None,
            goldstein=float(row["goldstein"]),
            goldstein_from=row["goldstein_from"],
            quad_class=int(row["quad_class"]),
            origin=row["origin"],
        )
    scales: dict[str, dict[str, tuple[float | None, int | None]]] = {"gdelt": {}, "phoenix": {}}
    for row in _read_csv("alternative_scales.csv"):
        goldstein = float(row["goldstein"]) if row["goldstein"] else None
        quad = int(row["quad_class"]) if row["quad_class"] else None
        scales[row["scheme"]][row["code"]] = (goldstein, quad)
    return Codebook(codes, scales)
