"""Boundary revisions: stored inactive, activated by an admin, laid over the bundled lines, cited, audited."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from geo.access import audit
from geo.boundaries import revisions
from geo.boundaries.border import read_laos_border
from geo.boundaries.check import path_files, validate_path
from geo.boundaries.layer import summarise
from geo.cli.main import main
from geo.io import vn2000
from geo.records.store import get_engine
from tests.util import as_user

CODES = ["14755", "14758"]


@pytest.fixture
def engine(db):
    return get_engine(db)


def test_a_revision_changes_only_its_units_once_activated(engine, moved_file, communes_gdf):
    report = validate_path(moved_file, revisions.target(engine))
    assert report.ok
    rid = revisions.store_revision(engine, report, source="Phòng TN&MT TP Thanh Hóa", source_date="2024-05-01",
                                        user="admin")
    before = revisions.current_layer(engine)
    assert before.geometry.geom_equals(communes_gdf.geometry).all()  # stored, not in use
    assert revisions.state_key(engine) == ""
    revisions.set_active(engine, rid, True, user="admin")
    after = revisions.current_layer(engine).set_index("commune_code")
    bundled = communes_gdf.set_index("commune_code")
    assert after.loc["14755", "area_km2"] < bundled.loc["14755", "area_km2"]
    changed = ~after.geometry.geom_equals_exact(bundled.geometry, tolerance=1e-7)
    assert sorted(after.index[changed]) == ["14755"]  # Đông Thọ round-tripped within 1e-7°; the rest untouched
    [used] = after.attrs["boundary_revisions"]
    assert used["units"] == 2
    line = revisions.citation([used], "vi")[0]
    assert "Phòng TN&MT TP Thanh Hóa" in line and "ngày 01/05/2024" in line and "ham_rong.shp" in line
    key = revisions.state_key(engine)
    assert key
    revisions.set_active(engine, rid, False, user="admin")
    assert revisions.state_key(engine) == ""
    assert len(revisions.list_revisions(engine)) == 1  # kept
    actions = audit.read_log(engine)["action"].tolist()
    assert actions[:3] == ["boundary_deactivate", "boundary_activate", "boundary_import"]


def test_a_revision_far_from_the_border_keeps_every_border_figure(engine, moved_file, communes_gdf):
    report = validate_path(moved_file, revisions.target(engine))
    rid = revisions.store_revision(engine, report, source="Phòng TN&MT", source_date="2024-05-01", user="admin")
    revisions.set_active(engine, rid, True, user="admin")
    after = revisions.current_layer(engine)
    fields = ["commune_code", "is_laos_border", "laos_border_km"]
    pd.testing.assert_frame_equal(pd.DataFrame(after[fields]), pd.DataFrame(communes_gdf[fields]))
    assert after["is_laos_border"].sum() == 17


def test_a_border_commune_drawn_back_from_the_line_is_no_longer_a_border_commune(engine, communes_gdf, tmp_path):
    # Xã Yên Khương (Lang Chánh, 2.39 km of the Laos border) redrawn without the strip within 3.1 km of the line.
    line = read_laos_border().to_crs(vn2000.UTM48N).union_all()
    sub = communes_gdf[communes_gdf["commune_code"] == "15031"].to_crs(vn2000.UTM48N)
    sub = sub.assign(geometry=sub.geometry.difference(line.buffer(3100)))
    sub.rename(columns={"commune_code": "MaXa"})[["MaXa", "geometry"]].to_file(tmp_path / "yen_khuong.gpkg")
    report = validate_path(tmp_path / "yen_khuong.gpkg", revisions.target(engine))
    assert report.ok, [p.message for p in report.errors]
    rid = revisions.store_revision(engine, report, source="UBND huyện Lang Chánh", source_date="2024-05-01",
                                        user="admin")
    assert revisions.current_layer(engine).set_index("commune_code").loc["15031", "is_laos_border"]
    revisions.set_active(engine, rid, True, user="admin")
    after = revisions.current_layer(engine).set_index("commune_code")
    assert not after.loc["15031", "is_laos_border"] and after.loc["15031", "laos_border_km"] == 0.0
    assert after["is_laos_border"].sum() == 16
    bundled = communes_gdf.set_index("commune_code")
    # Far from Lang Chánh nothing moves: Mường Lát's communes keep their lengths.
    assert after.loc["14851", "laos_border_km"] == bundled.loc["14851", "laos_border_km"] == 22.42
    # The pieces of the line Yên Khương left went to its neighbours: the total is still the line's.
    assert after["laos_border_km"].sum() == pytest.approx(bundled["laos_border_km"].sum(), abs=0.05)
    # The summaries read the same layer: 16 border communes in 4 districts (Yên Khương was Lang Chánh's only one).
    figures = summarise(revisions.current_layer(engine))
    assert (figures["border_communes"], figures["border_districts"]) == (16, 4)
    revisions.set_active(engine, rid, False, user="admin")
    assert revisions.current_layer(engine)["is_laos_border"].sum() == 17


def test_a_point_unit_gets_its_polygon(engine, communes_gdf, tmp_path):
    # Phường Phú Sơn (14823) has no polygon in the bundled source: a land office sends one.
    host = communes_gdf.set_index("commune_code").geometry["14824"]
    sub = communes_gdf[communes_gdf["commune_code"] == "14823"][["commune_code", "commune_name", "geometry"]].copy()
    sub["geometry"] = [host.buffer(-0.01)]
    sub.to_file(tmp_path / "phu_son.geojson", driver="GeoJSON")
    report = validate_path(tmp_path / "phu_son.geojson", revisions.target(engine))
    assert report.ok, report.errors
    assert any("chồng lấn" in p.message for p in report.warnings)  # it overlaps Quang Trung, which still holds it
    rid = revisions.store_revision(engine, report, source="UBND TX Bỉm Sơn", source_date="2020-01-01",
                                        user="admin")
    revisions.set_active(engine, rid, True, user="admin")
    row = revisions.current_layer(engine).set_index("commune_code").loc["14823"]
    assert row["has_boundary"] and row.geometry.geom_type == "Polygon" and row["area_km2"] > 0


def test_a_rejected_report_is_not_stored(engine, tmp_path, communes_gdf):
    sub = communes_gdf[communes_gdf["commune_code"].isin(CODES)][["commune_code", "geometry"]]
    sub.assign(commune_code="99999").to_file(tmp_path / "x.gpkg")
    report = validate_path(tmp_path / "x.gpkg", revisions.target(engine))
    with pytest.raises(ValueError, match="có lỗi"):
        revisions.store_revision(engine, report, source="x", source_date="2020-01-01", user="admin")
    assert revisions.list_revisions(engine).empty


def test_cli_exit_codes_and_import(moved_file, db, tmp_path, capsys):
    assert main(["boundaries", "validate", str(moved_file), "--db", db]) == 0
    out = capsys.readouterr().out
    assert "hợp lệ, 2 đối tượng, 2 đơn vị của danh mục từ 19/04/2017" in out and "EPSG:6960" in out
    assert main(["boundaries", "validate", str(tmp_path / "none.shp"), "--db", db]) == 2
    assert main(["boundaries", "validate", str(moved_file), "--version", "1999-01-01", "--db", db]) == 2
    (tmp_path / "ham_rong.prj").unlink()
    assert main(["--lang", "en", "boundaries", "validate", str(moved_file), "--json", "--db", db]) == 1
    assert "no coordinate reference system" in capsys.readouterr().out
    admin = as_user(db, "admin")
    assert main(["boundaries", "import", str(moved_file), "--db", db, *admin]) == 1
    assert main(["boundaries", "import", str(moved_file), "--crs", "EPSG:3405", "--db", db,
                 "--source", "Sở TN&MT", "--source-date", "2024-05-01", *admin]) == 0
    assert "Đã lưu bản ranh giới số 1 (2 đơn vị), chưa dùng" in capsys.readouterr().out
    assert main(["boundaries", "activate", "1", "--db", db, *admin]) == 0
    assert main(["boundaries", "activate", "7", "--db", db, *admin]) == 2
    assert revisions.state_key(get_engine(db))


def test_cli_names_feature_field_and_value_of_each_problem(db, tmp_path, communes_gdf, capsys):
    sub = communes_gdf[communes_gdf["commune_code"].isin(CODES)][["commune_code", "geometry"]]
    sub.assign(commune_code=["14755", "99999"]).rename(columns={"commune_code": "MaXa"}).to_file(tmp_path / "x.gpkg")
    assert main(["boundaries", "validate", str(tmp_path / "x.gpkg"), "--db", db]) == 1
    out = capsys.readouterr().out
    assert "LỖI: x.gpkg, đối tượng 2, trường «MaXa», «99999»: " in out
    assert main(["--lang", "en", "boundaries", "validate", str(tmp_path / "x.gpkg"), "--db", db]) == 1
    assert "ERROR: x.gpkg, feature 2, field «MaXa», «99999»: " in capsys.readouterr().out


def test_sheets_and_exports_use_and_cite_the_active_revision(engine, moved_file):
    from geo.figures.summary import empty_records
    from geo.maps.exports import export_bytes, load_inputs
    from geo.maps.sheets import SheetInputs, SheetOptions, sheet_theme, source_lines

    report = validate_path(moved_file, revisions.target(engine))
    rid = revisions.store_revision(engine, report, source="Phòng TN&MT TP Thanh Hóa", source_date="2024-05-01",
                                        user="admin")
    revisions.set_active(engine, rid, True, user="admin")
    layer = revisions.current_layer(engine)
    inputs = SheetInputs(layer, empty_records(), False, None, unit_version="2017-04-19")
    options = SheetOptions(theme="healthy", period="2019", districts=("380",))
    csv = export_bytes(inputs, options, "csv").decode("utf-8-sig")
    assert "Phòng TN&MT TP Thanh Hóa, ngày 01/05/2024 (tệp ham_rong.shp)" in csv
    html = export_bytes(inputs, options, "html").decode()
    assert "Ranh giới sửa: Phòng TN&amp;MT TP Thanh Hóa (01/05/2024), 2 đơn vị" in html
    _, theme = sheet_theme(inputs, options)
    assert any("theo bản sửa số 1: Phòng TN&MT TP Thanh Hóa" in line for line in source_lines(inputs, options, theme))
    with pytest.raises(Exception, match="2019"):  # the store has no records: the sheet inputs say so
        load_inputs(engine, "2019")


def test_a_file_belongs_to_a_version_codes_mean_nothing_without_it(engine, tmp_path):
    from geo.units import versions

    # Two units of the 166 of July 2025, as a land office would send them (VN-2000 / TM-3 105°).
    now = versions.boundaries("2025-07-01")
    sub = now[now["commune_code"].isin(["14758", "14797"])][["commune_code", "commune_name", "geometry"]]
    path = tmp_path / "xa_2025.gpkg"
    sub.to_crs(vn2000.TM3_105).to_file(path)
    report = validate_path(path, revisions.target(engine, "2025-07-01"))
    assert report.ok and report.warnings == (), [p.message for p in report.errors + report.warnings]
    # Against the 2019 list the same code 14758 was Phường Đông Thọ: the names say so.
    old = validate_path(path, revisions.target(engine, "2017-04-19"))
    assert any(p.value == "Phường Hàm Rồng" and "«Phường Đông Thọ»" in p.message for p in old.warnings)
    rid = revisions.store_revision(engine, report, source="Sở TN&MT", source_date="2025-07-01", user="admin")
    revisions.set_active(engine, rid, True, user="admin")
    assert revisions.state_key(engine, "2025-07-01") and revisions.state_key(engine) == ""
    assert len(revisions.current_layer(engine, "2025-07-01")) == 166


def _rejected_file(communes_gdf, path):
    """A GeoPackage of two units, one with a code the 2019 list does not have: refused by the check."""
    sub = communes_gdf[communes_gdf["commune_code"].isin(CODES)][["commune_code", "geometry"]]
    sub.assign(commune_code=["14755", "99999"]).to_file(path)
    return path


def test_a_refused_boundary_file_is_audited_by_its_check_with_the_account(engine, moved_file, communes_gdf,
                                                                         tmp_path):
    """What the Boundaries page calls: the check writes the refusal's line, a valid file leaves none."""
    bad = _rejected_file(communes_gdf, tmp_path / "x.gpkg")
    report, not_logged = revisions.check_upload(engine, path_files(bad), revisions.target(engine), user="quan",
                                                lang="en")
    assert not report.ok and not_logged is None
    line = audit.read_log(engine).iloc[0]
    assert (line["username"], line["action"], line["outcome"]) == ("quan", "boundary_validate", "refused")
    assert json.loads(line["detail"]) == {"file": "x.gpkg", "sha256": report.sha256, "version": "2017-04-19",
                                          "errors": len(report.errors)}
    good, not_logged = revisions.check_upload(engine, path_files(moved_file), revisions.target(engine), user="quan",
                                              name=moved_file.name)
    assert good.ok and not_logged is None and len(audit.read_log(engine)) == 1


def test_a_refused_boundary_file_whose_line_cannot_be_written_says_so(engine, communes_gdf, tmp_path):
    from tests.util import audit_cannot_be_written

    audit_cannot_be_written(engine)
    bad = _rejected_file(communes_gdf, tmp_path / "x.gpkg")
    report, not_logged = revisions.check_upload(engine, path_files(bad), revisions.target(engine), user="quan",
                                                lang="en")
    assert not report.ok and len(report.errors) == 1  # the refusal stands, with its report
    assert not_logged == "The audit line could not be written to the database (read-only, full or unreachable)."
    assert audit.read_log(engine).empty


def test_cli_import_of_a_refused_file_leaves_the_pages_line(db, communes_gdf, tmp_path, capsys):
    """`boundaries import` checks through check_upload too: the same refused boundary_validate, nothing stored."""
    bad = _rejected_file(communes_gdf, tmp_path / "x.gpkg")
    assert main(["boundaries", "import", str(bad), "--db", db, *as_user(db, "admin")]) == 1
    assert "x.gpkg: bị từ chối, 1 lỗi" in capsys.readouterr().out
    engine = get_engine(db)
    assert revisions.list_revisions(engine).empty
    log = audit.read_log(engine)
    refused = log[log["outcome"] == "refused"]
    assert refused[["username", "action"]].values.tolist() == [["admin", "boundary_validate"]]
    assert json.loads(refused.iloc[0]["detail"])["file"] == "x.gpkg"
    from tests.util import audit_cannot_be_written

    audit_cannot_be_written(engine)
    assert main(["--lang", "en", "boundaries", "import", str(bad), "--db", db, "--user", "admin"]) == 1
    assert capsys.readouterr().err.strip() == ("The audit line could not be written to the database (read-only, "
                                               "full or unreachable).")
