"""The record models: :class:`Document` and :class:`Event` (schema 1.x).

These pydantic models are the single source of truth for the record shape:
the JSON Schema, the Arrow schema and the published ``schema/`` folder are
generated from them. Records are flat (one JSON key per Parquet column) so a
JSON line, a pydantic object and a Parquet row are the same thing.

Every rule a validator enforces has a stable id (``code.unknown``,
``quad_class.mismatch``, ...): it is the pydantic error ``type`` and starts the
message, so ``rule_ids(exc)`` lists what a record broke.

Examples
--------
>>> import datetime
>>> from cameo_events.schema.models import Event, make_event_id
>>> event = Event.model_validate({
...     "event_id": "0" * 20, "doc_id": "1" * 20, "sentence_index": 0,
...     "event_date": "2025-02-18", "date_granularity": "day", "date_phrase": "on Tuesday",
...     "source_actor": "RUSGOV", "source_country": "RUS", "source_text": "Lavrov",
...     "source_start": 0, "source_end": 6,
...     "target_actor": "USAGOV", "target_country": "USA", "target_text": "Rubio",
...     "target_start": 16, "target_end": 21,
...     "cameo_code": "036", "base_code": "036", "root_code": "03",
...     "quad_class": 1, "goldstein": 4.0,
...     "trigger_text": "will meet", "trigger_start": 7, "trigger_end": 16,
...     "pattern_id": "gold", "coding_method": "gold", "coder_version": "gold",
... })
>>> event.cameo_code, event.quad_class
('036', 1)
"""

from __future__ import annotations

import datetime
import hashlib
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic_core import PydanticCustomError

from cameo_events.schema.actors import actor_code_problem, actor_country
from cameo_events.schema.codebook import CODE_PATTERN, packaged_codebook

__all__ = [
    "Document",
    "Event",
    "make_doc_id",
    "make_event_id",
    "rule_ids",
]

HASH_ID = r"^[0-9a-f]{20}$"
COUNTRY = r"^[A-Z]{3}$"
ACTOR = r"^(?:[A-Z]{3}){1,5}$"
CODE = r"^[0-9]{2,4}$"

# Built-in pydantic error types, named by our rule ids.
_BUILTIN_RULES = {"missing": "field.missing", "extra_forbidden": "field.extra"}


def rule_ids(error: ValidationError) -> list[str]:
    """The rule ids a :class:`~pydantic.ValidationError` reports, one per error."""
    return [
        _BUILTIN_RULES.get(e["type"], e["type"] if "." in e["type"] else "field.type")
        for e in error.errors()
    ]


def _fail(rule: str, message: str, **context: Any) -> PydanticCustomError:
    return PydanticCustomError(rule, f"[{rule}] {message}", context or None)


def make_doc_id(normalised_text: str) -> str:
    """The id of a document: the first 20 hex digits of sha256 of its normalised text.

    >>> make_doc_id("Russia and the US met in Riyadh.")
    '7759d1dd8d9275d12aa7'
    """
    return hashlib.sha256(normalised_text.encode("utf-8")).hexdigest()[:20]


def make_event_id(
    doc_id: str,
    sentence_index: int,
    source: tuple[str, int],
    target: tuple[str, int],
    cameo_code: str,
    trigger: tuple[int, int],
) -> str:
    """A stable event id: rebuilding the same document gives the same ids.

    ``source`` and ``target`` are ``(actor code, start offset)``: coordinated
    actors ("Rubio, Waltz and Witkoff will meet ...") share code, trigger and
    sentence, so the offset is what tells their events apart.

    >>> make_event_id("1" * 20, 0, ("RUSGOV", 0), ("USAGOV", 16), "036", (7, 16))
    'be103fb8a6dac6737fb7'
    """
    parts = [doc_id, sentence_index, *source, *target, cameo_code, *trigger]
    return hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:20]


class Document(BaseModel):
    """A source document: the text events are coded from, and where it came from."""

    model_config = ConfigDict(extra="forbid", frozen=True, title="Document")

    doc_id: Annotated[
        str,
        Field(pattern=HASH_ID, description="sha256 of the normalised text, first 20 hex digits."),
    ]
    title: Annotated[str, Field(description="Headline or title.")]
    publisher: Annotated[str, Field(min_length=1, description="Who published the text.")]
    url: Annotated[str | None, Field(description="Where the text was published, if known.")] = None
    published: Annotated[
        datetime.date, Field(description="Publication date; relative dates resolve against it.")
    ]
    language: Annotated[str, Field(pattern=r"^[a-z]{2}$", description="ISO 639-1 language code.")]
    licence: Annotated[
        str, Field(min_length=1, description="Licence of the text (SPDX id or a phrase).")
    ]
    text: Annotated[
        str, Field(min_length=1, description="Normalised article text without page furniture.")
    ]
    source_corpus: Annotated[
        str, Field(min_length=1, description="Corpus or folder the document was read from.")
    ]
    source_key: Annotated[
        str, Field(min_length=1, description="File name, line number or row key in the corpus.")
    ]

    @model_validator(mode="after")
    def _id_matches_text(self) -> Document:
        expected = make_doc_id(self.text)
        if self.doc_id != expected:
            raise _fail(
                "document.id_mismatch",
                f"doc_id {self.doc_id!r} is not the hash of the text ({expected!r})",
            )
        return self


class Event(BaseModel):
    """One coded event: who did what to whom, when and where, and the words it came from.

    ``base_code``, ``root_code``, ``quad_class`` and ``goldstein`` are derived
    from ``cameo_code`` through the codebook and must agree with it.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, title="Event")

    event_id: Annotated[
        str,
        Field(
            pattern=HASH_ID,
            description="Stable hash of doc, sentence, actors, code and trigger span.",
        ),
    ]
    doc_id: Annotated[
        str, Field(pattern=HASH_ID, description="The document the event was coded from.")
    ]
    sentence_index: Annotated[
        int, Field(ge=0, le=65535, description="0-based sentence number in the document.")
    ]
    event_date: Annotated[
        datetime.date,
        Field(description="When the event happened, resolved against the publication date."),
    ]
    date_granularity: Annotated[
        Literal["day", "week", "month", "year"], Field(description="How precise event_date is.")
    ]
    date_phrase: Annotated[
        str | None, Field(description="The words the date came from; null: the publication date.")
    ] = None

    source_actor: Annotated[
        str | None, Field(pattern=ACTOR, description="CAMEO actor code of who acted, e.g. RUSGOV.")
    ]
    source_country: Annotated[
        str | None,
        Field(pattern=COUNTRY, description="First atom of source_actor when it is a country."),
    ]
    source_text: Annotated[
        str | None, Field(min_length=1, description="The words that name the source.")
    ]
    source_start: Annotated[
        int | None, Field(ge=0, description="Start offset of source_text in the document text.")
    ]
    source_end: Annotated[
        int | None, Field(ge=1, description="End offset (exclusive) of source_text.")
    ]

    target_actor: Annotated[
        str | None,
        Field(pattern=ACTOR, description="CAMEO actor code of who was acted on, e.g. USAGOV."),
    ]
    target_country: Annotated[
        str | None,
        Field(pattern=COUNTRY, description="First atom of target_actor when it is a country."),
    ]
    target_text: Annotated[
        str | None, Field(min_length=1, description="The words that name the target.")
    ]
    target_start: Annotated[
        int | None, Field(ge=0, description="Start offset of target_text in the document text.")
    ]
    target_end: Annotated[
        int | None, Field(ge=1, description="End offset (exclusive) of target_text.")
    ]

    cameo_code: Annotated[
        str, Field(pattern=CODE, description="CAMEO event code, a string of 2-4 digits ('036').")
    ]
    base_code: Annotated[
        str,
        Field(
            pattern=CODE, description="First three digits of cameo_code (the root for a root code)."
        ),
    ]
    root_code: Annotated[
        str, Field(pattern=r"^[0-9]{2}$", description="First two digits of cameo_code.")
    ]
    quad_class: Annotated[
        int,
        Field(
            ge=1,
            le=4,
            description="1 verbal coop., 2 material coop., 3 verbal conflict, 4 material conflict.",
        ),
    ]
    goldstein: Annotated[
        float,
        Field(ge=-10, le=10, description="Goldstein value of cameo_code (CAMEO/ICEWS scale)."),
    ]

    trigger_text: Annotated[
        str | None, Field(min_length=1, description="The words stating the action.")
    ]
    trigger_start: Annotated[
        int | None, Field(ge=0, description="Start offset of trigger_text in the document text.")
    ]
    trigger_end: Annotated[
        int | None, Field(ge=1, description="End offset (exclusive) of trigger_text.")
    ]

    place: Annotated[str | None, Field(description="Where it happened, as named in the text.")] = (
        None
    )
    place_country: Annotated[
        str | None, Field(pattern=COUNTRY, description="ISO-3166 alpha-3 country of the place.")
    ] = None
    latitude: Annotated[
        float | None, Field(ge=-90, le=90, description="WGS84 latitude of the place.")
    ] = None
    longitude: Annotated[
        float | None, Field(ge=-180, le=180, description="WGS84 longitude of the place.")
    ] = None

    negated: Annotated[bool, Field(description="The text says the event did not happen.")] = False
    hypothetical: Annotated[bool, Field(description="Future, planned or conditional.")] = False
    reported: Annotated[bool, Field(description="Stated in someone's reported speech.")] = False
    confidence: Annotated[
        float, Field(ge=0, le=1, description="How sure the coder is, 0-1 (1 for gold).")
    ] = 1.0

    pattern_id: Annotated[
        str, Field(min_length=1, description="Pattern that fired ('gold' for hand-coded events).")
    ]
    coding_method: Annotated[
        Literal["gold", "coder", "imported"],
        Field(description="Hand-coded, automatic, or converted."),
    ]
    coder_version: Annotated[
        str, Field(min_length=1, description="Version of the coder (or 'gold').")
    ]
    dictionary_version: Annotated[
        str | None, Field(description="Hash of the coder's dictionaries, if coded automatically.")
    ] = None

    @field_validator("cameo_code", "base_code", "root_code", mode="before")
    @classmethod
    def _code_is_digit_string(cls, value: object) -> object:
        if not isinstance(value, str) or not CODE_PATTERN.match(value):
            raise _fail(
                "code.format",
                f"event code {value!r} must be a string of 2-4 digits, never a number",
            )
        return value

    @field_validator("cameo_code")
    @classmethod
    def _code_in_codebook(cls, value: str) -> str:
        if value not in packaged_codebook():
            raise _fail("code.unknown", f"CAMEO event code {value!r} is not in the codebook")
        return value

    @field_validator("source_actor", "target_actor", mode="before")
    @classmethod
    def _actor_grammar(cls, value: object) -> object:
        if not isinstance(value, str):
            return value
        problem = actor_code_problem(value)
        if problem:
            raise _fail(*problem)
        return value

    @model_validator(mode="after")
    def _derived_fields_agree(self) -> Event:
        code = self.cameo_code
        if self.root_code != code[:2]:
            raise _fail(
                "code.root_mismatch",
                f"root_code {self.root_code!r} is not the first two digits of {code!r}",
            )
        if self.base_code != code[:3]:
            raise _fail(
                "code.base_mismatch",
                f"base_code {self.base_code!r} is not the first three digits of {code!r}",
            )
        entry = packaged_codebook()[code]
        if self.quad_class != entry.quad_class:
            raise _fail(
                "quad_class.mismatch",
                f"quad_class {self.quad_class} disagrees with the codebook"
                f" ({entry.quad_class}) for {code!r}",
            )
        if self.goldstein != entry.goldstein:
            raise _fail(
                "goldstein.mismatch",
                f"goldstein {self.goldstein} disagrees with the codebook"
                f" ({entry.goldstein}) for {code!r}",
            )
        for side in ("source", "target"):
            actor, country = getattr(self, f"{side}_actor"), getattr(self, f"{side}_country")
            expected = actor_country(actor) if actor else None
            if country != expected:
                raise _fail(
                    "actor.country_mismatch",
                    f"{side}_country {country!r} is not the country atom of {actor!r} ({expected!r})",
                )
        for name in ("source", "target", "trigger"):
            self._check_span(name)
        if (self.latitude is None) != (self.longitude is None):
            raise _fail("location.incomplete", "latitude and longitude must be given together")
        return self

    def _check_span(self, name: str) -> None:
        start, end = getattr(self, f"{name}_start"), getattr(self, f"{name}_end")
        text = getattr(self, f"{name}_text")
        actor = getattr(self, f"{name}_actor", "")
        imported = self.coding_method == "imported"
        if (actor is None or text is None) and not imported:
            raise _fail(
                "provenance.missing",
                f"a {self.coding_method} event needs {name} text and span (and actor);"
                " only imported events may lack them",
            )
        spans = (start, end, text)
        if all(v is None for v in spans):
            return  # imported from a dataset that keeps no text: nothing to trace
        if any(v is None for v in spans):
            raise _fail(
                "provenance.missing", f"{name}_text, _start and _end are all set or all null"
            )
        if end <= start:
            raise _fail("span.bounds", f"{name} span [{start}, {end}) is empty or reversed")
        if end - start != len(text):
            raise _fail(
                "span.length",
                f"{name} span [{start}, {end}) has length {end - start} but {name}_text has {len(text)}",
            )
