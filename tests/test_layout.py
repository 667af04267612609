"""The house: the layout the README describes, checked on the tree itself.

- Layers: ``geo/`` is the domain and never imports Streamlit, the dashboard or the web layer; ``dashboard/``
  imports geo; ``web/`` imports geo and the dashboard (its cache and the map frame's name); nothing imports
  ``app.py`` or ``tests/``.
- No import cycle between the modules of geo/, dashboard/, web/ and app.py, imports inside functions counted.
- Every subpackage of geo/ says in its docstring what it imports: a paragraph ``Imports: geo.a, geo.b.c.``
  (or ``Imports: anything in geo/.``). Its modules import exactly those, besides their own package, the standard
  library and third-party packages: nothing unlisted, and nothing listed that none of them imports. geo/ as a
  whole imports only the packages pinned in requirements.txt (its own docstring says so). The modules at geo's
  top level (contract, periods, clock, problems, database, __main__) are held to the same rule by geo's own
  docstring: a ``Foundation imports:`` list, one line per module.
- The root holds ``app.py`` and no other Python module; geo/ has at least five subpackages; every folder of
  tests under tests/ mirrors a folder of the product (tests/geo/units/ -> geo/units/), browser/ aside.
- No module rebinds a name its imports bound (``revisions = revisions.list_revisions(engine)`` in a page made the
  module a DataFrame for the rest of the script, and the page's next button failed): not at the same level, not
  in a function under a module-level import. A class's fields are their own namespace and are not counted.
- bench/ and scripts/ (most of which no test runs) import only what exists: our modules and the names they bind,
  resolved against the tree, and installed packages; nothing is imported to find out, and the code a script runs
  in a child process is read too.

Each rule is a function that lists what breaks it in a tree (``*_problems``). The tests assert that the
repository gives none, and that a small tree built to break every rule gives each of them, so that no rule
passes for want of something to read.
"""

from __future__ import annotations

import ast
import importlib.metadata
import importlib.util
import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT

LAYERS = ("geo", "dashboard", "web")
# Which of our top-level packages each layer imports besides itself (app.py: all of them).
MAY_IMPORT = {"geo": set(), "dashboard": {"geo"}, "web": {"geo", "dashboard"}, "app": set(LAYERS)}
OURS = {*LAYERS, "app", "tests"}
NEVER = {"geo": {"streamlit"}}  # third-party packages a layer never imports
TEST_LANES = {"browser"}  # folders of tests/ that hold a kind of test (a real browser), not a package's tests
MIN_SUBPACKAGES = 5


@dataclass(frozen=True)
class Tree:
    """The Python modules of a checkout and what each imports.

    ``modules`` maps a dotted name (``geo.units.versions``, ``geo.units`` for its ``__init__.py``, ``app``) to
    its file. ``imports`` maps it to the names it imports anywhere in the file (at the top, inside functions,
    under ``TYPE_CHECKING``): one of ours is resolved to the module it names (``from geo.units import versions``
    -> ``geo.units.versions``), any other is kept as written (``streamlit.runtime``).
    """

    root: Path
    modules: dict[str, Path]
    imports: dict[str, set[str]]

    def relative(self, module: str) -> str:
        """The module's file, relative to the root (for messages)."""
        return str(self.modules[module].relative_to(self.root))


def read_tree(root: Path) -> Tree:
    """Walk geo/, dashboard/ and web/ (every subfolder) and app.py under ``root``."""
    modules: dict[str, Path] = {}
    for layer in LAYERS:
        for path in sorted((root / layer).rglob("*.py")):
            if "__pycache__" in path.parts:
                continue
            parts = path.relative_to(root).with_suffix("").parts
            modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    if (root / "app.py").exists():
        modules["app"] = root / "app.py"
    return Tree(root, modules, {name: _imports(name, path, modules) for name, path in modules.items()})


def _imports(name: str, path: Path, known: Mapping[str, Path]) -> set[str]:
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found |= {_resolve(alias.name, known) for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # from . import x, from ..units import y
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([node.module] if node.module else [])])
            for alias in node.names:
                found.add(_resolve(f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base, known))
    return found


def _resolve(name: str, known: Mapping[str, Path]) -> str:
    """One of our names to the longest module it starts with (``geo.units.versions.UnitLists`` -> the module)."""
    if name.split(".")[0] not in OURS:
        return name
    probe = name
    while probe and probe not in known:
        probe = probe.rpartition(".")[0]
    return probe or name


