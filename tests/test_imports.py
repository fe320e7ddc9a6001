"""The hook's package has no import cycle: each module can be read, tested and changed with what it
imports below it. Imports for type annotations only (under TYPE_CHECKING) count too: a cycle through
them still ties two modules together."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "hooks" / "missionsite"


def imports_of(path: Path) -> set[str]:
    """The package's modules that `path` imports, for running or for its type annotations alike."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.ImportFrom):
            continue
        if node.level == 1:
            found.update([node.module.split(".")[0]] if node.module else [alias.name for alias in node.names])
        elif (node.module or "").startswith("missionsite"):
            parts = (node.module or "").split(".")
            found.update(parts[1:2] or [alias.name for alias in node.names])
    return found - {path.stem}


def graph() -> dict[str, set[str]]:
    return {path.stem: imports_of(path) for path in PACKAGE.glob("*.py") if path.stem != "__init__"}


def cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One cycle in `edges`, as the modules along it (the first again at the end), or None."""
    done: set[str] = set()

    def visit(trail: list[str]) -> list[str] | None:
        for other in sorted(edges.get(trail[-1], ())):
            if other in trail:
                return [*trail[trail.index(other) :], other]
            if other not in done:
                found = visit([*trail, other])
                if found:
                    return found
        done.add(trail[-1])
        return None

    for module in sorted(edges):
        found = None if module in done else visit([module])
        if found:
            return found
    return None


def test_the_package_has_no_import_cycle():
    edges = graph()
    assert len(edges) > 20 and edges["render"]  # the graph was read
    assert cycle(edges) is None, " -> ".join(cycle(edges) or [])


def test_a_cycle_is_found_when_there_is_one():
    assert cycle({"model": {"measures"}, "measures": {"model"}}) == ["measures", "model", "measures"]
    assert cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None
