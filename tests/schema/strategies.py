"""Hypothesis strategies that generate valid records (shared by the tests)."""

from __future__ import annotations

import datetime
from typing import Any

from hypothesis import strategies as st

from cameo_events.schema import load_atoms, make_event_id, packaged_codebook
from cameo_events.schema.actors import ROOT_KINDS

_ATOMS = load_atoms()
ROOTS = sorted(a for a, entries in _ATOMS.items() if any(x.kind in ROOT_KINDS for x in entries))
LATER = sorted(_ATOMS)
CODES = sorted(packaged_codebook())
_COUNTRY_KINDS = {"country", "country_historical", "country_special"}

hex20 = st.text(alphabet="0123456789abcdef", min_size=20, max_size=20)
words = st.text(alphabet=st.characters(categories=["L", "N", "Zs"]), min_size=1, max_size=30)


@st.composite
def actor_codes(draw: st.DrawFn) -> str:
    first = draw(st.sampled_from(ROOTS))
    rest = draw(st.lists(st.sampled_from(LATER), max_size=4))
    return first + "".join(rest)


def country_of(actor: str) -> str | None:
    kinds = {x.kind for x in _ATOMS[actor[:3]]}
    return actor[:3] if kinds & _COUNTRY_KINDS else None


@st.composite
def events(draw: st.DrawFn) -> dict[str, Any]:
    """A valid event record as a plain dict."""
    book = packaged_codebook()
    code = draw(st.sampled_from(CODES))
    record: dict[str, Any] = {
        "doc_id": draw(hex20),
        "sentence_index": draw(st.integers(0, 65535)),
        "event_date": draw(st.dates(datetime.date(1979, 1, 1), datetime.date(2030, 12, 31))),
        "date_granularity": draw(st.sampled_from(["day", "week", "month", "year"])),
        "date_phrase": draw(st.none() | words),
        "cameo_code": code,
        "base_code": code[:3],
        "root_code": code[:2],
        "quad_class": book[code].quad_class,
        "goldstein": book[code].goldstein,
        "negated": draw(st.booleans()),
        "hypothetical": draw(st.booleans()),
        "reported": draw(st.booleans()),
        "confidence": draw(st.floats(0, 1)),
        "pattern_id": draw(words),
        "coding_method": draw(st.sampled_from(["gold", "coder", "imported"])),
        "coder_version": draw(words),
        "dictionary_version": draw(st.none() | words),
    }
    for name in ("source", "target", "trigger"):
        text = draw(words)
        start = draw(st.integers(0, 100_000))
        record.update(
            {f"{name}_text": text, f"{name}_start": start, f"{name}_end": start + len(text)}
        )
    for side in ("source", "target"):
        actor = draw(actor_codes())
        record[f"{side}_actor"] = actor
        record[f"{side}_country"] = country_of(actor)
    if record["coding_method"] == "imported" and draw(st.booleans()):
        # Converted from a dataset without text: no spans, maybe no target.
        for name in ("source", "target", "trigger"):
            record.update({f"{name}_text": None, f"{name}_start": None, f"{name}_end": None})
        if draw(st.booleans()):
            record.update(target_actor=None, target_country=None)
    if draw(st.booleans()):
        record.update(
            place=draw(words),
            place_country=draw(st.sampled_from(["SAU", "UKR", "USA"])),
            latitude=draw(st.floats(-90, 90)),
            longitude=draw(st.floats(-180, 180)),
        )
    record["event_id"] = make_event_id(
        record["doc_id"],
        record["sentence_index"],
        (record["source_actor"], record["source_start"]),
        (record["target_actor"], record["target_start"]),
        code,
        (record["trigger_start"], record["trigger_end"]),  # type: ignore[arg-type]
    )
    return record
