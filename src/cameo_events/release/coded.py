"""Code documents with the automatic coder and turn its output into :class:`Event` records."""

from __future__ import annotations

from collections.abc import Callable

from cameo_events.schema import Document, Event, load_codebook, make_event_id
from cameo_events.schema.actors import actor_country

__all__ = ["code_documents"]


def code_documents(
    documents: list[Document],
    *,
    n_process: int = 1,
    progress: Callable[[str], None] = lambda message: None,
) -> tuple[list[Event], str, str]:
    """Code every document; return the events, the coder version and the dictionary version.

    Negated events are never released: the coder flags them and this is where
    they stop, so a count of events is a count of things that happened.
    """
    from cameo_events.coder import CODER_VERSION, code_texts, dictionary_version

    book = load_codebook()
    dictionary = dictionary_version()
    by_id = {d.doc_id: d for d in documents}
    items = ((d.doc_id, d.text, d.published) for d in documents)
    events: list[Event] = []
    for done, (doc_id, coded) in enumerate(code_texts(items, n_process=n_process), 1):
        doc = by_id[doc_id]
        for c in coded:
            if c.negated:
                continue
            entry = book[c.code]
            events.append(
                Event(
                    event_id=make_event_id(
                        doc_id, c.sentence_index, (c.source, c.source_span[0]), (c.target, c.target_span[0]),
                        c.code, c.trigger_span,
                    ),  # fmt: skip
                    doc_id=doc_id,
                    sentence_index=c.sentence_index,
                    event_date=c.event_date,
                    date_granularity=c.date_granularity,  # type: ignore[arg-type]
                    date_phrase=c.date_phrase,
                    source_actor=c.source,
                    source_country=actor_country(c.source),
                    source_text=doc.text[slice(*c.source_span)],
                    source_start=c.source_span[0],
                    source_end=c.source_span[1],
                    target_actor=c.target,
                    target_country=actor_country(c.target),
                    target_text=doc.text[slice(*c.target_span)],
                    target_start=c.target_span[0],
                    target_end=c.target_span[1],
                    cameo_code=c.code,
                    base_code=c.code[:3],
                    root_code=c.code[:2],
                    quad_class=entry.quad_class,
                    goldstein=entry.goldstein,
                    trigger_text=doc.text[slice(*c.trigger_span)],
                    trigger_start=c.trigger_span[0],
                    trigger_end=c.trigger_span[1],
                    place=c.place,
                    place_country=c.place_country,
                    latitude=c.latitude,
                    longitude=c.longitude,
                    negated=False,
                    hypothetical=c.hypothetical,
                    reported=c.reported,
                    confidence=c.confidence,
                    pattern_id=c.pattern_id,
                    coding_method="coder",
                    coder_version=CODER_VERSION,
                    dictionary_version=dictionary,
                )
            )
        if done % 500 == 0:
            progress(f"coded {done}/{len(documents)} documents, {len(events)} events")
    return events, CODER_VERSION, dictionary
