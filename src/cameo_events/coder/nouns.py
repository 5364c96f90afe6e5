"""Noun triggers: "Israeli airstrikes on Gaza", "hold talks with", "calls for a ceasefire".

A noun trigger takes its source from its own modifiers ("Israeli airstrikes"), a "by"
phrase, or the subject of a light verb governing it ("hold talks", "impose sanctions"),
and its target from its prepositions ("on Kyiv"), the light verb's prepositions, the
object of the verb it is the subject of ("airstrikes kill 26 Palestinians") or the
victims of a death it caused ("the death of X in an airstrike").
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from cameo_events.coder.clauses import RESULT_VERBS, WHERE_PREPS
from cameo_events.coder.patterns import Pattern
from cameo_events.coder.refine import EventRefiner
from cameo_events.coder.resolve import Actor

__all__ = ["NounRules"]

_DEATH_NOUNS = frozenset({"death", "killing", "murder", "assassination"})


class NounRules(EventRefiner):
    """The noun-trigger rules of :class:`.engine.SentenceCoder`."""

    def _possessor(self, tok: Token) -> list[Actor]:
        """The actor a possessive pronoun on a noun trigger stands for: the subject of its
        clause, else the last actor named before it ("Trump follows through with his
        ultimatum")."""
        if not any(c.dep_ == "poss" and c.lower_ in _POSSESSIVE for c in tok.children):
            return []
        head = tok.head
        while head.pos_ not in {"VERB", "AUX"} and head.head.i != head.i:
            head = head.head
        found = self._actors(self._subject_tokens(head)[0])
        return [replace(a, weight=min(a.weight, 0.7)) for a in found if not a.from_context]

    def _inner_noun(self, verb: Token) -> Pattern | None:
        """The noun action of an embedded verb ("to agree to a ceasefire" → ceasefire)."""
        objs = [c for c in verb.children if c.dep_ == "dobj"]
        for noun in (*objs, *self._pobjs(verb, ("to", "for"))):
            if self._is_noun_trigger(noun):
                return self._pick(noun, self.patterns.by_noun[noun.lemma_.lower()])
        return None

    def _governor(self, tok: Token) -> tuple[Token | None, Pattern | None]:
        """The verb governing a noun trigger, and its control pattern if it has one."""
        tok = _conj_base(tok)  # "declares a state of emergency and a blockade"
        if tok.dep_ in {"dobj", "nsubjpass"}:
            verb = tok.head
        elif tok.dep_ == "pobj" and tok.head.lower_ in {"for", "to"} and tok.head.dep_ == "prep":
            verb = tok.head.head  # "calls for a ceasefire", "agrees to a truce"
        else:
            return None, None
        cands = self.patterns.by_verb.get(verb.lemma_.lower())
        control = self._pick(verb, cands) if cands else None
        if control is not None and control.control is None:
            control = None
        return verb, control

    def _noun(self, tok: Token) -> None:
        pattern = self._pick(tok, self.patterns.by_noun[tok.lemma_.lower()])
        if pattern is None:
            return
        verb, control = self._governor(tok)
        slot = _conj_base(tok)
        light = verb if verb is not None and slot.dep_ != "pobj" else None
        if (
            light is not None
            and control is None
            and light.lemma_.lower() not in (self.patterns.light_verbs | pattern.light)
        ):
            light = None
        if control is not None:
            light = verb
        if pattern.light_only and light is None:
            return
        if (
            light is None
            and tok.dep_ == "pobj"
            and tok.head.lower_ == "in"
            and tok.head.head.lemma_ == "be"
        ):
            light = tok.head.head  # "Cuba is in talks with the U.S."
        weight = 0.85
        one_side = False
        sources = self._actors([tok], right=False)
        sources += self._actors(self._pobjs(tok, ("by",)))
        if not sources:
            sources = self._possessor(tok)  # "his ultimatum", "their attack"
        if light is not None and (control is not None or not sources):
            if slot.dep_ == "nsubjpass":
                sources = self._actors(self._pobjs(light, ("by",)))
            else:
                subj, weight = self._subject_tokens(light)
                sources = self._actors(subj)
        if not sources and "of" not in pattern.preps and not pattern.reciprocal:
            # A nominalised intransitive: "the withdrawal of M23" – the "of" phrase acts.
            sources = self._actors(self._pobjs(tok, ("of",)))
        weak = bool(sources) and all(s.from_context for s in sources)  # a role word only
        if not sources and pattern.reciprocal:
            # "clashes between the army and the TPLF": each side acts on the other;
            # "clashes between FARC dissidents": one plural side acts on itself.
            between = self._pobjs(tok, ("between", "among"))
            sources = self._actors(between)
            one_side = len(sources) == 1 and between[0].tag_ in {"NNS", "NNPS"}
        if pattern.reciprocal and tok.dep_ == "pobj" and (not sources or weak):
            # "X and Y agree ... following talks in Montreux": the clause's parties (a
            # "prisoner exchange" names what is exchanged, not who exchanges).
            verb = tok.head.head
            for _ in range(3):
                # "announce a ceasefire, alongside a prisoner exchange": over the nouns
                if verb.pos_ in {"VERB", "AUX"} or verb.head.i == verb.i:
                    break
                verb = verb.head
            if verb.pos_ in {"VERB", "AUX"} and tok.head.lower_ != "in":
                sources = self._actors(self._subject_tokens(verb)[0]) or sources
        if pattern.source_role:
            sources = [a.with_role(pattern.source_role) for a in sources]
        # Direct prepositions ("on Kyiv") first, then the victims of the verb the noun is
        # the subject of ("airstrikes kill 26 Palestinians"), then where it happened.
        direct = [p for p in pattern.preps if p not in WHERE_PREPS]
        where = [p for p in pattern.preps if p in WHERE_PREPS]
        targets = self._actors(self._pobjs(tok, direct)) if direct else []
        if not targets and direct:
            # "the suspension of weapon shipments to Ukraine"
            of = self._pobjs(tok, ("of",))
            targets = self._actors(self._pobjs(of[0], direct)) if of else []
        if not targets and light is not None and direct:
            targets = self._actors(self._pobjs(light, direct))
        if not targets:
            # "airstrikes targeting Islamic State positions"
            # "shootings by the military that killed 2,600 people"
            # "an ultimatum to hit Iran's grid": what the threatened act falls on
            hits = [
                c
                for c in tok.children
                if c.dep_ in {"acl", "relcl"}
                and (
                    c.lemma_ in RESULT_VERBS
                    or (pattern.code[:2] == "13" and any(a.lower_ == "to" for a in c.children))
                )
            ]
            targets = self._actors(o for v in hits for o in v.children if o.dep_ == "dobj")
        if not targets and tok.dep_ == "nsubj" and tok.head.lemma_ in RESULT_VERBS:
            targets = self._actors(c for c in tok.head.children if c.dep_ == "dobj")
        if not targets and tok.dep_ == "pobj" and tok.head.lower_ in {"in", "by", "during"}:
            # "three people are killed (and 14 injured) in an Israeli airstrike"
            head = tok.head.head
            for _ in range(3):
                victims = [c for c in head.children if c.dep_ == "nsubjpass"]
                targets = self._actors(victims)
                if targets or head.dep_ not in {"conj", "advcl"}:
                    break
                head = head.head
        if not targets and tok.dep_ == "pobj":
            # "confirm the death of X from an Israeli airstrike": the dead are its victims
            for anc in list(tok.ancestors)[:4]:
                if anc.lemma_ in _DEATH_NOUNS:
                    targets = self._actors(self._pobjs(anc, ("of",)))
                    break
        if not targets and where:
            targets = self._actors(self._pobjs(tok, where))
            if not targets and light is not None:
                targets = self._actors(self._pobjs(light, where))
        if not targets and control is not None and control.control in {"appeal", "demand"}:
            targets = self._actors(c for c in light.children if c.dep_ == "dobj") if light else []
            targets += self._actors(self._pobjs(light, ("on", "upon"))) if light else []
        if pattern.reciprocal and targets and not sources and tok.dep_ == "pobj":
            # "Two Israeli soldiers are killed in clashes with Hezbollah": the victims'
            # side is the other party.
            head = tok.head.head
            sources = self._actors(c for c in head.children if c.dep_ == "nsubjpass")
        flag_tok = light if light is not None else (tok.head if tok.dep_ == "nsubj" else tok)
        negated, hypothetical, reported = self._flags(flag_tok)
        if any(c.lower_ == "no" for c in tok.children):
            negated = True
        code = None
        if control is not None and control.control == "order":
            pass  # "orders the arrest of X": the noun's own action, by the orderer
        elif control is not None and control.control == "intent":
            if light is not None and light.lemma_.lower() not in self.patterns.light_verbs:
                hypothetical = True  # "threatens strikes"; but "agrees to a truce" is done
        elif control is not None:
            code = self.patterns.refined(control.control or "", pattern.code) or control.code
        if one_side and not targets:
            targets = list(sources)
        self._emit(tok, pattern, sources, targets, weight, (negated, hypothetical, reported),
                   code=code, allow_same=one_side)  # fmt: skip


_POSSESSIVE = frozenset({"his", "her", "its", "their"})


def _conj_base(tok: Token) -> Token:
    """The first of coordinated words: the one whose label says what the list is."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok
