"""The one catalog of interface text: its rules, every entry rendered, every key the code names, no text elsewhere."""

from __future__ import annotations

import ast
import re
import string
import types
import typing
from collections.abc import Mapping

import pytest

from geo.access import accounts, audit
from geo.briefing import content as briefing_content
from geo.contract import COMMUNE_FIELDS, RECORD_FIELDS
from geo.figures import plan_items, summary, trend
from geo.maps import classify, sheets, themes
from geo.problems import _PLACE_WORDS, Severity
from geo.records import plans
from geo.text import field_label, i18n, rule_label, t
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
    """Every ``t(…)`` key the code names: literal keys, and keys built with an f-string (its start, its shape)."""
    literal, built = [], []
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
                    # the one shape a family describes: its start, then one value (f"maps.scheme_{s}")
                    simple = len(node.values) == 2 and isinstance(node.values[1], ast.FormattedValue)
                    built.append((f"{where}:{node.lineno}", start, simple))
    return literal, built


LITERAL, BUILT = _calls_and_keys()

# Every family of keys the code builds with an f-string: its fixed start, and every value the code can put after
# it, read from the code's own constants where it has them, else written here from the place that builds it. A key
# is read when the code names it, or when a family can build it: a start alone (f"maps.{metric}") excuses nothing.
FAMILIES: dict[str, tuple[str, ...]] = {
    "access.right_": tuple(accounts.RIGHTS),
    # geo.access.audit.describe: an action, its outcome, the keys of its detail said in words
    "access.action_": audit.ACTIONS,
    "access.outcome_": ("ok", "refused"),
    "access.detail_": audit.DETAIL_KEYS,
    "access.role_": accounts.ROLES,
    # dashboard/views/boundaries.py: the columns of the revisions table
    "boundaries.col_": ("id", "version", "active", "units", "source", "source_date", "file_name", "username",
                        "created_at", "activated_at", "activated_by"),
    # geo/briefing/pdf.py and docx.py: the columns of the targets table and of the plan items table
    "briefing.col_": ("id", "target", "plan", "actual", "previous", "change", "status", "deadline", "entered",
                      "note"),
    "briefing.m_": ("status", "ratio", "items", "maps"),  # geo/briefing/content.py: method_lines
    # geo.briefing.content.Briefing.heading: a section's heading (the districts' for former districts too)
    "briefing.s_": (*briefing_content.SECTIONS, "districts_former"),
    # dashboard/components/page.py: the commune panel's layer fields
    "commune.": ("commune_type", "area_km2", "is_laos_border", "laos_border_km"),
    "conversions.tr_": summary.TRANSITIONS,
    # dashboard/views/data.py: the columns of the import log
    "data.outcome_": ("stored", "conflict", "rejected"),  # dashboard/views/data.py: the import log's outcome
    "data.log_": ("id", "created_at", "username", "file_name", "outcome", "rows_read", "rows_stored",
                  "rows_replaced", "periods", "illustrative", "message", "sha256"),
    "export.": sheets.ORIENTATIONS,
    # geo.text.field_label: any column it is given, its figure suffix (_period, _ytd) taken off
    "field.": tuple(sorted({*COMMUNE_FIELDS, *RECORD_FIELDS,
                            *(c.removesuffix(s) for c in summary.DISTRICT_COLUMNS for s in i18n._FIGURE_SUFFIXES)})),
    "field.suffix": i18n._FIGURE_SUFFIXES,
    # geo/maps/themes.py: a metric's name (the inspections theme), a category of the categorical themes
    "maps.": (*themes.METRICS, *themes.HEALTHY_COLOURS, *themes.CONVERSION_COLOURS),
    "maps.scheme_": (*classify.SCHEMES, "single", "none"),  # geo.maps.classify.classify: one value, or none
    # an item's entry, an item's or target's progress (geo.briefing.content.target_progress: also "reported")
    "plan.status_": (*plan_items.ITEM_STATUSES, *plan_items.PROGRESS, "reported"),
    "plan.reason_": plans.REASONS,  # geo/records/plans.py: why a plan's field is refused
    "sheets.title_": sheets.SHEET_THEMES,
    "targets.": typing.get_args(summary.TargetStatus),
    "trend.": (*trend.METRICS, "year", "quarter"),  # geo.figures.trend.trend_chart: a metric, a panel's kind
    # geo/units/build.py writes these in links.csv; dashboard/components/page.py shows them
    "units.confidence_": ("high", "medium", "low", "admin"),
    "units.evidence_": ("official", "derived", "admin"),
    "units.kind_": ("same", "renamed", "split"),  # "added" is named as such, "merged" shows no word
    "units.rule.": ("adjacency+district+2025", "names", "shared boundary", "chain", "admin", "same code",
                    "changes.csv: added", "changes.csv: renamed or moved", "crosswalk"),
    # geo/units/corrections.py: the problems of a corrections file, and why a link is not derived
    "units.correction.": ("unreadable", "missing_column", "unknown_version", "no_derived", "bad_code", "not_derived",
                          "duplicate", "not_survivor", "not_touching", "no_reason", "why_absent", "why_official"),
    # geo.problems.problem_line: a problem's severity, and the words for its place
    "validation.line_": (*typing.get_args(Severity), *(w for words in _PLACE_WORDS.values() for w in words)),
}
# Families looked up with a fallback (geo.text.field_label and rule_label show the name itself when the catalog
# has no entry): the values they can be given need no entry each.
FALLBACK = {"field.", "units.rule.", "access.action_", "access.outcome_"}
# The modules that hand keys to a collector, which reads "<namespace>.<key>" (geo.problems.Collector.msg): a key
# of the namespace is read when one of them names it as a string ("empty" for boundaries.check.empty).
COLLECTORS = {
    "validation": ("geo/records/readers.py", "geo/records/validation.py"),
    "boundaries.check": ("geo/boundaries/check.py", "geo/io/boundary_files.py"),
}


