"""The event pattern file, and the syntactic rules that apply it."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from cameo_events.coder import Coder
from cameo_events.coder.patterns import default_pattern_path, known_event_codes, load_patterns
from tests.coder.conftest import PUBLISHED, triples


def test_pattern_file_reaches_150_codes_in_all_roots() -> None:
    patterns = load_patterns()
    codes = patterns.codes
    assert len(codes) >= 150
    assert {c[:2] for c in codes} == {f"{i:02d}" for i in range(1, 21)}
    assert codes <= known_event_codes()
    assert len({p.id for p in patterns.patterns}) == len(patterns.patterns)


def test_every_pattern_has_an_intent_code() -> None:
    for p in load_patterns().patterns:
        assert p.intent, p.id
        if p.code[:2] in {"04", "06", "07", "08"}:
            assert p.intent[:2] == "03", p.id  # cooperation becomes intent to cooperate
        if p.code[:2] in {"18", "19", "20"}:
            assert p.intent[:2] == "13", p.id  # violence becomes a threat


def test_refine_tables() -> None:
    patterns = load_patterns()
    assert patterns.refined("appeal", "0871") == "0256"
    assert patterns.refined("demand", "0841") == "1053"
    assert patterns.refined("refuse", "046") == "125"
    assert patterns.refined("appeal", "190") == "020"  # the "*" default


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "patterns.yaml"
    path.write_text("patterns:\n" + body)
    return path


def test_unknown_code_is_refused_with_its_id(tmp_path: Path) -> None:
    path = _write(tmp_path, '- {id: x.v, verb: x, code: "999", intent: "138"}\n')
    with pytest.raises(ValueError, match=r"pattern 1 \('x.v'\): code '999'"):
        load_patterns(path)


def test_integer_code_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, "- {id: x.v, verb: x, code: 36, intent: '036'}\n")
    with pytest.raises(ValueError, match="quote codes as strings"):
        load_patterns(path)


def test_duplicate_id_is_refused(tmp_path: Path) -> None:
    rule = '- {id: x.v, verb: x, code: "190", intent: "138"}\n'
    with pytest.raises(ValueError, match="duplicate id"):
        load_patterns(_write(tmp_path, rule + rule))


def test_packaged_file_has_a_licence_header() -> None:
    assert "Licence: MIT" in default_pattern_path().read_text().splitlines()[1]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # subject -> source, object -> target
        ("Russia attacked Ukraine.", [("RUS", "190", "UKR")]),
        # the weapon named with a generic attack refines it
        ("Russia attacked Ukraine with drones.", [("RUS", "1952", "UKR")]),
        # passive voice swaps the roles
        ("Ukraine was attacked by Russia.", [("RUS", "190", "UKR")]),
        # coordinated actors give one event each
        (
            "Russia and China condemned the United States.",
            [("RUS", "111", "USA"), ("CHN", "111", "USA")],
        ),
        ("Germany condemned Russia and Iran.", [("DEU", "111", "RUS"), ("DEU", "111", "IRN")]),
        # negation: no event
        ("Russia did not attack Ukraine.", []),
        ("Iran will never hold talks with the United States.", []),
        # future, modal and intent verbs -> intent codes
        # meetings, talks and agreements between coordinated parties are mutual; a
        # meeting with a direct object is the subject's act on it (as the seed gold codes)
        ("Iran and Egypt will meet.", [("IRN", "036", "EGY"), ("EGY", "036", "IRN")]),
        ("Iran will meet Egypt.", [("IRN", "036", "EGY")]),
        ("Iran will hold talks with Egypt.", [("IRN", "036", "EGY"), ("EGY", "036", "IRN")]),
        ("Russia threatened to attack Ukraine.", [("RUS", "138", "UKR")]),
        ("Japan pledged to send weapons to Ukraine.", [("JPN", "0332", "UKR")]),
        # light verbs and noun triggers
        ("Germany held talks with France.", [("DEU", "046", "FRA"), ("FRA", "046", "DEU")]),
        ("Japan signed an agreement with India.", [("JPN", "057", "IND"), ("IND", "057", "JPN")]),
        (
            "Russia and Ukraine agreed to cease attacks.",
            [("RUS", "0356", "UKR"), ("UKR", "0356", "RUS")],
        ),
        ("Russian airstrikes killed 12 Syrians.", [("RUSMIL", "195", "SYRCVL")]),
        ("Russia launched a drone attack on Ukraine.", [("RUSMIL", "1952", "UKR")]),
        # coordinated people give one event each
        (
            "Sergei Lavrov and Yuri Ushakov met Marco Rubio.",
            [("RUSGOV", "040", "USAGOV"), ("RUSGOV", "040", "USAGOV")],
        ),
        # light-verb and particle constructions
        ("Peru lifted its ban on Chilean imports.", [("PER", "081", "CHL")]),
        (
            "The US Senate confirmed Marco Rubio as secretary of state.",
            [("USALEG", "051", "USAGOV")],
        ),
        ("Chile sent a delegation to Peru for talks.", [("CHL", "036", "PER")]),
        ("Police arrested 40 protesters in Nairobi.", [("KENCOP", "175", "KENCVL")]),
        # a sentenced civilian is a convict; a former office-holder is the country alone
        ("A Kenyan court sentenced two men.", [("KENJUD", "116", "KENCRM")]),
        ("Kenyan police arrested a former Ugandan minister.", [("KENCOP", "173", "UGA")]),
        # withdrawing from an international organisation is not a military withdrawal
        (
            "Argentina announced its withdrawal from the World Health Organization.",
            [("ARG", "160", "IGOUNOWHO")],
        ),
        # the victims of a passive result verb take the "when" clause's attackers
        (
            "Ten Kenyan soldiers were killed when Somali militants attacked a base.",
            [("SOMREB", "190", "KENMIL")],
        ),
        # accusations: the charge picks the sub-code
        ("Poland accused Russia of espionage.", [("POL", "1125", "RUS")]),
        # a possessive pronoun gives its owner's country to a role word
        (
            "The Iranian army said that its soldiers had attacked Iraq.",
            [("IRNMIL", "190", "IRQ")],
        ),
        # a visit to another country is also hosted by it
        ("Narendra Modi visited Japan.", [("INDGOV", "042", "JPN"), ("JPN", "043", "INDGOV")]),
        # appeals and refusals take the embedded action's code
        ("Turkey urged Russia to release the prisoners.", [("TUR", "0253", "RUS")]),
        ("Egypt called on Israel to agree to a ceasefire.", [("EGY", "0256", "ISR")]),
    ],
)
def test_rules(coder: Coder, text: str, expected: list[tuple[str, str, str]]) -> None:
    assert triples(coder.code_text(text, PUBLISHED)) == expected


def test_intent_is_flagged_hypothetical(coder: Coder) -> None:
    event = coder.code_text("Iran will meet Egypt next week.", PUBLISHED)[0]
    assert event.hypothetical and event.code == "036"
    assert event.event_date == datetime.date(2025, 3, 17)


def test_reported_speech_keeps_the_inner_event(coder: Coder) -> None:
    (event,) = coder.code_text("Israel said it had struck Lebanon.", PUBLISHED)
    assert (event.source, event.code, event.target) == ("ISR", "195", "LBN")
    assert event.reported and event.trigger_text == "struck"


def test_statement_only_without_inner_event(coder: Coder) -> None:
    events = coder.code_text("Iran told Egypt that the weather was fine.", PUBLISHED)
    assert triples(events) == [("IRN", "010", "EGY")]


def test_events_record_pattern_and_spans(coder: Coder) -> None:
    text = "Yesterday Russian troops shelled Kharkiv in Ukraine."
    (event,) = coder.code_text(text, PUBLISHED)
    assert event.pattern_id == "shell.v"
    assert text[slice(*event.trigger_span)] == event.trigger_text == "shelled"
    assert text[slice(*event.source_span)] == event.source_text == "Russian troops"
    assert text[slice(*event.target_span)] == event.target_text
    assert 0.0 < event.confidence <= 1.0


def test_pronoun_subject_refers_to_the_previous_sentence(coder: Coder) -> None:
    text = "The Kremlin condemned Ukraine on Monday. They also threatened to attack Kyiv."
    events = coder.code_text(text, PUBLISHED)
    assert triples(events) == [("RUSGOV", "111", "UKR"), ("RUSGOV", "138", "UKR")]
    assert events[1].sentence_index == 1 and events[1].hypothetical


def test_order_codes_the_ordered_action(coder: Coder) -> None:
    events = coder.code_text("A French court ordered the arrest of Russian hackers.", PUBLISHED)
    assert triples(events) == [("FRAJUD", "173", "RUSCRM")]


def test_self_targeted_emergency(coder: Coder) -> None:
    events = coder.code_text("The Peruvian government declared a state of emergency.", PUBLISHED)
    assert triples(events) == [("PERGOV", "1724", "PER")]


def test_a_headline_without_a_verb_is_coded_without_hanging(coder: Coder) -> None:
    # A noun at the root with a possessive pronoun: the search for the clause's verb
    # must stop at the root.
    assert coder.code_text("Their attack on Kyiv.", PUBLISHED) == []


def test_an_ultimatum_is_credited_to_its_possessor(coder: Coder) -> None:
    text = "Iran warned that Donald Trump followed through with his ultimatum to strike Iran."
    assert ("USAGOV", "139", "IRN") in triples(coder.code_text(text, PUBLISHED))
