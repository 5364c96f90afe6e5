"""CAMEO actor atoms and the grammar of an actor code.

An actor code is a sequence of one to five 3-letter atoms. The first atom is
a *root*: an ISO-3166 alpha-3 country (current or historical, from
``pycountry``), one of CAMEO's special country codes, a region, or an
international code (``IGO``, ``NGO``, ``IMG``, ...). Each later atom is any
known atom: a role (``GOV``), an organisation (``UNO``), a religion, a country.

Examples
--------
>>> from cameo_events.schema.actors import actor_code_problem, split_actor_code
>>> split_actor_code("IGOUNOWHO")
['IGO', 'UNO', 'WHO']
>>> actor_code_problem("RUSGOV") is None
True
>>> actor_code_problem("GOVRUS")
('actor.bad_root', "first atom 'GOV' of 'GOVRUS' is not a country, region or international code")
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import pycountry

__all__ = [
    "ACTOR_CODE_PATTERN",
    "MAX_ATOMS",
    "ROOT_KINDS",
    "Atom",
    "actor_code_problem",
    "actor_country",
    "load_atoms",
    "split_actor_code",
]

MAX_ATOMS = 5
#: The shape an actor code must have, before its atoms are looked up.
ACTOR_CODE_PATTERN = re.compile(r"^(?:[A-Z]{3}){1,5}$")
#: Kinds of atom that may start an actor code.
ROOT_KINDS = frozenset(
    {"country", "country_historical", "country_special", "region", "international"}
)


@dataclass(frozen=True)
class Atom:
    """One 3-letter actor atom: ``RUS`` (country), ``GOV`` (role), ``UNO`` (organisation)."""

    atom: str
    kind: str
    label: str


@cache
def load_atoms() -> dict[str, tuple[Atom, ...]]:
    """All known atoms, by atom; an atom may have several kinds (``SUN``: Sunni, Soviet Union)."""
    atoms: dict[str, list[Atom]] = {}

    def add(atom: Atom) -> None:
        atoms.setdefault(atom.atom, []).append(atom)

    for country in pycountry.countries:
        add(Atom(country.alpha_3, "country", country.name))
    for country in pycountry.historic_countries:
        add(Atom(country.alpha_3, "country_historical", country.name))
    text = resources.files("cameo_events.schema").joinpath("data").joinpath("actor_atoms.csv")
    for row in csv.DictReader(text.read_text("utf-8").splitlines()):
        add(Atom(row["atom"], row["kind"], row["label"]))
    return {key: tuple(value) for key, value in atoms.items()}


def split_actor_code(code: str) -> list[str]:
    """Split an actor code into its 3-letter atoms (no validation beyond length)."""
    return [code[i : i + 3] for i in range(0, len(code), 3)]


def actor_code_problem(code: str) -> tuple[str, str] | None:
    """Return ``(rule_id, message)`` for the first rule ``code`` breaks, or None.

    Rules: ``actor.grammar`` (not 1–5 upper-case 3-letter atoms),
    ``actor.bad_root`` (first atom cannot start a code), ``actor.bad_atom``
    (a later atom is unknown).
    """
    if not ACTOR_CODE_PATTERN.match(code):
        return (
            "actor.grammar",
            f"actor code {code!r} is not 1 to {MAX_ATOMS} upper-case 3-letter atoms",
        )
    atoms = load_atoms()
    first, *rest = split_actor_code(code)
    if not any(a.kind in ROOT_KINDS for a in atoms.get(first, ())):
        return (
            "actor.bad_root",
            f"first atom {first!r} of {code!r} is not a country, region or international code",
        )
    for atom in rest:
        if atom not in atoms:
            return ("actor.bad_atom", f"atom {atom!r} of {code!r} is not a known CAMEO actor atom")
    return None


_COUNTRY_KINDS = frozenset({"country", "country_historical", "country_special"})


def actor_country(code: str) -> str | None:
    """The country atom an actor code starts with, or None (``IGOUNO``, ``EUR``).

    >>> actor_country("RUSGOV"), actor_country("IGOUNO")
    ('RUS', None)
    """
    first = code[:3]
    return first if any(a.kind in _COUNTRY_KINDS for a in load_atoms().get(first, ())) else None
