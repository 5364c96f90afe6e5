"""Read user actor and agent dictionaries written in the PETRARCH / Phoenix format.

PETRARCH-2 (Open Event Data Alliance) and its Phoenix dictionaries describe actors and
agents in flat text files. This module reads them into typed, frozen records and turns
those into the coder's own ``(name, ActorEntry)`` pairs (see
:mod:`cameo_events.coder.actors`), so a user can code with their own dictionaries.

Actor dictionaries
------------------
A record is a primary phrase, optional synonym lines beginning with ``+`` and optional
code lines beginning with ``[`` (usually indented by a tab)::

    EXAMPLELAND_  [XMP]          # primary phrase with its code
    +EXAMPLELANDER_              # a synonym: same codes
    JANE_Q_EXAMPLE_
        [XMPGOV >20210115]       # from that day on
        [XMPOPP 990301-20210115] # from the first day, up to (not including) the second
        [XMPELI]                 # undated: the default when no dated code applies

* Words are joined by blanks or underscores; underscores become spaces and a trailing
  underscore is dropped.
* A code is a CAMEO actor code or ``---``, the null code (the name is known but names no
  actor). It may carry one restriction: ``<DATE`` (before the day), ``>DATE`` (from the day
  on) or ``DATE-DATE`` (from the first day, before the second), as PETRARCH-2 evaluates them;
  blanks around ``<``, ``>`` and ``-`` are allowed. Dates are ``YYYYMMDD`` or ``YYMMDD``,
  where ``YY`` up to 30 means 20YY and above means 19YY (the KEDS / TABARI convention).
* Several ``[...]`` groups may share a line, on the primary line or on a code line.
* Dated codes are tried in file order, the first that covers the day wins; the first
  undated code is the default, tried after every dated one (as PETRARCH's documentation
  says; its program tries codes strictly in file order). A further undated code can never
  apply and is reported.

Agent dictionaries
------------------
One agent per line, ``PHRASE {PLURAL} [~CODE]``: ``~CODE`` is a role appended to the
actor's code (``PRESIDENT [~GOV]`` → ``USAGOV``), ``CODE~`` one put before it
(``[NGO~]``). ``{PLURAL}`` gives an irregular plural, ``{}`` none; without braces the
regular English plural is made. Substitution sets are defined as
``!PERSON! = MAN, MEN, WOMAN`` and used inside phrases (``CHAIR!PERSON!``); each member
replaces the marker and no plural is made. Words separated by a blank are read as
consecutive words, like those joined by ``_`` (the coder matches whole phrases).

Comments run from ``#`` to the end of the line; ``<!-- ... -->`` comments may span lines
and any other line starting with ``<!`` is a comment; TABARI's ``;`` comments (after a
blank) are also accepted. Blank lines are ignored.

Problems
--------
Nothing is dropped silently. Every malformed line, or part of a line, is recorded as a
:class:`Skip` (file, line number, reason, details) in the list passed as ``skips``;
without one, a warning with the counts by reason is logged. ``strict=True`` raises
:class:`PetrarchFormatError` at the first problem instead. Codes that are not
CAMEO-conformant (:func:`cameo_events.schema.actor_code_problem`) are skipped and counted;
a skipped actor code is kept as a null code for its dates, so the name is not coded in that
period rather than coded by another of its codes.

Examples
--------
>>> actors = parse_actor_lines(["EXAMPLE_PERSON_", "\\t[USAGOV >20210120]", "\\t[USA]"])
>>> [(a.names, a.code_on(datetime.date(2022, 1, 1))) for a in actors]
[(('EXAMPLE PERSON',), 'USAGOV')]
>>> agents = parse_agent_lines(["SPOKESMAN {SPOKESMEN} [~GOV]"])
>>> [(a.phrase, a.plurals, a.code, a.placement) for a in agents]
[('SPOKESMAN', ('SPOKESMEN',), 'GOV', 'after')]
"""

from __future__ import annotations

import datetime
import logging
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import product
from pathlib import Path
from typing import Literal

from cameo_events.coder.actors import ActorEntry, Term
from cameo_events.schema.actors import actor_code_problem, actor_country

__all__ = [
    "NULL_CODE",
    "DatedCode",
    "PetrarchActor",
    "PetrarchAgent",
    "PetrarchFormatError",
    "Skip",
    "SkipReason",
    "parse_actor_lines",
    "parse_agent_lines",
    "read_actor_dictionary",
    "read_agent_dictionary",
    "skip_counts",
    "surface_forms",
    "to_actor_entries",
]

logger = logging.getLogger(__name__)

#: PETRARCH's null code: a known name that stands for no actor.
NULL_CODE = "---"

SkipReason = Literal[
    "not UTF-8",
    "unclosed comment",
    "orphan line",
    "malformed name",
    "malformed code",
    "bad date",
    "empty date range",
    "nonstandard code",
    "unreachable code",
    "no code",
    "no usable code",
    "malformed marker",
    "undefined marker",
    "malformed plural",
    "prefix agent",
    "dated country",
]


@dataclass(frozen=True)
class Skip:
    """A line, or part of one, that was not read: where, why, and the line's text."""

    file: str
    line: int
    reason: SkipReason
    detail: str
    text: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}: {self.detail}"


class PetrarchFormatError(ValueError):
    """A dictionary problem, raised in strict mode; ``skip`` says where and why."""

    def __init__(self, skip: Skip) -> None:
        super().__init__(f"{skip} (line: {skip.text.strip()!r})")
        self.skip = skip


@dataclass(frozen=True)
class DatedCode:
    """An actor code valid from ``start`` (inclusive) to ``end`` (exclusive); None: open.

    ``code`` is ``""`` for PETRARCH's null code ``---`` and for a skipped nonstandard code.
    """

    code: str
    start: datetime.date | None = None
    end: datetime.date | None = None

    @property
    def dated(self) -> bool:
        """Whether the code carries a date restriction."""
        return self.start is not None or self.end is not None

    def covers(self, day: datetime.date) -> bool:
        """Whether the code applies on ``day`` (``start <= day < end``)."""
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True)
class PetrarchActor:
    """One actor record: its names (primary first) and its codes in the order they apply.

    ``codes`` holds the dated codes in file order, then at most one undated default.
    ``file`` and ``line`` locate the record's first line.
    """

    names: tuple[str, ...]
    codes: tuple[DatedCode, ...]
    file: str
    line: int

    @property
    def dated(self) -> bool:
        """Whether any code carries a date restriction."""
        return any(c.dated for c in self.codes)

    def code_on(self, day: datetime.date) -> str | None:
        """The code on ``day``: ``""`` for a null code, None when no code applies."""
        for code in self.codes:
            if code.covers(day):
                return code.code
        return None


@dataclass(frozen=True)
class PetrarchAgent:
    """One agent phrase and its code.

    ``placement`` is ``"after"`` for ``[~GOV]`` (the code follows the actor's:
    ``USA`` + ``GOV``) and ``"before"`` for ``[NGO~]``. ``plurals`` are the plural
    phrases to match as well (irregular, regular, or none).
    """

    phrase: str
    code: str
    plurals: tuple[str, ...]
    placement: Literal["after", "before"]
    file: str
    line: int


def skip_counts(skips: Iterable[Skip]) -> dict[str, int]:
    """Number of skips by reason, most frequent first."""
    return dict(Counter(s.reason for s in skips).most_common())


# --------------------------------------------------------------------------- reading


@dataclass
class _Report:
    file: str
    skips: list[Skip]
    strict: bool

    def skip(self, line: int, reason: SkipReason, detail: str, text: str) -> None:
        item = Skip(self.file, line, reason, detail, text)
        if self.strict:
            raise PetrarchFormatError(item)
        self.skips.append(item)


def _file_lines(path: Path, report: _Report) -> Iterator[str]:
    """The file's lines as text; a line that is not UTF-8 is reported and read as blank."""
    for number, raw in enumerate(path.read_bytes().splitlines(), 1):
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            shown = raw.decode("utf-8", errors="replace")
            report.skip(number, "not UTF-8", f"byte {exc.start} is not UTF-8", shown)
            yield ""


_COMMENT = re.compile(r"#|<!--|(?:^|(?<=\s));")


def _strip_comments(lines: Iterable[str], report: _Report) -> Iterator[tuple[int, str, str]]:
    """Yield ``(line number, line, text without comments)`` for each line."""
    in_xml = 0  # line on which an open <!-- comment began
    number = 0
    for number, raw in enumerate(lines, 1):
        line = raw.rstrip("\r\n")
        if not in_xml and line.lstrip().startswith("<!") and "<!--" not in line:
            yield number, line, ""  # "<! ... >": a whole-line comment, as PETRARCH reads it
            continue
        kept: list[str] = []
        i = 0
        while i < len(line):
            if in_xml:
                end = line.find("-->", i)
                if end < 0:
                    break
                in_xml, i = 0, end + 3
                continue
            m = _COMMENT.search(line, i)
            if m is None:
                kept.append(line[i:])
                break
            kept.append(line[i : m.start()])
            if m.group() != "<!--":
                break
            in_xml, i = number, m.end()
        yield number, line, "".join(kept)
    if in_xml:
        report.skip(
            in_xml, "unclosed comment", f"'<!--' is never closed (file ends at line {number})", ""
        )


def _clean_phrase(text: str) -> str:
    """``"AL_QAEDA_ "`` → ``"AL QAEDA"``: underscores are spaces; blanks collapse."""
    return " ".join(text.replace("_", " ").split())


_NAME_BAD = re.compile(r"[\[\]{}<>~\\]")


def _name_problem(name: str) -> str | None:
    if not name:
        return "empty phrase"
    bad = _NAME_BAD.search(name)
    if bad:
        return f"stray {bad.group()!r} in the phrase"
    return None


def _parse_date(text: str) -> datetime.date:
    """``YYYYMMDD`` or ``YYMMDD`` (YY up to 30 is 20YY); ValueError otherwise."""
    if not text.isascii() or not text.isdigit() or len(text) not in (6, 8):
        raise ValueError(f"date {text!r} is not YYMMDD or YYYYMMDD")
    if len(text) == 6:
        yy = int(text[:2])
        year, rest = (2000 + yy if yy <= 30 else 1900 + yy), text[2:]
    else:
        year, rest = int(text[:4]), text[4:]
    try:
        return datetime.date(year, int(rest[:2]), int(rest[2:]))
    except ValueError:
        raise ValueError(f"date {text!r} is not a calendar day") from None


_RANGE = re.compile(r"^(\d+)-(\d+)$")


def _parse_restriction(text: str) -> tuple[datetime.date | None, datetime.date | None]:
    """``<D``, ``>D`` or ``D-D`` (blanks removed) → (start, end); ValueError otherwise."""
    if text[:1] == "<":
        return None, _parse_date(text[1:])
    if text[:1] == ">":
        return _parse_date(text[1:]), None
    m = _RANGE.match(text)
    if m is None:
        raise ValueError(f"restriction {text!r} is not '<DATE', '>DATE' or 'DATE-DATE'")
    return _parse_date(m.group(1)), _parse_date(m.group(2))


_GROUP = re.compile(r"\[([^\[\]]*)\]")


@dataclass
class _Record:
    line: int
    names: list[str] = field(default_factory=list)
    # (line number, line, code, whether a problem with it was reported already)
    codes: list[tuple[int, str, DatedCode, bool]] = field(default_factory=list)
    seen_code: bool = False


class _ActorReader:
    def __init__(self, report: _Report) -> None:
        self.report = report
        self.actors: list[PetrarchActor] = []
        self.record: _Record | None = None

    def _codes(self, number: int, text: str, raw: str) -> None:
        """Read the ``[...]`` groups of ``text`` into the current record."""
        assert self.record is not None
        pos = 0
        for m in _GROUP.finditer(text):
            self._stray(number, text[pos : m.start()], "between codes", raw)
            pos = m.end()
            self._group(number, m.group(1), raw)
        self._stray(number, text[pos:], "after the codes", raw)

    def _stray(self, number: int, text: str, where: str, raw: str) -> None:
        text = text.strip()
        if "[" in text:
            detail = f"'[' is not closed by ']' in {text!r}; ignored"
        elif text:
            detail = f"text {text!r} {where} is ignored"
        else:
            return
        self.report.skip(number, "malformed code", detail, raw)

    def _group(self, number: int, inner: str, raw: str) -> None:
        assert self.record is not None
        self.record.seen_code = True
        parts = inner.split(None, 1)
        if not parts:
            self.report.skip(number, "malformed code", "empty '[]'", raw)
            return
        code = parts[0]
        start: datetime.date | None = None
        end: datetime.date | None = None
        if len(parts) == 2:
            try:
                start, end = _parse_restriction("".join(parts[1].split()))
            except ValueError as exc:
                self.report.skip(number, "bad date", f"[{inner.strip()}]: {exc}", raw)
                return
            if start is not None and end is not None and start >= end:
                detail = f"[{inner.strip()}]: {start} is not before {end}, so it covers no day"
                self.report.skip(number, "empty date range", detail, raw)
                return
        reported = False
        if code == NULL_CODE:
            code = ""
        else:
            problem = actor_code_problem(code)
            if problem is not None:
                detail = f"[{inner.strip()}]: {problem[1]} ({problem[0]}); not coded there"
                self.report.skip(number, "nonstandard code", detail, raw)
                code, reported = "", True
        self.record.codes.append((number, raw, DatedCode(code, start, end), reported))

    def _name(self, number: int, text: str, raw: str) -> None:
        assert self.record is not None
        name = _clean_phrase(text)
        problem = _name_problem(name)
        if problem is not None:
            self.report.skip(number, "malformed name", problem, raw)
        elif name not in self.record.names:
            self.record.names.append(name)

    def finish(self) -> None:
        record, self.record = self.record, None
        if record is None or not record.names:
            return  # a record whose every name was malformed: already reported
        if not record.codes:
            reason: SkipReason = "no usable code" if record.seen_code else "no code"
            detail = f"actor {record.names[0]!r} has no {'usable ' if record.seen_code else ''}code"
            self.report.skip(record.line, reason, detail, record.names[0])
            return
        dated = [c for _, _, c, _ in record.codes if c.dated]
        undated = [item for item in record.codes if not item[2].dated]
        for n, raw, c, reported in undated[1:]:
            if reported or c.code == undated[0][2].code:
                continue  # a nonstandard code (counted as such) or a repeat
            first = undated[0][2].code or NULL_CODE
            detail = f"undated code {c.code or NULL_CODE!r} follows undated {first!r}, which always applies first"
            self.report.skip(n, "unreachable code", detail, raw)
        codes = (*dated, *(c for _, _, c, _ in undated[:1]))
        self.actors.append(PetrarchActor(tuple(record.names), codes, self.report.file, record.line))

    def feed(self, number: int, raw: str, text: str) -> None:
        s = text.strip()
        if not s:
            return
        if s[0] == "[":
            if self.record is None:
                self.report.skip(number, "orphan line", "code line before any actor", raw)
            else:
                self._codes(number, s, raw)
        elif s[0] == "+":
            if self.record is None:
                self.report.skip(number, "orphan line", "synonym line before any actor", raw)
            elif "[" in s:
                self.report.skip(
                    number, "malformed name", "a synonym line may not carry codes", raw
                )
            else:
                self._name(number, s[1:], raw)
        else:
            self.finish()
            self.record = _Record(number)
            cut = s.find("[")
            if cut < 0:
                self._name(number, s, raw)
            else:
                self._name(number, s[:cut], raw)
                self._codes(number, s[cut:], raw)


def _report_for(source: str, skips: list[Skip] | None, strict: bool) -> _Report:
    return _Report(source, skips if skips is not None else [], strict)


def _log_unseen(report: _Report, caller_skips: list[Skip] | None, start: int) -> None:
    if caller_skips is None and report.skips[start:]:
        counts = skip_counts(report.skips[start:])
        logger.warning(
            "%s: %d problems skipped (%s); pass skips=[] to see each one",
            report.file,
            len(report.skips) - start,
            ", ".join(f"{k}: {v}" for k, v in counts.items()),
        )


def parse_actor_lines(
    lines: Iterable[str],
    source: str = "<lines>",
    *,
    skips: list[Skip] | None = None,
    strict: bool = False,
) -> list[PetrarchActor]:
    """Parse the lines of a PETRARCH actor dictionary (see the module documentation).

    ``source`` names the input in skip records. Problems are appended to ``skips`` (or
    logged as one warning when it is None); ``strict`` raises at the first one.
    """
    report = _report_for(source, skips, strict)
    start = len(report.skips)
    reader = _ActorReader(report)
    for number, raw, text in _strip_comments(lines, report):
        reader.feed(number, raw, text)
    reader.finish()
    _log_unseen(report, skips, start)
    return reader.actors


def read_actor_dictionary(
    path: str | Path, *, skips: list[Skip] | None = None, strict: bool = False
) -> list[PetrarchActor]:
    """Read a PETRARCH / Phoenix actor dictionary file (UTF-8).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = Path(tmp, "my.actors.txt")
    ...     _ = path.write_text("FREEDONIA_ [FRA]\\n+FREEDONIAN\\nSYLVANIA_\\n  [SY1]\\n")
    ...     problems: list[Skip] = []
    ...     actors = read_actor_dictionary(path, skips=problems)
    >>> [(a.names, [c.code for c in a.codes]) for a in actors]
    [(('FREEDONIA', 'FREEDONIAN'), ['FRA']), (('SYLVANIA',), [''])]
    >>> [(p.line, p.reason) for p in problems]
    [(4, 'nonstandard code')]
    """
    path = Path(path)
    report = _report_for(str(path), skips, strict)
    start = len(report.skips)
    actors = parse_actor_lines(
        _file_lines(path, report), str(path), skips=report.skips, strict=strict
    )
    _log_unseen(report, skips, start)
    return actors


# --------------------------------------------------------------------------- agents

_MARKER_DEF = re.compile(r"^!([^!\s=]+)!\s*=(.*)$")
_MARKER_USE = re.compile(r"!([^!\s]*)!")
_AGENT_CODE = re.compile(r"^(?:[A-Z]{3}){1,4}$")
_VOWELS = frozenset("AEIOUaeiou")


def _regular_plural(phrase: str) -> str | None:
    """English regular plural of the phrase's last word, or None if it is not a word."""
    head, _, last = phrase.rpartition(" ")
    if not last.isalpha():
        return None
    low = last.lower()
    if low.endswith("y") and len(low) > 1 and low[-2] not in _VOWELS:
        plural = low[:-1] + "ies"
    elif low.endswith(("s", "x", "z", "ch", "sh")):
        plural = low + "es"
    else:
        plural = low + "s"
    plural = plural.upper() if last.isupper() else plural
    return f"{head} {plural}" if head else plural


class _AgentReader:
    def __init__(self, report: _Report) -> None:
        self.report = report
        self.agents: list[PetrarchAgent] = []
        self.markers: dict[str, tuple[str, ...]] = {}

    def _define(self, number: int, s: str, raw: str) -> None:
        m = _MARKER_DEF.match(s)
        if m is None:
            detail = "a substitution set reads '!NAME! = WORD, WORD'"
            self.report.skip(number, "malformed marker", detail, raw)
            return
        items = [_clean_phrase(x) for x in m.group(2).split(",")]
        bad = next((x for x in items if _name_problem(x) or "!" in x), None)
        if bad is not None:
            detail = f"substitution set !{m.group(1)}! has a bad member {bad!r}"
            self.report.skip(number, "malformed marker", detail, raw)
            return
        self.markers[m.group(1)] = tuple(items)

    def _code(
        self, number: int, text: str, raw: str
    ) -> tuple[str, Literal["after", "before"]] | None:
        """The ``[...]`` part (from its '[' on): code and placement, or None (reported)."""
        close = text.find("]")
        if close < 0:
            self.report.skip(number, "malformed code", "'[' is not closed by ']'", raw)
            return None
        inner, rest = "".join(text[1:close].split()), text[close + 1 :].strip()
        if rest:
            self.report.skip(number, "malformed code", f"text {rest!r} after the code", raw)
            return None
        placement: Literal["after", "before"]
        if inner.startswith("~") and not inner.endswith("~"):
            code, placement = inner[1:], "after"
        elif inner.endswith("~") and not inner.startswith("~"):
            code, placement = inner[:-1], "before"
        else:
            detail = f"agent code [{inner}] must be '~CODE' or 'CODE~'"
            self.report.skip(number, "malformed code", detail, raw)
            return None
        problem = actor_code_problem(code if placement == "before" else "USA" + code)
        if problem is not None or not _AGENT_CODE.match(code):
            why = "is not 1 to 4 upper-case 3-letter atoms"
            if problem is not None and problem[0] == "actor.bad_atom":
                why = problem[1].split(" of ")[0] + " is not a known CAMEO actor atom"
            elif problem is not None and problem[0] == "actor.bad_root":
                why = "does not start with a country, region or international code"
            self.report.skip(number, "nonstandard code", f"agent code [{inner}] {why}", raw)
            return None
        return code, placement

    def _expand(self, number: int, phrase: str, raw: str) -> list[str] | None:
        """Every phrase a substitution-marked phrase stands for; None if reported."""
        if phrase.count("!") % 2:
            self.report.skip(number, "malformed marker", "unpaired '!' in the phrase", raw)
            return None
        parts = _MARKER_USE.split(phrase)  # text, marker, text, marker, ..., text
        choices: list[tuple[str, ...]] = []
        for k, part in enumerate(parts):
            if k % 2 == 0:
                choices.append((part,))
            elif part in self.markers:
                choices.append(self.markers[part])
            else:
                detail = f"substitution marker !{part}! is not defined above this line"
                self.report.skip(number, "undefined marker", detail, raw)
                return None
        return ["".join(c) for c in product(*choices)]

    def feed(self, number: int, raw: str, text: str) -> None:
        s = text.strip()
        if not s:
            return
        if s.startswith("!") and "=" in s:
            self._define(number, s, raw)
            return
        cut = s.find("[")
        if cut < 0:
            self.report.skip(number, "no code", "an agent line needs a [~CODE]", raw)
            return
        coded = self._code(number, s[cut:], raw)
        if coded is None:
            return
        code, placement = coded
        phrase, plural_text = s[:cut], None
        if "{" in phrase or "}" in phrase:
            opening, closing = phrase.find("{"), phrase.find("}")
            if opening < 0 or closing < opening or phrase[closing + 1 :].strip():
                detail = "the plural must be one '{...}' right before the code"
                self.report.skip(number, "malformed plural", detail, raw)
                return
            phrase, plural_text = phrase[:opening], phrase[opening + 1 : closing]
        marked = "!" in phrase
        if marked and plural_text:
            detail = "a phrase with a substitution marker takes no plural ('{}' at most)"
            self.report.skip(number, "malformed plural", detail, raw)
            return
        expanded = self._expand(number, phrase, raw) if marked else [phrase]
        if expanded is None:
            return
        for variant in expanded:
            name = _clean_phrase(variant)
            problem = _name_problem(name)
            if problem is not None:
                self.report.skip(number, "malformed name", problem, raw)
                return
            plurals: tuple[str, ...] = ()
            if plural_text is not None:
                plural = _clean_phrase(plural_text)
                if plural and (problem := _name_problem(plural)) is not None:
                    self.report.skip(number, "malformed plural", problem, raw)
                    return
                plurals = (plural,) if plural else ()
            elif not marked:
                regular = _regular_plural(name)
                plurals = (regular,) if regular else ()
            self.agents.append(
                PetrarchAgent(name, code, plurals, placement, self.report.file, number)
            )


