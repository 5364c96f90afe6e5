"""The mapping tables and the rules table: complete, consistent, and used."""

from __future__ import annotations

import re
from pathlib import Path

import pycountry

from cameo_events.convert.countries import country_iso3
from cameo_events.convert.fips import fips_table, fips_to_iso
from cameo_events.convert.sectors import sector_atoms, sector_table
from cameo_events.findings import load_rules
from cameo_events.schema import load_atoms

PACKAGE = Path(__file__).resolve().parents[2] / "src/cameo_events/convert"


def _iso_known(code: str) -> bool:
    return bool(
        pycountry.countries.get(alpha_3=code)
        or pycountry.historic_countries.get(alpha_3=code)
        or code in load_atoms()
    )


def test_fips_table_maps_to_known_iso_codes() -> None:
    table = fips_table()
    assert len(table) > 250
    assert all(_iso_known(iso) for iso in table.values() if iso)
    # FIPS differs from ISO 3166 alpha-2 exactly where GDELT users trip up.
    assert (fips_to_iso("GM"), fips_to_iso("AU"), fips_to_iso("AS"), fips_to_iso("UK")) == (
        "DEU",
        "AUT",
        "AUS",
        "GBR",
    )


def test_sector_atoms_are_known_and_order_free() -> None:
    atoms = load_atoms()
    assert all(e.atom in atoms for e in sector_table().values() if e.atom)
    assert sector_atoms("Military,Government") == sector_atoms("Government,Military")
    assert sector_atoms('"Hindu",Parties') == (["PTY", "HIN"], [])


def test_country_aliases() -> None:
    assert country_iso3("Occupied Palestinian Territory") == "PSE"
    assert country_iso3("democratic republic of congo") == "COD"
    assert country_iso3("Turkey") == "TUR"


def test_every_check_id_in_the_code_is_in_rules_yaml() -> None:
    rules = load_rules()
    used = set()
    for path in PACKAGE.glob("*.py"):
        text = path.read_text("utf-8")
        used |= set(re.findall(r'"((?:gdelt|icews|phoenix|source)\.[a-z_]+)"', text))
        # judge.py builds ids from the source name: every source has the shared ones.
        for suffix in re.findall(r'f"\{source\}\.([a-z_]+)"', text):
            used.add(f"gdelt.{suffix}")
    for source in ("gdelt", "icews", "phoenix"):
        used |= {f"{source}.code_format", f"{source}.code_unknown", f"{source}.coordinates"}
    used |= {"phoenix.quad_class", "phoenix.goldstein", "phoenix.scale_differs"}
    missing = sorted(cid for cid in used if cid not in rules)
    assert missing == []


def test_rules_have_one_severity_convention() -> None:
    rules = load_rules()
    warnings = {
        cid for cid in rules if cid.endswith(("scale_differs", "near_duplicate", "actor_code"))
    }
    assert all(rules[cid].severity == "warning" for cid in warnings)
    assert rules["gdelt.actor_columns"].severity == "error"
