"""Boundary files as a land office sends them: formats, CRSs, encodings, bad geometry, partial sets.

Every file is written by the test itself from a few real communes of ``data/communes.geojson`` (Thành phố
Thanh Hóa's wards and communes, district 380, and a few neighbours), with pyogrio/GDAL.
"""

from __future__ import annotations

import io
import json
import math
import unicodedata
import warnings
import zipfile

import geopandas as gpd
import numpy as np
import pytest
import shapely
from pyproj import Geod, Transformer
from shapely.affinity import translate
from shapely.geometry import Polygon

from geo.boundaries.check import (
    PROVINCE_TOLERANCE_M,
    REPAIR_TOLERANCE,
    target_from_layer,
    validate_files,
    validate_path,
)
from geo.io import vn2000, vn_legacy

GEOD = Geod(ellps="WGS84")
CODES = ["14755", "14758", "14761", "14764"]  # Hàm Rồng, Đông Thọ, Nam Ngạn, Trường Thi (Thành phố Thanh Hóa)


@pytest.fixture(scope="module")
def target(communes_gdf):
    return target_from_layer(communes_gdf, "2017-04-19")


@pytest.fixture(scope="module")
def few(communes_gdf):
    """Four real wards with land-office field names."""
    sub = communes_gdf[communes_gdf["commune_code"].isin(CODES)]
    return sub.rename(columns={"commune_code": "MaXa", "commune_name": "TenXa"})[["MaXa", "TenXa", "geometry"]] \
        .reset_index(drop=True)


