"""Find events in one parsed sentence: triggers, their actors and their flags.

The rules, in the order a reader meets them:

- A verb whose lemma has patterns is a trigger; the most specific pattern whose object /
  particle constraints hold is used. Its subject gives the source, its direct object (or
  the object of one of the pattern's prepositions) the target. Passive voice swaps them:
  the passive subject is the target and the ``by`` phrase the source.
- A noun trigger ("airstrikes", "talks", "sanctions") takes its source from its own
  modifiers ("Israeli airstrikes") or from the subject of a light verb governing it ("hold
  talks", "impose sanctions"), and its target from its prepositions ("on Kyiv"), from the
  light verb's prepositions, or from the verb it is the subject of ("airstrikes kill 26
  Palestinians").
- Control verbs embed an action: "threatens to strike" and "will meet" give intent codes,
  "urges X to release" an appeal, "demands" a demand, "refuses to" a rejection.
- Negated triggers are kept but flagged; the caller drops them.
- Speech verbs ("said", "announced") mark the events of their complement clause as
  reported, and give a statement code only when that clause holds no coded event.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from cameo_events.coder.clauses import (
    ADDRESS_VERBS,
    RESULT_VERBS,
    WHERE_PREPS,
    ClauseRules,
    RawEvent,
)
from cameo_events.coder.patterns import Pattern
from cameo_events.coder.resolve import Actor

__all__ = ["RawEvent", "SentenceCoder"]


class SentenceCoder(ClauseRules):
    """Code one sentence: call :meth:`run`.

    Parameters
    ----------
    sent
        The parsed sentence.
    actors
        Its actor mentions, with noun-phrase resolution.
    patterns
        The event patterns.
    """

    def _verb(self, tok: Token) -> None:
        candidates = self.patterns.by_verb.get(tok.lemma_.lower())
        pattern = self._pick(tok, candidates) if candidates else None
        if pattern is None:
            return
        if pattern.control is not None and self._control(tok, pattern):
            return
        if pattern.control == "order":
            return  # an order is coded through the action ordered, or not at all
        if pattern.statement:
            return  # statements are decided after the inner clauses (see run)
        if (pattern.control is not None or tok.lemma_ in self.patterns.light_verbs) and any(
            self._is_noun_trigger(c)
            for c in (
                *self._pobjs(tok, ("for", "to")),
                *(c for c in tok.children if c.dep_ == "dobj"),
            )
        ):
            return  # "threatens strikes", "calls for talks": the noun codes it
        subj_toks, weight = self._subject_tokens(tok)
        if any(self._is_noun_trigger(s) for s in subj_toks):
            return  # "airstrikes kill ...": the noun trigger codes it
        passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in tok.children)
        if passive:
            agents = self._pobjs(tok, ("by",))
            if any(self._is_noun_trigger(a) for a in agents):
                return  # "killed by Israeli airstrikes": the noun codes it
            targets = self._actors(c for c in tok.children if c.dep_ == "nsubjpass")
            sources = self._actors(agents)
            weight = 1.0
            if (
                not agents
                and tok.lemma_ in RESULT_VERBS
                and any(self._is_noun_trigger(n) for n in self._pobjs(tok, ("in", "during")))
            ):
                return  # "28 people are killed in an Israeli air strike": the strike codes it
            if not agents:
                # "45 people are arrested during Israeli raids": the raiders arrest.
                nouns = self._pobjs(tok, ("during", "in", "amid", "on"))
                nouns += [o for n in nouns for o in self._pobjs(n, ("of",))]  # a series of raids
                for noun in nouns:
                    if self._is_noun_trigger(noun):
                        sources = self._actors([noun], right=False)
                        weight = 0.8
        else:
            sources = self._actors(subj_toks)
            targets = self._targets(tok, pattern)
        self._emit(tok, pattern, sources, targets, weight)

    def _pobjs_of(self, toks: list[Token]) -> list[Token]:
        return [o for t in toks for o in self._pobjs(t, ("of",))]

    def _targets(self, tok: Token, pattern: Pattern) -> list[Actor]:
        targets: list[Actor] = []
        dobjs = [c for c in tok.children if c.dep_ in {"dobj", "dative"}]
        if not pattern.no_dobj and not pattern.objects:
            targets = self._actors(dobjs)
            prons = [d for d in dobjs if d.lower_ in {"him", "her", "them", "it"}]
            if not targets and prons:
                subj = self._subject_tokens(tok)[0]
                avoid = {t.i for s in subj for t in s.subtree}
                if prons[0].lower_ == "them":
                    targets = self._plural_antecedent(prons[0], avoid)
                targets = targets or self._antecedent(prons[0], avoid)
        # The preposition may hang on the object, its conjuncts or its "of" phrase
        # ("share data and knowledge of the technology with Norway").
        objs = [*dobjs, *(c for d in dobjs for c in d.conjuncts)]
        heads = [tok, *objs, *self._pobjs_of(objs)]
        direct = [p for p in pattern.preps if p not in WHERE_PREPS]
        where = [p for p in pattern.preps if p in WHERE_PREPS]
        for preps in (direct, where):
            for head in heads:
                if targets or not preps:
                    break
                targets = self._actors(self._pobjs(head, preps))
        if not targets and pattern.objects and not pattern.no_dobj:
            # "capture Islamic State bases", "seize a Russian tanker": whose object it is.
            targets = self._actors(d for d in dobjs if d.lemma_.lower() in pattern.objects)
        return targets

    def _control(self, tok: Token, pattern: Pattern) -> bool:
        """Code the action embedded under a control verb; False when there is none."""
        for verb in tok.children:
            if verb.dep_ not in {"xcomp", "ccomp"} or verb.pos_ not in {"VERB", "AUX"}:
                continue
            cands = self.patterns.by_verb.get(verb.lemma_.lower())
            inner = self._pick(verb, cands) if cands else None
            if inner is None or inner.control or inner.statement:
                inner = self._inner_noun(verb)
                if inner is None or pattern.control == "intent":
                    continue
            self.consumed.add(verb.i)
            if pattern.control == "intent":
                self._intent(tok, verb, inner)
                return True
            if pattern.control == "order":
                # "the court orders police to arrest X": the orderer arrests X.
                if inner.pos != "verb":
                    continue
                before = len(self.events)
                self._verb(verb)
                new = self.events[before:]
                del self.events[before:]
                speakers = self._actors(self._subject_tokens(tok)[0])
                targets = [ev.target for ev in new] or self._targets(verb, inner)
                self._emit(verb, inner, speakers, targets, 0.8)
                return True
            code = self.patterns.refined(pattern.control or "", inner.code) or pattern.code
            subj, weight = self._subject_tokens(tok)
            speakers = self._actors(subj)
            asked = self._actors(self._subject_tokens(verb)[0])
            if not asked or {a.start for a in asked} <= {s.start for s in speakers}:
                # "refuses to release the hostages": the action's target is the target.
                asked = self._targets(verb, inner)
            self._emit(tok, pattern, speakers, asked, weight * 0.9, code=code)
            return True
        return False

    def _intent(self, tok: Token, verb: Token, inner: Pattern) -> None:
        """Code "X vows / agrees / plans to <act>" as the act's intent code.

        With coordinated subjects and no other target ("Russia and Ukraine agree to cease
        attacks"), each subject states the intent towards the others.
        """
        flags = self._flags(tok)
        subj, weight = self._subject_tokens(tok)
        speakers = [s for s in self._actors(subj) if s.source_code]
        for v in (verb, *(c for c in verb.conjuncts if c.i > verb.i)):
            cands = self.patterns.by_verb.get(v.lemma_.lower())
            pattern = self._pick(v, cands) if cands else None
            if pattern is None or pattern.control or pattern.statement:
                continue
            self.consumed.add(v.i)
            before = len(self.events)
            self._verb(v)
            new = self.events[before:]
            del self.events[before:]
            if len(speakers) > 1:
                # "X and Y agree to release prisoners": the parties' intent towards each
                # other, not towards a victim the sentence does not name.
                new = [ev for ev in new if ev.target.weight >= 1.0]
            for ev in new:
                self.events.append(
                    RawEvent(ev.source, ev.target, pattern.intent, pattern, tok, tok.i + 1,
                             flags[0] or ev.negated, True, flags[2], ev.confidence * 0.9)
                )  # fmt: skip
            if not new and len(speakers) > 1:
                for s in speakers:
                    for t in speakers:
                        if s.start != t.start and t.target_code:
                            self.events.append(
                                RawEvent(s, t, pattern.intent, pattern, tok, tok.i + 1,
                                         flags[0], True, flags[2], round(0.8 * weight, 3))
                            )  # fmt: skip

    def _inner_noun(self, verb: Token) -> Pattern | None:
        """The noun action of an embedded verb ("to agree to a ceasefire" → ceasefire)."""
        objs = [c for c in verb.children if c.dep_ == "dobj"]
        for noun in (*objs, *self._pobjs(verb, ("to", "for"))):
            if self._is_noun_trigger(noun):
                return self._pick(noun, self.patterns.by_noun[noun.lemma_.lower()])
        return None

    def _governor(self, tok: Token) -> tuple[Token | None, Pattern | None]:
        """The verb governing a noun trigger, and its control pattern if it has one."""
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
        light = verb if verb is not None and tok.dep_ != "pobj" else None
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
        if light is not None and (control is not None or not sources):
            if tok.dep_ == "nsubjpass":
                sources = self._actors(self._pobjs(light, ("by",)))
            else:
                subj, weight = self._subject_tokens(light)
                sources = self._actors(subj)
        if not sources and "of" not in pattern.preps:
            # A nominalised intransitive: "the withdrawal of M23" – the "of" phrase acts.
            sources = self._actors(self._pobjs(tok, ("of",)))
        if not sources and pattern.reciprocal:
            # "clashes between the army and the TPLF": each side acts on the other;
            # "clashes between FARC dissidents": one plural side acts on itself.
            between = self._pobjs(tok, ("between", "among"))
            sources = self._actors(between)
            one_side = len(sources) == 1 and between[0].tag_ in {"NNS", "NNPS"}
        if not sources and pattern.reciprocal and tok.dep_ == "pobj":
            # "X and Y agree ... following talks in Montreux": the clause's parties.
            verb = tok.head.head
            if verb.pos_ in {"VERB", "AUX"} and tok.head.lower_ != "in":
                sources = self._actors(self._subject_tokens(verb)[0])
        if pattern.source_role:
            sources = [a.with_role(pattern.source_role) for a in sources]
        # Direct prepositions ("on Kyiv") first, then the victims of the verb the noun is
        # the subject of ("airstrikes kill 26 Palestinians"), then where it happened.
        direct = [p for p in pattern.preps if p not in WHERE_PREPS]
        where = [p for p in pattern.preps if p in WHERE_PREPS]
        targets = self._actors(self._pobjs(tok, direct)) if direct else []
        if not targets and light is not None and direct:
            targets = self._actors(self._pobjs(light, direct))
        if not targets:
            # "airstrikes targeting Islamic State positions"
            hits = [c for c in tok.children if c.dep_ == "acl" and c.lemma_ in RESULT_VERBS]
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

    def _statement(self, tok: Token) -> None:
        pattern = self._pick(tok, self.patterns.by_verb[tok.lemma_.lower()])
        if pattern is None or not pattern.statement:
            return
        clause = [c for c in tok.children if c.dep_ in {"ccomp", "xcomp"}]
        inside = {t.i for c in clause for t in c.subtree}
        if any(ev.trigger.i in inside for ev in self.events):
            return
        sources = self._actors(self._subject_tokens(tok)[0])
        # Only an addressee is a statement's target ("told Iran", "said to Iran"); the
        # object of "confirms the death of ..." is a topic, not a target.
        deps = {"dative", "dobj"} if tok.lemma_ in ADDRESS_VERBS else {"dative"}
        targets = self._actors(c for c in tok.children if c.dep_ in deps)
        if not targets and pattern.preps:
            targets = self._actors(self._pobjs(tok, pattern.preps))
        self._emit(tok, pattern, sources, targets, 0.6)

    def _weapon_code(self, ev: RawEvent) -> str:
        """Refine a generic use of force (190) by the weapon named with the trigger."""
        if ev.code != "190" or not self.patterns.weapons:
            return ev.code
        trigger = ev.trigger
        found: list[str] = []
        for tok in trigger.subtree:
            code = self.patterns.weapons.get(tok.lemma_.lower())
            if code is not None and tok.i != trigger.i:
                found.append(code)
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

    def run(self) -> list[RawEvent]:
        """Code the sentence; events come in trigger order, duplicates removed."""
        statements: list[Token] = []
        for tok in self.sent:
            if tok.i in self.consumed:
                continue
            lemma = tok.lemma_.lower()
            kind = self._kind(tok, lemma)
            if kind == "verb":
                if lemma in self.patterns.speech_verbs:
                    statements.append(tok)
                self._verb(tok)
            elif kind == "noun":
                self._noun(tok)
        for tok in statements:
            self._statement(tok)
        seen: set[tuple[str | None, str | None, str, int]] = set()
        out: list[RawEvent] = []
        # "Russian forces strike Kherson, killing three": the participle reports the toll
        # of the attack already coded, not a second event.
        main = {(ev.source.source_code, ev.code[:2]) for ev in self.events if not _follow_up(ev)}
        self.events = [
            ev
            for ev in self.events
            if not (_follow_up(ev) and (ev.source.source_code, ev.code[:2]) in main)
        ]
        self.events = [
            replace(
                ev,
                code=self._weapon_code(ev),
                source=self._speaker_source(ev),
                target=self._jurisdiction_target(ev),
            )
            for ev in self.events
        ]
        for ev in sorted(self.events, key=lambda e: (e.trigger.i, e.source.start, e.target.start)):
            key = (ev.source.source_code, ev.target.target_code, ev.code, ev.trigger.i)
            if key not in seen:
                seen.add(key)
                out.append(ev)
        return out


def _follow_up(ev: RawEvent) -> bool:
    """Whether the event's trigger is a participle clause ("..., killing three people")."""
    return ev.trigger.dep_ in {"advcl", "conj"} and ev.trigger.tag_ == "VBG"
