"""Refine the raw events of one sentence before they leave the engine.

The engine finds events trigger by trigger; some decisions need all of a sentence's
events at once, or only change a code or an actor found by a rule:

- the weapon named with an attack gives its code ("strike with glide bombs" → 1951);
- an arrest or a sentence falls on someone in the arresting state, and a sentenced
  civilian is a convict (``CRM``);
- "The Belgian foreign minister says Belgium will ..." credits the minister;
- a participle reporting the toll of an attack already coded ("..., killing three") and
  a purpose clause repeating its clause's event ("will meet to discuss") add nothing;
- what a discussion is about ("discuss restoring relations") did not happen;
- a statement made to the press is no event between actors.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from cameo_events.coder.clauses import ClauseRules, RawEvent
from cameo_events.coder.resolve import Actor

__all__ = ["EventRefiner"]

# Dependents of a topic trigger ("discuss", "talks") that say what is talked about.
_TOPIC_DEPS = frozenset({"dobj", "xcomp", "ccomp", "acl", "prep", "pcomp"})
_TOPIC_PREPS = frozenset({"on", "about", "over", "regarding", "concerning"})


class EventRefiner(ClauseRules):
    """The sentence-level refinements of :class:`.engine.SentenceCoder` (see module doc)."""

    def refine(self, events: list[RawEvent]) -> list[RawEvent]:
        """Refine, de-duplicate and order (by trigger) the events of the sentence."""
        events = self._drop_topics(events)
        # "Russian forces strike Kherson, killing three": the participle reports the toll
        # of the attack already coded, not a second event.
        main = {(_country(ev.source), ev.code[:2]) for ev in events if not _follow_up(ev)}
        events = [
            ev
            for ev in events
            if not (_follow_up(ev) and (_country(ev.source), ev.code[:2]) in main)
        ]
        events = [ev for ev in events if not _to_press(ev)]
        events = [
            replace(
                ev,
                code=self._weapon_code(ev),
                source=self._speaker_source(ev),
                target=_convict(ev, self._jurisdiction_target(ev)),
            )
            for ev in events
        ]
        events = _drop_nested(events)
        events += [host for ev in events if (host := _host(ev)) is not None]
        seen: set[tuple[str | int | None, str | None, str, int]] = set()
        out: list[RawEvent] = []
        for ev in sorted(events, key=lambda e: (e.trigger.i, e.source.start, e.target.start)):
            # Coordinated people and groups give one event each ("Rubio, Waltz and Witkoff
            # will meet ..."); a country named twice ("Odesa, Ukraine") gives one.
            key = (_who(ev.source), ev.target.target_code, ev.code, ev.trigger.i)
            if key not in seen:
                seen.add(key)
                out.append(ev)
        return out

    def _drop_topics(self, events: list[RawEvent]) -> list[RawEvent]:
        """Leave out what a discussion is about ("will meet to discuss restoring ties")."""
        topics: set[int] = set()
        for ev in events:
            if not ev.pattern.topic:
                continue
            for child in ev.trigger.children:
                if child.dep_ not in _TOPIC_DEPS:
                    continue
                if child.dep_ == "prep" and child.lower_ not in _TOPIC_PREPS:
                    continue
                topics.update(t.i for t in child.subtree)
        return [ev for ev in events if ev.trigger.i not in topics]

    def _weapon_code(self, ev: RawEvent) -> str:
        """Refine a use of force by the weapon named with the trigger.

        A generic attack (190) takes the weapon's code; an aerial attack (195) only the
        more specific aerial codes (guided bombs 1951, drones 1952).
        """
        if ev.code not in {"190", "195"} or not self.patterns.weapons:
            return ev.code
        trigger = ev.trigger
        found: list[str] = []
        for tok in trigger.subtree:
            code = self.patterns.weapons.get(tok.lemma_.lower())
            if code is not None and tok.i != trigger.i:
                found.append(code)
        if ev.code == "195":
            specific = set(found) & {"1951", "1952"}
            return specific.pop() if len(specific) == 1 and "195" not in found else ev.code
        # "A drone attack" and "drones and missiles" name both: the general aerial code.
        if "195" in found or ("1952" in found and len(set(found)) > 1):
            return "195"
        return found[0] if found else ev.code

    @staticmethod
    def _jurisdiction_target(ev: RawEvent) -> Actor:
        """ "Palestinian authorities arrest a suspect in the Paris attack": an arrest or a
        sentence falls on someone in the arresting state, not in the place mentioned."""
        src = ev.source.source_code or ""
        tgt = ev.target.target_code or ""
        if not (ev.target.from_context and (ev.code[:2] == "17" or ev.code == "116")):
            return ev.target
        if len(src) < 3 or src.startswith(("IGO", "NGO", "IMG")) or len(tgt) < 3:
            return ev.target
        code = src[:3] + tgt[3:]
        return replace(ev.target, source_code=code, target_code=code)

    def _speaker_source(self, ev: RawEvent) -> Actor:
        """ "The Belgian foreign minister says Belgium will ...": the country is the speaker."""
        if not ev.reported or ev.source.source_code is None or len(ev.source.source_code) != 3:
            return ev.source
        for speaker in self._actors(self._speaker(ev.trigger)):
            code = speaker.source_code or ""
            if code.startswith(ev.source.source_code) and len(code) > 3:
                return speaker
        return ev.source


def _who(actor: Actor) -> str | int | None:
    """What tells actors apart: people and bodies by where they are named, a country or
    place named twice ("Odesa, Ukraine") by its code."""
    code = actor.source_code
    if code is not None and (len(code) > 3 or actor.from_context):
        return actor.start
    return actor.target_code


def _country(actor: Actor) -> str:
    return (actor.source_code or "")[:3]


def _follow_up(ev: RawEvent) -> bool:
    """Whether the event's trigger is a participle clause ("..., killing three people")."""
    return ev.trigger.dep_ in {"advcl", "conj"} and ev.trigger.tag_ == "VBG"


def _to_press(ev: RawEvent) -> bool:
    """A statement whose addressee is the media ("told reporters", "told Fox News")."""
    return ev.pattern.statement and (ev.target.target_code or "")[3:6] == "MED"


def _convict(ev: RawEvent, target: Actor) -> Actor:
    """ "A court sentences twelve people": the sentenced are convicts (gold: ``CRM``)."""
    code = target.target_code or ""
    if ev.code != "116" or code[3:] != "CVL":
        return target
    return replace(target, source_code=code[:3] + "CRM", target_code=code[:3] + "CRM")


def _host(ev: RawEvent) -> RawEvent | None:
    """A visit to another country is also hosted by it (gold guidelines: 042 gets 043)."""
    host = ev.target.target_code or ""
    guest = ev.source.source_code or ""
    if ev.code != "042" or ev.hypothetical or not host or host[:3] == guest[:3]:
        return None
    return replace(
        ev,
        source=replace(ev.target, source_code=host),
        target=ev.source,
        code="043",
        confidence=round(ev.confidence * 0.8, 3),
    )


def _is_ancestor(tok: Token, other: Token) -> bool:
    return any(a.i == tok.i for a in other.ancestors)


def _drop_nested(events: list[RawEvent]) -> list[RawEvent]:
    """ "US and Russian officials will meet to discuss ...": a clause under another
    trigger that repeats its event (same actors, same code) is not a second event."""
    out = []
    for ev in events:
        repeated = any(
            other is not ev
            and other.code == ev.code
            and other.source.source_code == ev.source.source_code
            and other.target.target_code == ev.target.target_code
            and _is_ancestor(other.trigger, ev.trigger)
            for other in events
        )
        if not repeated:
            out.append(ev)
    return out
