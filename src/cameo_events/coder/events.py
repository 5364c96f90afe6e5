"""The record the coder emits for each event it finds."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

__all__ = ["CodedEvent"]


@dataclass(frozen=True)
class CodedEvent:
    """One coded event: who did what to whom, when and where, and why it was coded.

    All spans are ``[start, end)`` character offsets into the *document* text.

    ``confidence`` is a heuristic in 0..1: it starts from the pattern's own weight (1.0 for a
    verb with both actors in its argument slots), and is lowered for actors found outside the
    verb's arguments, for noun triggers, for statement codes inferred from "said" and for
    dependency paths that cross a clause boundary. It ranks events; it is not a probability.

    Examples
    --------
    >>> import datetime
    >>> e = CodedEvent(0, "RUS", "Russia", (0, 6), "UKR", "Ukraine", (16, 23), "190",
    ...                "attacked", (7, 15), "attack.v", datetime.date(2025, 1, 2), "day",
    ...                None, None, None, None, None, None, False, False, False, 1.0)
    >>> e.root_code
    '19'
    """

    sentence_index: int
    source: str
    source_text: str
    source_span: tuple[int, int]
    target: str
    target_text: str
    target_span: tuple[int, int]
    code: str
    trigger_text: str
    trigger_span: tuple[int, int]
    pattern_id: str
    event_date: datetime.date
    date_granularity: str
    date_phrase: str | None
    date_span: tuple[int, int] | None
    place: str | None
    place_country: str | None
    latitude: float | None
    longitude: float | None
    negated: bool
    hypothetical: bool
    reported: bool
    confidence: float

    @property
    def root_code(self) -> str:
        """The two-digit CAMEO root of :attr:`code`."""
        return self.code[:2]
