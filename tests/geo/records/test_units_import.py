"""Files on the units of their own period: validate, import, summary, refusals and explicit conversion."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from geo.cli.main import main
from geo.units import versions as U
from tests.util import as_user, unit_file


def test_units_lists_every_version_with_count_districts_and_boundary_source(capsys):
    assert main(["units", "--json", "--lang", "en"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["version"], r["units"], r["districts"]) for r in rows] == [
        ("2017-04-19", 635, 27), ("2019-12-01", 559, 27), ("2020-06-01", 559, 27), ("2021-02-01", 559, 27),
        ("2021-07-01", 559, 27), ("2024-05-01", 558, 27), ("2025-01-01", 549, 26), ("2025-07-01", 166, 0)]
    assert "derived" in rows[1]["boundaries"] and "sapnhap.bando.com.vn" in rows[-1]["boundaries"]
    assert main(["units"]) == 0
    out = capsys.readouterr().out
    assert "01/07/2025" in out and "2025-07-01" not in out  # the list by its date, as people write it


def test_a_2021_file_on_the_559_units_imports_cleanly_and_counts_of_559(tmp_path, db, capsys):
    path = unit_file(tmp_path / "2021.csv", "2020-06-01", "2021")
    assert main(["validate", str(path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["rows"] == 559 and report["errors"] == [] and report["warnings"] == []
    assert main(["import", str(path), "--db", db, *as_user(db)]) == 0
    capsys.readouterr()
    assert main(["summary", "--period", "2021", "--db", db, "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert (figures["communes_total"], figures["healthy"], figures["no_data"]) == (559, 559, 0)


def test_a_2025_q3_file_on_the_166_units_imports_and_counts_of_166(tmp_path, db, capsys):
    path = unit_file(tmp_path / "q3.csv", "2025-07-01", "2025-Q3", inspections=2)
    assert main(["import", str(path), "--db", db, *as_user(db)]) == 0
    capsys.readouterr()
    assert main(["summary", "--period", "2025-Q3", "--db", db, "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert (figures["communes_total"], figures["healthy"], figures["inspections_period"]) == (166, 166, 332)


def test_a_2019_only_code_in_a_2021_file_is_an_error_naming_the_unit_that_absorbed_it(tmp_path, db, capsys):
    path = unit_file(tmp_path / "bad.csv", "2020-06-01", "2021", extra=[("14827", "Xã Hà Lan", "2021", "Có", 1)])
    assert main(["import", str(path), "--db", db, *as_user(db), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert ("ERROR: bad.csv, row 561, column «Mã xã», «14827»: Commune code '14827' is not a unit of period 2021"
            in out)
    assert "it is Xã Hà Lan of the 19/04/2017 list, now 14821 Phường Đông Sơn [derived link]" in out
    assert "Nothing was stored" in out


def test_a_2025_q3_file_keyed_by_the_old_codes_is_refused_with_the_crosswalks_suggestion(tmp_path, db, capsys):
    path = unit_file(tmp_path / "old.csv", "2025-01-01", "2025-Q3")
    assert main(["import", str(path), "--db", db, *as_user(db), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert "The file uses codes of the 01/01/2025 list" in out
    assert "convert it from the 01/01/2025 list" in out and "14755 → 14758 Phường Hàm Rồng" in out
    # A reused code under its old name is an error, not a name warning: 14758 was Phường Đông Thọ.
    assert "Commune code 14758 in period Q3 2025 is Phường Hàm Rồng" in out


def test_converting_to_2025_refuses_a_unit_split_between_new_ones_naming_them(tmp_path, db, capsys):
    path = unit_file(tmp_path / "old.csv", "2025-01-01", "2025-Q3")
    assert main(["import", str(path), "--from-version", "2025-01-01", "--db", db, *as_user(db),
                 "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert ("«14758»: Cannot convert 14758 (Phường Đông Thọ) from the 01/01/2025 list to 01/07/2025: it was split "
            "between 14758 Phường Hàm Rồng") in out
    assert "14797 Phường Hạc Thành" in out
    assert "Nothing was stored" in out


def test_an_explicit_conversion_of_a_2019_list_file_for_2020_sums_counts_and_health(tmp_path, db, capsys):
    u = U.units("2017-04-19")
    rows = [(r.commune_code, r.commune_name, "2020", "Không" if r.commune_code == "14827" else "Có", 1)
            for r in u.itertuples()]
    path = tmp_path / "2020_old.csv"
    pd.DataFrame(rows, columns=["Mã xã", "Tên xã", "Kỳ", "Lành mạnh", "Số lượt kiểm tra"]).to_csv(path, index=False)
    assert main(["import", str(path), "--db", db, *as_user(db)]) == 1  # not without saying so
    capsys.readouterr()
    assert main(["import", str(path), "--from-version", "2017-04-19", "--db", db, *as_user(db)]) == 0
    capsys.readouterr()
    assert main(["summary", "--period", "2020", "--db", db, "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert (figures["communes_total"], figures["inspections_ytd"]) == (559, 635)
    assert figures["not_healthy"] == 1  # 14821 absorbed 14827, which was not healthy


def test_an_unknown_from_version_is_named(tmp_path, capsys):
    path = unit_file(tmp_path / "x.csv", "2020-06-01", "2021")
    assert main(["validate", str(path), "--from-version", "2018-01-01", "--lang", "en"]) == 1
    assert "--from-version 2018-01-01: no such list" in capsys.readouterr().out


@pytest.mark.parametrize(("before", "after", "changed"), [("2019", "2020", True), ("2022", "2023", False)])
def test_records_of_an_earlier_period_are_re_expressed_on_the_later_units(before, after, changed):
    u = U.units(U.version_for_period(before))
    rec = pd.DataFrame({"commune_code": u["commune_code"], "period": before, "healthy": True, "inspections": 1})
    out, note = U.records_on(rec.astype({"healthy": "boolean", "inspections": "Int64"}), before,
                             from_version=U.version_for_period(before), to_version=U.version_for_period(after))
    assert note["changed"] is changed and not note["backward"]
    assert len(out) == U.get_version(U.version_for_period(after)).units
    assert out["inspections"].sum() == len(u)


def test_comparing_backwards_across_a_change_gives_nothing_rather_than_a_join_by_code():
    out, note = U.records_on(pd.DataFrame({"commune_code": ["14758"]}), "2025-Q3",
                             from_version="2025-07-01", to_version="2025-01-01")
    assert note["backward"] and out.empty


def test_units_version_outside_the_period_is_refused_naming_the_period_and_the_lists_allowed(tmp_path, capsys):
    path = unit_file(tmp_path / "2019.csv", "2019-12-01", "2019")
    assert main(["validate", str(path), "--units-version", "2020-06-01", "--lang", "en", "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    (error,) = report["errors"]  # once for the period, not once per row
    assert (error["row"], error["column"], error["value"]) == (2, "Kỳ", "2019")
    assert "01/06/2020" in error["message"] and "19/04/2017, 01/12/2019" in error["message"]
    assert "2019-12-01" not in error["message"]
    assert main(["validate", str(path), "--units-version", "2019-13-01", "--lang", "en"]) == 1
    assert "no such list" in capsys.readouterr().out


def test_a_2019_file_on_the_559_units_of_december_2019_imports_with_the_override_and_shows_on_them(
        tmp_path, db, capsys):
    from geo.records.store import get_engine, import_report, load_records, period_version
    from geo.records.validation import validate_file
    from geo.units.versions import UnitLists

    engine = get_engine(db)
    # The province reported 2019 on the 635 units of the 2019 list (the rule's version) ...
    old = validate_file(unit_file(tmp_path / "635.csv", "2017-04-19", "2019", inspections=1), UnitLists())
    assert old.ok
    import_report(engine, old)
    # ... then Huyện Đông Sơn (405) sends its 2019 file on the units of 1 December 2019.
    new_units = U.units("2019-12-01")
    path = unit_file(tmp_path / "559.csv", "2019-12-01", "2019", inspections=5)
    frame = pd.read_csv(path, dtype=str)
    dong_son = set(new_units.loc[new_units["district_code"] == "405", "commune_code"])
    frame[frame["Mã xã"].isin(dong_son)].to_csv(path, index=False)
    assert main(["validate", str(path), "--lang", "en"]) == 1  # by the rule: 2019's list, where 16408 is Đông Anh
    out = capsys.readouterr().out
    assert "16408" in out
    assert f"{len(dong_son)}/{len(dong_son)} rows agree" in out and "choosing the unit list from 01/12/2019" in out
    assert main(["validate", str(path), "--units-version", "01/12/2019", "--json"]) == 0  # as the message says it
    report = json.loads(capsys.readouterr().out)
    assert (report["rows"], report["errors"], report["unit_version"]) == (len(dong_son), [], "2019-12-01")
    editor = as_user(db)
    assert main(["import", str(path), "--units-version", "2019-12-01", "--db", db, *editor]) == 1  # clashes
    capsys.readouterr()
    assert main(["import", str(path), "--units-version", "2019-12-01", "--db", db, *editor, "--replace"]) == 0
    out = capsys.readouterr().out
    old_dong_son = U.units("2017-04-19").query("district_code == '405'")
    assert f"{len(old_dong_son)}" in out  # every 2019-list record of the district replaced (16387 too)

    assert period_version(engine, "2019") == "2019-12-01"
    records = load_records(engine, "2019").set_index("commune_code")
    assert records.attrs["reexpressed"] == ["2017-04-19"]
    assert set(records.index) == set(new_units["commune_code"])
    assert (records.loc[sorted(dong_son), "inspections"] == 5).all()  # stored on this list: as imported
    assert records.loc["16408", "inspections"] == 5  # Đông Khê = 16387 + 16408 of 2019, reported as one
    # elsewhere the 2019-list records are re-expressed: a merged unit sums its parts (1 inspection each)
    parts = U.links("2019-12-01").groupby("commune_code")["prev_code"].size()
    merged = [c for c in parts.index if parts[c] > 1 and c not in dong_son]
    assert merged and all(records.loc[c, "inspections"] == parts[c] for c in merged)
    assert main(["summary", "--period", "2019", "--db", db, "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert (figures["communes_total"], figures["healthy"], figures["no_data"]) == (559, 559, 0)


def test_a_2019_file_imported_on_the_559_units_shows_on_them_everywhere(tmp_path, db, capsys):
    """One rule decides the list a period is shown on: the summary, the trend, a sheet and the briefing agree."""
    from geo.briefing.content import build_briefing
    from geo.figures import trend
    from geo.maps import exports, sheets
    from geo.records.store import get_engine, period_version

    assert main(["import", str(unit_file(tmp_path / "2018.csv", "2017-04-19", "2018")), "--db", db,
                 *as_user(db)]) == 0
    path = unit_file(tmp_path / "2019.csv", "2019-12-01", "2019", not_healthy_every=10)
    assert main(["import", str(path), "--units-version", "2019-12-01", "--db", db, *as_user(db)]) == 0
    capsys.readouterr()
    engine = get_engine(db)
    assert period_version(engine, "2019") == "2019-12-01" and period_version(engine, "2018") == "2017-04-19"

    assert main(["summary", "--period", "2019", "--db", db, "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert (summary["communes_total"], summary["not_healthy"]) == (559, 56)

    series = trend.period_series(engine)
    assert {p: f.status.communes_total for p, f in series.items()} == {"2018": 635, "2019": 559}
    assert series["2019"].status.healthy == summary["healthy"]
    caption = trend.units_caption({p: period_version(engine, p) for p in series}, "en")
    assert "2018: 635 units; 2019: 559 units" in caption

    inputs = exports.load_inputs(engine, "2019", lang="en")
    assert (len(inputs.communes), inputs.unit_version) == (559, "2019-12-01")
    options = sheets.SheetOptions(theme="healthy", period="2019", lang="en")
    _, theme = sheets.sheet_theme(inputs, options)
    footer = " ".join(sheets.source_lines(inputs, options, theme))
    assert "559 units" in footer and "chosen at import" in footer

    briefing = build_briefing(engine, "2019", lang="en")
    assert f"{summary['healthy']} of 559 communes healthy" in briefing.headline
    assert any("list in force from 01/12/2019, 559 commune-level units" in line for line in briefing.sources)
    assert any("2019: 559 units" in line for line in briefing.sources)  # the trend's lists, named once
