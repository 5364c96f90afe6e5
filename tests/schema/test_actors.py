from __future__ import annotations

import pytest

from cameo_events.schema.actors import actor_code_problem, load_atoms


@pytest.mark.parametrize(
    "code",
    ["RUS", "RUSGOV", "USAGOVMIL", "IGOUNOWHO", "IGOEEC", "NGOAMN", "SUN", "KSV", "WST", "PSEREB"],
)
def test_valid_actor_codes(code: str) -> None:
    assert actor_code_problem(code) is None


@pytest.mark.parametrize(
    ("code", "rule"),
    [
        ("", "actor.grammar"),
        ("RU", "actor.grammar"),
        ("rusgov", "actor.grammar"),
        ("RUSGOVMILCOPJUDSPY", "actor.grammar"),
        ("GOVRUS", "actor.bad_root"),
        ("QQQ", "actor.bad_root"),
        ("RUSQQQ", "actor.bad_atom"),
    ],
)
def test_invalid_actor_codes_name_their_rule(code: str, rule: str) -> None:
    problem = actor_code_problem(code)
    assert problem is not None and problem[0] == rule


def test_countries_come_from_pycountry_and_roles_from_the_data_file() -> None:
    atoms = load_atoms()
    assert len([a for a in atoms.values() if any(x.kind == "country" for x in a)]) >= 249
    kinds = {x.kind for entries in atoms.values() for x in entries}
    assert {
        "region",
        "role_primary",
        "role_secondary",
        "international",
        "organisation",
        "religion",
    } <= kinds
    assert sum(1 for entries in atoms.values() for x in entries if x.kind == "region") == 25


def test_every_code_in_the_coder_dictionaries_obeys_the_grammar() -> None:
    from pathlib import Path

    import yaml

    folder = Path(__file__).resolve().parents[2] / "src/cameo_events/coder/data/actors"
    codes = set()
    for path in folder.glob("*.yaml"):
        for entry in yaml.safe_load(path.read_text("utf-8")):
            codes.update([entry["code"]] if "code" in entry else [])
            codes.update(term["code"] for term in entry.get("terms") or [])
    assert len(codes) > 500
    assert {code: actor_code_problem(code) for code in codes if actor_code_problem(code)} == {}
