"""The one catalog of interface text: its rules, every entry rendered, every key the code names, no text elsewhere."""

from __future__ import annotations

import ast
import re
import string
import types

import pytest

from geo.text import field_label, rule_label, t
from geo.text.catalog import CATALOG, LANGS, MODULES, CatalogError, merge
from tests.conftest import ROOT

# The product's code: everything a person's words could be written in (tests and the catalog itself aside).
CATALOG_DIR = ROOT / "geo" / "text" / "catalog"
CODE = [ROOT / "app.py", *sorted(p for d in ("web", "dashboard", "geo", "scripts", "bench")
                                 for p in (ROOT / d).rglob("*.py") if CATALOG_DIR not in p.parents)]
NAMESPACES = sorted(m.__name__.rsplit(".", 1)[-1] for m in MODULES)
# A string that reads as a catalog key, not as a file name ("overview.py", "units.csv").
KEY_LIKE = re.compile(rf"^(?:{'|'.join(NAMESPACES)})\.[a-z0-9_]+(?:\.[a-z0-9_ :]+)*$")
FILE_NAME = re.compile(r"\.(?:py|csv|parquet|sqlite|log|js|css|json|toml|txt|md)$")


def _module(name: str, texts: dict) -> types.ModuleType:
    module = types.ModuleType(f"geo.text.catalog.{name}")
    module.TEXTS = texts
    return module


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_every_catalog_module_is_merged():
    """A module added to geo/text/catalog/ but not to MODULES would be silently left out."""
    files = {p.stem for p in CATALOG_DIR.glob("*.py") if p.stem != "__init__"}
    assert files == set(NAMESPACES)
    assert len(CATALOG) == sum(len(m.TEXTS) for m in MODULES)


@pytest.mark.parametrize(("modules", "message"), [
    ((_module("plan", {"plan.a": {"vi": "a", "en": "a"}}), _module("data", {"plan.b": {"vi": "b", "en": "b"}})),
     "'plan.b' is in data.py: its key must start with 'data.'"),
    ((_module("plan", {"plan.a": {"vi": "a", "en": "a"}}), _module("plan", {"plan.a": {"vi": "b", "en": "b"}})),
     "'plan.a' is defined twice: in plan.py and plan.py"),
    ((_module("plan", {"plan.a": {"vi": "a"}}),), "plan.py, 'plan.a': needs exactly a text for each of"),
    ((_module("plan", {"plan.a": {"vi": "a", "en": "a", "fr": "a"}}),), "needs exactly a text for each of"),
    ((_module("plan", {"plan.a": {"vi": "a", "en": None}}),), "needs exactly a text for each of"),
])
def test_the_merge_refuses_a_broken_module(modules, message):
    with pytest.raises(CatalogError, match=re.escape(message)):
        merge(modules)


def test_the_merged_catalog_cannot_be_changed():
    with pytest.raises(TypeError):
        CATALOG["plan.form_title"] = {"vi": "x", "en": "x"}
    with pytest.raises(TypeError):
        CATALOG["plan.form_title"]["vi"] = "x"


@pytest.mark.parametrize("key", sorted(CATALOG))
def test_every_entry_renders_with_its_placeholders_in_both_languages(key):
    """Both languages take the same placeholders, and ``t`` fills every one of them (``str.format``)."""
    entry = CATALOG[key]
    fields = _fields(entry["vi"])
    assert _fields(entry["en"]) == fields, f"{key}: the two languages take different placeholders"
    params = {name: f"<{name}>" for name in fields}
    for lang in LANGS:
        text = t(key, lang, **params)
        assert text and text == entry[lang].format(**params)
        assert all(f"<{name}>" in text for name in fields)
        if not fields:  # a text without placeholders reads as written (no brace is swallowed)
            assert text == entry[lang]


def test_a_language_the_catalog_lacks_reads_vietnamese_and_an_unknown_key_fails():
    assert t("plan.form_title", "fr") == t("plan.form_title", "vi") == "Cập nhật tiến độ"
    assert t("plan.form_title", "en") == "Record progress"
    with pytest.raises(KeyError):
        t("plan.no_such_text")


