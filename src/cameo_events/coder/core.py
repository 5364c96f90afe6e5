"""The public coder: text in, :class:`CodedEvent` records out.

Resources (pipeline, actor trie, patterns, gazetteer) are built once per
:class:`Coder` and reused for every document; :func:`code_text` and :func:`code_texts`
use one default coder built on first use.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from cameo_events.coder.actors import ActorDictionary, ActorEntry, Mention, load_actor_dictionary
from cameo_events.coder.dates import DatePhrase, find_date_phrases, resolve_date
from cameo_events.coder.dating import attached_phrases, is_background
from cameo_events.coder.engine import RawEvent, SentenceCoder
from cameo_events.coder.events import CodedEvent
from cameo_events.coder.fallback import FALLBACK_PREFIX, fallback_events
from cameo_events.coder.learned import EventModel, event_features, load_model
from cameo_events.coder.model import load_pipeline
from cameo_events.coder.patterns import PatternSet, load_patterns
from cameo_events.coder.petrarch import (
    Skip,
    read_actor_dictionary,
    read_agent_dictionary,
    to_actor_entries,
)
from cameo_events.coder.places import Gazetteer, PlaceMention, find_places
from cameo_events.coder.resolve import Actor, SentenceActors

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

__all__ = [
    "CODER_VERSION",
    "MAX_CHARS",
    "Coder",
    "code_text",
    "code_texts",
    "default_coder",
    "dictionary_version",
]

logger = logging.getLogger(__name__)

#: Version of the coding rules (engine + pattern semantics); bump when output may change.
CODER_VERSION = "0.3.0"
#: Documents are cut to this many characters before parsing: news items are far shorter,
#: and the parser's memory and time grow with length. The cut is at a sentence-ish
#: boundary when one is near, so spans stay valid offsets into the original text.
MAX_CHARS = 100_000
#: Share of letters that must be ASCII for a text to be read as English; other scripts
#: ("Россия атакует") hold no names our dictionaries know.
_MIN_ASCII_LETTERS = 0.6


def dictionary_version(*, include_model: bool = True) -> str:
    """The sha256 over every coder data file (patterns, lexicon, actors, hashes and the
    learned model), first 12 hex digits; ``include_model=False`` leaves the model out
    (the model's own record of what it was trained with).

    Examples
    --------
    >>> len(dictionary_version())
    12
    """
    root = Path(str(resources.files("cameo_events.coder").joinpath("data")))
    digest = hashlib.sha256()
    for path in sorted(
        p
        for p in root.rglob("*")
        if p.is_file()
        and (p.suffix in {".yaml", ".sha256"} or (include_model and p.suffix == ".json"))
    ):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _clip(text: str) -> str:
    if len(text) <= MAX_CHARS:
        return text
    cut = text.rfind(". ", 0, MAX_CHARS)
    clipped = text[: cut + 1] if cut > MAX_CHARS // 2 else text[:MAX_CHARS]
    logger.warning(
        "document of %d characters cut to %d (MAX_CHARS=%d): later text is not coded",
        len(text),
        len(clipped),
        MAX_CHARS,
    )
    return clipped


def _looks_english(text: str) -> bool:
    letters = [c for c in text[:2000] if c.isalpha()]
    if not letters:
        return False
    return sum(c.isascii() for c in letters) / len(letters) >= _MIN_ASCII_LETTERS


class Coder:
    """Everything needed to code documents, built once.

    Parameters
    ----------
    nlp
        A spaCy pipeline; by default the verified ``en_core_web_sm`` (see
        :func:`~cameo_events.coder.model.load_pipeline`).
    actor_dir
        Folder of actor dictionaries (default: the packaged ones).
    pattern_path
        Pattern file (default: the packaged one).
    use_model
        Filter the rules' candidates with the learned model (``data/event_model.json``,
        trained by ``cameo-events train``); ``False`` codes with the rules alone.
    model_path
        A model file to use instead of the packaged one.
    user_actors, user_agents
        Actor and agent dictionaries in the PETRARCH / Phoenix format (date-limited codes
        honoured), merged after the packaged ones: they add names, never recode ours.
    """

    def __init__(
        self,
        nlp: Language | None = None,
        *,
        actor_dir: Path | None = None,
        pattern_path: Path | None = None,
        use_model: bool = True,
        model_path: Path | None = None,
        user_actors: Sequence[Path] = (),
        user_agents: Sequence[Path] = (),
    ) -> None:
        self.nlp = nlp if nlp is not None else load_pipeline()
        #: The learned filter over the rules' candidates; None = rules alone.
        self.model: EventModel | None = load_model(model_path) if use_model else None
        #: Propose fallback candidates even with no model (training collects them).
        self.fallback = False
        tokenizer = self.nlp.tokenizer
        #: Lines of the user's dictionaries that could not be read, with file and reason.
        self.dictionary_skips: list[Skip] = []
        extra: list[tuple[str, ActorEntry]] = []
        if user_actors or user_agents:
            actors = [
                a
                for p in user_actors
                for a in read_actor_dictionary(p, skips=self.dictionary_skips)
            ]
            agents = [
                a
                for p in user_agents
                for a in read_agent_dictionary(p, skips=self.dictionary_skips)
            ]
            extra = to_actor_entries(actors, agents, skips=self.dictionary_skips)
        self.actors: ActorDictionary = load_actor_dictionary(
            lambda s: [t.text for t in tokenizer(s)], actor_dir, extra
        )
        self.patterns: PatternSet = load_patterns(pattern_path)
        self.gazetteer = Gazetteer()

    def code_text(self, text: str, published: datetime.date) -> list[CodedEvent]:
        """Code one document; see :func:`code_text`."""
        return self.code_doc(self.nlp(self.prepare(text)), published)

    def code_texts(
        self,
        items: Iterable[tuple[str, str, datetime.date]],
        *,
        n_process: int = 1,
        batch_size: int = 64,
    ) -> Iterator[tuple[str, list[CodedEvent]]]:
        """Code many documents; see :func:`code_texts`."""
        tuples = ((self.prepare(text), (key, day)) for key, text, day in items)
        docs = self.nlp.pipe(tuples, as_tuples=True, n_process=n_process, batch_size=batch_size)
        for doc, (key, day) in docs:
            yield key, self.code_doc(doc, day)

    @staticmethod
    def prepare(text: str) -> str:
        """The text actually parsed: cut to :data:`MAX_CHARS`; empty when not English."""
        if not isinstance(text, str) or not text.strip():
            return ""
        text = _clip(text)
        return text if _looks_english(text) else ""

    def code_doc(self, doc: Doc, published: datetime.date) -> list[CodedEvent]:
        """Code a parsed document against its publication date."""
        candidates = self.candidates(doc, published)
        if self.model is None:
            return [event for event, _ in candidates if not _is_fallback(event)]
        return self.model.emit(candidates)

    def candidates(self, doc: Doc, published: datetime.date) -> list[tuple[CodedEvent, list[str]]]:
        """The rules' candidate events of a parsed document, each with its model features."""
        if len(doc) == 0:
            return []
        mentions = self.actors.match(
            [t.text for t in doc], [t.lower_ for t in doc], [t.lemma_ for t in doc]
        )
        if not mentions:
            return []  # no actor, no event: skip the per-sentence work
        fallback = next(
            (m.entry.code for m in mentions if m.entry.kind in {"country", "place", "adjective"}),
            None,
        )
        phrases: list[DatePhrase] | None = None
        events: list[tuple[CodedEvent, list[str]]] = []
        pos = 0
        previous: list[Actor] = []
        for index, sent in enumerate(doc.sents):
            own: list[Mention] = []
            while pos < len(mentions) and mentions[pos].start < sent.end:
                if mentions[pos].end <= sent.end:
                    own.append(mentions[pos])
                pos += 1
            subjects = [t for t in sent.root.children if t.dep_ in {"nsubj", "nsubjpass"}]
            personal = any(t.lower_ in {"he", "she", "they"} for t in subjects)
            if not own and not (personal and previous):
                previous = []
                continue
            actors = SentenceActors(sent, own, published, fallback, previous)
            if not personal:
                # The subject a following "He ..." / "They ..." refers to.
                previous = [a for t in subjects for a in actors.actors(t) if a.source_code]
            coder = SentenceCoder(sent, actors, self.patterns)
            raw = [ev for ev in coder.run() if not ev.negated]
            if self.model is not None or self.fallback:
                raw += fallback_events(coder, raw)
            if not raw:
                continue
            if phrases is None:
                phrases = find_date_phrases(doc.text)
            places = find_places(sent, self.gazetteer)
            for ev in raw:
                event = self._finish(ev, index, sent, published, phrases, places)
                if not is_background(ev.trigger, event.event_date, published, ev.hypothetical):
                    events.append((event, event_features(ev, sent, len(raw))))
        return events

    def _finish(
        self,
        ev: RawEvent,
        index: int,
        sent: Span,
        published: datetime.date,
        phrases: list[DatePhrase],
        places: list[PlaceMention],
    ) -> CodedEvent:
        doc = sent.doc
        trig_start = ev.trigger.idx
        last = doc[ev.trigger_end - 1]
        trig_end = last.idx + len(last.text)
        # The date / place phrase nearest the trigger inside the sentence describes it.
        day, granularity, phrase = published, "day", None
        for p in attached_phrases(sent, ev.trigger, phrases):
            resolved = resolve_date(p, published, future=ev.hypothetical)
            if resolved is not None and not ev.hypothetical and resolved.date > published:
                # Something that happened cannot have happened after it was reported: take
                # the past reading of the phrase ("on Monday" in the past tense), and when
                # there is none ("tomorrow", "on 5 May 2027") the phrase is not this event's.
                resolved = resolve_date(p, published, future=False)
                if resolved is not None and resolved.date > published:
                    resolved = None
            if resolved is not None and _stale_day(p, resolved.date, published):
                resolved = None
            if resolved is not None:
                day, granularity, phrase = resolved.date, resolved.granularity, p
                break
        place = min(places, key=lambda p: abs(p.start - trig_start), default=None)
        assert ev.source.source_code is not None and ev.target.target_code is not None
        return CodedEvent(
            sentence_index=index,
            source=ev.source.source_code,
            source_text=ev.source.text,
            source_span=(ev.source.start, ev.source.end),
            target=ev.target.target_code,
            target_text=ev.target.text,
            target_span=(ev.target.start, ev.target.end),
            code=ev.code,
            trigger_text=doc.text[trig_start:trig_end],
            trigger_span=(trig_start, trig_end),
            pattern_id=FALLBACK_PREFIX + ev.pattern.id if ev.fallback else ev.pattern.id,
            event_date=day,
            date_granularity=granularity,
            date_phrase=phrase.text if phrase else None,
            date_span=(phrase.start, phrase.end) if phrase else None,
            place=place.place.name if place else None,
            place_country=place.place.country if place else None,
            latitude=place.place.latitude if place else None,
            longitude=place.place.longitude if place else None,
            negated=ev.negated,
            hypothetical=ev.hypothetical,
            reported=ev.reported,
            confidence=ev.confidence,
        )


