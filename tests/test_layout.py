"""The layout the README describes: geo/ is pure logic, and its modules import each other in one direction."""

from __future__ import annotations

import ast
import re

import pytest

from tests.conftest import ROOT

GEO = ROOT / "geo"


def _imports(path) -> set[str]:
    """Every module a file imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            if node.module == "geo":
                found |= {f"geo.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return found


GRAPH = {f"geo.{p.stem}": _imports(p) for p in GEO.glob("*.py")}


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_geo_never_imports_streamlit(module):
    assert not {m for m in GRAPH[module] if m.split(".")[0] == "streamlit"}


def test_geo_has_no_import_cycle():
    deps = {m: {d for d in imports if d in GRAPH and d != m} for m, imports in GRAPH.items()}
    state: dict[str, str] = {}
    cycles: list[list[str]] = []

    def visit(module: str, path: list[str]) -> None:
        state[module] = "open"
        for dep in sorted(deps[module]):
            if state.get(dep) == "open":
                cycles.append([*path[path.index(dep):], dep])
            elif dep not in state:
                visit(dep, [*path, dep])
        state[module] = "done"

    for module in sorted(deps):
        if module not in state:
            visit(module, [module])
    assert cycles == []


def test_the_map_frames_globals_are_the_documented_ones():
    """frontend/commune_map/README.md is the frame's contract: every window.__th… name is there, and used."""
    sources = [ROOT / "geo" / "maps" / "render.py", *sorted((ROOT / "frontend" / "commune_map").glob("*.[jh]*"))]
    used = set()
    for path in sources:
        if path.suffix in (".js", ".html", ".py"):
            used |= set(re.findall(r"__th[A-Z]\w*", path.read_text(encoding="utf-8")))
    documented = set(re.findall(r"`(__th[A-Z]\w*)`", (ROOT / "frontend" / "commune_map" / "README.md").read_text()))
    assert used == documented