def layer_problems(tree: Tree) -> list[str]:
    """Imports across layers that the layering forbids."""
    problems = []
    for module, imports in sorted(tree.imports.items()):
        layer = module.split(".")[0]
        for target in sorted(imports):
            top = target.split(".")[0]
            if top in OURS and top != layer and top not in MAY_IMPORT[layer]:
                allowed = ", ".join(sorted(MAY_IMPORT[layer])) or "nothing else of ours"
                problems.append(f"{tree.relative(module)}: imports {target} ({layer} imports {allowed})")
            elif top in NEVER.get(layer, ()):
                problems.append(f"{tree.relative(module)}: imports {target} ({layer} never imports {top})")
    return problems


def cycle_problems(tree: Tree) -> list[str]:
    """One cycle of each group of modules that import one another, as ``a -> b -> a``."""
    edges = {m: sorted(t for t in imports if t in tree.modules and t != m) for m, imports in tree.imports.items()}
    problems = []
    for group in _strongly_connected(edges):
        if len(group) > 1:
            problems.append(" -> ".join(_a_cycle(sorted(group)[0], group, edges)))
    return sorted(problems)


def _strongly_connected(edges: Mapping[str, list[str]]) -> list[set[str]]:
    """Tarjan's algorithm, iterative (the graph has a few hundred modules; no recursion limit to meet)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []
    for start in sorted(edges):
        if start in index:
            continue
        work = [(start, iter(edges[start]))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.add(member)
                        if member == node:
                            break
                    groups.append(group)
            elif child not in index:
                index[child] = low[child] = len(index)
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(edges[child])))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return groups


def _a_cycle(start: str, group: set[str], edges: Mapping[str, list[str]]) -> list[str]:
    """The shortest way from ``start`` back to itself inside ``group`` (breadth first)."""
    previous: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for child in edges[node]:
                if child == start:  # back home: walk the way in reverse
                    way = [node]
                    while way[-1] != start:
                        way.append(previous[way[-1]])
                    return [*reversed(way), start]
                if child in group and child not in previous:
                    previous[child] = node
                    following.append(child)
        frontier = following
    return [start]


def geo_subpackages(tree: Tree) -> list[str]:
    """The subpackages of geo/ (a folder with an ``__init__.py``), by dotted name."""
    return sorted(m for m, path in tree.modules.items()
                  if m.startswith("geo.") and m.count(".") == 1 and path.name == "__init__.py")


def imports_paragraph(docstring: str | None) -> str | None:
    """The paragraph of a docstring that starts with ``Imports:``, or None."""
    found = re.search(r"^Imports:(.*?)(?:\n\s*\n|\Z)", docstring or "", re.DOTALL | re.MULTILINE)
    return found.group(1) if found else None


def package_import_problems(tree: Tree) -> list[str]:
    """Subpackages of geo/ whose modules import what the docstring does not list, or do not import what it does."""
    problems = []
    for package in geo_subpackages(tree):
        init = tree.modules[package]
        paragraph = imports_paragraph(ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))))
        where = tree.relative(package)
        if paragraph is None:
            problems.append(f"{where}: its docstring has no 'Imports:' paragraph")
            continue
        if re.search(r"\banything in geo\b", paragraph):
            continue
        listed = set(re.findall(r"\bgeo(?:\.\w+)+", paragraph))
        problems += [f"{where}: lists {name}, which is no module or package" for name in sorted(listed)
                     if name not in tree.modules]
        used: set[str] = set()
        members = [m for m in tree.modules if m == package or m.startswith(package + ".")]
        for module in sorted(members):
            for target in sorted(tree.imports[module]):
                if target.split(".")[0] != "geo" or target == package or target.startswith(package + "."):
                    continue
                covered = {name for name in listed if target == name or target.startswith(name + ".")}
                if not covered:
                    problems.append(f"{tree.relative(module)}: imports {target}, which {where} does not list")
                used |= covered
        problems += [f"{where}: lists {name}, which none of its modules imports" for name in sorted(listed - used)
                     if name in tree.modules]
    return problems


def foundation_modules(tree: Tree) -> list[str]:
    """The modules at geo's top level (``geo.periods``, ``geo.__main__``), by dotted name."""
    return sorted(m for m, path in tree.modules.items()
                  if m.startswith("geo.") and m.count(".") == 1 and path.name != "__init__.py")