def parse_agent_lines(
    lines: Iterable[str],
    source: str = "<lines>",
    *,
    skips: list[Skip] | None = None,
    strict: bool = False,
) -> list[PetrarchAgent]:
    """Parse the lines of a PETRARCH agent dictionary (see the module documentation)."""
    report = _report_for(source, skips, strict)
    start = len(report.skips)
    reader = _AgentReader(report)
    for number, raw, text in _strip_comments(lines, report):
        reader.feed(number, raw, text)
    _log_unseen(report, skips, start)
    return reader.agents


def read_agent_dictionary(
    path: str | Path, *, skips: list[Skip] | None = None, strict: bool = False
) -> list[PetrarchAgent]:
    """Read a PETRARCH / Phoenix agent dictionary file (UTF-8)."""
    path = Path(path)
    report = _report_for(str(path), skips, strict)
    start = len(report.skips)
    agents = parse_agent_lines(
        _file_lines(path, report), str(path), skips=report.skips, strict=strict
    )
    _log_unseen(report, skips, start)
    return agents


# --------------------------------------------------------------------------- conversion

# Words written in lower case inside a name ("Secretary General of the United Nations").
_PARTICLES = frozenset(
    {"a", "al", "an", "and", "at", "bin", "da", "de", "del", "der", "des", "di", "du", "el",
     "for", "ibn", "in", "la", "le", "of", "on", "the", "to", "van", "von", "y"}
)  # fmt: skip
_CAPITAL = re.compile(r"(^|[-.'’])([^\W\d_])")


def _title(word: str) -> str:
    if len(word) <= 2 and word.isalpha() and word.lower() not in _PARTICLES:
        return word  # "UN", "EU": an acronym
    titled = _CAPITAL.sub(lambda m: m.group(1) + m.group(2).upper(), word.lower())
    return re.sub(r"(['’])S$", r"\1s", titled)


def surface_forms(name: str) -> tuple[str, ...]:
    """The spellings of a dictionary name to look for in text.

    PETRARCH matches upper-cased text; the coder matches names case-sensitively, so a name
    is looked for as written ("NATO", an all-caps headline), in title case and with its
    particles in lower case. A heuristic: names with other capitalisations ("McCain",
    "Ban Ki-moon") need their own entry in the dictionary.

    >>> surface_forms("SECRETARY GENERAL OF THE UN")
    ('SECRETARY GENERAL OF THE UN', 'Secretary General Of The UN', 'Secretary General of the UN')
    >>> surface_forms("AL-QAEDA")
    ('AL-QAEDA', 'Al-Qaeda', 'al-Qaeda')
    """
    words = name.split()
    titled = [_title(w) for w in words]
    particled = [
        t.lower() if i and w.lower() in _PARTICLES else t
        for i, (w, t) in enumerate(zip(words, titled, strict=True))
    ]
    for i, word in enumerate(particled):
        head, dash, rest = word.partition("-")
        if dash and head.lower() in _PARTICLES:
            particled[i] = head.lower() + dash + rest
    forms = (name, " ".join(titled), " ".join(particled))
    return tuple(dict.fromkeys(forms))


def _is_country(code: str) -> bool:
    return len(code) == 3 and actor_country(code) == code


