"""ICEWS sector lists to CAMEO actor atoms.

ICEWS describes an actor by a comma-separated list of sectors
("Government,Police" or "Police,Government": the order varies and means
nothing). ``data/icews_sectors.csv`` maps each sector to a CAMEO atom (or to
none) with a rank; the actor code is the country atom followed by the
distinct atoms of lowest rank, at most two roles and one religion, so the
same set of sectors always gives the same code.

Examples
--------
>>> from cameo_events.convert.sectors import sector_atoms
>>> sector_atoms("Police,Government"), sector_atoms("Government,Police")
((['COP', 'GOV'], []), (['COP', 'GOV'], []))
>>> sector_atoms("Social,Frobnicators")
([], ['Frobnicators'])
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = ["INTERNATIONAL_ROOTS", "SectorRole", "sector_atoms", "sector_table", "split_sectors"]

#: Atoms that may start an actor code when ICEWS gives no country.
INTERNATIONAL_ROOTS = frozenset({"IGO", "NGO", "MNC"})
_MAX_ROLES = 2
_RELIGIONS_FROM_RANK = 60


@dataclass(frozen=True)
class SectorRole:
    """One row of ``data/icews_sectors.csv``."""

    sector: str
    atom: str | None
    rank: int


@cache
def sector_table() -> dict[str, SectorRole]:
    """Sector name -> its atom and rank."""
    text = (
        resources.files("cameo_events.convert")
        .joinpath("data/icews_sectors.csv")
        .read_text("utf-8")
    )
    table = {}
    for row in csv.DictReader(text.splitlines()):
        rank = int(row["rank"]) if row["rank"] else 999
        table[row["sector"]] = SectorRole(row["sector"], row["atom"] or None, rank)
    return table


def split_sectors(value: str) -> list[str]:
    """The sectors of an ICEWS list, stripped of spaces and quotes, empty ones dropped."""
    return [s.strip().strip('"').strip() for s in value.split(",") if s.strip().strip('"')]


def sector_atoms(value: str) -> tuple[list[str], list[str]]:
    """``(atoms, unknown sectors)``: the actor atoms a sector list gives, in rank order."""
    table = sector_table()
    roles: list[tuple[int, str]] = []
    unknown: list[str] = []
    for sector in split_sectors(value):
        entry = table.get(sector)
        if entry is None:
            unknown.append(sector)
        elif entry.atom is not None:
            roles.append((entry.rank, entry.atom))
    ordered = sorted(set(roles))
    atoms: list[str] = []
    for rank, atom in ordered:
        if atom in atoms:
            continue
        is_religion = rank >= _RELIGIONS_FROM_RANK
        n_roles = sum(1 for a in atoms if table_rank(a) < _RELIGIONS_FROM_RANK)
        if is_religion and any(table_rank(a) >= _RELIGIONS_FROM_RANK for a in atoms):
            continue
        if not is_religion and n_roles >= _MAX_ROLES:
            continue
        atoms.append(atom)
    return atoms, unknown


@cache
def table_rank(atom: str) -> int:
    """The lowest rank any sector gives ``atom``."""
    return min((e.rank for e in sector_table().values() if e.atom == atom), default=999)
