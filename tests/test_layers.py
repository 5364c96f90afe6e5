"""Every import of the package points down its layers, and no import circle exists.

The graph is read from the source (every ``import``, also those inside
functions and under ``TYPE_CHECKING``), so this test is also the measure:
``python -m pytest tests/test_layers.py -q``.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "cameo_events"

#: Layers from the ground up; a module may import its own layer and those below.
LAYERS: list[tuple[str, ...]] = [
    ("errors", "_version", "findings"),
    ("schema",),
    ("documents", "coder", "gold", "convert", "coding"),
    ("check",),
    ("release",),
    ("load", "evaluate", "train"),
    ("cli", "__init__", "__main__"),
]
#: What the producers may never import: they know nothing of releases, checks or users.
PRODUCERS = ("documents", "coder", "gold", "convert", "coding")
ABOVE_PRODUCERS = ("release", "check", "load", "cli", "evaluate", "train")


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _graph() -> dict[str, set[str]]:
    modules = {_module(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                candidates = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            elif isinstance(node, ast.Import):
                candidates = [a.name for a in node.names]
            else:
                continue
            for candidate in candidates:
                if candidate in modules:
                    targets.add(candidate)
                    # Importing a.b.c runs a/__init__ and a/b/__init__ first.
                    parts = candidate.split(".")
                    targets |= {
                        ".".join(parts[:i])
                        for i in range(2, len(parts))
                        if ".".join(parts[:i]) in modules
                    }
        graph[name] = {t for t in targets if t != name and not name.startswith(t + ".")}
    return graph


def _area(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _rank(module: str) -> int:
    area = _area(module)
    return next(i for i, layer in enumerate(LAYERS) if area in layer)


def test_no_import_circle() -> None:
    graph = _graph()
    circles = []
    state: dict[str, int] = {}  # 1 on the path, 2 done

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                circles.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target, [*path, target])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert circles == []


def test_every_arrow_points_down_the_layers() -> None:
    up = [
        f"{module} -> {target}"
        for module, targets in sorted(_graph().items())
        for target in sorted(targets)
        if _rank(target) > _rank(module)
    ]
    assert up == []


def test_check_imports_only_schema_and_findings() -> None:
    allowed = {"check", "schema", "findings", "errors"}
    wrong = [
        f"{m} -> {t}"
        for m, ts in _graph().items()
        if _area(m) == "check"
        for t in ts
        if _area(t) not in allowed
    ]
    assert wrong == []


def test_producers_know_nothing_of_releases_checks_or_users() -> None:
    wrong = [
        f"{m} -> {t}"
        for m, ts in _graph().items()
        if _area(m) in PRODUCERS
        for t in ts
        if _area(t) in ABOVE_PRODUCERS
    ]
    assert wrong == []


def test_only_the_cli_prints() -> None:
    printing = []
    for path in PACKAGE.rglob("*.py"):
        if _area(_module(path)) == "cli" or path.name == "__main__.py":
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "print"
            ):
                printing.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert printing == []