def test_field_and_rule_labels_are_read_from_the_catalog():
    assert field_label("criminal_cases_ytd", "vi") == "Số vụ án (lũy kế năm)"
    assert field_label("inspections_period", "en") == "Inspections (in the period)"
    assert field_label("laos_border_km", "en") == "Border length (km)"
    assert field_label("map_class", "vi") == "map_class"  # no entry: the column's own name
    assert rule_label("crosswalk", "vi") == "bảng chuyển đổi 2025"
    assert rule_label("a rule nobody wrote", "en") == "a rule nobody wrote"


def _calls_and_keys():
    """Every ``t(…)`` key the code names: literal keys, and the fixed start of keys built with an f-string."""
    literal, prefixes = [], []
    for path in CODE:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        in_fstring = {id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for v in n.values}
        where = path.relative_to(ROOT).as_posix()
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in in_fstring \
                    and KEY_LIKE.match(node.value) and not FILE_NAME.search(node.value):
                literal.append((f"{where}:{node.lineno}", node.value))
            elif isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
                start = node.values[0].value
                if re.match(rf"^(?:{'|'.join(NAMESPACES)})\.", start):
                    prefixes.append((f"{where}:{node.lineno}", start))
    return literal, prefixes


LITERAL, PREFIXES = _calls_and_keys()


def test_every_key_the_code_names_is_in_the_catalog():
    assert len(LITERAL) > 500  # the scan sees the code (it would pass on an empty list)
    namespaces = {k.rsplit(".", 1)[0] for k in CATALOG}  # a collector's namespace ("boundaries.check")
    assert [(where, key) for where, key in LITERAL if key not in CATALOG and key not in namespaces] == []


def test_every_key_the_code_builds_starts_like_some_entry():
    assert len(PREFIXES) > 20
    assert [(where, start) for where, start in PREFIXES if not any(k.startswith(start) for k in CATALOG)] == []


def test_every_entry_is_read_somewhere():
    """No dead text: each entry is named by the code, or starts like a key the code builds."""
    named = {key for _, key in LITERAL}
    starts = tuple(start for _, start in PREFIXES)
    namespaces = tuple(f"{n}." for n in _collector_namespaces())  # geo.problems.Collector.msg: "<namespace>.<key>"
    unread = sorted(k for k in CATALOG if k not in named and not k.startswith(starts + namespaces))
    assert unread == []


def _collector_namespaces() -> list[str]:
    found = []
    for path in CODE:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Assign) and [ast.unparse(x) for x in node.targets] == ["namespace"] \
                    and isinstance(node.value, ast.Constant):
                found.append(node.value.value)
    assert "validation" in found and "boundaries.check" in found
    return found


def test_no_module_outside_geo_text_keeps_a_table_of_its_own():
    """The rule holds: a ``{"vi": …, "en": …}`` dict in the code is a text that bypasses the catalog."""
    tables = []
    for path in CODE:
        if (ROOT / "geo" / "text") in path.parents:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Dict) and any(isinstance(k, ast.Constant) and k.value in LANGS for k in node.keys):
                tables.append(f"{path.relative_to(ROOT).as_posix()}:{node.lineno}")
    assert len(CODE) > 100
    assert tables == []


def test_the_catalog_goes_to_gettext_files_and_a_translators_change_comes_back(tmp_path):
    """scripts/catalog_po.py: every entry in the .pot and the English .po, keyed by msgctxt; --compare finds edits."""
    from babel.messages.pofile import read_po

    from scripts.catalog_po import compare, write

    pot, po = write(tmp_path)
    with po.open("rb") as handle:
        english = read_po(handle)
    with pot.open("rb") as handle:
        template = read_po(handle)
    got = {m.context: (m.id, m.string) for m in english if m.context}
    assert got == {key: (entry["vi"], entry["en"]) for key, entry in CATALOG.items()}
    assert {m.context: m.string for m in template if m.context} == dict.fromkeys(CATALOG, "")
    assert "python-brace-format" in english.get("Đã lưu mục {item} (mã {id}).", context="plan.form_saved").flags
    assert compare(po) == []

    text = po.read_text(encoding="utf-8").replace('msgstr "Saved item {item} (id {id})."',
                                                  'msgstr "Item {item} saved (id {id})."')
    po.write_text(text, encoding="utf-8")
    assert compare(po) == ['"plan.form_saved": {"vi": "Đã lưu mục {item} (mã {id}).", '
                           '"en": "Item {item} saved (id {id})."},']
