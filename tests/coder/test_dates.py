"""Event dates resolved against the publication date."""

from __future__ import annotations

import datetime

import pytest

from cameo_events.coder import Coder
from cameo_events.coder.dates import DatePhrase, find_date_phrases, resolve_date
from tests.coder.conftest import PUBLISHED

WEDNESDAY = datetime.date(2025, 3, 12)


def _resolve(text: str, published: datetime.date = WEDNESDAY, future: bool = False):
    (phrase,) = find_date_phrases(text)
    resolved = resolve_date(phrase, published, future=future)
    assert resolved is not None
    return resolved.date, resolved.granularity


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the previous day", (datetime.date(2025, 3, 11), "day")),
        ("yesterday", (datetime.date(2025, 3, 11), "day")),
        ("on Monday", (datetime.date(2025, 3, 10), "day")),
        ("on Wednesday", (WEDNESDAY, "day")),  # same weekday, past tense: that day
        ("last Wednesday", (datetime.date(2025, 3, 5), "day")),
        ("earlier this month", (datetime.date(2025, 3, 1), "month")),
        ("last week", (datetime.date(2025, 3, 3), "week")),
        ("last year", (datetime.date(2024, 1, 1), "year")),
        ("three days ago", (datetime.date(2025, 3, 9), "day")),
        ("in 2023", (datetime.date(2023, 1, 1), "year")),
        ("on March 3", (datetime.date(2025, 3, 3), "day")),
        ("in January", (datetime.date(2025, 1, 1), "month")),
    ],
)
def test_past_phrases(text: str, expected: tuple[datetime.date, str]) -> None:
    assert _resolve(text) == expected


def test_weekday_in_the_future_is_after_publication() -> None:
    assert _resolve("on Monday", future=True) == (datetime.date(2025, 3, 17), "day")
    assert _resolve("next Monday") == (datetime.date(2025, 3, 17), "day")


def test_absolute_date_across_the_year_boundary() -> None:
    assert _resolve("on December 20", datetime.date(2025, 1, 6)) == (
        datetime.date(2024, 12, 20),
        "day",
    )


def test_unparseable_phrase_gives_none() -> None:
    assert resolve_date(DatePhrase("mdy", "Feb 31", 0, 6), WEDNESDAY) is None


def test_no_phrase_no_match() -> None:
    assert find_date_phrases("Troops attacked the town after talks.") == []


def test_event_takes_the_phrase_of_its_sentence(coder: Coder) -> None:
    text = "Russia attacked Ukraine the previous day. Egypt condemned Israel."
    first, second = coder.code_text(text, PUBLISHED)
    assert first.event_date == datetime.date(2025, 3, 11)
    assert first.date_phrase == "the previous day"
    assert text[slice(*first.date_span)] == "the previous day"
    assert (second.event_date, second.date_phrase, second.date_span) == (PUBLISHED, None, None)


def test_tense_decides_the_weekday(coder: Coder) -> None:
    (past,) = coder.code_text("Russia attacked Ukraine on Monday.", PUBLISHED)
    future = coder.code_text("Iran will meet Egypt on Monday.", PUBLISHED)[0]
    assert past.event_date == datetime.date(2025, 3, 10)
    assert future.event_date == datetime.date(2025, 3, 17)
    assert future.date_granularity == "day"


def test_a_past_event_is_never_dated_after_publication(coder: Coder) -> None:
    # "tomorrow" cannot date something that already happened: the publication date does
    (event,) = coder.code_text("Egypt condemned Israel, a day before tomorrow's vote.", WEDNESDAY)
    assert not event.hypothetical and event.event_date <= WEDNESDAY
    (event,) = coder.code_text("Egypt condemned Israel on 5 June 2027.", WEDNESDAY)
    assert event.event_date == WEDNESDAY


def test_a_planned_event_may_be_dated_later(coder: Coder) -> None:
    (event,) = coder.code_text("Egypt will meet Israel on 5 June 2027.", WEDNESDAY)
    assert event.hypothetical and event.event_date == datetime.date(2027, 6, 5)


def test_a_planned_event_on_the_publication_weekday_is_that_day() -> None:
    assert _resolve("on Wednesday", future=True) == (WEDNESDAY, "day")
    assert _resolve("next Wednesday", future=True) == (datetime.date(2025, 3, 19), "day")


def test_a_bare_day_just_after_publication_is_not_last_year(coder: Coder) -> None:
    published = datetime.date(2026, 4, 14)
    events = coder.code_text("Russia and Ukraine agree to a ceasefire from April 15.", published)
    assert events and all(e.event_date.year == 2026 for e in events)
