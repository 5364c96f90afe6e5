"""Event dates come from phrases attached to the event, never from names or history."""

from __future__ import annotations

import datetime

from cameo_events.coder import Coder

PUB = datetime.date(2025, 3, 12)  # a Wednesday


def _dates(coder: Coder, text: str) -> list[tuple[str, str, datetime.date, str | None]]:
    return [(e.source, e.code, e.event_date, e.date_phrase) for e in coder.code_text(text, PUB)]


def test_attached_weekday_and_day_phrases_date_the_event(coder: Coder) -> None:
    assert {d for *_, d, _ in _dates(coder, "Israel strikes Hezbollah in Lebanon on Monday.")} == {
        datetime.date(2025, 3, 10)
    }
    assert {d for *_, d, _ in _dates(coder, "Yesterday, Putin met Xi in Beijing.")} == {
        datetime.date(2025, 3, 11)
    }


def test_a_date_inside_a_name_is_not_a_date(coder: Coder) -> None:
    events = _dates(
        coder, "The March 23 Movement seizes the town of Bunagana from Congolese troops."
    )
    assert events, "the seizure itself is still coded"
    assert all(day == PUB and phrase is None for *_, day, phrase in events)


def test_a_year_of_another_clause_does_not_date_the_news(coder: Coder) -> None:
    events = _dates(
        coder, "Ukraine and Russia exchange prisoners for the first time since talks in 2024."
    )
    assert all(day.year == 2025 for *_, day, _ in events)


def test_background_history_in_a_relative_clause_is_not_coded(coder: Coder) -> None:
    events = _dates(coder, "Russia, which annexed Crimea in 2014, launches missiles at Kyiv.")
    assert events and all(day == PUB for *_, day, _ in events)
    assert all(code[:2] != "19" or day.year == 2025 for _, code, day, _ in events)
