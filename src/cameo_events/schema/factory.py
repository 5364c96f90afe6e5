"""The one Event factory: the only place an event's derived fields are computed.

Every producer of events (the automatic coder through
:func:`cameo_events.coding.to_event`, the gold reader, every converter) gives
what it *knows* (document, sentence, date, actors, code, spans, provenance)
and :func:`make_event` derives the rest:

- ``base_code``, ``root_code``, ``quad_class`` and ``goldstein`` from the code
  through the codebook;
- ``source_country`` and ``target_country`` from the actor codes;
- ``source_text``, ``target_text`` and ``trigger_text`` from the spans in the
  document text;
- ``event_id`` from document, sentence, actors, code and trigger span
  (:func:`~cameo_events.schema.models.make_event_id`), unless the producer
  has its own stable id (imported rows).

A new field of :class:`~cameo_events.schema.Event` is one field in
``models.py``; if it is derived, one line here.

Examples
--------
>>> import datetime
>>> text = "Lavrov will meet Rubio in Riyadh."
>>> event = make_event(
...     doc_id="1" * 20, sentence_index=0, event_date=datetime.date(2025, 2, 18),
...     cameo_code="036", source_actor="RUSGOV", target_actor="USAGOV", text=text,
...     source_span=(0, 6), target_span=(17, 22), trigger_span=(7, 16),
...     coding_method="gold", coder_version="gold", pattern_id="gold",
... )
>>> event.root_code, event.quad_class, event.source_country, event.trigger_text
('03', 1, 'RUS', 'will meet')
"""

from __future__ import annotations

import datetime
from typing import Literal

from cameo_events.schema.actors import actor_country
from cameo_events.schema.codebook import packaged_codebook
from cameo_events.schema.models import Event, make_event_id

__all__ = ["Span", "make_event"]

#: ``(start, end)`` character offsets into the document text, end exclusive.
Span = tuple[int, int]


def _text(text: str | None, span: Span | None) -> str | None:
    return None if text is None or span is None else text[span[0] : span[1]]


def make_event(
    *,
    doc_id: str,
    sentence_index: int,
    event_date: datetime.date,
    cameo_code: str,
    source_actor: str | None,
    target_actor: str | None,
    coding_method: Literal["gold", "coder", "imported"],
    coder_version: str,
    pattern_id: str,
    text: str | None = None,
    source_span: Span | None = None,
    target_span: Span | None = None,
    trigger_span: Span | None = None,
    event_id: str | None = None,
    date_granularity: Literal["day", "week", "month", "year"] = "day",
    date_phrase: str | None = None,
    place: str | None = None,
    place_country: str | None = None,
    latitude: float | None = None,
    longitude: float | None = None,
    negated: bool = False,
    hypothetical: bool = False,
    reported: bool = False,
    confidence: float = 1.0,
    dictionary_version: str | None = None,
) -> Event:
    """A validated :class:`~cameo_events.schema.Event`, its derived fields computed here.

    Parameters
    ----------
    text
        The document text the spans point into (None for imported rows,
        which keep no text: their spans and span texts stay null).
    source_span, target_span, trigger_span
        Offsets into ``text`` of the words that name the actors and the action.
    event_id
        The producer's own stable id; by default the hash of document,
        sentence, actors (with their start offsets), code and trigger span.

    Raises
    ------
    pydantic.ValidationError
        The record breaks a rule of the schema; every error's ``type`` is the
        rule id (``code.unknown``, ``span.bounds``, ...).
    """
    book = packaged_codebook()
    entry = book.get(cameo_code)
    if event_id is None:
        event_id = make_event_id(
            doc_id,
            sentence_index,
            (source_actor or "", (source_span or (0, 0))[0]),
            (target_actor or "", (target_span or (0, 0))[0]),
            cameo_code,
            trigger_span or (0, 0),
        )
    source, target, trigger = (
        source_span or (None, None),
        target_span or (None, None),
        trigger_span or (None, None),
    )
    return Event(
        event_id=event_id,
        doc_id=doc_id,
        sentence_index=sentence_index,
        event_date=event_date,
        date_granularity=date_granularity,
        date_phrase=date_phrase,
        source_actor=source_actor,
        source_country=actor_country(source_actor) if source_actor else None,
        source_text=_text(text, source_span),
        source_start=source[0],
        source_end=source[1],
        target_actor=target_actor,
        target_country=actor_country(target_actor) if target_actor else None,
        target_text=_text(text, target_span),
        target_start=target[0],
        target_end=target[1],
        cameo_code=cameo_code,
        base_code=cameo_code[:3],
        root_code=cameo_code[:2],
        # An unknown code fails as code.unknown before these placeholders are compared.
        quad_class=entry.quad_class if entry else 1,
        goldstein=entry.goldstein if entry else 0.0,
        trigger_text=_text(text, trigger_span),
        trigger_start=trigger[0],
        trigger_end=trigger[1],
        place=place,
        place_country=place_country,
        latitude=latitude,
        longitude=longitude,
        negated=negated,
        hypothetical=hypothetical,
        reported=reported,
        confidence=confidence,
        pattern_id=pattern_id,
        coding_method=coding_method,
        coder_version=coder_version,
        dictionary_version=dictionary_version,
    )
