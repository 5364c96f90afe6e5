"""Fallback candidates: a trigger the rules found no actors for, paired with its nearest
actors.

The rules attach actors through the parse (subject, object, "by" and prepositional
phrases, possessors); when the parse is unusual they find none and the event is lost,
although the sentence names a doer before the trigger and a recipient after it. Here each
such trigger gets the nearest actor on its left as source and on its right as target. The
candidates are marked ``fallback`` and kept only when the learned filter
(:mod:`.learned`) trusts them; with rules alone they are never emitted.
"""

from __future__ import annotations

from cameo_events.coder.clauses import RawEvent
from cameo_events.coder.engine import SentenceCoder
from cameo_events.coder.resolve import Actor

__all__ = ["FALLBACK_PREFIX", "fallback_events"]

_WEIGHT = 0.3
#: Prefix of a fallback event's ``pattern_id`` ("fallback:attack.v"): its provenance.
FALLBACK_PREFIX = "fallback:"


def _sentence_actors(sc: SentenceCoder) -> list[Actor]:
    out: list[Actor] = []
    for m in sc.actors.mentions:
        actor = sc.actors.actor(sc.sent.doc[m.end - 1])
        if actor is not None and all(a.start != actor.start for a in out):
            out.append(actor)
    return sorted(out, key=lambda a: a.start)


_MAX_ACTORS = 6


def fallback_events(sc: SentenceCoder, produced: list[RawEvent]) -> list[RawEvent]:
    """Candidates pairing each pattern trigger with every (source, target) of the sentence
    that the rules did not already propose for it."""
    actors = _sentence_actors(sc)[:_MAX_ACTORS]
    if len(actors) < 2:
        return []
    have = {(ev.trigger.i, ev.source.start, ev.target.start) for ev in produced}
    ruled = {ev.trigger.i for ev in produced}
    out: list[RawEvent] = []
    for tok in sc.sent:
        lemma = tok.lemma_.lower()
        kind = sc._kind(tok, lemma)
        if kind is None or tok.i in sc.consumed:
            continue
        if tok.head.i in ruled and tok.dep_ in {"dobj", "pobj", "nsubjpass", "attr", "xcomp"}:
            continue  # "lifted its ban": the object of a coded act is not another act
        table = sc.patterns.by_verb if kind == "verb" else sc.patterns.by_noun
        pattern = sc._pick(tok, table[lemma]) or table[lemma][-1]
        if pattern.statement or pattern.control or pattern.topic:
            continue  # speech and control verbs code through what they embed
        negated, hypothetical, reported = sc._flags(tok)
        if negated:
            continue
        for s in actors:
            if not s.source_code or s.unnamed:
                continue
            for t in actors:
                if t is s or not t.target_code or (tok.i, s.start, t.start) in have:
                    continue
                code = pattern.code_for(s.source_code, hypothetical, t.target_code)
                conf = round(_WEIGHT * pattern.weight, 3)
                out.append(
                    RawEvent(
                        s,
                        t,
                        code,
                        pattern,
                        tok,
                        tok.i + 1,
                        negated,
                        hypothetical,
                        reported,
                        conf,
                        True,
                    )
                )
    return out
