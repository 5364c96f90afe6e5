"""Turn hand-coded gold annotations into validated :class:`Event` records.

Gold files are JSON Lines (format: ``seeds/gold/GUIDELINES.md``); for the
seed release each line's ``item`` is a ``doc_id``. Every span must point at
text that exists in the document; an annotation that does not is reported,
never silently dropped or "fixed".
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from cameo_events.schema import Document, Event, load_codebook, make_event_id
from cameo_events.schema.actors import actor_country

__all__ = ["GoldProblem", "events_from_gold", "sentence_starts"]

# Sentence ends: . ! ? (optionally followed by a closing quote) then space and
# an opening quote or capital. Gold events only need a stable sentence number.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[”\"’']?\s+(?=[“\"‘'A-Z])|\n+")


@dataclass(frozen=True)
class GoldProblem:
    """An annotation that cannot become an event."""

    file: str
    line: int
    item: str
    reason: str


def sentence_starts(text: str) -> list[int]:
    """Start offsets of the sentences of ``text`` (rule-based, deterministic)."""
    return [0, *(m.end() for m in _SENTENCE_BREAK.finditer(text))]


def _sentence_index(starts: list[int], offset: int) -> int:
    return max(i for i, start in enumerate(starts) if start <= offset)


def events_from_gold(
    path: Path, documents: list[Document]
) -> tuple[list[Event], list[GoldProblem]]:
    """Events for ``documents`` from the gold file at ``path``, and the problems found."""
    by_id = {d.doc_id: d for d in documents}
    book = load_codebook()
    events: list[Event] = []
    problems: list[GoldProblem] = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        record = json.loads(line)
        item = str(record["item"])
        doc = by_id.get(item)
        if doc is None:
            problems.append(
                GoldProblem(str(path), number, item, "no document with this doc_id was read")
            )
            continue
        starts = sentence_starts(doc.text)
        for annotation in record["events"]:
            spans = {k: annotation[f"{k}_span"] for k in ("source", "target", "trigger")}
            bad = [k for k, (s, e) in spans.items() if not 0 <= s < e <= len(doc.text)]
            if bad:
                reason = f"{', '.join(bad)} span outside the document ({len(doc.text)} characters)"
                problems.append(GoldProblem(str(path), number, item, reason))
                continue
            code = annotation["code"]
            trigger_start, trigger_end = spans["trigger"]
            sentence = _sentence_index(starts, trigger_start)
            try:
                entry = book[code]
                events.append(
                    Event(
                        event_id=make_event_id(
                            doc.doc_id,
                            sentence,
                            (annotation["source"], spans["source"][0]),
                            (annotation["target"], spans["target"][0]),
                            code,
                            (trigger_start, trigger_end),
                        ),
                        doc_id=doc.doc_id,
                        sentence_index=sentence,
                        event_date=datetime.date.fromisoformat(annotation["date"]),
                        date_granularity="day",
                        source_actor=annotation["source"],
                        source_country=actor_country(annotation["source"]),
                        source_text=doc.text[slice(*spans["source"])],
                        source_start=spans["source"][0],
                        source_end=spans["source"][1],
                        target_actor=annotation["target"],
                        target_country=actor_country(annotation["target"]),
                        target_text=doc.text[slice(*spans["target"])],
                        target_start=spans["target"][0],
                        target_end=spans["target"][1],
                        cameo_code=code,
                        base_code=code[:3],
                        root_code=code[:2],
                        quad_class=entry.quad_class,
                        goldstein=entry.goldstein,
                        trigger_text=doc.text[trigger_start:trigger_end],
                        trigger_start=trigger_start,
                        trigger_end=trigger_end,
                        hypothetical=code[:2] in ("03", "13"),
                        pattern_id="gold",
                        coding_method="gold",
                        coder_version="gold",
                    )
                )
            except (ValidationError, KeyError, ValueError) as exc:
                problems.append(
                    GoldProblem(
                        str(path), number, item, f"invalid annotation: {exc}".splitlines()[0]
                    )
                )
    return events, problems