def _actor_entry(actor: PetrarchActor, display: str, problems: list[Skip]) -> ActorEntry:
    if not actor.dated:
        code = actor.codes[0].code  # at most one undated code is kept
        return ActorEntry("country" if _is_country(code) else "org", code, display)
    # The code that holds from some day on with no end: a country whose code changed
    # ("UKRAINE" before and after 1991) is a country to the coder, which gives countries
    # one code; its earlier codes are reported, not used.
    current = next((c for c in actor.codes if c.end is None), None)
    if current is not None and _is_country(current.code):
        others = sorted({c.code or NULL_CODE for c in actor.codes} - {current.code})
        if others:
            since = f" (from {current.start})" if current.start else ""
            detail = (
                f"country {actor.names[0]!r} is coded {current.code}{since} on every day; "
                f"its other codes {', '.join(others)} are not used"
            )
            problems.append(Skip(actor.file, actor.line, "dated country", detail, actor.names[0]))
        return ActorEntry("country", current.code, display)
    terms = tuple(Term(c.code, c.start, c.end) for c in actor.codes)
    return ActorEntry("person", "", display, terms)


def to_actor_entries(
    actors: Iterable[PetrarchActor],
    agents: Iterable[PetrarchAgent] = (),
    *,
    forms: Callable[[str], Iterable[str]] = surface_forms,
    skips: list[Skip] | None = None,
) -> list[tuple[str, ActorEntry]]:
    """``(name, ActorEntry)`` pairs for :class:`~cameo_events.coder.actors.ActorDictionary`.

    * An actor with any dated code becomes a ``"person"`` whose terms are its codes in
      order (dated first, then the undated default); a null code is a term with code
      ``""``, so the name is known but not coded in that period.
    * An actor with one undated code becomes a ``"country"`` when the code is a bare
      country (``AFG``, so that "Afghan troops" composes to ``AFGMIL``), else an ``"org"``
      (``IGOUNO``, ``AFGMIL``); a null code gives an ``"org"`` with code ``""``.
    * A dated actor whose open-ended code is a bare country (``UKRAINE``: ``UKR`` from
      1991-12-21 on) is a ``"country"`` with that code, as the coder's countries have one
      code; its other codes are reported (reason ``"dated country"``).
    * An ``[~GOV]`` agent becomes a ``"role"`` for its phrase and its plurals; ``[NGO~]``
      agents put their code before the actor's, which the coder cannot compose: they are
      skipped (reason ``"prefix agent"``).

    Reported problems go to ``skips``, or are logged as one warning when it is None.
    ``forms`` gives the spellings of each actor name to index (default
    :func:`surface_forms`); role phrases are matched case-insensitively by the coder.

    >>> actor = PetrarchActor(("EXAMPLE PERSON",), (DatedCode("USAGOV"),), "x", 1)
    >>> [(n, e.kind, e.code) for n, e in to_actor_entries([actor], forms=lambda s: [s])]
    [('EXAMPLE PERSON', 'org', 'USAGOV')]
    """
    pairs: list[tuple[str, ActorEntry]] = []
    problems: list[Skip] = []
    for actor in actors:
        entry = _actor_entry(actor, surface_forms(actor.names[0])[-1], problems)
        for name in actor.names:
            pairs.extend((form, entry) for form in dict.fromkeys(forms(name)))
    for agent in agents:
        if agent.placement == "before":
            detail = (
                f"[{agent.code}~] would go before the actor's code; the coder only appends roles"
            )
            problems.append(Skip(agent.file, agent.line, "prefix agent", detail, agent.phrase))
            continue
        entry = ActorEntry("role", agent.code, agent.phrase.lower())
        pairs.extend((phrase.lower(), entry) for phrase in (agent.phrase, *agent.plurals))
    if skips is not None:
        skips.extend(problems)
    elif problems:
        logger.warning(
            "%d entries not converted (%s); pass skips=[] to see each one",
            len(problems),
            ", ".join(f"{k}: {v}" for k, v in skip_counts(problems).items()),
        )
    return pairs
