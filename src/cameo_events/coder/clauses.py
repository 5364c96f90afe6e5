"""Clause-level helpers of the sentence coder: subjects, objects, flags and output.

:class:`ClauseRules` holds the state of one sentence being coded and the small questions
every rule asks of the parse: who is the subject (inherited through coordination, control
and relative clauses), which prepositional objects a word has, whether a clause is negated,
hypothetical or reported, and which pattern of a lemma fits. :mod:`.engine` builds the
event rules on top of it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from cameo_events.coder.patterns import Pattern, PatternSet
from cameo_events.coder.resolve import Actor, SentenceActors

__all__ = ["ADDRESS_VERBS", "RESULT_VERBS", "WHERE_PREPS", "ClauseRules", "RawEvent"]

_SUBJ = frozenset({"nsubj", "csubj"})
# Nouns whose infinitive is only intended ("a plan to capture", "a threat to strike").
_PLAN_NOUNS = frozenset(
    {"plan", "proposal", "intention", "threat", "plot", "bid", "pledge", "promise", "offer"}
)
# Nouns of saying: a participle on them speaks for the one who issued them.
_SPEECH_NOUNS = frozenset(
    {"statement", "communique", "declaration", "letter", "resolution", "message", "post"}
)
# Subject pronouns that may refer to the previous sentence's subject.
_PERSONAL = frozenset({"he", "she", "they"})
_MODALS = frozenset({"will", "would", "shall", "may", "might", "could", "should", "'ll", "wo"})
# Quantity nouns whose "of" phrase holds the real object ("tons of aid").
_MEASURES = frozenset(
    {"ton", "tonne", "shipment", "batch", "package", "amount", "number", "convoy", "load"}
)
# Speech verbs whose direct object is the person spoken to.
ADDRESS_VERBS = frozenset({"tell", "warn", "inform", "brief", "assure", "remind"})
# Prepositions that say where, not against whom: tried last for a target.
WHERE_PREPS = frozenset({"in", "across", "inside", "near", "at", "throughout", "into", "around"})
_PRONOUNS = frozenset({"it", "they", "he", "she", "we", "its", "who", "which", "that"})
_INHERIT = frozenset({"conj", "xcomp", "advcl", "acl", "relcl", "pcomp"})
# Verbs whose noun subject can carry the attack ("airstrikes kill ...").
RESULT_VERBS = frozenset(
    {"kill", "injure", "wound", "hit", "target", "destroy", "damage", "strike", "leave", "claim"}
)
# Verbs that say an action is planned or expected, without being an action themselves.
_INTENT_MARKERS = frozenset(
    {"set", "expect", "schedule", "plan", "intend", "prepare", "aim", "hope", "want", "go"}
)


@dataclass(frozen=True)
class RawEvent:
    """An event found in a sentence, before dates, places and offsets are attached."""

    source: Actor
    target: Actor
    code: str
    pattern: Pattern
    trigger: Token
    trigger_end: int  # token index, exclusive (a particle may extend the trigger)
    negated: bool
    hypothetical: bool
    reported: bool
    confidence: float
    #: Proposed by :mod:`.fallback` (nearest actors around a trigger), not by the rules.
    fallback: bool = False


class ClauseRules:
    """State and parse helpers for coding one sentence (see :class:`.engine.SentenceCoder`).

    Parameters
    ----------
    sent
        The parsed sentence.
    actors
        Its actor mentions, with noun-phrase resolution.
    patterns
        The event patterns.
    """

    def __init__(self, sent: Span, actors: SentenceActors, patterns: PatternSet) -> None:
        self.sent = sent
        self.actors = actors
        self.patterns = patterns
        self.consumed: set[int] = set()
        self.events: list[RawEvent] = []

    def _subject_tokens(self, verb: Token, depth: int = 0) -> tuple[list[Token], float]:
        """The subject phrase heads of ``verb`` (inherited through coordination etc.)."""
        subj = [c for c in verb.children if c.dep_ in _SUBJ]
        if not subj and verb.pos_ in {"NOUN", "PROPN"}:
            # A verb the tagger read as a noun ("Starmer visits Kyiv", "The Israeli
            # military claims to ..."): its compound, or its own modifiers, name the actor.
            subj = [c for c in verb.lefts if c.dep_ == "compound"][-1:] or [verb]
        if subj:
            if subj[0].lower_ in _PRONOUNS and depth < 3:
                if verb.dep_ == "advcl" and subj[0].lower_ == "they":
                    # "The Europeans will have to be involved because they have ...": the
                    # plural subject of the clause it depends on.
                    main = [c for c in verb.head.children if c.dep_ in _SUBJ | {"nsubjpass"}]
                    if main and main[0].tag_ in {"NNS", "NNPS"}:
                        return main, 0.8
                speaker = self._speaker(verb)
                if speaker:
                    return speaker, 0.8
                if verb.dep_ == "relcl":
                    return [verb.head], 0.9
            return subj, 1.0
        if verb.dep_ in _INHERIT and depth < 3:
            head = verb.head
            if verb.dep_ == "pcomp":
                # "after closing them", "the process of revoking ...": climb over the
                # preposition (and the noun it modifies) to the clause's verb.
                head = head.head
                while head.pos_ in {"NOUN", "PROPN"} and head.dep_ in {"dobj", "pobj", "nsubj"}:
                    head = head.head if head.dep_ != "pobj" else head.head.head
                    if head.pos_ in {"VERB", "AUX"}:
                        break
                toks, weight = self._subject_tokens(head, depth + 1)
                return toks, weight * 0.9
            if (
                verb.dep_ == "acl"
                and head.lemma_ in _SPEECH_NOUNS
                and (head.head.pos_ == "VERB" or head.head.dep_ == "ROOT")
            ):
                # "X issues a statement condemning Y": X condemns.
                toks, weight = self._subject_tokens(head.head, depth + 1)
                return toks, weight * 0.9
            if verb.dep_ in {"acl", "relcl"} and head.pos_ in {"NOUN", "PROPN"}:
                return [head], 0.9
            if verb.dep_ == "xcomp":
                # Object control: "urged Israel to allow" – the object acts.
                objs = [c for c in head.children if c.dep_ == "dobj"]
                objs += [
                    o
                    for c in head.children
                    if c.dep_ == "prep" and c.lower_ == "on"
                    for o in c.children
                    if o.dep_ == "pobj"
                ]
                if objs:
                    return objs, 0.9
                passive = [c for c in head.children if c.dep_ == "nsubjpass"]
                if passive and head.lemma_ in _INTENT_MARKERS:
                    return passive, 0.9
            toks, weight = self._subject_tokens(head, depth + 1)
            return toks, weight * 0.9
        return [], 0.0

    def _speaker(self, verb: Token) -> list[Token]:
        """Subject of the speech verb a clause is reported by ("X said it would ...")."""
        tok = verb
        while tok.dep_ in {"conj", "ccomp", "xcomp", "advcl"} and tok.head.i != tok.i:
            tok = tok.head
            if tok.lemma_ in self.patterns.speech_verbs:
                return [c for c in tok.children if c.dep_ in _SUBJ]
        return []

    def _actors(self, toks: Iterable[Token], right: bool = True) -> list[Actor]:
        out: list[Actor] = []
        for tok in toks:
            if tok.dep_ in _SUBJ and tok.lower_ in _PERSONAL and self.actors.previous:
                # "He also declares ...": the subject of the sentence before; a person
                # standing for a country named alone is its government.
                person = tok.lower_ in {"he", "she"}
                out.extend(
                    replace(a.with_role("GOV") if person else a, weight=min(a.weight, 0.7))
                    for a in self.actors.previous
                )
                continue
            found = self.actors.actors(tok) if right else self._left_actor(tok)
            if right and found:
                # "sentences twelve people, including five Chinese nationals": people of
                # another country named inside the group are actors of their own.
                codes = {a.target_code for a in found}
                found += [
                    a
                    for o in self._pobjs(tok.head if tok.dep_ == "dobj" else tok, ("including",))
                    for a in self.actors.actors(o)
                    if not a.from_context and a.target_code not in codes
                ]
            for a in found:
                if all(a.start != b.start for b in out):
                    out.append(a)
        return out

    def _left_actor(self, tok: Token) -> list[Actor]:
        # The modifiers of a noun trigger, not the phrases after it ("attack on Kyiv").
        actor = self.actors.actor(tok, depth=2, context=False)
        return [actor] if actor is not None else []

    @staticmethod
    def _pobjs(tok: Token, preps: Iterable[str]) -> list[Token]:
        wanted = set(preps)
        return [
            o
            for c in tok.children
            if c.dep_ in {"prep", "agent", "dative"} and c.lower_ in wanted
            for o in c.children
            if o.dep_ == "pobj"
        ]

    def _flags(self, verb: Token) -> tuple[bool, bool, bool]:
        """(negated, hypothetical, reported) for the clause of ``verb``."""
        negated = hypothetical = reported = False
        tok = verb
        for _ in range(6):
            for c in tok.children:
                if c.dep_ == "neg" or c.lower_ == "never":
                    negated = True
                elif (c.dep_ == "aux" and c.lower_ in _MODALS) or (
                    c.dep_ == "mark" and c.lower_ in {"if", "unless"}
                ):
                    hypothetical = True
            if tok.dep_ == "xcomp" and tok.head.lemma_ in _INTENT_MARKERS:
                hypothetical = True
            if tok.dep_ == "acl" and tok.head.lemma_ in _PLAN_NOUNS:
                hypothetical = True  # "Netanyahu's plan to capture Gaza City"
            if tok.dep_ in {"ccomp", "conj"} and tok.head.lemma_ in self.patterns.speech_verbs:
                reported = True
            purpose = tok.dep_ == "advcl" and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in tok.children
            )  # "will meet to discuss": the purpose shares the modality of its clause
            if (tok.dep_ not in {"xcomp", "conj", "ccomp"} and not purpose) or tok.head.i == tok.i:
                break
            if tok.dep_ == "ccomp":
                # Modality of the speech verb ("will say") is not that of its content.
                break
            tok = tok.head
        return negated, hypothetical, reported

    def _pick(self, tok: Token, candidates: tuple[Pattern, ...]) -> Pattern | None:
        objs = [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}]
        # "dispatched 100 tons of aid": the measure's "of" object is the real object.
        objs += [o for c in objs if c.lemma_ in _MEASURES for o in self._pobjs(c, ("of",))]
        obj_lemmas = {c.lemma_.lower() for c in objs}
        particles = {c.lower_ for c in tok.children if c.dep_ in {"prt", "prep", "agent"}}
        # "confirms Bondi as attorney general": the parser hangs "as" on the object
        particles |= {c.lower_ for o in objs for c in o.children if c.lower_ == "as"}
        governor = tok.head.lemma_.lower() if tok.dep_ in {"dobj", "nsubjpass"} else None
        for p in candidates:
            if p.objects and not (p.objects & obj_lemmas):
                continue
            if p.pos == "noun" and p.light and len(candidates) > 1 and governor not in p.light:
                continue  # "lodge a protest" (114) is not "thousands protest" (141)
            if p.particle and p.particle not in particles:
                continue
            if p.modifiers:
                # "suspension of weapon shipments": a noun's "of" phrase counts too
                heads = (
                    [c for c in objs if c.lemma_.lower() in p.objects]
                    if p.pos == "verb"
                    else [tok, *self._pobjs(tok, ("of",))]
                )
                if not any(p.modifiers & _modifiers(h) for h in heads):
                    continue
            return p
        return None

    def _kind(self, tok: Token, lemma: str) -> str | None:
        """Whether ``tok`` triggers as a verb, a noun, or not at all.

        The tagger sometimes reads "Starmer visits Kyiv" with "visits" as a noun, and
        "U.S. airstrikes against ISIL have killed" with "airstrikes" as a verb; the
        dependency label settles it.
        """
        pos = tok.pos_
        if pos in {"VERB", "AUX"}:
            if lemma in self.patterns.by_noun and tok.dep_ in _NOUN_SLOTS:
                return "noun"  # "U.S. missile strikes ... kill": a verb tag in a noun slot
            if lemma in self.patterns.by_verb:
                return "verb"
        elif pos in {"NOUN", "PROPN"}:
            if (
                lemma in self.patterns.by_verb
                and tok.tag_ == "NNS"
                and any(
                    c.dep_ == "dobj" or (c.dep_ == "appos" and tok.dep_ == "ROOT")
                    for c in tok.children
                )
            ):
                return "verb"  # "A court sentences X": a verb read as a plural noun
            if lemma in self.patterns.by_noun:
                return "noun"
        return None

    def _is_noun_trigger(self, tok: Token) -> bool:
        return self._kind(tok, tok.lemma_.lower()) == "noun"

    def _emit(
        self,
        tok: Token,
        pattern: Pattern,
        sources: list[Actor],
        targets: list[Actor],
        weight: float,
        flags: tuple[bool, bool, bool] | None = None,
        *,
        code: str | None = None,
        allow_same: bool = False,
    ) -> None:
        negated, hypothetical, reported = flags or self._flags(tok)
        sources = [
            s
            for s in sources
            if s.source_code and (pattern.reciprocal or pattern.crowd or not s.unnamed)
        ]
        targets = [t for t in targets if t.target_code]
        if not targets and pattern.self_target and sources and sources[0].source_code:
            # "declares a state of emergency": the government acts on its own country.
            src = sources[0]
            home = (src.source_code or "")[:3]
            targets = [Actor(home, home, src.start, src.end, src.text, weight=0.8)]
        pairs = [
            (s, t)
            for s in sources
            for t in targets
            if s.start != t.start or pattern.self_target or allow_same
        ]
        if not pairs and pattern.reciprocal and len(sources) > 1:
            pairs = [(s, t) for s in sources for t in sources if s.start != t.start]
        elif pattern.reciprocal:
            # Talks, agreements and clashes are mutual: "X signs a deal with Y" is also
            # Y's act towards X (the gold codes both directions between states; an
            # international organisation acting on a state is coded one way).
            pairs += [
                (t, s)
                for s, t in pairs
                if t.source_code
                and s.target_code
                and (t, s) not in pairs
                and not (s.source_code or "").startswith(("IGO", "NGO"))
                # "protesters clash with police" is a riot (145), not a mutual fight
                and (s.source_code or "")[3:6] not in pattern.by_role
                # "Rubio will meet the Russian delegation": the subject acts on its object
                and not _in_object(tok, t)
            ]
        end = tok.i + 1
        for c in tok.children:
            if c.dep_ == "prt" and c.i == end:
                end += 1
        if code is None and pattern.about and not hypothetical:
            code = _about_code(tok, pattern)
        for s, t in pairs:
            if code is None:
                this_code = pattern.code_for(s.source_code or "", hypothetical, t.target_code or "")
            else:
                this_code = code
            conf = round(pattern.weight * weight * min(s.weight, 1.0) * min(t.weight, 1.0), 3)
            self.events.append(
                RawEvent(s, t, this_code, pattern, tok, end, negated, hypothetical, reported, conf)
            )


_ABOUT_PREPS = frozenset({"of", "for", "over", "against"})
_NOUN_SLOTS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj"})


def _modifiers(tok: Token) -> set[str]:
    """Lemmas of the adjectives and compounds modifying ``tok`` ("drone" in "drone strike")."""
    mods = [c for c in tok.children if c.dep_ in {"amod", "compound", "nmod", "npadvmod"}]
    # "air defense and weapon shipments": coordinated modifiers count alike
    return {m.lemma_.lower() for c in mods for m in (c, *c.conjuncts)}


def _about_code(tok: Token, pattern: Pattern) -> str | None:
    """The code a word of the trigger's "of" / "for" / "over" / "against" phrase gives
    ("accuses X of espionage" → 1125); the first such word in the text wins."""
    heads = [tok, *(c for c in tok.children if c.dep_ == "dobj")]  # "accuses X of": on X
    for child in (c for h in heads for c in h.children):
        if child.dep_ not in {"prep", "pcomp"} or child.lower_ not in _ABOUT_PREPS:
            continue
        for word in child.subtree:
            code = pattern.about.get(word.lemma_.lower())
            if code is not None:
                return code
    return None


def _in_object(tok: Token, actor: Actor) -> bool:
    """Whether ``actor`` was named in the direct object of the verb ``tok``."""
    if tok.pos_ not in {"VERB", "AUX"}:
        return False
    for obj in tok.children:
        if obj.dep_ == "dobj":
            end = obj.idx + len(obj.text)  # the phrase up to its head, not "with Syria"
            if obj.left_edge.idx <= actor.start < end:
                return True
    return False
