"""Which date phrase of a sentence dates an event, and which events are background.

A phrase dates an event only when the parse attaches it to the event: "on Monday" in
"Israel strikes Lebanon on Monday" does; "in 2014" in "Russia, which annexed Crimea in
2014, strikes Kyiv" dates the relative clause, not the strike; "in 2024" in "since talks
in 2024" dates the talks. A date that is part of a name ("the March 23 Movement") never
dates anything.
"""

from __future__ import annotations

import datetime
import re

from spacy.tokens import Span, Token

from cameo_events.coder.dates import DatePhrase

__all__ = ["attached_phrases", "is_background"]

# Entities whose words are a name, not a date, even when they look like one.
_NAME_LABELS = frozenset({"ORG", "EVENT", "FAC", "WORK_OF_ART", "LAW", "NORP", "PERSON", "GPE"})
_CLAUSE_POS = frozenset({"VERB", "AUX"})
# Vague phrases ("in 2024", "in March") often recall history: they must hang off the
# trigger's own clause. Day-level phrases may reach it through a noun the parser chose.
_VAGUE = frozenset({"year", "month"})
# Clauses that recall, rather than report: "which invaded ...", "after X attacked ...".
_SUBORDINATE = frozenset({"relcl", "acl", "advcl", "pcomp", "csubj"})
# "since talks in 2024", "after the 2022 invasion": a phrase of these recalls history.
_RECALL_PREPS = frozenset({"since", "after", "before", "following", "until", "prior"})
_YEAR = re.compile(r"(?:19|20)\d{2}")
# Days before publication beyond which a subordinate event is history, not news.
BACKGROUND_DAYS = 31


def _clause(tok: Token) -> Token:
    """The verb heading ``tok``'s clause (the sentence root when there is none)."""
    while tok.pos_ not in _CLAUSE_POS and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _is_name(sent: Span, phrase: DatePhrase) -> bool:
    doc = sent.doc
    for ent in doc.ents:
        if (
            ent.label_ in _NAME_LABELS
            and ent.start_char < phrase.end
            and phrase.start < ent.end_char
        ):
            return True
    # "March 23 Movement", "6 April Youth Movement": a capitalised word right after the
    # phrase continues a name.
    span = doc.char_span(phrase.start, phrase.end, alignment_mode="expand")
    if span is not None and span.end < sent.end:
        nxt = doc[span.end]
        if nxt.is_title and nxt.pos_ in {"PROPN", "NOUN"}:
            return True
    return False


def attached_phrases(sent: Span, trigger: Token, phrases: list[DatePhrase]) -> list[DatePhrase]:
    """The phrases of ``sent`` that date the event triggered by ``trigger``, nearest first."""
    doc = sent.doc
    home = _clause(trigger).i
    out = []
    for p in phrases:
        if not (sent.start_char <= p.start < sent.end_char) or _is_name(sent, p):
            continue
        span = doc.char_span(p.start, p.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        head = span.root.head
        if trigger.i in {span.root.i, head.i, head.head.i}:
            out.append(p)
            continue
        if p.kind in _VAGUE and head.pos_ not in _CLAUSE_POS:
            continue  # "talks in 2024": the year dates the noun, not the event
        if _clause(span.root).i == home:
            out.append(p)
    return sorted(out, key=lambda p: abs(p.start - trigger.idx))


def is_background(
    trigger: Token, day: datetime.date, published: datetime.date, hypothetical: bool
) -> bool:
    """Whether the event recalls history rather than reporting news.

    Two signs: a subordinate clause ("which annexed Crimea in 2014", "after it invaded in
    2022") dated more than :data:`BACKGROUND_DAYS` before publication, or a noun trigger
    carrying an earlier year ("the 2014 annexation").
    """
    if hypothetical:
        return False
    if trigger.pos_ in {"NOUN", "PROPN"}:
        for child in trigger.children:
            if _YEAR.fullmatch(child.text) and int(child.text) < published.year:
                return True
    if (published - day).days <= BACKGROUND_DAYS:
        return False
    tok = trigger
    while tok.head.i != tok.i:
        if tok.dep_ in _SUBORDINATE or (tok.dep_ == "pobj" and tok.head.lower_ in _RECALL_PREPS):
            return True
        tok = tok.head
    return False
