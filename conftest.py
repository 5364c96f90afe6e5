"""Doctest globals: the package's docstring examples run in CI (pytest --doctest-modules).

The loader's examples read a small dataset folder, named ``dataset`` in them;
it is written once per session by the package's own writer.
"""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session", autouse=True)
def _doctest_dataset(
    doctest_namespace: dict[str, object], tmp_path_factory: pytest.TempPathFactory
) -> None:
    from tests.load._release import write_dataset

    doctest_namespace["dataset"] = write_dataset(tmp_path_factory.mktemp("doctest-dataset"))
