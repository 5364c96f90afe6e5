"""The spaCy model is verified file by file before use."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cameo_events.coder.model import (
    ModelMismatchError,
    expected_hashes,
    find_model_dir,
    load_pipeline,
    verify_model_dir,
)
from tests.conftest import shared_file


def test_packaged_hashes_equal_the_shared_reference(shared_dir: Path) -> None:
    reference = shared_file(shared_dir, "models/en_core_web_sm-3.8.0.sha256")
    expected = {
        name.removeprefix("./"): digest
        for digest, name in (line.split() for line in reference.read_text().splitlines() if line)
    }
    assert expected_hashes() == expected


def test_installed_model_verifies() -> None:
    verify_model_dir(find_model_dir())  # raises on any difference


@pytest.fixture
def model_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "model"
    shutil.copytree(find_model_dir(), copy)
    return copy


def test_changed_file_is_refused_by_name(model_copy: Path) -> None:
    with (model_copy / "tagger" / "model").open("ab") as handle:
        handle.write(b"\0")
    with pytest.raises(ModelMismatchError, match=r"sha256 differs for tagger/model"):
        verify_model_dir(model_copy)


def test_missing_and_extra_files_are_refused(model_copy: Path) -> None:
    (model_copy / "parser" / "moves").unlink()
    (model_copy / "parser" / "extra.bin").write_bytes(b"x")
    with pytest.raises(ModelMismatchError) as info:
        verify_model_dir(model_copy)
    assert "missing file parser/moves" in str(info.value)
    assert "unexpected file parser/extra.bin" in str(info.value)
    assert "pip install" in str(info.value)  # the message says how to fix it


def test_edited_readme_and_meta_are_allowed(model_copy: Path) -> None:
    (model_copy / "README.md").write_text("edited by the re-uploader")
    verify_model_dir(model_copy)


def test_missing_package_is_a_clear_error() -> None:
    with pytest.raises(ModelMismatchError, match="not installed"):
        find_model_dir("no_such_spacy_model_package")


def test_pipeline_parses_and_lemmatises() -> None:
    nlp = load_pipeline()
    doc = nlp("Soldiers attacked the town. Police arrested two men.")
    assert len(list(doc.sents)) == 2
    assert [t.lemma_ for t in doc][:2] == ["soldier", "attack"]
    assert doc[1].dep_ == "ROOT"
