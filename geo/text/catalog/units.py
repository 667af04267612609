"""Unit versions: the version notes, map sources, merger links and an admin's corrections of them."""

from __future__ import annotations

from typing import Final

TEXTS: Final[dict[str, dict[str, str]]] = {
    # a unit's name in lists: "Xã X — Huyện Y", "Xã X (huyện Y cũ)" where the districts are former ones
    "units.name_in_district": {"vi": "{name} — {district}", "en": "{name} — {district}"},
    "units.name_in_former_district": {"vi": "{name} ({district} cũ)", "en": "{name} (former {district})"},
    "units.links_title": {"vi": "Hình thành qua các lần sắp xếp: {n} liên kết, {d} suy ra",
                          "en": "How this unit was formed: {n} links, {d} derived"},
    "units.links_derived_note": {
        "vi": "Suy ra: không có nguồn nêu liên kết này; suy từ ranh giới 2019, cùng huyện và đơn vị 2025. "
              "Quản trị viên có thể sửa bằng tệp CSV.",
        "en": "Derived: no source states this link; derived from the 2019 boundaries, the district and the 2025 "
              "units. An admin can correct it from a CSV file.",
    },
    "units.evidence_official": {"vi": "chính thức", "en": "official"},
    "units.evidence_derived": {"vi": "suy ra", "en": "derived"},
    "units.evidence_admin": {"vi": "quản trị viên sửa", "en": "corrected by an admin"},
    "units.confidence_high": {"vi": "tin cậy cao", "en": "high confidence"},
    "units.confidence_medium": {"vi": "tin cậy vừa", "en": "medium confidence"},
    "units.confidence_low": {"vi": "tin cậy thấp", "en": "low confidence"},
    "units.confidence_admin": {"vi": "quản trị viên", "en": "admin"},
    "units.kind_split": {"vi": "chia tách", "en": "split"},
    "units.kind_renamed": {"vi": "đổi tên/loại/huyện", "en": "renamed or moved"},
    "units.kind_added": {"vi": "thêm vào danh mục", "en": "added to the list"},
    "units.kind_same": {"vi": "không đổi", "en": "unchanged"},
    "units.map_source": {"vi": "Ranh giới: Map maker Vietnam (~2009), mã GSO 2019",
                         "en": "Boundaries: Map maker Vietnam (~2009), GSO 2019 codes"},
    # The unit version line of screens and sheets (geo.units.versions.version_note).
    "units.version_note_units": {
        "vi": "Đơn vị: danh mục có hiệu lực từ {id} ({units} đơn vị{districts}). Ranh giới: {source}.",
        "en": "Units: list in force from {id} ({units} units{districts}). Boundaries: {source}.",
    },
    "units.kinds_xa": {"vi": "xã", "en": "communes"},
    "units.kinds_phuong": {"vi": "phường", "en": "wards"},  # (English says "communes" for all: unit_kinds)
    "units.kinds_thi_tran": {"vi": "thị trấn", "en": "townships"},
    # a unit list in a document's sources (geo.units.versions.unit_list_line)
    "units.list_line": {
        "vi": "Danh mục đơn vị hành chính có hiệu lực từ {date}: {n} đơn vị cấp xã ({kinds}{districts}). Ranh giới: "
              "{source}.",
        "en": "Administrative units: the list in force from {date}, {n} commune-level units ({kinds}{districts}). "
              "Boundaries: {source}.",
    },
    "units.version_note_districts": {"vi": ", {n} huyện", "en": ", {n} districts"},
    "units.version_note_no_districts": {"vi": ", không còn cấp huyện: ghi huyện cũ",
                                        "en": ", no districts: former district shown"},
    "units.version_note_derived": {
        "vi": "{n} liên kết sáp nhập 2019–2025 là suy ra (không có nguồn nêu): huyện cũ và số liệu các kỳ trước hiển "
              "thị trên các đơn vị này đi qua các liên kết đó.",
        "en": "{n} merger links of 2019–2025 are derived (no source states them): former districts and earlier "
              "records shown on these units pass through them.",
    },
    "units.version_note_chosen": {
        "vi": "Số liệu kỳ {period} được nhập theo danh mục này (chọn khi nhập: danh mục có hiệu lực trong kỳ); theo "
              "quy tắc, danh mục của ngày đầu kỳ là {rule}.",
        "en": "The records of {period} were imported on this list (chosen at import: it was in force during the "
              "period); by the rule, the list of its first day is {rule}.",
    },
    "units.version_note_inside": {
        "vi": "Đơn vị thay đổi ngày {dates} trong kỳ {period}: mỗi kỳ dùng danh mục có hiệu lực vào ngày đầu kỳ (khi "
              "nhập có thể chọn danh mục có hiệu lực muộn hơn trong kỳ).",
        "en": "The units changed on {dates} within {period}: a period uses the list in force on its first day (an "
              "import may choose a list in force later in the period).",
    },
    # Unit versions (geo/units/versions.py): the map's source line and notes per version.
    "units.map_source_dissolved": {
        "vi": "Ranh giới: gộp từ Map maker Vietnam (~2009) theo liên kết suy luận; danh mục {v}",
        "en": "Boundaries: dissolved from Map maker Vietnam (~2009) via derived links; list {v}",
    },
    "units.map_source_2025": {"vi": "Ranh giới 2025: sapnhap.bando.com.vn (bản tổng hợp mở, MIT); danh mục {v}",
                              "en": "2025 boundaries: sapnhap.bando.com.vn (open compilation, MIT); list {v}"},
    "units.history_note": {
        "vi": "Các kỳ thuộc danh mục cũ được quy đổi sang đơn vị hiện tại qua liên kết (cộng số liệu; lành mạnh khi "
              "mọi phần đều lành mạnh): {periods}.",
        "en": "Periods on an earlier list are re-expressed on this unit through the links (counts summed; healthy "
              "only if every part was): {periods}.",
    },
    "units.rule.same code": {"vi": "cùng mã", "en": "same code"},
    "units.rule.shared boundary": {"vi": "ranh giới chung dài nhất", "en": "longest shared boundary"},
    "units.rule.adjacency+district+2025": {"vi": "giáp ranh, cùng huyện, cùng đơn vị 2025",
                                           "en": "touching, same district, same 2025 unit"},
    "units.rule.names": {"vi": "tên mới lấy tên cũ", "en": "the new name takes the old one"},
    "units.rule.chain": {"vi": "theo đơn vị giáp ranh đã sáp nhập", "en": "follows a merged neighbour"},
    "units.rule.crosswalk": {"vi": "bảng chuyển đổi 2025", "en": "2025 crosswalk"},
    "units.rule.admin": {"vi": "quản trị viên sửa", "en": "admin correction"},
    "units.rule.changes.csv: renamed or moved": {"vi": "danh sách thay đổi: đổi tên hoặc chuyển huyện",
                                                 "en": "list of changes: renamed or moved"},
    "units.rule.changes.csv: added": {"vi": "danh sách thay đổi: thêm vào", "en": "list of changes: added"},
    # An admin's corrections of derived links (geo/units/corrections.py)
    "units.correction.missing_column": {"vi": "Thiếu cột «{name}» (cần: {needed}).",
                                        "en": "Missing column «{name}» (needed: {needed})."},
    "units.correction.unknown_version": {"vi": "Không có danh mục {value}; có: {known}.",
                                         "en": "No such unit list {value}; known: {known}."},
    "units.correction.no_derived": {
        "vi": "Danh mục {value} không có liên kết suy ra nào để sửa (có ở: {known}).",
        "en": "List {value} has no derived links to correct (lists that have some: {known}).",
    },
    "units.correction.bad_code": {"vi": "{value} không phải mã 5 chữ số.", "en": "{value} is not a 5-digit code."},
    "units.correction.not_derived": {
        "vi": "{value} không phải đơn vị bị sáp nhập theo liên kết suy ra của danh mục {version}{why}.",
        "en": "{value} is not a unit merged away by a derived link of list {version}{why}.",
    },
    "units.correction.why_official": {"vi": " (liên kết của nó là chính thức)", "en": " (its link is official)"},
    "units.correction.why_absent": {"vi": " (không có trong danh mục trước)", "en": " (not in the list before)"},
    "units.correction.not_survivor": {"vi": "{value} không phải đơn vị giữ mã của mình trong danh mục {version}.",
                                      "en": "{value} is not a unit of list {version} that kept its own code."},
    "units.correction.not_touching": {
        "vi": "{value} không giáp đơn vị {removed} trong cùng huyện; các đơn vị còn lại giáp nó: {touching}.",
        "en": "{value} does not touch {removed} within its district; the surviving units touching it: {touching}.",
    },
    "units.correction.no_reason": {"vi": "Cần ghi lý do (căn cứ: nghị quyết, văn bản của huyện…).",
                                   "en": "A reason is needed (the basis: a resolution, the district's letter…)."},
    "units.correction.duplicate": {"vi": "Dòng {other} đã sửa {value} của danh mục {version}.",
                                   "en": "Row {other} already corrects {value} of list {version}."},
    "units.correction.unreadable": {"vi": "Không đọc được tệp: {detail}", "en": "Cannot read the file: {detail}"},
}
