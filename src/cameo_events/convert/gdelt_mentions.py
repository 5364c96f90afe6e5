"""GDELT 2.0 mentions rows -> events: one event per article that mentions a GDELT event.

A mention row names an event (GLOBALEVENTID), the article that mentions it
(MentionIdentifier), the sentence (SentenceID) and GDELT's confidence. It
carries no code or actors, so it is joined to its event row, which must be
among the files converted; the mention's event copies the event's date,
actors, code and place, and points at the mentioning article. Its
``pattern_id`` is ``gdelt-mention:<GLOBALEVENTID>`` and its confidence is
GDELT's Confidence / 100.

Examples
--------
>>> from cameo_events.convert.gdelt_mentions import language_of
>>> language_of("srclc:spa;eng:GT-SPA 1.0"), language_of("")
('es', 'en')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pycountry

from cameo_events.convert.gdelt import parse_gdelt_date
from cameo_events.convert.gdelt_layout import LAYOUTS
from cameo_events.convert.reading import Line
from cameo_events.convert.records import (
    Outcome,
    RowContext,
    build_event,
    imported_event_id,
    reference_document,
)
from cameo_events.findings import Report
from cameo_events.schema import Event

__all__ = ["convert_mention", "judge_mention", "language_of"]

_INDEX = LAYOUTS[16].index
_MAX_SENTENCE = 65535
_MENTION_TYPES = {"1", "2", "3", "4", "5", "6"}


def language_of(translation_info: str) -> str:
    """ISO 639-1 language of a mentioning article: ``srclc:`` of the translation info, else English."""
    for part in translation_info.split(";"):
        if part.startswith("srclc:"):
            language = pycountry.languages.get(alpha_3=part[6:].strip())
            code = getattr(language, "alpha_2", None) if language else None
            if code:
                return str(code)
    return "en"


def _int(value: str) -> int | None:
    try:
        return int(value)
    except ValueError:
        return None


def judge_mention(ctx: RowContext, fields: Sequence[str]) -> None:
    """Findings about a mention row on its own (no join needed)."""
    confidence = _int(fields[_INDEX["Confidence"]])
    if confidence is None or not 0 <= confidence <= 100:
        ctx.find(
            "gdelt.mention_fields",
            "Confidence",
            repr(fields[_INDEX["Confidence"]]),
            expected="0..100",
            detail="a percentage",
        )
    if fields[_INDEX["MentionType"]] not in _MENTION_TYPES:
        ctx.find(
            "gdelt.mention_fields",
            "MentionType",
            repr(fields[_INDEX["MentionType"]]),
            expected="1..6",
            detail="GDELT's source collections",
        )
    length = _int(fields[_INDEX["MentionDocLen"]])
    for name in ("Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset"):
        offset = _int(fields[_INDEX[name]])
        # -1 is GDELT's "not found in this article".
        if offset is None or offset < -1 or (length is not None and offset > length):
            ctx.find(
                "gdelt.mention_fields",
                name,
                repr(fields[_INDEX[name]]),
                expected=f"-1..MentionDocLen ({length})",
                detail="an offset into the article",
            )


def convert_mention(
    line: Line, fields: Sequence[str], events: Mapping[str, Event], report: Report
) -> Outcome:
    """Convert one mention row, joined to its event in ``events`` (GLOBALEVENTID -> event)."""
    ctx = RowContext(line.label, line.row, report)
    judge_mention(ctx, fields)
    global_id = fields[_INDEX["GLOBALEVENTID"]].strip()
    event = events.get(global_id)
    if event is None:
        return ctx.reject("gdelt.mention_join", "GLOBALEVENTID", global_id)
    mentioned = parse_gdelt_date(fields[_INDEX["MentionTimeDate"]])
    if mentioned is None:
        return ctx.reject(
            "gdelt.date",
            "MentionTimeDate",
            fields[_INDEX["MentionTimeDate"]],
            expected="YYYYMMDDHHMMSS",
        )
    identifier = fields[_INDEX["MentionIdentifier"]].strip()
    if not identifier:
        return ctx.reject("gdelt.required", "MentionIdentifier", "")
    document = reference_document(
        corpus="gdelt-2.0-mentions",
        dataset="GDELT 2.0 mention",
        key=identifier,
        published=mentioned,
        publisher=fields[_INDEX["MentionSourceName"]].strip(),
        title=identifier,
        language=language_of(fields[_INDEX["MentionDocTranslationInfo"]]),
        licence="GDELT Project terms: unrestricted use with citation of the GDELT Project",
    )
    sentence = _int(fields[_INDEX["SentenceID"]])
    confidence = _int(fields[_INDEX["Confidence"]])
    # The mention's event is its event row's, told by another article.
    built = build_event(
        ctx,
        event_id=imported_event_id("gdelt-mention", global_id, fields),
        doc_id=document.doc_id,
        # GDELT counts sentences from 1; ours from 0.
        sentence_index=min(max((sentence or 1) - 1, 0), _MAX_SENTENCE),
        event_date=event.event_date,
        date_granularity=event.date_granularity,
        cameo_code=event.cameo_code,
        source_actor=event.source_actor,
        target_actor=event.target_actor,
        place=event.place,
        place_country=event.place_country,
        latitude=event.latitude,
        longitude=event.longitude,
        confidence=confidence / 100 if confidence is not None and 0 <= confidence <= 100 else 1.0,
        pattern_id=f"gdelt-mention:{global_id}",
        coding_method="imported",
        coder_version=event.coder_version,
    )
    if isinstance(built, Outcome):
        return built
    return Outcome(line.label, line.row, event=built, document=document)
