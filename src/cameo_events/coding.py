"""Code text with the automatic coder and turn its output into :class:`Event` records.

This is the seam between the coder (which knows spaCy and dictionaries) and
the schema (which knows records): the release builder and the ``code``
command both go through it.

Examples
--------
>>> lines = ['{"id": "a", "text": "Russia attacked Ukraine.", "published": "2025-03-01"}']
>>> for line in code_lines(lines, fmt="triples"):  # doctest: +SKIP
...     print(line)
{"id": "a", "source": "RUS", "target": "UKR", "code": "190", "date": "2025-03-01"}
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Literal

from cameo_events.documents import normalise_text
from cameo_events.errors import DataError
from cameo_events.schema import Document, Event, make_doc_id, make_event

if TYPE_CHECKING:
    from cameo_events.coder import CodedEvent, Coder

__all__ = ["CodeRequestError", "code_documents", "code_lines", "to_event"]


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

    dictionary = dictionary_version()
    by_id = {d.doc_id: d for d in documents}
    items = ((d.doc_id, d.text, d.published) for d in documents)
    events: list[Event] = []
    for done, (doc_id, coded) in enumerate(code_texts(items, n_process=n_process), 1):
        doc = by_id[doc_id]
        for c in coded:
            if c.negated:
                continue
            events.append(to_event(doc_id, doc.text, c, dictionary))
        if done % 500 == 0:
            progress(f"coded {done}/{len(documents)} documents, {len(events)} events")
    return events, CODER_VERSION, dictionary


def to_event(doc_id: str, text: str, c: CodedEvent, dictionary: str) -> Event:
    """The :class:`Event` record of one coded event of the document ``text``."""
    from cameo_events.coder import CODER_VERSION

    return make_event(
        doc_id=doc_id,
        sentence_index=c.sentence_index,
        event_date=c.event_date,
        cameo_code=c.code,
        source_actor=c.source,
        target_actor=c.target,
        text=text,
        source_span=c.source_span,
        target_span=c.target_span,
        trigger_span=c.trigger_span,
        date_granularity=c.date_granularity,  # type: ignore[arg-type]
        date_phrase=c.date_phrase,
        place=c.place,
        place_country=c.place_country,
        latitude=c.latitude,
        longitude=c.longitude,
        hypothetical=c.hypothetical,
        reported=c.reported,
        confidence=c.confidence,
        pattern_id=c.pattern_id,
        coding_method="coder",
        coder_version=CODER_VERSION,
        dictionary_version=dictionary,
    )


class CodeRequestError(DataError):
    """A line of ``cameo-events code`` input that cannot be coded."""


def _request(number: int, line: str) -> tuple[str, str, datetime.date]:
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        raise CodeRequestError(f"line {number}: not JSON ({exc.msg})") from None
    if not isinstance(item, dict):
        raise CodeRequestError(f"line {number}: expected an object with id, text, published")
    missing = [k for k in ("id", "text", "published") if k not in item]
    if missing:
        raise CodeRequestError(f"line {number}: missing {', '.join(missing)}")
    if not isinstance(item["text"], str):
        raise CodeRequestError(f"line {number}: text must be a string")
    try:
        published = datetime.date.fromisoformat(str(item["published"]))
    except ValueError:
        raise CodeRequestError(
            f"line {number}: published {item['published']!r} is not YYYY-MM-DD"
        ) from None
    return str(item["id"]), normalise_text(item["text"]), published


def code_lines(
    lines: Iterable[str],
    *,
    fmt: Literal["triples", "events"] = "triples",
    n_process: int = 1,
    problems: Callable[[str], None] = lambda message: None,
    coder: Coder | None = None,
) -> Iterator[str]:
    """Code JSON lines ``{"id", "text", "published"}``; yield one JSON line per event.

    ``coder`` codes instead of the default one (e.g. with a user's dictionaries).

    ``triples`` lines are exactly ``{"id", "source", "target", "code", "date"}``;
    ``events`` lines are ``{"id": ..., "event": <Event record>}``, offsets into
    the Unicode-normalised text. A malformed line is reported through
    ``problems`` with its line number, and the rest is coded.
    """
    from cameo_events.coder import dictionary_version
    from cameo_events.coder.core import default_coder

    texts: dict[str, str] = {}

    def requests() -> Iterator[tuple[str, str, datetime.date]]:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                key, text, published = _request(number, line)
            except CodeRequestError as exc:
                problems(str(exc))
                continue
            # Ids are only echoed back; the line number keeps repeated ids apart.
            internal = f"{number}\x1f{key}"
            texts[internal] = text
            yield internal, text, published

    dictionary = dictionary_version()
    for internal, coded in (coder or default_coder()).code_texts(requests(), n_process=n_process):
        key = internal.split("\x1f", 1)[1]
        text = texts.pop(internal)
        for c in coded:
            if c.negated:
                continue
            if fmt == "triples":
                triple = {"id": key, "source": c.source, "target": c.target, "code": c.code}
                yield json.dumps({**triple, "date": c.event_date.isoformat()}, ensure_ascii=False)
            else:
                event = to_event(make_doc_id(text), text, c, dictionary)
                yield json.dumps(
                    {"id": key, "event": event.model_dump(mode="json")}, ensure_ascii=False
                )