def foundation_imports(docstring: str | None) -> dict[str, set[str]] | None:
    """The list after ``Foundation imports:`` in geo's docstring: module -> the names of geo/ it lists, or None.

    One line per module (``- ``periods``: geo.clock (why), geo.text.``); a line that names nothing of the form
    ``geo.x`` ("nothing of geo/") lists nothing.
    """
    head = re.search(r"^Foundation imports:", docstring or "", re.MULTILINE)
    if head is None:
        return None
    listing = re.search(r"^- .*?(?:\n\s*\n|\Z)", docstring[head.end():], re.DOTALL | re.MULTILINE)
    entries = re.findall(r"^- ``(\w+)``:(.*?)(?=^- |\Z)", listing.group(0) if listing else "",
                         re.DOTALL | re.MULTILINE)
    return {f"geo.{name}": set(re.findall(r"\bgeo(?:\.\w+)+", text)) for name, text in entries}


def foundation_import_problems(tree: Tree) -> list[str]:
    """Modules at geo's top level that import what geo's docstring does not list for them, or not what it does."""
    where = tree.relative("geo")
    stated = foundation_imports(ast.get_docstring(ast.parse(tree.modules["geo"].read_text(encoding="utf-8"))))
    if stated is None:
        return [f"{where}: its docstring has no 'Foundation imports:' list"]
    modules = foundation_modules(tree)
    problems = [f"{tree.relative(m)}: {where} does not say what it imports" for m in modules if m not in stated]
    for module, listed in sorted(stated.items()):
        if module not in modules:
            problems.append(f"{where}: says what {module} imports, which is no module at geo's top level")
            continue
        problems += [f"{where}: lists {name} for {module}, which is no module or package" for name in sorted(listed)
                     if name not in tree.modules]
        used: set[str] = set()
        for target in sorted(tree.imports[module]):
            if target.split(".")[0] != "geo":
                continue
            covered = {name for name in listed if target == name or target.startswith(name + ".")}
            if not covered:
                problems.append(f"{tree.relative(module)}: imports {target}, which {where} does not list for it")
            used |= covered
        problems += [f"{where}: lists {name} for {module}, which it does not import" for name in sorted(listed - used)
                     if name in tree.modules]
    return problems

def _canonical(distribution: str) -> str:
    return re.sub(r"[-_.]+", "-", distribution).lower()


def pinned(requirements: Path) -> set[str]:
    """The distributions named in a requirements file, canonical names."""
    names = set()
    for line in requirements.read_text(encoding="utf-8").splitlines():
        if found := re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", line.split("#")[0]):
            names.add(_canonical(found.group(1)))
    return names


def unpinned_problems(tree: Tree, pinned_names: set[str], distributions: Mapping[str, list[str]]) -> list[str]:
    """Third-party packages that geo/ imports without requirements.txt pinning them.

    ``distributions`` maps an importable name to the distributions that provide it
    (:func:`importlib.metadata.packages_distributions`).
    """
    problems = []
    for module, imports in sorted(tree.imports.items()):
        if module.split(".")[0] != "geo":
            continue
        for top in sorted({t.split(".")[0] for t in imports} - OURS - set(sys.stdlib_module_names)):
            if not {_canonical(d) for d in distributions.get(top, [])} & pinned_names:
                problems.append(f"{tree.relative(module)}: imports {top}, which requirements.txt does not pin "
                                f"(provided by {', '.join(distributions.get(top, [])) or 'nothing installed'})")
    return problems


def root_problems(root: Path) -> list[str]:
    """Python modules at the root other than app.py, or app.py missing."""
    problems = [f"{p.name}: a Python module at the root (only app.py lives there)"
                for p in sorted(root.glob("*.py")) if p.name != "app.py"]
    if not (root / "app.py").exists():
        problems.append("app.py: missing (streamlit run app.py)")
    return problems


def subpackage_problems(tree: Tree) -> list[str]:
    """geo/ with fewer than five subpackages."""
    found = geo_subpackages(tree)
    if len(found) >= MIN_SUBPACKAGES:
        return []
    return [f"geo/ has {len(found)} subpackages ({', '.join(found) or 'none'}), fewer than {MIN_SUBPACKAGES}"]