#: A day-and-month with no year that resolves this far back is a scheduled date just
#: after publication ("talks on April 15" written on April 14), not last year's.
_BARE_DAY_MAX_AGE = datetime.timedelta(days=300)


def _stale_day(phrase: DatePhrase, day: datetime.date, published: datetime.date) -> bool:
    has_year = (
        any(ch.isdigit() for ch in phrase.text.split()[-1]) and len(phrase.text.split()[-1]) == 4
    )
    return phrase.kind in {"mdy", "dmy"} and not has_year and published - day > _BARE_DAY_MAX_AGE


def _is_fallback(event: CodedEvent) -> bool:
    return event.pattern_id.startswith(FALLBACK_PREFIX)


@cache
def default_coder() -> Coder:
    """The coder built from the packaged model and dictionaries (built once per process)."""
    return Coder()


def _coder(nlp: Language | None) -> Coder:
    coder = default_coder()
    if nlp is None or nlp is coder.nlp:
        return coder
    return _coder_for(nlp)


@cache
def _coder_for(nlp: Language) -> Coder:
    return Coder(nlp)


def code_text(text: str, published: datetime.date, nlp: Language | None = None) -> list[CodedEvent]:
    """Code the events of one document.

    Parameters
    ----------
    text
        The document text. Texts longer than :data:`MAX_CHARS` characters are cut there;
        empty, non-English or garbled text gives no events.
    published
        Publication date: relative dates are resolved against it, and it picks the office
        a named person held.
    nlp
        A spaCy pipeline to use instead of the verified default.

    Returns
    -------
    list of CodedEvent
        In document order; negated events are left out.

    Examples
    --------
    >>> import datetime
    >>> [(e.source, e.code, e.target) for e in code_text(
    ...     "Russia and China condemned the United States.", datetime.date(2025, 3, 1))]
    [('RUS', '111', 'USA'), ('CHN', '111', 'USA')]
    """
    return _coder(nlp).code_text(text, published)


def code_texts(
    items: Iterable[tuple[str, str, datetime.date]],
    *,
    nlp: Language | None = None,
    n_process: int = 1,
    batch_size: int = 64,
) -> Iterator[tuple[str, list[CodedEvent]]]:
    """Code many documents with ``nlp.pipe``: ``(id, text, published)`` → ``(id, events)``.

    Order is kept. ``n_process`` > 1 parses in worker processes (spaCy's multiprocessing);
    the coding itself runs in the calling process.
    """
    return _coder(nlp).code_texts(items, n_process=n_process, batch_size=batch_size)
