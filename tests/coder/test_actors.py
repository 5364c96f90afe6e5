"""Actor dictionaries: loading, token matching and noun-phrase composition."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from cameo_events.coder import Coder
from cameo_events.coder.actors import ActorEntry, Term, load_actor_dictionary
from tests.coder.conftest import DATA, PUBLISHED, triples


def _names(coder: Coder, text: str) -> list[tuple[str, str, str]]:
    doc = coder.nlp(text)
    found = coder.actors.match(
        [t.text for t in doc], [t.lower_ for t in doc], [t.lemma_ for t in doc]
    )
    return [(doc[m.start : m.end].text, m.entry.kind, m.entry.code) for m in found]


def test_longest_match_wins(tiny_coder: Coder) -> None:
    found = _names(tiny_coder, "The Russian Federation sent border police.")
    assert ("Russian Federation", "country", "RUS") in found
    assert ("border police", "role", "COP") in found
    assert not any(name == "Russian" for name, _, _ in found)


def test_names_are_case_sensitive_roles_are_not(tiny_coder: Coder) -> None:
    assert _names(tiny_coder, "They chad the ballots.") == []
    assert _names(tiny_coder, "Chad protests.") == [("Chad", "country", "TCD")]
    assert _names(tiny_coder, "POLICE arrived.") == [("POLICE", "role", "COP")]


def test_role_words_match_by_lemma(tiny_coder: Coder) -> None:
    assert ("soldiers", "role", "MIL") in _names(tiny_coder, "Two soldiers died.")


def test_stop_phrases_block_roles(tiny_coder: Coder) -> None:
    events = tiny_coder.code_text("A general strike in Russia attacked Ukraine.", PUBLISHED)
    assert all(not e.source.endswith("MIL") and e.source != "RUSGOV" for e in events)


def test_person_code_follows_the_date() -> None:
    entry = ActorEntry(
        "person",
        "",
        "Ivan Petrov",
        (
            Term("RUS", datetime.date(2010, 1, 1), datetime.date(2024, 5, 1)),
            Term("RUSGOV", datetime.date(2024, 5, 1), None),
        ),
    )
    assert entry.person_code(datetime.date(2024, 4, 30)) == "RUS"
    assert entry.person_code(datetime.date(2024, 5, 1)) == "RUSGOV"  # end is exclusive
    assert entry.person_code(datetime.date(2009, 1, 1)) == ""  # outside every term


def test_office_holder_by_document_date(tiny_coder: Coder) -> None:
    text = "Ivan Petrov criticized Ukraine."
    before = tiny_coder.code_text(text, datetime.date(2023, 6, 1))
    after = tiny_coder.code_text(text, datetime.date(2025, 6, 1))
    assert triples(before) == [("RUS", "111", "UKR")]
    assert triples(after) == [("RUSGOV", "111", "UKR")]


def test_adjective_and_role_compose(tiny_coder: Coder) -> None:
    events = tiny_coder.code_text("Russian troops attacked Ukraine's army.", PUBLISHED)
    assert triples(events) == [("RUSMIL", "190", "UKRMIL")]


def test_seat_is_government_as_source_country_as_target(tiny_coder: Coder) -> None:
    events = tiny_coder.code_text("The Kremlin criticized Kyiv.", PUBLISHED)
    assert triples(events) == [("RUSGOV", "111", "UKR")]


def test_place_is_never_a_source(tiny_coder: Coder) -> None:
    assert tiny_coder.code_text("Belgorod attacked Ukraine.", PUBLISHED) == []
    assert triples(tiny_coder.code_text("Ukraine attacked Belgorod.", PUBLISHED)) == [
        ("UKR", "190", "RUS")
    ]


def test_demonyms_are_civilians(tiny_coder: Coder) -> None:
    events = tiny_coder.code_text("Russian soldiers detained 20 Ukrainians.", PUBLISHED)
    assert triples(events) == [("RUSMIL", "173", "UKRCVL")]


def test_organisations_and_armed_groups(tiny_coder: Coder) -> None:
    events = tiny_coder.code_text("The United Nations condemned Hamas.", PUBLISHED)
    assert triples(events) == [("IGOUNO", "111", "PSEREB")]


def test_bad_code_names_file_and_record(tmp_path: Path) -> None:
    (tmp_path / "countries.yaml").write_text("- code: Rus\n  names: [Russia]\n")
    with pytest.raises(ValueError, match=r"countries.yaml record 1.*'Rus'"):
        load_actor_dictionary(str.split, tmp_path)


def test_missing_files_are_empty(tmp_path: Path) -> None:
    assert load_actor_dictionary(str.split, tmp_path).size == 0
    assert load_actor_dictionary(str.split, DATA / "actors").size > 10


def test_islamic_state_is_transnational_unless_its_own_phrase_names_a_country(
    tiny_coder: Coder,
) -> None:
    named = tiny_coder.code_text("The UN condemned the Islamic State.", PUBLISHED)
    abroad = tiny_coder.code_text(
        "Chadian soldiers attacked Islamic State fighters in Chad.", PUBLISHED
    )
    assert triples(named) == [("IGOUNO", "111", "IMGREB")]  # no country given
    # where the fight happens is not the group's nationality (guidelines 1.0)
    assert triples(abroad) == [("TCDMIL", "190", "IMGREB")]


def test_unnamed_people_are_victims_not_sources(tiny_coder: Coder) -> None:
    assert tiny_coder.code_text("In Russia, gunmen attacked the police.", PUBLISHED) == []
    events = tiny_coder.code_text("In Russia, police detained two men.", PUBLISHED)
    assert triples(events) == [("RUSCOP", "173", "RUSCVL")]
