"""PETRARCH / Phoenix actor and agent dictionaries: reading, problems, conversion."""

from __future__ import annotations

import copy
import datetime
import doctest
import logging
import typing
from itertools import chain
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cameo_events.coder import Coder, petrarch
from cameo_events.coder.actors import (
    ActorDictionary,
    ActorEntry,
    Term,
    _entries,
    default_actor_dir,
)
from cameo_events.coder.petrarch import (
    DatedCode,
    PetrarchActor,
    PetrarchAgent,
    PetrarchFormatError,
    Skip,
    SkipReason,
    parse_actor_lines,
    parse_agent_lines,
    read_actor_dictionary,
    read_agent_dictionary,
    skip_counts,
    surface_forms,
    to_actor_entries,
)
from tests.conftest import shared_file

D = datetime.date
REASONS = frozenset(typing.get_args(SkipReason))


def _write(tmp_path: Path, text: str, name: str = "user.actors.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _by_name(actors: list[PetrarchActor], name: str) -> PetrarchActor:
    found = [a for a in actors if name in a.names]
    assert len(found) == 1, f"{name!r} is in {len(found)} records"
    return found[0]


def _reasons(skips: list[Skip]) -> list[tuple[int, str]]:
    return [(s.line, s.reason) for s in skips]


# --------------------------------------------------------------------------- actors


USER_ACTORS = """\
# A user's own actor dictionary (invented names).
FREEDONIA_  [FRA]
+FREEDONIAN_
+FREEDONIAN_REPUBLIC

JANE_Q_EXAMPLE_  # a head of state
+PRESIDENT_EXAMPLE
\t[FRAOPP 990301-20210115]
\t[FRAGOV >20210115]
\t[FRAELI]
JOHN_ROE [DEUGOV 850101-941231] [DEUELI]
OLD_TIMER
  \t[KEN < 300101]
\t[KENGOV 310101 - 19400101]
PERSONA_NON_GRATA
\t[--- <20000101]
\t[FRAGOV]
"""


def test_names_codes_and_dates(tmp_path: Path) -> None:
    skips: list[Skip] = []
    actors = read_actor_dictionary(_write(tmp_path, USER_ACTORS), skips=skips)
    assert skips == []
    assert [a.names[0] for a in actors] == [
        "FREEDONIA",
        "JANE Q EXAMPLE",
        "JOHN ROE",
        "OLD TIMER",
        "PERSONA NON GRATA",
    ]
    freedonia = actors[0]
    assert freedonia.names == ("FREEDONIA", "FREEDONIAN", "FREEDONIAN REPUBLIC")
    assert freedonia.codes == (DatedCode("FRA"),) and not freedonia.dated
    assert (freedonia.file, freedonia.line) == (str(tmp_path / "user.actors.txt"), 2)

    jane = actors[1]
    assert jane.names == ("JANE Q EXAMPLE", "PRESIDENT EXAMPLE")
    assert jane.codes == (
        DatedCode("FRAOPP", D(1999, 3, 1), D(2021, 1, 15)),
        DatedCode("FRAGOV", D(2021, 1, 15), None),
        DatedCode("FRAELI"),
    )
    # A range runs from its first day up to (not including) its last; '>' from the day on.
    assert jane.code_on(D(1999, 3, 1)) == "FRAOPP"
    assert jane.code_on(D(2021, 1, 14)) == "FRAOPP"
    assert jane.code_on(D(2021, 1, 15)) == "FRAGOV"
    assert jane.code_on(D(1990, 1, 1)) == "FRAELI"  # the undated default


def test_codes_on_the_primary_line_and_two_digit_years(tmp_path: Path) -> None:
    actors = read_actor_dictionary(_write(tmp_path, USER_ACTORS), skips=[])
    roe = _by_name(actors, "JOHN ROE")
    assert roe.codes == (DatedCode("DEUGOV", D(1985, 1, 1), D(1994, 12, 31)), DatedCode("DEUELI"))
    old = _by_name(actors, "OLD TIMER")
    # YY up to 30 is 20YY, above is 19YY; blanks around '<' and '-' are allowed.
    assert old.codes == (
        DatedCode("KEN", None, D(2030, 1, 1)),
        DatedCode("KENGOV", D(1931, 1, 1), D(1940, 1, 1)),
    )
    assert old.code_on(D(2029, 12, 31)) == "KEN"  # the first code that covers the day
    assert old.code_on(D(2030, 1, 1)) is None


def test_null_code_blocks_a_period(tmp_path: Path) -> None:
    actors = read_actor_dictionary(_write(tmp_path, USER_ACTORS), skips=[])
    grata = _by_name(actors, "PERSONA NON GRATA")
    assert grata.code_on(D(1999, 12, 31)) == ""
    assert grata.code_on(D(2000, 1, 1)) == "FRAGOV"


def test_undated_primary_code_is_the_default_after_dated_codes() -> None:
    # As PETRARCH's documentation says: the code on the primary line applies when no
    # dated code does (a country that changed codes).
    actors = parse_actor_lines(
        ["NEWLAND_ [SRB]", "+NEWLANDER", "\t[YUGSRB <920427]", "\t[SCGSRB 920428-060605]"],
        skips=[],
    )
    (newland,) = actors
    assert [c.code for c in newland.codes] == ["YUGSRB", "SCGSRB", "SRB"]
    assert newland.code_on(D(1990, 1, 1)) == "YUGSRB"
    assert newland.code_on(D(2000, 1, 1)) == "SCGSRB"
    assert newland.code_on(D(2010, 1, 1)) == "SRB"


def test_comments() -> None:
    lines = [
        "<!-- a header comment -->",
        "<! -- an odd comment line, as PETRARCH's own files have -->",
        "<!-- a comment",
        "ANYTHING [FRA] in here is ignored",
        "   ends here --> ALPHA_ [FRA] # trailing comment [DEU]",
        "BETA_ ; a TABARI comment [DEU]",
        "\t[KEN] <!-- inline --> [KENGOV >20200101]",
        "GAMMA;DELTA [DEU]",
    ]
    skips: list[Skip] = []
    actors = parse_actor_lines(lines, "inline", skips=skips)
    assert [(a.names, [c.code for c in a.codes]) for a in actors] == [
        (("ALPHA",), ["FRA"]),
        (("BETA",), ["KENGOV", "KEN"]),
        (("GAMMA;DELTA",), ["DEU"]),  # ';' starts a comment only after a blank
    ]
    assert skips == []


def test_malformed_lines_are_skipped_with_line_and_reason() -> None:
    lines = [
        "+ORPHAN_SYNONYM",  # 1
        "\t[FRA]",  # 2
        "GOOD_NAME_",  # 3
        "+BAD]_SYNONYM",  # 4
        "+SYNONYM_WITH_CODE [FRA]",  # 5
        "\t[FRAGOV 9008223-911221]",  # 6: seven digits
        "\t[FRAGOV 20010230-20020101]",  # 7: no such day
        "\t[FRAGOV 20121204]",  # 8: a date with no '<', '>' or range
        "\t[FRAGOV 20120101-20110101]",  # 9: ends before it starts
        "\t[FRAGOV >20120101] trailing text",  # 10: the code is kept
        "\t[]",  # 11
        "\t[FRAGOV >20120101",  # 12: not closed
        "\t[NGONLDCHRPRO360 >20150101]",  # 13: not a CAMEO code
        "\t[FRA]",  # 14
        "\t[DEU]",  # 15: never applies
        "NO_CODE_AT_ALL",  # 16
        "ONLY_BAD_DATES [FRA 1234567-1234568]",  # 17
    ]
    skips: list[Skip] = []
    actors = parse_actor_lines(lines, "user.txt", skips=skips)
    assert _reasons(skips) == [
        (1, "orphan line"),
        (2, "orphan line"),
        (4, "malformed name"),
        (5, "malformed name"),
        (6, "bad date"),
        (7, "bad date"),
        (8, "bad date"),
        (9, "empty date range"),
        (10, "malformed code"),
        (11, "malformed code"),
        (12, "malformed code"),
        (13, "nonstandard code"),
        (15, "unreachable code"),
        (16, "no code"),
        (17, "bad date"),
        (17, "no usable code"),
    ]
    assert all(s.file == "user.txt" and s.reason in REASONS for s in skips)
    assert str(skips[4]).startswith("user.txt:6: bad date: [FRAGOV 9008223-911221]: date")
    assert skip_counts(skips)["bad date"] == 4
    (good,) = actors
    assert good.names == ("GOOD NAME",)
    # The nonstandard code is kept as a null code for its period: never coded otherwise.
    assert good.codes == (
        DatedCode("FRAGOV", D(2012, 1, 1), None),
        DatedCode("", D(2015, 1, 1), None),
        DatedCode("FRA"),
    )
    assert good.code_on(D(2013, 1, 1)) == "FRAGOV"
    assert good.code_on(D(2011, 1, 1)) == "FRA"


def test_bad_bytes_and_unclosed_comment(tmp_path: Path) -> None:
    path = tmp_path / "bytes.actors.txt"
    path.write_bytes(b"ALPHA_ [FRA]\n+CAF\xe9\n<!-- never closed\nBETA [DEU]\n")
    skips: list[Skip] = []
    actors = read_actor_dictionary(path, skips=skips)
    assert [a.names for a in actors] == [("ALPHA",)]
    assert _reasons(skips) == [(2, "not UTF-8"), (3, "unclosed comment")]
    assert skips[0].file == str(path)


def test_strict_mode_raises_at_the_first_problem(tmp_path: Path) -> None:
    path = _write(tmp_path, "ALPHA [FRA]\n\t[FRA 2001]\nBETA\n")
    with pytest.raises(PetrarchFormatError, match=r"user\.actors\.txt:2: bad date") as info:
        read_actor_dictionary(path, strict=True)
    assert info.value.skip.line == 2


def test_problems_are_logged_without_a_skip_list(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="cameo_events.coder.petrarch"):
        parse_actor_lines(["ALPHA", "BETA [XX9]"], "mine")
    assert "mine: 2 problems skipped (no code: 1, nonstandard code: 1)" in caplog.text


# --------------------------------------------------------------------------- agents


USER_AGENTS = """\
<!-- invented agents -->
!PERSON! = MAN, MEN, WOMAN
!MINIST! = MINISTER, MINISTRY

SPOKESMAN {SPOKESMEN} [~GOV]   # an irregular plural
CONSTABULARY [~COP]
POLICE {} [ ~COP]
BOSS [~BUS]
RIFLE_BRIGADE  [~MIL]
CHAIR!PERSON! {} [~GOV]
!MINIST!_OF_MINES [~GOVBUS]
RELIEF_BODY  [  NGO~]
"""


def test_agents(tmp_path: Path) -> None:
    skips: list[Skip] = []
    agents = read_agent_dictionary(_write(tmp_path, USER_AGENTS, "user.agents.txt"), skips=skips)
    assert skips == []
    got = [(a.phrase, a.code, a.plurals, a.placement, a.line) for a in agents]
    assert got == [
        ("SPOKESMAN", "GOV", ("SPOKESMEN",), "after", 5),
        ("CONSTABULARY", "COP", ("CONSTABULARIES",), "after", 6),
        ("POLICE", "COP", (), "after", 7),
        ("BOSS", "BUS", ("BOSSES",), "after", 8),
        ("RIFLE BRIGADE", "MIL", ("RIFLE BRIGADES",), "after", 9),
        ("CHAIRMAN", "GOV", (), "after", 10),
        ("CHAIRMEN", "GOV", (), "after", 10),
        ("CHAIRWOMAN", "GOV", (), "after", 10),
        ("MINISTER OF MINES", "GOVBUS", (), "after", 11),
        ("MINISTRY OF MINES", "GOVBUS", (), "after", 11),
        ("RELIEF BODY", "NGO", ("RELIEF BODIES",), "before", 12),
    ]


def test_malformed_agent_lines() -> None:
    lines = [
        "!BROKEN = A, B",  # 1
        "DEPARTMENT_OF_THINGS [~ENV}",  # 2
        "NO_CODE_HERE",  # 3
        "PLAIN [GOV]",  # 4: neither '~GOV' nor 'GOV~'
        "PRIEST [~PPL]",  # 5: not a CAMEO atom
        "GROUP [~MIL] extra",  # 6
        "CLERK {CLERKS [~GOV]",  # 7
        "SALES!PERSON! [~BUS]",  # 8: marker defined later
        "!PERSON! = MAN, WOMAN",  # 9
        "SALES!PERSON [~BUS]",  # 10
        "CHAIR!PERSON! {CHAIRPEOPLE} [~GOV]",  # 11
        "GUARD_[X] [~MIL]",  # 12: '[' starts the code
        "[~MIL]",  # 13
        "SALES!PERSON! [~BUS]",  # 14: fine now
    ]
    skips: list[Skip] = []
    agents = parse_agent_lines(lines, "agents.txt", skips=skips)
    assert _reasons(skips) == [
        (1, "malformed marker"),
        (2, "malformed code"),
        (3, "no code"),
        (4, "malformed code"),
        (5, "nonstandard code"),
        (6, "malformed code"),
        (7, "malformed plural"),
        (8, "undefined marker"),
        (10, "malformed marker"),
        (11, "malformed plural"),
        (12, "malformed code"),
        (13, "malformed name"),
    ]
    assert [a.phrase for a in agents] == ["SALESMAN", "SALESWOMAN"]


# --------------------------------------------------------------------------- conversion


def test_surface_forms() -> None:
    assert surface_forms("JANE Q EXAMPLE") == ("JANE Q EXAMPLE", "Jane Q Example")
    assert surface_forms("U.N.") == ("U.N.",)
    assert surface_forms("UN ENVOY") == ("UN ENVOY", "UN Envoy")
    assert surface_forms("BANK OF THE NORTH") == (
        "BANK OF THE NORTH",
        "Bank Of The North",
        "Bank of the North",
    )
    assert surface_forms("O'NEILL'S PARTY") == ("O'NEILL'S PARTY", "O'Neill's Party")


def test_to_actor_entries(tmp_path: Path) -> None:
    actors = read_actor_dictionary(_write(tmp_path, USER_ACTORS), skips=[])
    actors += parse_actor_lines(
        ["NEWLAND_ [SRB]", "\t[YUGSRB <920427]", "ARMED_BAND [FRAREB]", "NOBODY [---]"]
    )
    agents = parse_agent_lines(USER_AGENTS.splitlines())
    skips: list[Skip] = []
    pairs = to_actor_entries(actors, agents, skips=skips)
    entries = dict(pairs)
    assert entries["Freedonian Republic"] == ActorEntry("country", "FRA", "Freedonia")
    assert entries["FREEDONIAN"] is entries["Freedonian"]
    jane = entries["President Example"]
    assert jane.kind == "person" and jane.name == "Jane Q Example"
    assert jane.terms == (
        Term("FRAOPP", D(1999, 3, 1), D(2021, 1, 15)),
        Term("FRAGOV", D(2021, 1, 15), None),
        Term("FRAELI", None, None),
    )
    assert jane.person_code(D(2022, 6, 1)) == "FRAGOV"
    assert jane.person_code(D(2000, 6, 1)) == "FRAOPP"
    assert entries["Persona Non Grata"].person_code(D(1999, 1, 1)) == ""
    assert entries["Armed Band"] == ActorEntry("org", "FRAREB", "Armed Band")
    assert entries["Nobody"] == ActorEntry("org", "", "Nobody")
    # A dated country keeps its open-ended code: the coder's countries have one code.
    assert entries["Newland"] == ActorEntry("country", "SRB", "Newland")
    # Roles: lower case (the coder matches them case-insensitively), with plurals.
    assert entries["spokesmen"] == ActorEntry("role", "GOV", "spokesman")
    assert entries["rifle brigades"].code == "MIL"
    assert entries["chairwoman"].code == "GOV"
    assert "relief body" not in entries
    assert [(s.reason, s.line) for s in skips] == [("dated country", 1), ("prefix agent", 12)]
    assert "YUGSRB are not used" in skips[0].detail


def test_entries_merge_into_an_actor_dictionary(tmp_path: Path) -> None:
    actors = read_actor_dictionary(_write(tmp_path, USER_ACTORS), skips=[])
    agents = parse_agent_lines(USER_AGENTS.splitlines())
    packaged = [("Kenya", ActorEntry("country", "KEN", "Kenya"))]
    merged = ActorDictionary(chain(packaged, to_actor_entries(actors, agents)), str.split)
    words = ["Jane", "Q", "Example", "and", "Kenya", "police", "met", "FREEDONIA", "spokesmen"]
    found = merged.match(words, [w.lower() for w in words], words)
    assert [(" ".join(words[m.start : m.end]), m.entry.kind) for m in found] == [
        ("Jane Q Example", "person"),
        ("Kenya", "country"),
        ("police", "role"),
        ("FREEDONIA", "country"),
        ("spokesmen", "role"),
    ]


def test_docstring_examples_run() -> None:
    result = doctest.testmod(petrarch)
    assert result.failed == 0 and result.attempted > 0


# --------------------------------------------------------------------------- fuzzing

_FRAGMENTS = st.sampled_from(
    ["[", "]", "{", "}", "+", "~", "!", "=", "#", ";", "<", ">", "-", "_", " ", "\t", ",",
     "<!--", "-->", "<!", "FRA", "GOV", "---", "XX", "MAN", "!P!", "990101", "20200229",
     "300101", "1", "é", "\x00", "\r"]
)  # fmt: skip
_WORD = st.sampled_from(["ALPHA", "BETA_", "MAN", "!P!", "Y", "BOSS", "", "é"])
_CODE = st.sampled_from(["FRA", "FRAGOV", "---", "~GOV", "NGO~", "~XYZ", "fra", "FRA~GOV", ""])
_DATE = st.sampled_from(["990101", "20200229", "20210229", "300101", "1", "", "20201301"])
_RESTRICTION = st.one_of(
    st.just(""),
    st.tuples(st.sampled_from(["<", ">", "< ", "> "]), _DATE).map("".join),
    st.tuples(_DATE, st.sampled_from(["-", " - "]), _DATE).map("".join),
)
# Lines shaped like dictionary lines, so that the fuzzing reaches dates, synonyms and plurals.
_SHAPED = st.tuples(
    st.sampled_from(["", "+", "\t", "!P! = ", "#"]),
    st.lists(_WORD, max_size=3).map("_".join),
    st.sampled_from(["", " {}", " {MEN}", " {", "}"]),
    st.sampled_from(["", " [", "\t["]),
    _CODE,
    _RESTRICTION.map(lambda r: " " + r if r else r),
    st.sampled_from(["]", "", "] [FRA]", "]]", "] # note"]),
).map("".join)
_LINES = st.lists(
    st.one_of(
        st.text(max_size=40), st.lists(_FRAGMENTS, max_size=12).map("".join), _SHAPED, _SHAPED
    ),
    max_size=25,
)


def _check_skips(skips: list[Skip], n_lines: int) -> None:
    for skip in skips:
        assert skip.reason in REASONS
        assert 1 <= skip.line <= max(n_lines, 1)
        assert str(skip)


@settings(max_examples=300)
@given(_LINES)
def test_actor_parser_never_crashes(lines: list[str]) -> None:
    skips: list[Skip] = []
    actors = parse_actor_lines(lines, "fuzz", skips=skips)
    _check_skips(skips, len(lines))
    for actor in actors:
        assert actor.names and all(actor.names) and actor.codes
        assert sum(not c.dated for c in actor.codes) <= 1
        assert all(c.start is None or c.end is None or c.start < c.end for c in actor.codes)
        assert 1 <= actor.line <= len(lines)
    for name, entry in to_actor_entries(actors, skips=[]):
        assert name and entry.kind in {"person", "org", "country"}
    try:
        strict = parse_actor_lines(lines, "fuzz", strict=True)
    except PetrarchFormatError as exc:
        assert exc.skip == skips[0]
    else:
        assert not skips and strict == actors


@settings(max_examples=300)
@given(_LINES)
def test_agent_parser_never_crashes(lines: list[str]) -> None:
    skips: list[Skip] = []
    agents = parse_agent_lines(lines, "fuzz", skips=skips)
    _check_skips(skips, len(lines))
    assert all(isinstance(a, PetrarchAgent) and a.phrase and a.code for a in agents)
    for name, entry in to_actor_entries([], agents, skips=[]):
        assert name == name.lower() and entry.kind == "role"


@settings(max_examples=100)
@given(st.binary(max_size=300))
def test_reader_never_crashes_on_bytes(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "fuzz.txt"
    path.write_bytes(data)
    skips: list[Skip] = []
    read_actor_dictionary(path, skips=skips)
    read_agent_dictionary(path, skips=skips)
    _check_skips(skips, len(data.splitlines()))


# --------------------------------------------------------------------------- real files

PHOENIX = "external/petrarch/Phoenix.{}.actors.txt"


@pytest.fixture(scope="module")
def phoenix(shared_dir: Path) -> dict[str, tuple[list[PetrarchActor], list[Skip]]]:
    out: dict[str, tuple[list[PetrarchActor], list[Skip]]] = {}
    for part in ("Countries", "International", "MilNonState"):
        skips: list[Skip] = []
        out[part] = (
            read_actor_dictionary(shared_file(shared_dir, PHOENIX.format(part)), skips=skips),
            skips,
        )
    return out


@pytest.mark.shared
@pytest.mark.parametrize(
    ("part", "n_actors", "n_names", "n_dated_terms", "skipped"),
    [
        (
            "Countries",
            18352,
            25808,
            26097,
            {"nonstandard code": 121, "no code": 37, "bad date": 7, "empty date range": 6,
             "malformed name": 1, "no usable code": 1},
        ),
        (
            "International",
            7838,
            7901,
            451,
            {"nonstandard code": 196, "no code": 3, "malformed code": 3, "unreachable code": 2,
             "bad date": 1},
        ),
        ("MilNonState", 1021, 1786, 1, {"nonstandard code": 156}),
    ],
)  # fmt: skip
def test_phoenix_actor_counts(
    phoenix: dict[str, tuple[list[PetrarchActor], list[Skip]]],
    part: str,
    n_actors: int,
    n_names: int,
    n_dated_terms: int,
    skipped: dict[str, int],
) -> None:
    actors, skips = phoenix[part]
    assert len(actors) == n_actors
    assert sum(len(a.names) for a in actors) == n_names
    assert sum(c.dated for a in actors for c in a.codes) == n_dated_terms
    assert skip_counts(skips) == skipped


@pytest.mark.shared
def test_phoenix_heads_of_state(phoenix: dict[str, tuple[list[PetrarchActor], list[Skip]]]) -> None:
    countries, _ = phoenix["Countries"]
    putin = _by_name(countries, "VLADIMIR PUTIN")
    assert "PRESIDENT VLADIMIR PUTIN" in putin.names
    assert putin.code_on(D(1995, 1, 1)) == "RUSELI"
    assert putin.code_on(D(2005, 1, 1)) == "RUSGOV"
    assert putin.code_on(D(2008, 5, 7)) == "RUSELI"  # between two terms: the default
    assert putin.code_on(D(2015, 1, 1)) == "RUSGOV"
    obama = _by_name(countries, "BARACK OBAMA")
    assert obama.code_on(D(1990, 1, 1)) == "USAELI"
    assert obama.code_on(D(2005, 1, 1)) is None  # no code and no default
    assert obama.code_on(D(2009, 1, 19)) is None
    assert obama.code_on(D(2009, 1, 20)) == "USAGOV"
    karzai = _by_name(countries, "HAMID KARZAI")
    assert karzai.code_on(D(2005, 3, 1)) == "AFGGOV"
    montenegro = _by_name(countries, "MONTENEGRO")  # primary-line code is the default
    assert [montenegro.code_on(D(y, 1, 1)) for y in (1990, 2000, 2010)] == [
        "YUGMNE",
        "SCGMNE",
        "MNE",
    ]


@pytest.mark.shared
def test_phoenix_known_problems(phoenix: dict[str, tuple[list[PetrarchActor], list[Skip]]]) -> None:
    countries, skips = phoenix["Countries"]
    where = {(s.line, s.reason) for s in skips}
    assert (15346, "malformed name") in where  # "+FAEROYENE]_"
    assert (18010, "bad date") in where  # ">201005011": nine digits
    assert (18007, "no usable code") in where  # so that actor is left out
    assert not any("DAVID CAMERON" in a.names for a in countries)
    _, international = phoenix["International"]
    assert (22, "no code") in {(s.line, s.reason) for s in international}  # "U.N._"


@pytest.mark.shared
def test_phoenix_agents(shared_dir: Path) -> None:
    skips: list[Skip] = []
    agents = read_agent_dictionary(
        shared_file(shared_dir, "external/petrarch/Phoenix.agents.txt"), skips=skips
    )
    assert len(agents) == 3317
    assert sum(a.placement == "before" for a in agents) == 3
    assert skip_counts(skips) == {"nonstandard code": 36, "malformed code": 1, "no code": 1}
    by_phrase = {a.phrase: a for a in agents}
    assert (by_phrase["ARMY"].code, by_phrase["ARMY"].plurals) == ("MIL", ("ARMIES",))
    assert (by_phrase["POLICE"].code, by_phrase["POLICE"].plurals) == ("COP", ())
    assert by_phrase["POLICEWOMAN"].code == "COP"  # from POLICE!PERSON!
    assert by_phrase["MINISTRIES"].code == "GOV"  # from !MINIST!


@pytest.mark.shared
def test_petrarch_validation_dictionaries(shared_dir: Path) -> None:
    folder = "external/petrarch/PETR.Validate.{}.txt"
    skips: list[Skip] = []
    actors = read_actor_dictionary(shared_file(shared_dir, folder.format("actors")), skips=skips)
    agents = read_agent_dictionary(shared_file(shared_dir, folder.format("agents")), skips=skips)
    assert (len(actors), len(agents)) == (128, 84)
    # Its codes are fictional (Middle-earth): most are not CAMEO codes.
    assert skip_counts(skips) == {"nonstandard code": 97}
    gollum = _by_name(actors, "SMEAGOL")
    assert [c.code for c in gollum.codes] == ["", "", ""]


@pytest.fixture(scope="module")
def phoenix_coder(coder: Coder, shared_dir: Path) -> Coder:
    """The default coder with the Phoenix dictionaries merged with the packaged ones."""
    actors = [
        a
        for part in ("Countries", "International", "MilNonState")
        for a in read_actor_dictionary(shared_file(shared_dir, PHOENIX.format(part)), skips=[])
    ]
    agents = read_agent_dictionary(
        shared_file(shared_dir, "external/petrarch/Phoenix.agents.txt"), skips=[]
    )
    tokenizer = coder.nlp.tokenizer

    def tokenize(text: str) -> list[str]:
        return [t.text for t in tokenizer(text)]

    merged = copy.copy(coder)
    # The user's entries first: where both name the same words with the same kind, the
    # first entry wins, so these codings do not depend on the packaged people.
    merged.actors = ActorDictionary(
        chain(to_actor_entries(actors, agents, skips=[]), _entries(default_actor_dir())), tokenize
    )
    return merged


@pytest.mark.shared
@pytest.mark.parametrize(
    ("text", "day", "source"),
    [
        ("Mohammad Najibullah criticised Pakistan on Monday.", D(1990, 3, 1), "AFGGOV"),
        ("Mohammad Najibullah criticised Pakistan on Monday.", D(1995, 3, 1), "AFGELI"),
        ("Hamid Karzai met Pervez Musharraf in Islamabad.", D(2005, 3, 1), "AFGGOV"),
        ("Russian troops attacked Ukrainian soldiers.", D(2025, 3, 1), "RUSMIL"),
    ],
)
def test_coding_with_merged_phoenix_dictionaries(
    phoenix_coder: Coder, text: str, day: datetime.date, source: str
) -> None:
    events = phoenix_coder.code_text(text, day)
    assert source in {e.source for e in events}
