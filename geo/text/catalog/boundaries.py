"""Boundary files: the Boundaries page, the checks of a file, its preview, stored revisions."""

from __future__ import annotations

from typing import Final

TEXTS: Final[dict[str, dict[str, str]]] = {
    # The Boundaries page (dashboard/views/boundaries.py)
    "boundaries.intro": {
        "vi": "Tải lên ranh giới của Sở/Phòng Tài nguyên và Môi trường (shapefile, nén zip hoặc rời; GeoPackage; "
              "KML/KMZ; GeoJSON), đọc báo cáo kiểm tra và bản xem trước, lưu thành một bản sửa, rồi chọn bản sửa được "
              "dùng. Không có gì thay đổi trước khi kích hoạt.",
        "en": "Upload the land office's boundary file (shapefile, zipped or loose; GeoPackage; KML/KMZ; GeoJSON), "
              "read the report and the preview, store it as a revision, then choose the revisions in use. Nothing "
              "changes before a revision is activated.",
    },
    "boundaries.upload": {
        "vi": "Tệp ranh giới (một tệp zip/gpkg/kml/kmz/geojson, hoặc các tệp .shp .shx .dbf .prj .cpg)",
        "en": "Boundary file (one zip/gpkg/kml/kmz/geojson, or the .shp .shx .dbf .prj .cpg files)",
    },
    "boundaries.version": {"vi": "Phiên bản đơn vị hành chính", "en": "Unit version"},
    "boundaries.crs": {"vi": "Hệ tọa độ nếu tệp không ghi (ví dụ EPSG:3405, EPSG:5897)",
                       "en": "CRS when the file names none (e.g. EPSG:3405, EPSG:5897)"},
    "boundaries.layer": {"vi": "Lớp", "en": "Layer"},
    "boundaries.code_field": {"vi": "Trường mã xã", "en": "Commune code field"},
    "boundaries.auto": {"vi": "(tự nhận)", "en": "(automatic)"},
    "boundaries.valid": {"vi": "{file}: hợp lệ, {n} đối tượng, {u} đơn vị của danh mục từ {version}, {w} cảnh báo.",
                         "en": "{file}: valid, {n} features, {u} units of the list of {version}, {w} warnings."},
    "boundaries.rejected": {"vi": "{file}: bị từ chối, {e} lỗi, {w} cảnh báo. Không có gì được lưu.",
                            "en": "{file}: rejected, {e} errors, {w} warnings. Nothing was stored."},
    "boundaries.crs_used": {"vi": "Hệ tọa độ: {crs}; chuyển đổi: {transformation}",
                            "en": "CRS: {crs}; transformation: {transformation}"},
    "boundaries.encoding": {"vi": "Mã hóa văn bản: {encoding}", "en": "Text encoding: {encoding}"},
    "boundaries.fields": {"vi": "Trường mã: {code}; trường tên: {name}",
                          "en": "Code field: {code}; name field: {name}"},
    "boundaries.feature": {"vi": "Đối tượng", "en": "Feature"},
    "boundaries.field": {"vi": "Trường", "en": "Field"},
    "boundaries.preview": {
        "vi": "Xem trước: trái, vị trí của tệp trong tỉnh; phải, ranh giới trong tệp (xanh) trên ranh giới đang dùng "
              "(xám), đối tượng có lỗi tô đỏ, có cảnh báo viền cam.",
        "en": "Preview: left, where the file lies in the province; right, the file's lines (blue) over the lines in "
              "use (grey), features with errors filled red, with warnings outlined orange.",
    },
    "boundaries.source": {"vi": "Nguồn (cơ quan đo vẽ)", "en": "Source (the office that drew the lines)"},
    "boundaries.source_date": {"vi": "Ngày của ranh giới", "en": "Date of the lines"},
    "boundaries.store": {"vi": "Lưu thành bản sửa (chưa dùng)", "en": "Store as a revision (not in use yet)"},
    "boundaries.stored": {
        "vi": "Đã lưu bản ranh giới số {id} ({u} đơn vị), chưa dùng. Kích hoạt ở danh sách bên dưới.",
        "en": "Stored boundary revision {id} ({u} units), not in use yet. Activate it in the list below.",
    },
    "boundaries.revisions": {"vi": "Các bản ranh giới đã lưu", "en": "Stored boundary revisions"},
    "boundaries.none": {"vi": "Chưa có bản nào: bản đồ dùng ranh giới đi kèm (Map maker Vietnam, ~2009).",
                        "en": "None yet: the map uses the bundled lines (Map maker Vietnam, ~2009)."},
    "boundaries.col_id": {"vi": "Số", "en": "Id"},
    "boundaries.col_version": {"vi": "Phiên bản", "en": "Version"},
    "boundaries.col_active": {"vi": "Đang dùng", "en": "In use"},
    "boundaries.col_units": {"vi": "Số đơn vị", "en": "Units"},
    "boundaries.col_source": {"vi": "Nguồn", "en": "Source"},
    "boundaries.col_source_date": {"vi": "Ngày", "en": "Date"},
    "boundaries.col_file_name": {"vi": "Tệp", "en": "File"},
    "boundaries.col_username": {"vi": "Người nhập", "en": "Imported by"},
    "boundaries.col_created_at": {"vi": "Lúc nhập", "en": "Imported at"},
    "boundaries.col_activated_at": {"vi": "Lúc kích hoạt", "en": "Activated at"},
    "boundaries.col_activated_by": {"vi": "Người kích hoạt", "en": "Activated by"},
    "boundaries.choose": {"vi": "Bản ranh giới", "en": "Revision"},
    "boundaries.activate": {"vi": "Kích hoạt (dùng trên bản đồ)", "en": "Activate (use on the map)"},
    "boundaries.deactivate": {"vi": "Ngừng dùng", "en": "Deactivate"},
    "boundaries.activated": {"vi": "Bản ranh giới số {id} đang được dùng trên bản đồ, bản in và tệp xuất.",
                             "en": "Boundary revision {id} is now used by the map, the sheets and the exports."},
    "boundaries.deactivated": {"vi": "Bản ranh giới số {id} không còn được dùng.",
                               "en": "Boundary revision {id} is no longer used."},
    # The checks of a boundary file (geo/boundaries/check.py)
    # reading
    "boundaries.check.no_dataset": {
        "vi": "Không có dữ liệu ranh giới (.shp, .gpkg, .kml, .kmz, .geojson) trong: {files}",
        "en": "No boundary data (.shp, .gpkg, .kml, .kmz, .geojson) in: {files}",
    },
    "boundaries.check.bad_zip": {"vi": "Tệp nén bị hỏng, không mở được.",
                                 "en": "The zip file is damaged and cannot be opened."},
    "boundaries.check.zip_too_big": {"vi": "Tệp nén giải ra quá {limit} MB.",
                                     "en": "The zip unpacks to more than {limit} MB."},
    "boundaries.check.shape_part_missing": {"vi": "Bộ shapefile «{layer}» thiếu tệp {part}.",
                                            "en": "Shapefile set «{layer}» lacks its {part} file."},
    "boundaries.check.unreadable": {"vi": "Không đọc được tệp: {detail}", "en": "The file cannot be read: {detail}"},
    "boundaries.check.choose_layer": {"vi": "Tệp có nhiều lớp: {layers}. Chọn một lớp (--layer).",
                                      "en": "The file has several layers: {layers}. Choose one (--layer)."},
    "boundaries.check.no_layer": {"vi": "Không có lớp «{layer}». Các lớp: {layers}",
                                  "en": "No layer «{layer}». Layers: {layers}"},
    "boundaries.check.empty": {"vi": "Lớp không có đối tượng nào.", "en": "The layer has no features."},
    "boundaries.check.too_many": {"vi": "Lớp có {n} đối tượng, nhiều hơn giới hạn {limit}.",
                                  "en": "The layer has {n} features, more than the limit of {limit}."},
    "boundaries.check.legacy_text": {
        "vi": "Tên được mã hóa {encoding}, đã chuyển sang Unicode (ví dụ: «{example}»). Kiểm tra lại.",
        "en": "Names were encoded in {encoding} and were converted to Unicode (e.g. «{example}»). Check them.",
    },
    # CRS
    "boundaries.check.no_crs": {
        "vi": "Tệp không có hệ tọa độ (thiếu .prj hoặc siêu dữ liệu). Ghi rõ hệ tọa độ (--crs), ví dụ EPSG:3405 "
              "(VN-2000 / UTM 48N) hoặc EPSG:5897 (VN-2000 / TM-3 kinh tuyến trục 105°).",
        "en": "The file has no coordinate reference system (no .prj or metadata). Name one (--crs), e.g. EPSG:3405 "
              "(VN-2000 / UTM 48N) or EPSG:5897 (VN-2000 / TM-3, central meridian 105°).",
    },
    "boundaries.check.bad_crs": {"vi": "Hệ tọa độ không hợp lệ: {value}",
                                 "en": "Invalid coordinate reference system: {value}"},
    "boundaries.check.crs_overridden": {"vi": "Tệp ghi hệ tọa độ {file_crs}; dùng hệ người dùng chỉ định {crs}.",
                                        "en": "The file says {file_crs}; the CRS you named, {crs}, is used."},
    "boundaries.check.geojson_projected": {
        "vi": "Tọa độ là mét, không phải độ, mà tệp GeoJSON không ghi hệ tọa độ. Ghi rõ hệ tọa độ (--crs).",
        "en": "The coordinates are metres, not degrees, and the GeoJSON names no CRS. Name one (--crs).",
    },
    # fields
    "boundaries.check.no_code_field": {
        "vi": "Không tìm thấy trường mã xã (ví dụ MaXa, ma_xa, commune_code). Các trường: {fields}. Chọn trường "
              "(--code-field).",
        "en": "No commune code field found (e.g. MaXa, ma_xa, commune_code). Fields: {fields}. Choose one "
              "(--code-field).",
    },
    "boundaries.check.code_field_missing": {"vi": "Không có trường «{column}». Các trường: {fields}",
                                            "en": "No field «{column}». Fields: {fields}"},
    "boundaries.check.code_field_guessed": {
        "vi": "Trường mã xã được đoán là «{column}» (giá trị giống mã xã).",
        "en": "The commune code field was guessed as «{column}» (its values look like codes).",
    },
    "boundaries.check.no_name_field": {"vi": "Không có trường tên xã: tên không được đối chiếu.",
                                       "en": "No commune name field: names were not compared."},
    # features
    "boundaries.check.no_code": {"vi": "Đối tượng không có mã xã.", "en": "The feature has no commune code."},
    "boundaries.check.unknown_code": {"vi": "Mã {value} không phải đơn vị của danh mục từ {version}.",
                                      "en": "Code {value} is not a unit of the list of {version}."},
    "boundaries.check.duplicate_code": {"vi": "Mã {value} xuất hiện {n} lần (đối tượng {features}).",
                                        "en": "Code {value} appears {n} times (features {features})."},
    "boundaries.check.name_mismatch": {
        "vi": "Tên «{value}» khác tên của mã {code} trong danh mục từ {version}: «{expected}».",
        "en": "Name «{value}» differs from the name of code {code} in the list of {version}: «{expected}».",
    },
    "boundaries.check.null_geometry": {"vi": "{unit}: đối tượng không có hình học.",
                                       "en": "{unit}: the feature has no geometry."},
    "boundaries.check.not_polygon": {"vi": "{unit}: hình học là {kind}, không phải vùng (polygon).",
                                     "en": "{unit}: the geometry is a {kind}, not a polygon."},
    "boundaries.check.repaired": {
        "vi": "{unit}: hình học không hợp lệ ({defect}); đã sửa, diện tích thay đổi {change} (dưới ngưỡng "
              "{tolerance}).",
        "en": "{unit}: invalid geometry ({defect}); repaired, the area changed by {change} (below the {tolerance} "
              "tolerance).",
    },
    "boundaries.check.repair_refused": {
        "vi": "{unit}: hình học không hợp lệ ({defect}); sửa sẽ làm diện tích thay đổi {change} (quá ngưỡng "
              "{tolerance}). Sửa lại trong phần mềm GIS.",
        "en": "{unit}: invalid geometry ({defect}); a repair would change the area by {change} (over the {tolerance} "
              "tolerance). Fix it in GIS software.",
    },
    "boundaries.check.outside_vietnam": {"vi": "{unit}: tọa độ ({value}) nằm ngoài lãnh thổ Việt Nam.",
                                         "en": "{unit}: coordinates ({value}) are outside Viet Nam."},
    "boundaries.check.swapped_axes": {
        "vi": "{unit}: vĩ độ và kinh độ bị đảo ({value}). Không tự đảo lại: sửa tệp rồi gửi lại.",
        "en": "{unit}: latitude and longitude are swapped ({value}). Not swapped back automatically: fix the file and "
              "send it again.",
    },
    "boundaries.check.outside_province": {
        "vi": "{unit}: ranh giới ra ngoài tỉnh {distance} m (ngưỡng {tolerance} m).",
        "en": "{unit}: the line leaves the province by {distance} m (tolerance {tolerance} m).",
    },
    "boundaries.check.overlap": {"vi": "{unit}: chồng lấn {area} m² với {other}.",
                                 "en": "{unit}: overlaps {other} by {area} m²."},
    "boundaries.check.gap": {
        "vi": "{unit}: để hở {area} m² so với ranh giới hiện tại và các xã lân cận.",
        "en": "{unit}: leaves a gap of {area} m² against the current lines and the neighbouring units.",
    },
    "boundaries.check.datum_mixup": {
        "vi": "Mọi ranh giới lệch {distance} m so với ranh giới hiện tại, đúng bằng độ lệch giữa VN-2000 và WGS 84: "
              "tệp ghi {crs} nhưng tọa độ có lẽ là {other}. Ghi đúng hệ tọa độ (--crs), ví dụ {hint}.",
        "en": "Every line sits {distance} m from the current lines, exactly the VN-2000 / WGS 84 datum shift: the "
              "file says {crs} but its coordinates are likely {other}. Name the right CRS (--crs), e.g. {hint}.",
    },
    # The preview of a boundary file (geo/boundaries/preview.py)
    "boundaries.preview.where": {"vi": "Vị trí trong tỉnh", "en": "Where in the province"},
    "boundaries.preview.detail": {"vi": "Ranh giới trong tệp trên ranh giới đang dùng",
                                  "en": "The file's lines over the lines in use"},
    "boundaries.preview.current": {"vi": "Ranh giới đang dùng", "en": "Lines in use"},
    "boundaries.preview.file": {"vi": "Ranh giới trong tệp", "en": "Lines in the file"},
    "boundaries.preview.errors": {"vi": "Đối tượng có lỗi ({n})", "en": "Features with errors ({n})"},
    "boundaries.preview.warnings": {"vi": "Đối tượng có cảnh báo ({n})", "en": "Features with warnings ({n})"},
    "boundaries.preview.km": {"vi": "km", "en": "km"},
    "boundaries.preview.offset": {
        "vi": "So với ranh giới đang dùng ({units} đơn vị): tâm lệch trung vị {centre}; đường lệch xa nhất {worst}, ở "
              "{unit} (đo trên {measured} đơn vị có tâm lệch nhiều nhất).",
        "en": "Against the lines in use ({units} units): median centre shift {centre}; the lines' largest offset "
              "{worst}, at {unit} (measured on the {measured} units whose centres moved most).",
    },
    "boundaries.preview.offset_all": {
        "vi": "So với ranh giới đang dùng ({units} đơn vị): tâm lệch trung vị {centre}; đường lệch xa nhất {worst}, ở "
              "{unit}.",
        "en": "Against the lines in use ({units} units): median centre shift {centre}; the lines' largest offset "
              "{worst}, at {unit}.",
    },
    "boundaries.preview.no_offset": {"vi": "Không có đơn vị nào trong tệp để so với ranh giới đang dùng.",
                                     "en": "No unit of the file to compare with the lines in use."},
    "boundaries.preview.under": {"vi": "dưới {v} m", "en": "under {v} m"},
    "boundaries.preview.metres": {"vi": "{v} m", "en": "{v} m"},
    # Stored revisions (geo/boundaries/revisions.py)
    "boundaries.revision.not_ok": {"vi": "Tệp có lỗi, không lưu.", "en": "The file has errors; nothing stored."},
    "boundaries.revision.no_units": {"vi": "Tệp không có đơn vị nào để lưu.", "en": "The file has no unit to store."},
    "boundaries.revision.bad_date": {"vi": "Ngày không hợp lệ: {value} (dùng YYYY-MM-DD)",
                                     "en": "Invalid date: {value} (use YYYY-MM-DD)"},
    "boundaries.revision.no_source": {"vi": "Ghi rõ nguồn của ranh giới (cơ quan đã đo vẽ).",
                                      "en": "Name the source of the lines (the office that surveyed them)."},
    "boundaries.revision.no_revision": {"vi": "Không có bản ranh giới số {id}.", "en": "No boundary revision {id}."},
    "boundaries.revision.cite": {
        "vi": "Ranh giới {units} đơn vị theo bản sửa số {id}: {source}, ngày {date} (tệp {file}).",
        "en": "Boundaries of {units} units from revision {id}: {source}, dated {date} (file {file}).",
    },
    "boundaries.revision.cite_short": {"vi": "Ranh giới sửa: {source} ({date}), {units} đơn vị",
                                       "en": "Revised lines: {source} ({date}), {units} units"},
    # A feature named by its code alone
    "boundaries.check.unit_code": {"vi": "mã {code}", "en": "code {code}"},
}
