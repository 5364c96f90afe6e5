"""Event dates: find date phrases in a text and resolve them against the publication date.

Phrases are found with one precompiled regular expression over the document (cheap), and
only a phrase that was found is resolved: relative phrases ("yesterday", "the previous
day", "earlier this month", "on Monday") by our own rules, absolute ones ("on 20
December", "January 5, 2025") by ``dateparser`` anchored on the publication date.
An event with no phrase takes the publication date, granularity ``day``, phrase ``None``.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["DatePhrase", "ResolvedDate", "find_date_phrases", "resolve_date"]

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_MONTH_ABBR = r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
_NUM = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}  # fmt: skip

_RELATIVE = {
    "today": (0, "day"),
    "tonight": (0, "day"),
    "this morning": (0, "day"),
    "this afternoon": (0, "day"),
    "this evening": (0, "day"),
    "earlier today": (0, "day"),
    "yesterday": (-1, "day"),
    "last night": (-1, "day"),
    "overnight": (0, "day"),
    "the previous day": (-1, "day"),
    "the day before": (-1, "day"),
    "a day earlier": (-1, "day"),
    "the previous night": (-1, "day"),
    "tomorrow": (1, "day"),
    "the next day": (1, "day"),
    "the following day": (1, "day"),
}

_PATTERN = re.compile(
    r"\b(?:"
    r"(?P<rel>" + "|".join(sorted((re.escape(k) for k in _RELATIVE), key=len, reverse=True)) + r")"
    r"|(?P<period>(?:earlier|later) this (?:week|month|year)|(?:last|next|this|past) "
    r"(?:week|month|year)|the (?:previous|following) (?:week|month|year))"
    r"|(?P<ago>(?:\d+|" + "|".join(_NUM) + r") (?:days?|weeks?|months?|years?) ago)"
    r"|(?P<mdy>(?:" + _MONTHS + "|" + _MONTH_ABBR + r")\.? \d{1,2}(?:st|nd|rd|th)?(?:,? \d{4})?)"
    r"|(?P<dmy>\d{1,2}(?:st|nd|rd|th)? (?:of )?(?:" + _MONTHS + r")(?:,? \d{4})?)"
    r"|(?P<wd>(?:(?:last|this|next|on|since) )?(?:" + "|".join(_WEEKDAYS) + r")"
    r"(?: (?:morning|afternoon|evening|night))?)"
    r"|(?P<month>in (?:early |mid-|late )?(?:" + _MONTHS + r")(?: \d{4})?)"
    r"|(?P<year>in (?:19|20)\d{2})"
    r")\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DatePhrase:
    """A date phrase found in the text: its kind, words and character span."""

    kind: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class ResolvedDate:
    """A resolved event date with its granularity."""

    date: datetime.date
    granularity: str


def find_date_phrases(text: str) -> list[DatePhrase]:
    """Find date phrases in ``text``, in order.

    Examples
    --------
    >>> [(p.kind, p.text) for p in find_date_phrases("Troops left on Monday, a day earlier.")]
    [('wd', 'on Monday'), ('rel', 'a day earlier')]
    """
    out = []
    for m in _PATTERN.finditer(text):
        kind = m.lastgroup or ""
        out.append(DatePhrase(kind, m.group(0), m.start(), m.end()))
    return out


def _shift_months(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def _period(text: str, published: datetime.date) -> ResolvedDate:
    words = text.lower().split()
    unit = words[-1]
    step = 0
    if words[0] in {"last", "past", "previous"} or words[1:2] == ["previous"]:
        step = -1
    elif words[0] == "next" or words[1:2] == ["following"]:
        step = 1
    if unit == "week":
        monday = published - datetime.timedelta(days=published.weekday())
        return ResolvedDate(monday + datetime.timedelta(weeks=step), "week")
    if unit == "month":
        return ResolvedDate(_shift_months(published, step), "month")
    return ResolvedDate(datetime.date(published.year + step, 1, 1), "year")


def _ago(text: str, published: datetime.date) -> ResolvedDate:
    amount_word, unit = text.lower().split()[:2]
    amount = int(amount_word) if amount_word.isdigit() else _NUM[amount_word]
    unit = unit.rstrip("s")
    if unit == "day":
        return ResolvedDate(published - datetime.timedelta(days=amount), "day")
    if unit == "week":
        return ResolvedDate(published - datetime.timedelta(weeks=amount), "week")
    if unit == "month":
        return ResolvedDate(_shift_months(published, -amount), "month")
    return ResolvedDate(datetime.date(published.year - amount, 1, 1), "year")


def _weekday(text: str, published: datetime.date, future: bool) -> ResolvedDate:
    words = text.lower().split()
    target = next(_WEEKDAYS.index(w) for w in words if w in _WEEKDAYS)
    delta = (target - published.weekday()) % 7
    if words[0] == "next":
        return ResolvedDate(published + datetime.timedelta(days=delta or 7), "day")
    if future and words[0] != "last":
        # A future event falls on the next such day, the publication day included ("will
        # meet on Monday" written on a Monday is that day).
        return ResolvedDate(published + datetime.timedelta(days=delta), "day")
    if words[0] == "last":
        return ResolvedDate(published - datetime.timedelta(days=(7 - delta) % 7 or 7), "day")
    # Past and present tense: the latest such day up to the publication date.
    return ResolvedDate(published - datetime.timedelta(days=(7 - delta) % 7), "day")


@lru_cache(maxsize=4096)
def _dateparser(text: str, published: datetime.date, future: bool) -> datetime.date | None:
    import dateparser  # imported late: ~0.3 s, and only texts with absolute dates need it

    settings = {
        "RELATIVE_BASE": datetime.datetime.combine(published, datetime.time()),
        "PREFER_DATES_FROM": "future" if future else "past",
        "REQUIRE_PARTS": ["month"],
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    return parsed.date() if parsed is not None else None


def resolve_date(
    phrase: DatePhrase, published: datetime.date, *, future: bool = False
) -> ResolvedDate | None:
    """Resolve ``phrase`` against the publication date.

    ``future`` says the clause is about the future (modal "will", "next"), which decides
    whether a bare weekday or month lies before or after the publication date.

    Examples
    --------
    >>> pub = datetime.date(2025, 3, 12)  # a Wednesday
    >>> resolve_date(DatePhrase("wd", "on Monday", 0, 9), pub)
    ResolvedDate(date=datetime.date(2025, 3, 10), granularity='day')
    >>> resolve_date(DatePhrase("wd", "on Monday", 0, 9), pub, future=True).date
    datetime.date(2025, 3, 17)
    >>> resolve_date(DatePhrase("rel", "the previous day", 0, 16), pub).date
    datetime.date(2025, 3, 11)
    """
    text = phrase.text.lower()
    if phrase.kind == "rel":
        offset, granularity = _RELATIVE[text]
        return ResolvedDate(published + datetime.timedelta(days=offset), granularity)
    if phrase.kind == "period":
        return _period(text, published)
    if phrase.kind == "ago":
        return _ago(text, published)
    if phrase.kind == "wd":
        return _weekday(text, published, future)
    if phrase.kind == "year":
        return ResolvedDate(datetime.date(int(text.split()[-1]), 1, 1), "year")
    words = text.removeprefix("in ").replace("early ", "").replace("mid-", "").replace("late ", "")
    day = _dateparser(words.removeprefix("on ").strip(), published, future)
    if day is None:
        return None
    if phrase.kind == "month":
        return ResolvedDate(day.replace(day=1), "month")
    return ResolvedDate(day, "day")