def write(gdf, path, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        gdf.to_file(path, **kw)
    return path


def zipped(directory, name="ranh_gioi.zip", rename=None):
    """Zip every file of ``directory`` (optionally renamed) into one archive, as a user would."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for p in sorted(directory.iterdir()):
            z.writestr(f"Thu muc/{rename(p.name) if rename else p.name}", p.read_bytes())
    return [(name, buf.getvalue())]


def offset_m(report, communes_gdf):
    """Largest distance (m) between the imported lines and the bundled lines of the same units."""
    bundled = communes_gdf.set_index("commune_code").geometry.to_crs(vn2000.UTM48N)
    got = report.units.set_index("commune_code").geometry.to_crs(vn2000.UTM48N)
    return max(got[c].hausdorff_distance(bundled[c]) for c in got.index)


# ------------------------------------------------------------------------------------------------- datum


def _helmert_vn2000_to_wgs84(lon, lat):
    """The published 7 parameters (Decision 05/2007/QĐ-BTNMT), coordinate-frame rotation, in numpy.

    Written here independently of PROJ, so the test checks that pyproj applies the official shift.
    """
    a, f = 6378137.0, 1 / 298.257223563
    e2 = f * (2 - f)
    phi, lam = math.radians(lat), math.radians(lon)
    n = a / math.sqrt(1 - e2 * math.sin(phi) ** 2)
    x = np.array([n * math.cos(phi) * math.cos(lam), n * math.cos(phi) * math.sin(lam), n * (1 - e2) * math.sin(phi)])
    t = np.array([-191.90441429, -39.30318279, -111.45032835])
    rx, ry, rz = (math.radians(v / 3600) for v in (-0.00928836, 0.01975479, -0.00427372))
    s = 0.252906278e-6
    r = np.array([[1, rz, -ry], [-rz, 1, rx], [ry, -rx, 1]])  # coordinate frame convention
    xw = t + (1 + s) * r @ x
    lon_w = math.degrees(math.atan2(xw[1], xw[0]))
    p = math.hypot(xw[0], xw[1])
    phi_w = math.atan2(xw[2], p * (1 - e2))
    for _ in range(10):
        nn = a / math.sqrt(1 - e2 * math.sin(phi_w) ** 2)
        phi_w = math.atan2(xw[2] + e2 * nn * math.sin(phi_w), p)
    return lon_w, math.degrees(phi_w)


def test_vn2000_point_lands_within_a_metre_of_its_wgs84_position():
    lon, lat = 105.7767, 19.8075  # Thành phố Thanh Hóa, in VN-2000
    expected = _helmert_vn2000_to_wgs84(lon, lat)
    got = vn2000.official_shift().transform(lon, lat)
    assert GEOD.inv(*got, *expected)[2] < 1.0
    # The grids too: a point given in UTM 48N and in the provincial TM-3 zone lands on the same place.
    for epsg in (vn2000.UTM48N, vn2000.TM3_105):
        x, y = Transformer.from_crs("EPSG:4756", epsg, always_xy=True).transform(lon, lat)
        fn, description = vn2000.to_wgs84_function(vn2000.parse_crs(epsg))
        assert "EPSG:6960" in description
        assert GEOD.inv(*fn(np.array([[x, y]]))[0], *expected)[2] < 1.0


def test_without_the_datum_shift_lines_would_be_about_220_m_off():
    lon, lat = 105.7767, 19.8075
    shifted = vn2000.official_shift().transform(lon, lat)
    assert 200 < GEOD.inv(lon, lat, *shifted)[2] < 250


def test_an_esri_prj_for_vn2000_is_recognised(tmp_path, few):
    write(few.to_crs(vn2000.UTM48N), tmp_path / "x.shp")
    prj = (tmp_path / "x.prj").read_text()
    assert "D_Vietnam_2000" in prj  # what ArcGIS and GDAL write, without an EPSG code
    assert vn2000.is_vn2000(vn2000.parse_crs(prj))
    assert not vn2000.is_vn2000(vn2000.parse_crs("EPSG:32648"))  # WGS 84 / UTM 48N: same grid, other datum


# --------------------------------------------------------------------------------- formats and CRSs

FORMATS = [
    ("shp", None, "EPSG:4326"), ("shp", None, "EPSG:4756"), ("shp", None, vn2000.UTM48N), ("shp", None, vn2000.TM3_105),
    ("gpkg", "GPKG", "EPSG:4756"), ("gpkg", "GPKG", vn2000.UTM48N), ("gpkg", "GPKG", vn2000.TM3_105),
    ("geojson", "GeoJSON", "EPSG:4326"), ("geojson", "GeoJSON", vn2000.UTM48N),
    ("kml", "KML", "EPSG:4326"),
]  # fmt: skip


@pytest.mark.parametrize(("ext", "driver", "crs"), FORMATS)
def test_each_format_and_crs_round_trips_onto_the_bundled_lines(tmp_path, few, target, communes_gdf, ext, driver,
                                                                  crs):
    path = write(few.to_crs(crs), tmp_path / f"xa.{ext}", **({"driver": driver} if driver else {}))
    report = validate_path(path, target)
    assert report.ok, [p.message for p in report.errors]
    assert sorted(report.units["commune_code"]) == CODES
    assert report.warnings == ()
    assert offset_m(report, communes_gdf) < 0.05  # 5 cm: float precision of the formats, no datum error


def test_zipped_shapefile_without_cpg_under_other_names(tmp_path, few, target):
    src = tmp_path / "src"
    src.mkdir()
    write(few.to_crs(vn2000.UTM48N), src / "xa.shp", encoding="utf-8")
    (src / "xa.cpg").unlink()
    files = zipped(src, rename=lambda n: n.replace("xa", "RANH_GIOI_XA").upper())
    report = validate_files(files, target)
    assert report.ok, [p.message for p in report.errors]
    assert report.encoding == "utf-8"
    assert report.units.set_index("commune_code").loc["14758", "name_in_file"] == "Phường Đông Thọ"


def test_kmz(tmp_path, few, target):
    kml = write(few, tmp_path / "doc.kml", driver="KML")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("doc.kml", kml.read_bytes())
    report = validate_files([("xa.kmz", buf.getvalue())], target)
    assert report.ok, [p.message for p in report.errors]
    assert len(report.units) == 4


def test_missing_crs_is_refused_unless_named(tmp_path, few, target):
    path = write(few.to_crs(vn2000.TM3_105), tmp_path / "xa.shp")
    (tmp_path / "xa.prj").unlink()
    report = validate_path(path, target)
    assert not report.ok
    assert "không có hệ tọa độ" in report.errors[0].message
    named = validate_path(path, target, crs="5897")
    assert named.ok
    assert "EPSG:6960" in named.transformation


def test_geojson_in_metres_without_crs_member_is_refused(tmp_path, few, target):
    path = write(few.to_crs(vn2000.UTM48N), tmp_path / "xa.geojson", driver="GeoJSON")
    data = json.loads(path.read_text())
    del data["crs"]
    path.write_text(json.dumps(data))
    report = validate_path(path, target, lang="en")
    assert [p.message for p in report.errors] == [
        "The coordinates are metres, not degrees, and the GeoJSON names no CRS. Name one (--crs)."]
    assert validate_path(path, target, crs="EPSG:3405").ok


# ------------------------------------------------------------------------------------------ layers


def test_geopackage_with_several_layers_asks_which(tmp_path, few, target):
    path = tmp_path / "so_tnmt.gpkg"
    write(few, path, layer="ranh_gioi_xa")
    write(few.iloc[:1], path, layer="diem_ubnd")
    report = validate_path(path, target, lang="en")
    assert not report.ok
    assert report.layers == ("ranh_gioi_xa", "diem_ubnd")
    assert "several layers: ranh_gioi_xa, diem_ubnd" in report.errors[0].message
    chosen = validate_path(path, target, layer="ranh_gioi_xa")
    assert chosen.ok and len(chosen.units) == 4
    assert "«khong_co»" in validate_path(path, target, layer="khong_co").errors[0].message


# ------------------------------------------------------------------------------------------ encodings


def _cp1258(text):
    """Windows-1258 bytes of ``text``: base letters precomposed where the code page has them, tones combining."""
    out = b""
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", ch)
        base, marks = decomposed[0], decomposed[1:]
        for i in range(len(marks), -1, -1):
            head = unicodedata.normalize("NFC", base + marks[:i])
            try:
                out += head.encode("cp1258") + marks[i:].encode("cp1258")
                break
            except UnicodeEncodeError:
                continue
    return out


def _shapefile_with_bytes(tmp_path, few, encode, cpg=None):
    """A shapefile whose DBF names are ``encode(name)`` bytes, with or without a .cpg."""
    frame = few.copy()
    frame["TenXa"] = [encode(n).decode("latin-1") for n in frame["TenXa"]]
    path = write(frame, tmp_path / "xa.shp", encoding="ISO-8859-1")
    (tmp_path / "xa.cpg").unlink(missing_ok=True)
    if cpg:
        (tmp_path / "xa.cpg").write_text(cpg)
    return path


@pytest.mark.parametrize(("encode", "cpg", "encoding", "legacy"), [
    (lambda s: s.encode("utf-8"), None, "utf-8", None),
    (lambda s: s.encode("utf-8"), "UTF-8", "utf-8", None),
    (_cp1258, "1258", "cp1258", None),
    (_cp1258, None, "cp1258", None),
    (vn_legacy.encode_tcvn3, None, "tcvn3", "TCVN3 (ABC)"),
    (vn_legacy.encode_tcvn3, "1252", "tcvn3", "TCVN3 (ABC)"),
    (vn_legacy.encode_vni, None, "vni", "VNI-Windows"),
])
def test_dbf_text_is_decoded_and_legacy_vietnamese_converted_with_a_warning(tmp_path, few, target, encode, cpg,
                                                                               encoding, legacy):
    path = _shapefile_with_bytes(tmp_path, few, encode, cpg)
    report = validate_path(path, target)
    assert report.ok, [p.message for p in report.errors]
    assert report.encoding == encoding
    names = report.units.set_index("commune_code")["name_in_file"]
    assert names["14755"] == "Phường Hàm Rồng"
    assert names["14764"] == "Phường Trường Thi"
    name_warnings = [p for p in report.warnings if "khác tên" in p.message]
    assert name_warnings == []
    legacy_warnings = [p.message for p in report.warnings if "Unicode" in p.message]
    if legacy:
        assert len(legacy_warnings) == 1 and legacy in legacy_warnings[0]
    else:
        assert legacy_warnings == []


def test_legacy_tables_on_real_commune_names(communes_gdf):
    # Every name of the province survives TCVN3 (small letters: the VN3 table has no toned capitals) and VNI.
    for name in communes_gdf["commune_name"]:
        assert vn_legacy.decode_vni(vn_legacy.encode_vni(name)) == name
        assert vn_legacy.decode_tcvn3(vn_legacy.encode_tcvn3(name)).lower() == name.lower()
    # As the old fonts really wrote them (read as Windows-1252 on a modern PC).
    assert vn_legacy.decode_tcvn3("X· Qu¶ng Ch©u".encode("cp1252")) == "Xã Quảng Châu"
    assert vn_legacy.decode_tcvn3("Ph\xadêng §«ng Thä".encode("cp1252")) == "Phường Đông Thọ"
    assert vn_legacy.decode_vni("Thò traán Ngoïc Laëc".encode("cp1252")) == "Thị trấn Ngọc Lặc"
    assert vn_legacy.decode_vni("Phöôøng Ñoâng Thoï".encode("cp1252")) == "Phường Đông Thọ"


# ---------------------------------------------------------------------------------------- codes, names


def test_unknown_and_duplicate_codes_are_errors_and_names_warn(tmp_path, few, target):
    frame = few.copy()
    frame.loc[0, "MaXa"] = "99999"
    frame.loc[1, "MaXa"] = frame.loc[2, "MaXa"]
    frame.loc[3, "TenXa"] = "Phường Trường Thy"
    report = validate_path(write(frame, tmp_path / "xa.geojson", driver="GeoJSON"), target)
    assert not report.ok
    by_row = {(p.row, p.column, p.value): p.message for p in report.errors}
    assert by_row[(1, "MaXa", "99999")] == "Mã 99999 không phải đơn vị của danh mục từ 19/04/2017."
    assert by_row[(2, "MaXa", "14761")].startswith("Mã 14761 xuất hiện 2 lần (đối tượng 2, 3)")
    assert (3, "MaXa", "14761") in by_row
    # Feature 2 now carries Nam Ngạn's code under Đông Thọ's name; feature 4 is misspelt.
    assert {(p.row, p.value) for p in report.warnings if p.column == "TenXa"} == {
        (2, "Phường Đông Thọ"), (4, "Phường Trường Thy")}
    [mismatch] = [p for p in report.warnings if p.row == 4]
    assert "«Phường Trường Thi»" in mismatch.message
    assert report.units.empty  # nothing half-imported


def test_code_field_by_name_chosen_or_guessed(tmp_path, few, target):
    frame = few.rename(columns={"MaXa": "ID_XA_2019"})
    path = write(frame, tmp_path / "xa.gpkg")
    guessed = validate_path(path, target, lang="en")
    assert guessed.ok and guessed.code_field == "ID_XA_2019"
    assert any("guessed as «ID_XA_2019»" in p.message for p in guessed.warnings)
    frame["ID_XA_2019"] = "x"
    path = write(frame, tmp_path / "y.gpkg")
    refused = validate_path(path, target, lang="en")
    assert "No commune code field found" in refused.errors[0].message
    assert "ID_XA_2019, TenXa" in refused.errors[0].message
    assert not validate_path(path, target, code_field="Khong").ok


def test_integer_codes_from_a_dbf(tmp_path, few, target):
    frame = few.assign(MaXa=few["MaXa"].astype(int))
    assert validate_path(write(frame, tmp_path / "xa.shp"), target).ok


# ------------------------------------------------------------------------------------------ geometry


def _with_geometry(few, i, geom):
    frame = few.copy()
    frame.loc[i, "geometry"] = geom
    return frame


def test_null_geometry_is_an_error(tmp_path, few, target):
    frame = _with_geometry(few, 2, None)
    report = validate_path(write(frame, tmp_path / "xa.gpkg"), target, lang="en")
    assert [(p.row, p.message) for p in report.errors] == [
        (3, "Phường Nam Ngạn (14761): the feature has no geometry.")]


def test_swapped_axes_are_an_error_never_swapped_back(tmp_path, few, target):
    swapped = shapely.transform(few.geometry.iloc[1], lambda c: c[:, ::-1])
    report = validate_path(write(_with_geometry(few, 1, swapped), tmp_path / "xa.geojson", driver="GeoJSON"), target)
    [error] = report.errors
    assert error.row == 2 and "vĩ độ và kinh độ bị đảo" in error.message and "Phường Đông Thọ (14758)" in error.message
    assert report.units.empty


def test_outside_vietnam_and_outside_the_province(tmp_path, few, target):
    frame = few.copy()
    frame.loc[0, "geometry"] = translate(few.geometry.iloc[0], xoff=20)  # somewhere in the Pacific
    frame.loc[1, "geometry"] = translate(few.geometry.iloc[1], yoff=-1.0)  # 110 km south: Nghệ An
    report = validate_path(write(frame, tmp_path / "xa.gpkg"), target, lang="en")
    messages = {p.row: p.message for p in report.errors}
    assert "outside Viet Nam" in messages[1]
    assert "leaves the province by" in messages[2] and f"(tolerance {PROVINCE_TOLERANCE_M:,.0f} m)" in messages[2]


def _bow_tie_at_corner(polygon, size):
    """The polygon with a small bow-tie (two crossing edges) of ``size`` degrees drawn at its first vertex."""
    coords = list(polygon.exterior.coords)
    x, y = coords[0]
    tie = [(x, y), (x + size, y + size), (x + size, y), (x, y + size)]
    return Polygon(tie + coords[1:], [list(r.coords) for r in polygon.interiors])


def test_small_self_intersection_is_repaired_with_a_warning(tmp_path, few, target):
    poly = shapely.get_parts(few.geometry.iloc[0])[0]
    broken = _bow_tie_at_corner(poly, 0.00002)  # about 2 m
    assert not broken.is_valid
    report = validate_path(write(_with_geometry(few, 0, broken), tmp_path / "xa.gpkg"), target)
    assert report.ok, [p.message for p in report.errors]
    [repaired] = [p for p in report.warnings if "đã sửa" in p.message]
    assert repaired.row == 1 and "Phường Hàm Rồng (14755)" in repaired.message
    assert "Self-intersection" in repaired.message
    assert report.units.set_index("commune_code").geometry["14755"].is_valid


def test_bow_tie_that_would_change_the_area_is_refused(tmp_path, few, target):
    poly = shapely.get_parts(few.geometry.iloc[0])[0]
    minx, miny, maxx, maxy = poly.bounds
    bow_tie = Polygon([(minx, miny), (maxx, maxy), (maxx, miny), (minx, maxy)])
    report = validate_path(write(_with_geometry(few, 0, bow_tie), tmp_path / "xa.gpkg"), target, lang="en")
    [error] = [p for p in report.errors if p.row == 1]
    assert "a repair would change the area by" in error.message
    assert f"over the {REPAIR_TOLERANCE:.1%} tolerance" in error.message


# --------------------------------------------------------------------------------- partial sets, neighbours


def test_partial_set_with_overlap_and_gap_reported_with_their_area(tmp_path, few, target):
    metric = few.to_crs(vn2000.UTM48N)
    frame = metric.iloc[:2].copy()
    frame.loc[0, "geometry"] = metric.geometry.iloc[0].buffer(30)  # Hàm Rồng grows by 30 m into its neighbours
    frame.loc[1, "geometry"] = metric.geometry.iloc[1].buffer(-30)  # Đông Thọ shrinks by 30 m
    report = validate_path(write(frame, tmp_path / "xa.shp"), target, lang="en")
    assert report.ok, [p.message for p in report.errors]
    assert sorted(report.units["commune_code"]) == ["14755", "14758"]  # a partial set: only these change
    overlaps = [p.message for p in report.warnings if "overlaps" in p.message]
    gaps = [p.message for p in report.warnings if "gap" in p.message]
    assert any(m.startswith("Phường Hàm Rồng (14755): overlaps") and "m²" in m for m in overlaps)
    assert any(m.startswith("Phường Đông Thọ (14758): leaves a gap of") for m in gaps)
    # The gap is about the perimeter × 30 m, less where the grown Hàm Rồng covers it.
    [gap] = [m for m in gaps if "14758" in m]
    area = float(gap.split("gap of ")[1].split(" m²")[0].replace(",", ""))
    perimeter = metric.geometry.iloc[1].length
    assert 0.3 * perimeter * 30 < area < perimeter * 30


def test_a_faithful_mountain_commune_leaves_no_gap_after_the_datum_round_trip(tmp_path, communes_gdf, target):
    # Tén Tằn's 60 km outline through VN-2000 / UTM 48N and back moves by under a millimetre: 16 m² of slivers,
    # nowhere as wide as the bundled lines' 0.1 m grid. Not a gap a land office should be told about.
    sub = communes_gdf[communes_gdf["commune_code"] == "14851"][["commune_code", "commune_name", "geometry"]]
    report = validate_path(write(sub.to_crs(vn2000.UTM48N), tmp_path / "ten_tan.shp"), target, lang="en")
    assert report.ok and report.warnings == (), [p.message for p in report.warnings]
    # A real gap along the same outline, 0.5 m wide, is told with its area.
    shrunk = sub.to_crs(vn2000.UTM48N).buffer(-0.5)
    report = validate_path(write(sub.set_geometry(shrunk), tmp_path / "ten_tan_2.shp"), target, lang="en")
    [gap] = [p.message for p in report.warnings if "gap" in p.message]
    assert gap.startswith("Xã Tén Tằn (14851): leaves a gap of") and "m²" in gap


def test_english_and_json_report_shape(tmp_path, few, target):
    report = validate_path(write(_with_geometry(few, 2, None), tmp_path / "xa.gpkg"), target, lang="en")
    data = report.to_json()
    assert list(data)[:6] == ["ok", "rows", "errors", "warnings", "file", "encoding"]  # as the records report
    assert data["errors"][0] == {"row": 3, "column": None, "value": None,
                                 "message": "Phường Nam Ngạn (14761): the feature has no geometry."}
    assert data["rows"] == 4 and data["ok"] is False


def test_not_a_boundary_file(target):
    report = validate_files([("so_lieu.zip", b"PK\x03\x04 not really")], target)
    assert not report.ok and "nén" in report.errors[0].message
    report = validate_files([("bang.csv", b"a,b\n")], target, lang="en")
    assert report.errors[0].message.startswith("No boundary data")


def test_geometry_outputs_are_wgs84_and_valid(tmp_path, few, target):
    report = validate_path(write(few.to_crs(vn2000.TM3_105), tmp_path / "xa.gpkg"), target)
    assert isinstance(report.units, gpd.GeoDataFrame) and report.units.crs == "EPSG:4326"
    assert report.units.geometry.is_valid.all()


@pytest.mark.parametrize(("written", "labelled", "says"), [
    (vn2000.UTM48N, "EPSG:32648", "có lẽ là VN-2000"),  # VN-2000 grid numbers in a file labelled WGS 84 / UTM 48N
    ("EPSG:4756", "EPSG:4326", "có lẽ là VN-2000"),  # VN-2000 lon/lat labelled WGS 84
    ("EPSG:32648", vn2000.UTM48N, "có lẽ là WGS 84"),  # WGS 84 / UTM numbers labelled VN-2000
])
def test_a_datum_mixup_is_refused_not_stored_220_m_off(tmp_path, few, target, written, labelled, says):
    path = write(few.to_crs(written), tmp_path / "xa.shp")
    (tmp_path / "xa.prj").unlink()
    report = validate_path(path, target, crs=labelled)
    [error] = report.errors
    assert says in error.message and "độ lệch giữa VN-2000 và WGS 84" in error.message
    distance = float(error.message.split("lệch ")[1].split(" m")[0])
    assert 200 < distance < 250
    assert validate_path(path, target, crs=written).ok  # named right, it passes


# ----------------------------------------------------------------------------------------------------- preview


def _red_pixels(png: bytes) -> int:
    from matplotlib.image import imread

    rgb = imread(io.BytesIO(png))[..., :3]
    return int(((rgb[..., 0] > 0.8) & (rgb[..., 1] < 0.45) & (rgb[..., 2] < 0.45)).sum())


def test_preview_measures_the_offset_and_shows_features_with_errors_in_red(tmp_path, few, communes_gdf, target):
    from geo.boundaries.preview import measured_offset, preview_png, unit_names

    metric = few.to_crs(vn2000.UTM48N)
    report = validate_path(write(metric, tmp_path / "xa.shp"), target, lang="en")
    offset = measured_offset(report.preview, communes_gdf)
    assert (offset.units, offset.measured) == (4, 4) and offset.worst_m < 0.01
    assert "median centre shift under 1 m; the lines' largest offset under 1 m" in offset.text("en")
    clean = preview_png(report, communes_gdf, "en", offset=offset)
    assert clean.startswith(b"\x89PNG") and _red_pixels(clean) == 0
    # Nam Ngạn moved 300 m east, and a feature with an unknown code: the offset names the first, red shows the second.
    moved = metric.copy()
    moved.loc[2, "geometry"] = translate(metric.geometry[2], 300, 0)
    moved.loc[3, "MaXa"] = "99999"
    report = validate_path(write(moved, tmp_path / "xa2.shp"), target, lang="en")
    offset = measured_offset(report.preview, communes_gdf)
    assert offset.units == 3 and offset.worst_code == moved.loc[2, "MaXa"] and 299 < offset.worst_m < 301
    text = offset.text("vi", unit_names(communes_gdf))
    assert f"đường lệch xa nhất 300 m, ở {moved.loc[2, 'TenXa']} ({moved.loc[2, 'MaXa']})" in text
    assert _red_pixels(preview_png(report, communes_gdf, "vi", offset=offset)) > 200  # the clean one has none
