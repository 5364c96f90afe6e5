"""Event places from prepositional place phrases."""

from __future__ import annotations

import pytest

from cameo_events.coder import Coder
from cameo_events.coder.places import Gazetteer
from tests.coder.conftest import PUBLISHED


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer()


def test_lookup_by_population_and_hint(gazetteer: Gazetteer) -> None:
    riyadh = gazetteer.lookup("Riyadh")
    assert riyadh is not None and riyadh.country == "SAU"
    assert riyadh.latitude == pytest.approx(24.69, abs=0.1)
    paris = gazetteer.lookup("Paris")
    assert paris is not None and paris.country == "FRA"  # the biggest Paris
    paris_us = gazetteer.lookup("Paris", {"USA"})
    assert paris_us is not None and paris_us.country == "USA"
    assert gazetteer.lookup("Nowhereville") is None


def test_country_has_no_coordinates(gazetteer: Gazetteer) -> None:
    ukraine = gazetteer.lookup("Ukraine")
    assert ukraine is not None and ukraine.country == "UKR" and ukraine.latitude is None


def test_event_place_from_in_phrase(coder: Coder) -> None:
    (event,) = coder.code_text("Saudi Arabia hosted Iran in Riyadh.", PUBLISHED)
    assert (event.place, event.place_country) == ("Riyadh", "SAU")
    assert event.latitude is not None and event.longitude is not None


def test_no_place_without_preposition(coder: Coder) -> None:
    (event,) = coder.code_text("Russia attacked Kharkiv.", PUBLISHED)
    assert event.place is None and event.latitude is None


def test_following_country_decides_ambiguous_city(coder: Coder) -> None:
    (event,) = coder.code_text("Police arrested protesters in Paris, Texas.", PUBLISHED)
    assert event.place_country == "USA"
