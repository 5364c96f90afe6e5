"""The learned event filter: selection rule, model file, reproducible training."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cameo_events.coder.learned import EventModel, Scored, load_model, select
from tests.conftest import REPO

scored = st.builds(
    Scored,
    sentence=st.integers(0, 3),
    trigger=st.integers(0, 5),
    fallback=st.booleans(),
    l1=st.tuples(
        st.sampled_from(["ISR", "PSE", "USA"]),
        st.sampled_from(["ISR", "PSE"]),
        st.sampled_from(["19", "04"]),
    ),
    probability=st.floats(0, 1),
)


@given(st.lists(scored, max_size=30), st.floats(0, 1))
def test_select_keeps_every_rule_event_and_one_fallback_per_trigger(
    cands: list[Scored], threshold: float
) -> None:
    kept = select(cands, threshold)
    assert kept == sorted(set(kept))
    rules = [i for i, c in enumerate(cands) if not c.fallback]
    assert set(rules) <= set(kept)
    fallbacks = [cands[i] for i in kept if cands[i].fallback]
    assert all(c.probability >= threshold for c in fallbacks)
    ruled_triggers = {(c.sentence, c.trigger) for c in cands if not c.fallback}
    assert not any((c.sentence, c.trigger) in ruled_triggers for c in fallbacks)
    keys = [(c.sentence, c.trigger) for c in fallbacks]
    assert len(keys) == len(set(keys))
    l1s = [(cands[i].sentence, cands[i].l1) for i in kept if cands[i].fallback]
    assert len(l1s) == len(set(l1s))


def test_model_file_round_trip_and_bad_file(tmp_path: Path) -> None:
    model = EventModel({"lemma=attack": 1.25, "pos=noun": -0.5}, -1.0, 0.4, {"seed": 1})
    path = tmp_path / "m.json"
    path.write_text(model.to_json())
    back = load_model(path)
    assert back is not None and back.weights == model.weights and back.threshold == 0.4
    assert back.probability(["lemma=attack"]) == pytest.approx(1 / (1 + 2.718281828**-0.25))
    path.write_text(json.dumps({"weights": {}}))
    with pytest.raises(ValueError, match="not an event model file"):
        load_model(path)
    assert load_model(tmp_path / "absent.json") is None or (tmp_path / "absent.json").exists()


def test_training_is_deterministic_and_reads_only_tuning_sets(
    tmp_path: Path, shared_dir: Path
) -> None:
    pytest.importorskip("sklearn")
    from cameo_events.train import collect, train

    gold = tmp_path / "gold"
    (gold / "dev").mkdir(parents=True)
    shutil.copy(REPO / "seeds/gold/wcep-dev/part-1.jsonl", gold / "dev")
    (gold / "held").mkdir()
    (gold / "held" / "x.jsonl").write_text("not json: a test set must never be read\n")
    (gold / "sets.toml").write_text(
        '[sets.dev]\nrole = "tune"\npaths = ["dev"]\n'
        '[sets.held]\nrole = "test"\npaths = ["held"]\nfrozen = "held/FROZEN"\n'
    )
    (gold / "held" / "FROZEN").write_text("")
    data = collect(gold, shared_dir)  # the malformed test file is never opened
    assert data.gold_events > 0 and len(set(data.groups)) <= 85
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    train(gold, shared_dir, first)
    train(gold, shared_dir, second)
    assert first.read_bytes() == second.read_bytes()
    meta = json.loads(first.read_text())["meta"]
    assert list(meta["trained_on"]) == ["dev"]