def mirror_problems(root: Path) -> list[str]:
    """Folders of test modules under tests/ with no folder of Python modules of the same path in the product."""
    tests = root / "tests"
    problems = []
    for folder in sorted({p.parent for p in tests.rglob("test_*.py")}):
        relative = folder.relative_to(tests)
        if not relative.parts or relative.parts[0] in TEST_LANES:
            continue
        product = root.joinpath(*relative.parts)
        if not any(product.glob("*.py")):
            problems.append(f"tests/{relative.as_posix()}/: mirrors no package ({relative.as_posix()}/ holds no "
                            f"Python module)")
    return problems


SCRIPT_FOLDERS = ("bench", "scripts")
# The top-level names that are ours when a script imports them (the script puts the root on sys.path first).
SCRIPT_OURS = {*OURS, *SCRIPT_FOLDERS}


def script_import_problems(root: Path, installed: Callable[[str], bool] | None = None) -> list[str]:
    """Imports in bench/ and scripts/ that name no module or name that exists.

    The code they run in a child process (``python -c`` strings) is read too. Nothing is imported: one of ours
    (``geo.…``, ``tests.…``, ``bench.…``, or a module beside the script, which is on the path when it runs) is
    resolved against the files under ``root`` (``from geo.io import vn2000`` needs ``geo/io/vn2000.py`` or a name
    ``vn2000`` bound at the top of ``geo/io/__init__.py``); any other top-level name must be the standard
    library's or ``installed`` (default: found by :func:`importlib.util.find_spec`, which locates a top-level
    package without running it).
    """
    installed = installed or (lambda top: importlib.util.find_spec(top) is not None)
    found: list[tuple[Path, int, str]] = []
    for path in sorted(p for folder in SCRIPT_FOLDERS for p in (root / folder).rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        module = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for offset, code in [(0, module), *_child_code(module)]:
            for node in ast.walk(code):
                if isinstance(node, ast.Import):
                    wanted = [(0, alias.name, None) for alias in node.names]
                elif isinstance(node, ast.ImportFrom):
                    wanted = [(node.level, node.module or "", alias.name) for alias in node.names]
                else:
                    continue
                found += [(path, offset + node.lineno, problem) for level, module_name, name in wanted
                          if (problem := _missing(root, path, level, module_name, name, installed))]
    return [f"{path.relative_to(root)}:{line}: {problem}" for path, line, problem in sorted(found)]


def _child_code(module: ast.Module) -> list[tuple[int, ast.Module]]:
    """The Python code held in a module's strings and f-strings that imports something, parsed.

    Each with its line offset in the file; an f-string's replacement fields read as ``None``, a string that is not
    code is skipped.
    """
    parts = {id(v) for node in ast.walk(module) if isinstance(node, ast.JoinedStr) for v in node.values}
    found = []
    for node in ast.walk(module):
        if isinstance(node, ast.JoinedStr):
            text = "".join(v.value if isinstance(v, ast.Constant) else "None" for v in node.values)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in parts:
            text = node.value
        else:
            continue
        if "import" not in text:
            continue
        try:
            code = ast.parse(text)
        except SyntaxError:
            continue
        if any(isinstance(n, ast.Import | ast.ImportFrom) for n in ast.walk(code)):
            found.append((node.lineno - 1, code))
    return found


def _missing(root: Path, script: Path, level: int, module: str, name: str | None,
             installed: Callable[[str], bool]) -> str | None:
    """Why ``import module`` (``name`` None) or ``from module import name`` fails when ``script`` runs, or None."""
    if level:
        return f"imports {name} from {'.' * level}{module}, a relative import: it fails in a script run by its path"
    top = module.split(".")[0]
    if _module_file(script.parent, top) is not None:  # sys.path[0] is the script's folder
        base = script.parent
    elif top in SCRIPT_OURS:
        base = root
    elif top in sys.stdlib_module_names or installed(top):
        return None
    else:
        return f"imports {module}, which is neither ours, nor the standard library's, nor installed"
    found = _module_file(base, module)
    if found is None:
        return f"imports {module}, which is no module of the tree"
    if name is None or name == "*" or _module_file(base, f"{module}.{name}") is not None:
        return None
    defined = _top_level_names(found)
    if defined is not None and name not in defined:
        return f"imports {name} from {module}, which is neither a module of it nor a name it defines"
    return None


def _module_file(base: Path, dotted: str) -> Path | None:
    """The file (or, for a namespace package such as bench/, the folder) of a dotted module name under ``base``."""
    path = base.joinpath(*dotted.split("."))
    for candidate in (path.with_name(path.name + ".py"), path / "__init__.py"):
        if candidate.is_file():
            return candidate
    return path if path.is_dir() else None


def _top_level_names(path: Path) -> set[str] | None:
    """The names a module binds at its top level, in ``if``/``try``/``with``/``for`` blocks too.

    None when it may bind any (``from x import *``, a module ``__getattr__``); a namespace package binds none.
    """
    if path.is_dir():
        return set()
    names: set[str] = set()
    todo = list(ast.parse(path.read_text(encoding="utf-8")).body)
    while todo:
        node = todo.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            if node.name == "__getattr__":
                return None
            names.add(node.name)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            if any(alias.name == "*" for alias in node.names):
                return None
            names |= {alias.asname or alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names |= {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}
        if isinstance(node, ast.For):
            names |= {n.id for n in ast.walk(node.target) if isinstance(n, ast.Name)}
        if isinstance(node, ast.If | ast.Try | ast.With | ast.For | ast.While):
            todo += [*node.body, *getattr(node, "orelse", []), *getattr(node, "finalbody", []),
                     *(s for h in getattr(node, "handlers", []) for s in h.body)]
    return names


def _imported_names(body: list[ast.stmt]) -> dict[str, int]:
    """Names bound by the imports of one scope (not those of nested functions or classes), with their line."""
    names: dict[str, int] = {}
    for node in _same_scope(body):
        if isinstance(node, ast.Import | ast.ImportFrom):
            for alias in node.names:
                names.setdefault(alias.asname or alias.name.split(".")[0], node.lineno)
    return names


def _same_scope(body: list[ast.stmt]):
    """Every node of a scope's statements, without descending into functions, classes or lambdas."""
    todo: list[ast.AST] = list(body)
    while todo:
        node = todo.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda):
            continue  # a scope of its own (its decorators and defaults aside, which bind nothing)
        yield node
        todo.extend(ast.iter_child_nodes(node))


def _stored_names(body: list[ast.stmt], args: ast.arguments | None = None) -> dict[str, int]:
    """Names a scope binds by assignment, loop, ``with … as``, ``except … as`` or as a parameter."""
    names: dict[str, int] = {}
    for node in _same_scope(body):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.setdefault(node.id, node.lineno)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            names.setdefault(node.name, node.lineno)
    if args is not None:
        for arg in [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]:
            if arg is not None:
                names.setdefault(arg.arg, arg.lineno)
    return names


def shadow_problems(tree: Tree) -> list[str]:
    """Every place a module or function rebinds a name an import of its own or of its module bound."""
    problems = []
    for module in sorted(tree.modules):
        syntax = ast.parse(tree.modules[module].read_text(encoding="utf-8"))
        imported = _imported_names(syntax.body)
        scopes: list[tuple[str, dict[str, int], dict[str, int]]] = [
            ("at module level", imported, _stored_names(syntax.body))]
        for node in ast.walk(syntax):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                own = _imported_names(node.body)
                scopes.append((f"in {node.name}()", {**imported, **own}, _stored_names(node.body, node.args)))
        for where, bound, stored in scopes:
            for name in sorted(set(bound) & set(stored)):
                if stored[name] != bound[name]:  # the import's own line binds it
                    problems.append(f"{tree.relative(module)}:{stored[name]}: {where}, {name} rebinds the name "
                                    f"imported on line {bound[name]}")
    return problems


TREE = read_tree(ROOT)


def test_the_walk_reads_every_layer_and_every_subpackage():
    """The checks below read something: every layer has modules, every subpackage of geo/ has modules."""
    for layer in LAYERS:
        assert [m for m in TREE.modules if m.startswith(layer + ".")], layer
    for package in geo_subpackages(TREE):
        assert [m for m in TREE.modules if m.startswith(package + ".")], package
    assert "app" in TREE.modules and TREE.imports["app"]


def test_layers_import_downwards():
    problems = layer_problems(TREE)
    assert not problems, "\n".join(problems)


def test_no_import_cycle():
    problems = cycle_problems(TREE)
    assert not problems, "\n".join(problems)


def test_each_subpackage_of_geo_imports_what_its_docstring_lists():
    problems = package_import_problems(TREE)
    assert not problems, "\n".join(problems)


def test_each_module_at_geos_top_level_imports_what_geos_docstring_lists():
    assert {"geo.contract", "geo.periods", "geo.clock", "geo.problems", "geo.database"} <= set(foundation_modules(TREE))
    problems = foundation_import_problems(TREE)
    assert not problems, "\n".join(problems)


def test_geo_imports_only_pinned_packages():
    names = pinned(ROOT / "requirements.txt")
    problems = unpinned_problems(TREE, names, importlib.metadata.packages_distributions())
    assert not problems, "\n".join(problems)


def test_the_root_holds_app_py_alone():
    problems = root_problems(ROOT)
    assert not problems, "\n".join(problems)


def test_geo_has_at_least_five_subpackages():
    problems = subpackage_problems(TREE)
    assert not problems, "\n".join(problems)


def test_tests_mirror_the_packages():
    problems = mirror_problems(ROOT)
    assert not problems, "\n".join(problems)


def test_no_name_an_import_bound_is_rebound():
    problems = shadow_problems(TREE)
    assert not problems, "\n".join(problems)


def test_bench_and_scripts_import_what_exists():
    problems = script_import_problems(ROOT)
    assert not problems, "\n".join(problems)


BROKEN = {
    "app.py": "import web.server\n",
    "stray.py": "",
    "geo/__init__.py": ('"""The domain.\n\nFoundation imports: what each module imports.\n\n'
                        '- ``base``: nothing of geo/.\n- ``top``: geo.base, geo.nowhere,\n'
                        '  geo.a (a line that goes on).\n- ``gone``: geo.base.\n"""\n'),
    "geo/base.py": "from geo.c import n\n",
    "geo/top.py": "from geo import base\n",
    "geo/extra.py": "",
    "geo/a/__init__.py": '"""A.\n\nImports: geo.b, geo.nowhere.\n"""\n',
    "geo/a/x.py": "import streamlit\nimport notpinned\nfrom geo.c import n\nfrom dashboard import page\n",
    "geo/b/__init__.py": '"""B, with no word on its imports."""\n',
    "geo/b/m.py": "def f():\n    from geo.c import n\n",
    "geo/c/__init__.py": '"""C.\n\nImports: geo.b,\ngeo.a.\n"""\n',
    "geo/c/n.py": "from ..b import m\n",
    "dashboard/__init__.py": "",
    "dashboard/page.py": "from web import server\n",
    "dashboard/view.py": ("from geo.b import m\nimport json\nm = m.f()\n\nclass K:\n    json: int\n\n"
                          "def g(json):\n    from geo.c import n\n    for n in []:\n        pass\n"),
    "web/__init__.py": "",
    "web/server.py": "import app\n",
    "tests/geo/b/test_m.py": "",
    "tests/geo/zzz/test_q.py": "",
    "tests/browser/test_pages.py": "",
    "bench/helper.py": "OK = 1\n",
    "bench/b.py": ("from geo import nowhere\nfrom geo.a import x\nfrom geo.c.n import gone, m\nimport json, pytest\n"
                   "import notinstalled\nfrom helper import OK\n"
                   'CHILD = f"""\nimport sys\nsys.path.insert(0, {0!r})\nfrom geo.gone import thing\n'
                   'import helper\n"""\n'),
    "scripts/s.py": "import helper\nfrom . import sibling\n\ndef main():\n    from bench.helper import OK, NOT\n",
}


@pytest.fixture
def broken(tmp_path) -> Path:
    """A tree that breaks every rule once (three subpackages, a stray module, a cycle, …)."""
    for name, text in BROKEN.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_each_rule_finds_what_breaks_it(broken):
    tree = read_tree(broken)
    assert layer_problems(tree) == [
        "dashboard/page.py: imports web.server (dashboard imports geo)",
        "geo/a/x.py: imports dashboard.page (geo imports nothing else of ours)",
        "geo/a/x.py: imports streamlit (geo never imports streamlit)",
        "web/server.py: imports app (web imports dashboard, geo)",
    ]
    # geo.b.m imports geo.c.n inside a function, geo.c.n imports it back relatively
    assert cycle_problems(tree) == ["app -> web.server -> app", "geo.b.m -> geo.c.n -> geo.b.m"]
    assert package_import_problems(tree) == [
        "geo/a/__init__.py: lists geo.nowhere, which is no module or package",
        "geo/a/x.py: imports geo.c.n, which geo/a/__init__.py does not list",
        "geo/a/__init__.py: lists geo.b, which none of its modules imports",
        "geo/b/__init__.py: its docstring has no 'Imports:' paragraph",
        "geo/c/__init__.py: lists geo.a, which none of its modules imports",
    ]
    assert unpinned_problems(tree, {"streamlit"}, {"streamlit": ["streamlit"], "notpinned": ["not-pinned"]}) == [
        "geo/a/x.py: imports notpinned, which requirements.txt does not pin (provided by not-pinned)"]
    assert foundation_import_problems(tree) == [
        "geo/extra.py: geo/__init__.py does not say what it imports",
        "geo/base.py: imports geo.c.n, which geo/__init__.py does not list for it",
        "geo/__init__.py: says what geo.gone imports, which is no module at geo's top level",
        "geo/__init__.py: lists geo.nowhere for geo.top, which is no module or package",
        "geo/__init__.py: lists geo.a for geo.top, which it does not import",
    ]
    assert shadow_problems(tree) == [
        "dashboard/view.py:3: at module level, m rebinds the name imported on line 1",
        "dashboard/view.py:8: in g(), json rebinds the name imported on line 2",
        "dashboard/view.py:10: in g(), n rebinds the name imported on line 9",
    ]
    assert root_problems(broken) == ["stray.py: a Python module at the root (only app.py lives there)"]
    assert subpackage_problems(tree) == ["geo/ has 3 subpackages (geo.a, geo.b, geo.c), fewer than 5"]
    assert mirror_problems(broken) == ["tests/geo/zzz/: mirrors no package (geo/zzz/ holds no Python module)"]
    assert script_import_problems(broken) == [
        "bench/b.py:1: imports nowhere from geo, which is neither a module of it nor a name it defines",
        "bench/b.py:3: imports gone from geo.c.n, which is neither a module of it nor a name it defines",
        "bench/b.py:5: imports notinstalled, which is neither ours, nor the standard library's, nor installed",
        "bench/b.py:10: imports geo.gone, which is no module of the tree",  # in the code of a child process
        "scripts/s.py:1: imports helper, which is neither ours, nor the standard library's, nor installed",
        "scripts/s.py:2: imports sibling from ., a relative import: it fails in a script run by its path",
        "scripts/s.py:5: imports NOT from bench.helper, which is neither a module of it nor a name it defines",
    ]


def test_a_geo_without_a_foundation_list_is_a_problem(tmp_path):
    (tmp_path / "geo").mkdir()
    (tmp_path / "geo" / "__init__.py").write_text('"""The domain.\n\nImports: anything."""\n', encoding="utf-8")
    (tmp_path / "geo" / "clock.py").write_text("", encoding="utf-8")
    assert foundation_import_problems(read_tree(tmp_path)) == [
        "geo/__init__.py: its docstring has no 'Foundation imports:' list"]


def test_pinned_reads_names_with_extras_and_comments(tmp_path):
    path = tmp_path / "requirements.txt"
    path.write_text("# a comment\npsycopg[binary]==3.3.9\nvl-convert-python==1.9  # why\nSQLAlchemy==2.1\n")
    assert pinned(path) == {"psycopg", "vl-convert-python", "sqlalchemy"}


def test_the_map_frames_globals_are_the_documented_ones():
    """frontend/commune_map/README.md is the frame's contract: every window.__th… name is there, and used."""
    sources = [ROOT / "geo" / "maps" / "render.py", *sorted((ROOT / "frontend" / "commune_map").glob("*.[jh]*"))]
    used = set()
    for path in sources:
        if path.suffix in (".js", ".html", ".py"):
            used |= set(re.findall(r"__th[A-Z]\w*", path.read_text(encoding="utf-8")))
    documented = set(re.findall(r"`(__th[A-Z]\w*)`", (ROOT / "frontend" / "commune_map" / "README.md").read_text()))
    assert used == documented
