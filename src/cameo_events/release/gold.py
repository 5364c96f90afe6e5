"""Turn hand-coded gold annotations into validated :class:`Event` records.

Gold files are JSON Lines (format: ``seeds/gold/GUIDELINES.md``); for the
seed release each line's ``item`` is a ``doc_id``. Every span must point at
text that exists in the document; an annotation that does not is reported as
a finding (rules ``gold.*`` in ``findings/data/build.yaml``), never silently
dropped or "fixed".
"""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from cameo_events.findings import Finding, finding
from cameo_events.schema import Document, Event, make_event

__all__ = ["events_from_gold", "sentence_starts"]

# Sentence ends: . ! ? (optionally followed by a closing quote) then space and
# an opening quote or capital. Gold events only need a stable sentence number.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[”\"’']?\s+(?=[“\"‘'A-Z])|\n+")
_SIDES = ("source", "target", "trigger")


def sentence_starts(text: str) -> list[int]:
    """Start offsets of the sentences of ``text`` (rule-based, deterministic)."""
    return [0, *(m.end() for m in _SENTENCE_BREAK.finditer(text))]


def _sentence_index(starts: list[int], offset: int) -> int:
    return max(i for i, start in enumerate(starts) if start <= offset)


def _event(doc: Document, starts: list[int], annotation: dict[str, Any]) -> Event:
    """One annotation's event (raises what ``make_event`` and the lookups raise)."""
    spans = {side: tuple(annotation[f"{side}_span"]) for side in _SIDES}
    code = annotation["code"]
    return make_event(
        doc_id=doc.doc_id,
        sentence_index=_sentence_index(starts, spans["trigger"][0]),
        event_date=datetime.date.fromisoformat(annotation["date"]),
        cameo_code=code,
        source_actor=annotation["source"],
        target_actor=annotation["target"],
        text=doc.text,
        source_span=(spans["source"][0], spans["source"][1]),
        target_span=(spans["target"][0], spans["target"][1]),
        trigger_span=(spans["trigger"][0], spans["trigger"][1]),
        # Gold convention: intents (03) and threats (13) are hypothetical.
        hypothetical=code[:2] in ("03", "13"),
        pattern_id="gold",
        coding_method="gold",
        coder_version="gold",
    )


def events_from_gold(path: Path, documents: list[Document]) -> tuple[list[Event], list[Finding]]:
    """Events for ``documents`` from the gold file at ``path``, and the findings against it."""
    by_id = {d.doc_id: d for d in documents}
    events: list[Event] = []
    problems: list[Finding] = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = {"file": str(path), "record": f"line {number}"}
        record = json.loads(line)
        item = str(record["item"])
        doc = by_id.get(item)
        if doc is None:
            problems.append(finding("gold.no_document", **where, field="item", value=item))
            continue
        starts = sentence_starts(doc.text)
        for annotation in record["events"]:
            bad = [
                side
                for side in _SIDES
                if not 0
                <= annotation[f"{side}_span"][0]
                < annotation[f"{side}_span"][1]
                <= len(doc.text)
            ]
            if bad:
                side = bad[0]
                problems.append(
                    finding(
                        "gold.span_outside",
                        **where,
                        field=f"{side}_span",
                        value=annotation[f"{side}_span"],
                        detail=len(doc.text),
                    )
                )
                continue
            try:
                events.append(_event(doc, starts, annotation))
            except (ValidationError, KeyError, ValueError) as exc:
                detail = (
                    f"{exc}".splitlines()[0]
                    if not isinstance(exc, ValidationError)
                    else (exc.errors()[0]["msg"])
                )
                problems.append(finding("gold.invalid", **where, detail=detail))
    return events, problems
