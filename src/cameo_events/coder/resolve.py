"""Turn a noun phrase into an actor: combine the dictionary names found inside it.

"Russian troops" is a country adjective and a role word inside one noun phrase: the actor
is ``RUSMIL``. "The Kremlin" is a seat of power: ``RUSGOV`` as a source, ``RUS`` as a target.
"Gaza" is a place: it may be a target (``PSE``) but never a source. A bare role ("police")
takes the country the sentence is about, when there is one.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from cameo_events.coder.actors import ActorEntry, Mention, Term

__all__ = ["Actor", "SentenceActors"]

_COUNTRYISH = frozenset({"country", "adjective", "demonym", "seat", "place"})
_NAMED = frozenset({"person", "group", "org"})


@dataclass(frozen=True)
class Actor:
    """An actor found in a noun phrase.

    ``source_code`` / ``target_code`` differ for seats of power (``RUSGOV`` / ``RUS``) and
    places (no source code). ``bare_country`` marks a country named with no role, which a
    noun trigger may complete ("Israeli airstrikes" → ``ISRMIL``); ``iso`` is the country
    atom of a country-like name (for composing with a role named later in the phrase).
    """

    source_code: str | None
    target_code: str | None
    start: int
    end: int
    text: str
    bare_country: bool = False
    iso: str | None = None
    weight: float = 1.0
    unnamed: bool = False
    from_context: bool = False  # a bare role given the sentence's country ("police")

    def with_role(self, role: str) -> Actor:
        """The same actor with ``role`` appended when it is a bare country."""
        if not self.bare_country or self.iso is None:
            return self
        code = self.iso + role
        return replace(self, source_code=code, target_code=code, bare_country=False)


@dataclass(frozen=True)
class _Parts:
    named: Mention | None
    country: Mention | None
    role: Mention | None


class SentenceActors:
    """The actor mentions of one sentence, with noun-phrase resolution.

    Parameters
    ----------
    sent
        The parsed sentence.
    mentions
        Dictionary matches inside the sentence (document token offsets).
    day
        The document date: picks the office a named person held.
    fallback_country
        Country of the document, used for a bare role when the sentence names none.
    previous
        Actors of the previous sentence's subject, for "He/She/They" subjects.
    """

    def __init__(
        self,
        sent: Span,
        mentions: Sequence[Mention],
        day: datetime.date,
        fallback_country: str | None,
        previous: Sequence[Actor] = (),
    ) -> None:
        self.sent = sent
        self.previous = previous
        self.doc = sent.doc
        self.day = day
        self.mentions = mentions
        self.by_token: dict[int, list[Mention]] = {}
        for m in mentions:
            for i in range(m.start, m.end):
                self.by_token.setdefault(i, []).append(m)
        self.context_country = self._context_country(mentions) or fallback_country

    def _context_country(self, mentions: Sequence[Mention]) -> str | None:
        # A place named in a prepositional phrase ("in Paris") says best where the
        # sentence happens; any other country name comes next.
        best: tuple[int, int, int, str] | None = None
        for m in mentions:
            if m.entry.kind not in _COUNTRYISH:
                continue
            head = self.doc[m.end - 1]
            while head.dep_ in {"appos", "conj", "compound"} and head.head.i != head.i:
                head = head.head  # "in Wenzhou, Zhejiang province, China"
            in_pp = head.dep_ == "pobj" and head.head.lower_ in _PLACE_PREPS
            named = m.entry.kind in {"place", "seat", "country"}
            cand = (0 if in_pp else 1, 0 if named else 1, m.start, m.entry.code)
            if best is None or cand < best:
                best = cand
        return best[3] if best else None

    def has_mention(self, tok: Token) -> bool:
        """Whether a dictionary name covers ``tok``."""
        return tok.i in self.by_token

    def actors(self, tok: Token) -> list[Actor]:
        """Actors of the phrase headed by ``tok`` and of each phrase coordinated with it."""
        out: list[Actor] = []
        # "Angola, Namibia, and the DRC": the parser often reads a list as an apposition
        # that carries the coordination.
        listed = [
            c
            for c in tok.children
            if c.dep_ == "appos" and c.conjuncts and self._is_country(tok) and self._is_country(c)
        ]
        for t in (tok, *tok.conjuncts, *(x for c in listed for x in (c, *c.conjuncts))):
            actor = self.actor(t)
            if actor is not None and all(a.start != actor.start for a in out):
                out.append(actor)
                out.extend(self._coordinated_modifiers(t, actor))
        return out

    def _coordinated_modifiers(self, tok: Token, actor: Actor) -> list[Actor]:
        """ "U.S. and Israeli warplanes": one actor per coordinated country modifier."""
        extra: list[Actor] = []
        if actor.source_code is None or any(
            m.entry.kind == "person" for m in self.by_token.get(tok.i, ())
        ):
            return extra
        role = actor.source_code[3:]
        for child in tok.lefts:
            if not child.conjuncts:
                continue
            for conj in (child, *child.conjuncts):
                for m in self.by_token.get(conj.i, ()):
                    if m.entry.kind in {"adjective", "country"} and m.start != actor.start:
                        code = m.entry.code + role
                        extra.append(self._make(code, code, [m], bare=not role, iso=m.entry.code))
        return extra

    def actor(self, tok: Token, depth: int = 0, *, context: bool = True) -> Actor | None:
        """The actor named by the noun phrase headed by ``tok``, if any.

        ``context=False`` refuses to complete a bare role with the sentence's country
        (used for the modifiers of noun triggers: "drone attack" alone names no one).
        """
        # For a noun trigger (context=False) a role word that is the trigger itself
        # ("strike", "drone attack") says nothing about who acted: skip it.
        parts = self._parts(tok, skip_head_roles=not context)
        if parts.named is not None:
            code = self._named_code(parts.named.entry)
            head_role = parts.role
            if (
                head_role is not None
                and head_role.start <= tok.i < head_role.end
                and not parts.named.start <= tok.i < parts.named.end
                and len(code) == 6
                and not code.startswith(("IGO", "NGO", "IMG"))
            ):
                # "a Tatmadaw court": the head word's role, in the named body's country.
                code = code[:3] + head_role.entry.code
                return self._make(code, code, [parts.named, head_role])
            if code.startswith("IMG") and parts.country is not None:
                # "Somali Islamic State militants": a local affiliate is <country>REB.
                code = parts.country.entry.code + (code[3:] or "REB")
                return self._make(code, code, [parts.country, parts.named])
            # A transnational group with no country in its own phrase stays IMG: the
            # country the sentence happens in is not its nationality (guidelines).
            return self._make(code, code, [parts.named]) if code else None
        if parts.country is not None:
            if parts.role is not None and self._former(tok, parts.role):
                return self._country_actor(tok, parts.country)
            if parts.role is not None:
                code = parts.country.entry.code + parts.role.entry.code
                return self._make(code, code, [parts.country, parts.role])
            # "Iranian military targets", "a Russian Antonov": the adjective stands for
            # its country (as the gold guidelines code them).
            return self._country_actor(tok, parts.country)
        inner = self._right_phrase(tok, depth)
        if parts.role is None:
            if (
                inner is None
                and context
                and self.context_country
                and tok.lemma_ in _PLACE_NOUNS
                and tok.tag_ == "NN"
                and any(c.lower_ == "the" for c in tok.lefts)
            ):
                # "the island", "the city": a place of the country the sentence is about,
                # which as a target stands for that country (never a source).
                code = self.context_country
                return replace(self._make(None, code, [], weight=0.7, extra_tok=tok), iso=code)
            # A person missing from the dictionaries gets no code: the country the
            # sentence is about is not their nationality (it made IRN -> IRN dyads).
            return inner
        role = parts.role.entry.code
        if self._former(tok, parts.role) and self.context_country is not None and context:
            # "former president X": out of office, the country alone (gold guidelines).
            code = self.context_country
            return replace(self._make(code, code, [parts.role], weight=0.7), from_context=True)
        if inner is not None and inner.iso is not None:
            # "the government of Sudan", "residents of Gaza"
            code = inner.iso + role
            return self._make(code, code, [parts.role], extra=inner)
        if inner is not None and inner.source_code is not None:
            return inner  # "members of Hamas"
        owner = self._owner(tok)
        country = owner or self.context_country
        if country is None or (not context and parts.role.end > tok.i):
            return None
        code = country + role
        actor = replace(self._make(code, code, [parts.role], weight=0.7), from_context=not owner)
        if role == "CVL" or parts.role.entry.name.lower() in _UNNAMED:
            # "a man", "people": codable as victims, but an unnamed person is no source
            # (gold guidelines: "a gunman" is not coded) except in mutual events
            # ("clashes between herders and farmers"): see Actor.unnamed.
            return replace(actor, unnamed=True)
        return actor

    def _parts(self, tok: Token, *, skip_head_roles: bool = False) -> _Parts:
        named: Mention | None = None
        country: Mention | None = None
        role: Mention | None = None
        for i in range(tok.left_edge.i, tok.i + 1):
            for m in self.by_token.get(i, ()):
                kind = m.entry.kind
                if kind == "stop":
                    continue
                if kind in _NAMED:
                    # The name closest to the head wins ("Hamas militants" → Hamas).
                    if named is None or m.end > named.end:
                        named = m
                elif kind == "role":
                    if skip_head_roles and m.start <= tok.i < m.end:
                        continue
                    if role is None or m.end > role.end:
                        role = m
                elif country is None or _country_key(tok, m) < _country_key(tok, country):
                    country = m
        return _Parts(named, country, role)

    def _is_country(self, tok: Token) -> bool:
        return any(m.entry.kind == "country" for m in self.by_token.get(tok.i, ()))

    def _owner(self, tok: Token) -> str | None:
        """The country of a possessive pronoun's owner ("the IRGC says that their naval
        forces ...", "X and his family"): the subject named last before it for
        "its"/"their", the actor named last for "his"/"her"."""
        owners = [c for c in tok.children if c.dep_ == "poss" and c.lower_ in _POSSESSIVE]
        if not owners:
            return None
        person = owners[0].lower_ in {"his", "her"}
        for i in range(owners[0].i - 1, self.sent.start - 1, -1):
            word = self.doc[i]
            if i not in self.by_token or not (person or word.dep_ in {"nsubj", "nsubjpass"}):
                continue
            while word.dep_ in {"compound", "amod", "nmod"} and word.head.i > word.i:
                word = word.head  # the whole name: "senate president Baules"
            owner = self.actor(word, depth=2, context=False)
            if owner is not None and owner.source_code and not owner.from_context:
                return owner.source_code[:3]
        return None

    def _former(self, tok: Token, role: Mention) -> bool:
        """Whether the role is one held in the past ("former soldier", "ex-adviser")."""
        for i in range(tok.left_edge.i, role.end):
            word = self.doc[i].lower_
            if word in {"former", "ex"} or (word.startswith("ex-") and i >= role.start):
                return True
        return False

    def _right_phrase(self, tok: Token, depth: int) -> Actor | None:
        """Actors named after the head: "the government of Sudan", "Netanyahu, Israel's PM"."""
        if depth > 1:
            return None
        for child in tok.rights:
            if child.dep_ == "acl" and child.tag_ == "VBN":
                # "a lawsuit filed by a Peruvian farmer": whose it is
                child = next((c for c in child.children if c.dep_ == "agent"), child)
            if child.dep_ in {"prep", "agent"} and child.lower_ in _OF_PREPS:
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        inner = self.actor(obj, depth + 1)
                        if inner is not None:
                            return inner
            elif child.dep_ == "appos":
                inner = self.actor(child, depth + 1)
                if inner is not None:
                    return inner
        return None

    def _country_actor(self, tok: Token, m: Mention) -> Actor:
        iso = m.entry.code
        kind = m.entry.kind
        if kind == "demonym" and m.start <= tok.i < m.end:
            return self._make(iso + "CVL", iso + "CVL", [m])
        if kind == "seat":
            return self._make(iso + "GOV", iso, [m], iso=iso)
        if kind == "place":
            return self._make(None, iso, [m], iso=iso)
        return self._make(iso, iso, [m], bare=True, iso=iso)

    def _named_code(self, entry: ActorEntry) -> str:
        if entry.kind != "person":
            return entry.code
        code = entry.person_code(self.day)
        if code or not entry.terms:
            return code

        # Before or after every listed term ("the Senate confirms X as attorney general"
        # the day before X takes office): the country of the nearest term, no role.
        def distance(term: Term) -> int:
            ends = [d for d in (term.start, term.end) if d is not None]
            return min((abs((d - self.day).days) for d in ends), default=0)

        return min(entry.terms, key=distance).code[:3]

    def _make(
        self,
        source: str | None,
        target: str | None,
        parts: list[Mention],
        *,
        bare: bool = False,
        iso: str | None = None,
        weight: float = 1.0,
        extra: Actor | None = None,
        extra_tok: Token | None = None,
    ) -> Actor:
        if extra_tok is not None and not extra_tok.ent_type_:
            start, end = extra_tok.idx, extra_tok.idx + len(extra_tok.text)
        elif extra_tok is not None:
            first = self.doc[_name_start(extra_tok)]
            start, end = first.idx, extra_tok.idx + len(extra_tok.text)
        else:
            start = min(self.doc[m.start].idx for m in parts)
            last = self.doc[max(m.end for m in parts) - 1]
            end = last.idx + len(last.text)
        if extra is not None:
            start, end = min(start, extra.start), max(end, extra.end)
        return Actor(source, target, start, end, self.doc.text[start:end], bare, iso, weight)


# Role words for people the text does not identify ("gunmen kill ten"): never a source.
_UNNAMED = frozenset(
    {"gunman", "gunmen", "assailant", "assailants", "attacker", "attackers", "man", "men",
     "terrorist", "terrorists",
     "woman", "women", "person", "people", "individual", "individuals", "suspect", "suspects",
     "perpetrator", "perpetrators"}
)  # fmt: skip
# Common nouns naming a part of a country ("the city", "the island").
_PLACE_NOUNS = frozenset(
    {"city", "town", "village", "island", "region", "province", "capital", "territory",
     "country", "area", "district", "enclave", "strip", "port"}
)  # fmt: skip
_POSSESSIVE = frozenset({"its", "their", "his", "her"})
_PLACE_PREPS = frozenset(
    {"in", "near", "at", "on", "across", "outside", "into", "around", "throughout"}
)
_OF_PREPS = frozenset({"of", "in", "from", "by"})
_HEAD_PREF = {"demonym": 0, "country": 1, "seat": 2, "place": 3, "adjective": 4}
_MOD_PREF = {"adjective": 0, "country": 1, "seat": 2, "place": 3, "demonym": 4}


def _country_key(tok: Token, m: Mention) -> tuple[int, int, int]:
    # Prefer the reading covering the head ("Palestinians" as a demonym), else the nearest
    # modifier ("Palestinian" as an adjective).
    if m.start <= tok.i < m.end:
        return (0, _HEAD_PREF[m.entry.kind], -m.end)
    return (1, _MOD_PREF[m.entry.kind], -m.end)


def _name_start(tok: Token) -> int:
    """First token of a proper name ending at ``tok`` ("José Adolfo Macías Villamar")."""
    start = tok.i
    while start > 0:
        prev = tok.doc[start - 1]
        if prev.ent_iob_ == "O" or prev.ent_type_ != tok.ent_type_:
            break
        start -= 1
    return start