def built_problems(built: list[tuple[str, str, bool]], families: dict[str, tuple[str, ...]]) -> list[str]:
    """Keys the code builds that no family describes, and families that nothing builds any more."""
    problems = [f"{where}: builds a key starting {start!r} that FAMILIES does not list" for where, start, simple
                in built if start not in families]
    problems += [f"{where}: builds a key starting {start!r} in a shape other than start + one value"
                 for where, start, simple in built if start in families and not simple]
    used = {start for _, start, _ in built}
    return problems + [f"FAMILIES lists {start!r}, which no code builds" for start in families if start not in used]


def unread_entries(catalog: Mapping[str, object], named: set[str], families: dict[str, tuple[str, ...]],
                   collected: dict[str, set[str]]) -> list[str]:
    """Entries nothing reads: not named by the code, not built by a family, not handed to a collector."""
    buildable = {start + value for start, values in families.items() for value in values}
    spoken = {f"{namespace}.{key}" for namespace, keys in collected.items() for key in keys}
    return sorted(k for k in catalog if k not in named | buildable | spoken)


def _collector_keys() -> dict[str, set[str]]:
    """For each collector namespace, the strings its modules name (the keys they can hand it among them)."""
    return {namespace: {node.value for path in paths for node in ast.walk(ast.parse((ROOT / path).read_text()))
                        if isinstance(node, ast.Constant) and isinstance(node.value, str)}
            for namespace, paths in COLLECTORS.items()}


def test_every_key_the_code_names_is_in_the_catalog():
    assert len(LITERAL) > 500  # the scan sees the code (it would pass on an empty list)
    namespaces = {k.rsplit(".", 1)[0] for k in CATALOG}  # a collector's namespace ("boundaries.check")
    assert [(where, key) for where, key in LITERAL if key not in CATALOG and key not in namespaces] == []


def test_every_key_the_code_builds_belongs_to_a_listed_family():
    assert len(BUILT) > 20
    problems = built_problems(BUILT, FAMILIES)
    assert not problems, "\n".join(problems)


def test_every_key_a_family_builds_is_in_the_catalog():
    missing = [start + value for start, values in FAMILIES.items() if start not in FALLBACK for value in values
               if start + value not in CATALOG]
    assert missing == []


def test_every_collector_namespace_is_listed():
    assert set(_collector_namespaces()) == set(COLLECTORS)


def test_every_entry_is_read_somewhere():
    """No dead text: each entry is named by the code, built by a family, or handed to a collector."""
    unread = unread_entries(CATALOG, {key for _, key in LITERAL}, FAMILIES, _collector_keys())
    assert unread == []


def test_an_entry_only_a_namespace_could_reach_is_found_dead():
    """The checks above can fail: a family start alone, or a string no collector module names, reads nothing."""
    catalog = {"maps.count": {}, "maps.border_title": {}, "maps.scheme_manual": {}, "validation.empty": {},
               "validation.gone": {}, "plan.form_title": {}}
    families = {"maps.": ("count",), "maps.scheme_": ("manual",)}
    assert unread_entries(catalog, {"plan.form_title"}, families, {"validation": {"empty", "rows"}}) == [
        "maps.border_title", "validation.gone"]
    built = [("a.py:1", "maps.", True), ("a.py:2", "trend.", True), ("a.py:3", "maps.", False)]
    assert built_problems(built, families) == [
        "a.py:2: builds a key starting 'trend.' that FAMILIES does not list",
        "a.py:3: builds a key starting 'maps.' in a shape other than start + one value",
        "FAMILIES lists 'maps.scheme_', which no code builds",
    ]


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


# Catalog modules whose words are read on a terminal (they may name a command's options).
TERMINAL_MODULES = {"cli", "faults"}
DEVELOPER_TEXT = re.compile(r"README|\.toml\b|python -m geo|github|data/[a-z]", re.I)
REPOSITORY = re.compile(r"\b[a-z][\w.-]*/[a-z][\w.-]*")  # owner/name (a document number starts with its digits)


def test_no_text_for_a_screen_or_document_names_a_file_command_or_repository():
    """What a person reads on a page, a sheet or the briefing: sources by publisher, vintage and licence."""
    for module in MODULES:
        if module.__name__.rsplit(".", 1)[-1] in TERMINAL_MODULES:
            continue
        for key, texts in module.TEXTS.items():
            for lang, text in texts.items():
                assert not DEVELOPER_TEXT.search(text), (key, lang, text)
    import csv

    with (ROOT / "data" / "units" / "versions.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):  # the unit lists' boundary credits, shown in the sidebar, sheets, briefing
            for column in ("boundary_source_vi", "boundary_source_en"):
                assert not REPOSITORY.search(row[column]), (row["version"], column, row[column])
