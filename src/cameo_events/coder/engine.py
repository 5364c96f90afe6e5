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

from cameo_events.coder.clauses import ADDRESS_VERBS, RESULT_VERBS, WHERE_PREPS, RawEvent
from cameo_events.coder.nouns import NounRules
from cameo_events.coder.patterns import Pattern
from cameo_events.coder.resolve import Actor

__all__ = ["RawEvent", "SentenceCoder"]


class SentenceCoder(NounRules):
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
        if pattern.control == "intent" and any(
            c.dep_ == "xcomp"
            and c.pos_ in {"VERB", "AUX"}
            and not any(self._is_noun_trigger(d) for d in c.children if d.dep_ == "dobj")
            for c in tok.children
        ):
            return  # "X and Y agree to take back migrants": an act we have no pattern for
        if pattern.statement:
            return  # statements are decided after the inner clauses (see run)
        if (
            not pattern.objects  # "sends a delegation to Peru for talks" is the sending
            and (pattern.control is not None or tok.lemma_ in self.patterns.light_verbs)
        ) and any(
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
            when = self._when_clause(tok) if not sources else None
            if when is not None:
                # "Seven traders are killed when insurgents attack Titao": the attackers
                # act on the victims too.
                verb, inner = when
                sources = self._actors(self._subject_tokens(verb)[0])
                self._emit(verb, inner, sources, targets, 0.8)
                return
        else:
            sources = self._actors(subj_toks)
            targets = self._targets(tok, pattern) or self._yielded_to(tok, pattern, sources)
        self._emit(tok, pattern, sources, targets, weight)

    def _yielded_to(self, tok: Token, pattern: Pattern, sources: list[Actor]) -> list[Actor]:
        """ "The prime minister resigns following protests": the concession is made to the
        protesters, coded as the country's opposition (as the gold does)."""
        if not pattern.yield_to or not sources or not sources[0].source_code:
            return []
        for cause in self._pobjs(tok, ("following", "after", "amid")):
            if cause.lemma_.lower() in pattern.yield_to:
                code = sources[0].source_code[:3] + "OPP"
                end = cause.idx + len(cause.text)
                return [Actor(code, code, cause.idx, end, cause.text, weight=0.7)]
        return []

    def _antecedent(self, pron: Token, avoid: set[int]) -> list[Actor]:
        """The nearest actor named before an object pronoun ("accusing him of ...")."""
        for i in range(pron.i - 1, self.sent.start - 1, -1):
            if i in avoid or not self.actors.has_mention(self.sent.doc[i]):
                continue
            head = self.sent.doc[i]
            while head.head.i != head.i and head.dep_ in {"compound", "amod", "nmod", "poss"}:
                head = head.head
            actor = self.actors.actor(head)
            if actor is not None and actor.target_code:
                return [replace(actor, weight=min(actor.weight, 0.7))]
        return []

    def _plural_antecedent(self, pron: Token, avoid: set[int]) -> list[Actor]:
        """ "them": the first coordinated subject before the pronoun ("X, Y and Z agree ...
        after W threatened them")."""
        for tok in self.sent:
            if tok.i >= pron.i:
                break
            if tok.dep_ in {"nsubj", "csubj"} and tok.i not in avoid:
                actors = self.actors.actors(tok)
                if len(actors) > 1:
                    return actors
        return []

    def _when_clause(self, tok: Token) -> tuple[Token, Pattern] | None:
        """The coded action of a "when" / "as" clause on a passive result verb."""
        if tok.lemma_ not in RESULT_VERBS:
            return None
        for verb in tok.children:
            if verb.dep_ != "advcl" or not any(
                m.dep_ in {"mark", "advmod"} and m.lower_ in {"when", "as", "after"}
                for m in verb.children
            ):
                continue
            cands = self.patterns.by_verb.get(verb.lemma_.lower())
            inner = self._pick(verb, cands) if cands else None
            if inner is not None and not inner.control and not inner.statement:
                return verb, inner
        return None

    def _pobjs_of(self, toks: list[Token]) -> list[Token]:
        return [o for t in toks for o in self._pobjs(t, ("of",))]

    def _targets(self, tok: Token, pattern: Pattern) -> list[Actor]:
        targets: list[Actor] = []
        # A verb read as a noun ("A court sentences X") has its object as an apposition.
        obj_deps = {"dobj", "dative", "appos"} if tok.pos_ == "NOUN" else {"dobj", "dative"}
        dobjs = [c for c in tok.children if c.dep_ in obj_deps]
        if not pattern.no_dobj and not pattern.objects:
            targets = self._actors(dobjs)
            if not targets and tok.dep_ == "relcl" and any(d.lower_ in _RELATIVE for d in dobjs):
                targets = self._actors([tok.head])  # "X, whom Trump pardoned"
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
        plain = [d for d in dobjs if d.dep_ == "dobj"]
        if not targets and pattern.objects and len(plain) > 1:
            # "declares the ambassador persona non grata": of two objects, the first is
            # the one acted on
            targets = self._actors(plain[:1])
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
        return self.refine(self.events)


_RELATIVE = frozenset({"whom", "who"})
