"""Regression guard: the coder's figures on the frozen test set never drop unnoticed.

The figures committed in ``seeds/gold/scores.toml`` are what ``cameo-events evaluate``
printed for the committed coder. The coder is deterministic, so a drop of more than
0.02 is a real regression, not noise; an improvement is recorded by updating the file.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import tomllib

from cameo_events.coder import Coder
from cameo_events.evaluate import evaluate_sets, load_gold_sets
from tests.conftest import REPO

GOLD = REPO / "seeds" / "gold"
TOLERANCE = 0.02


def test_frozen_test_set_scores_hold(shared_dir: Path, coder: Coder) -> None:
    recorded = tomllib.loads((GOLD / "scores.toml").read_text(encoding="utf-8"))
    results = evaluate_sets(GOLD, shared_dir, coder)
    test = results["test (held out, never tuned on)"]
    assert test.items == recorded["test"]["items"]
    assert test.l1.f1 >= recorded["test"]["l1_f1"] - TOLERANCE
    assert test.l2.f1 >= recorded["test"]["l2_f1"] - TOLERANCE
    agreement = results["annotator agreement (second vs first annotator)"]
    assert agreement.l1.f1 == pytest.approx(recorded["agreement"]["l1_f1"], abs=1e-4)


def test_an_edited_frozen_file_is_refused(tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    shutil.copytree(GOLD, gold)
    path = gold / "test-1.0" / "first" / "wikinews.jsonl"
    path.write_bytes(path.read_bytes().replace(b'"events": []', b'"events": [ ]', 1))
    with pytest.raises(ValueError, match="a frozen test set is never edited"):
        load_gold_sets(gold)
    # training reads only tuning sets, so it is not blocked by (nor reads) the test set
    sets, pair = load_gold_sets(gold, frozenset({"tune"}))
    assert {s.role for s in sets} == {"tune"} and pair is None
