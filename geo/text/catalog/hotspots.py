"""Hot spots: the theme's legend, the method sentence, the briefing's "where to look" (geo/figures/hotspots.py)."""

from __future__ import annotations

from typing import Final

TEXTS: Final[dict[str, dict[str, str]]] = {
    "hotspots.title": {"vi": "Điểm nóng", "en": "Hot spots"},
    "hotspots.hot_level": {"vi": "Điểm nóng (tin cậy {level} %)", "en": "Hot spot ({level} % confidence)"},
    "hotspots.cold_level": {"vi": "Điểm lạnh (tin cậy {level} %)", "en": "Cold spot ({level} % confidence)"},
    "hotspots.cold": {"vi": "Điểm lạnh", "en": "Cold spot"},
    "hotspots.outlier": {"vi": "Bất thường so với xung quanh", "en": "Outlier among its neighbours"},
    "hotspots.none": {"vi": "Không có ý nghĩa thống kê", "en": "Not significant"},
    "hotspots.left_out": {"vi": "Không tính", "en": "Left out"},
    "hotspots.method": {
        "vi": "Phương pháp: Getis-Ord Gi* (điểm nóng, lạnh) và Moran cục bộ (bất thường), láng giềng chung cạnh "
              "hoặc đỉnh, {permutations} hoán vị, hiệu chỉnh kiểm định nhiều xã (FDR Benjamini–Hochberg); "
              "giá trị: {base}; tính trên toàn tỉnh",
        "en": "Method: Getis-Ord Gi* (hot and cold spots) and local Moran's I (outliers), neighbours sharing a "
              "boundary or corner, {permutations} permutations, corrected for testing many communes at once "
              "(Benjamini–Hochberg FDR); value: {base}; computed on the whole province",
    },
    "hotspots.b_count": {"vi": "số đếm", "en": "the count"},
    "hotspots.b_establishment": {"vi": "tỷ lệ trên mỗi cơ sở (làm ổn định bằng Bayes thực nghiệm)",
                                 "en": "rate per establishment (stabilised by empirical Bayes)"},
    "hotspots.b_km2": {"vi": "tỷ lệ trên km² (làm ổn định bằng Bayes thực nghiệm)",
                       "en": "rate per km² (stabilised by empirical Bayes)"},
    "hotspots.m_violations": {"vi": "Số vi phạm", "en": "Violations"},
    "hotspots.m_criminal_cases": {"vi": "Vụ án hình sự", "en": "Criminal cases"},
    "hotspots.m_inspections": {"vi": "Lượt kiểm tra", "en": "Inspections"},
    "hotspots.m_border_incidents": {"vi": "Vụ việc biên giới", "en": "Border incidents"},
    "hotspots.m_victims_received": {"vi": "Nạn nhân được tiếp nhận", "en": "Victims received"},
    "hotspots.note_no_data": {"vi": "không có số liệu", "en": "no data"},
    "hotspots.note_no_rate": {"vi": "không có cơ sở nên không có tỷ lệ", "en": "no establishment, so no rate"},
    "hotspots.note_no_polygon": {"vi": "không có ranh giới nên không xác định được láng giềng",
                                 "en": "no boundary, so no neighbours"},
    "hotspots.note_island": {"vi": "không giáp đơn vị nào có số liệu (đảo)",
                             "en": "touches no unit with data (island)"},
    "hotspots.class": {"vi": "Phân loại", "en": "Class"},
    "hotspots.rate": {"vi": "Giá trị phân tích", "en": "Value analysed"},
    "hotspots.left_out_why": {"vi": "Không tính vì", "en": "Left out:"},
    "hotspots.cli_no_period": {"vi": "Kỳ {period} không có số liệu. Các kỳ hiện có: {known}",
                               "en": "Period {period} has no records. Periods stored: {known}"},
    "hotspots.cli_no_district": {"vi": "Không có huyện mã {code} trong danh mục đơn vị của kỳ này.",
                                 "en": "No district with code {code} on this period's unit list."},
    "hotspots.cli_permutations": {"vi": "Số hoán vị {n} quá ít: cần ít nhất 99.",
                                  "en": "{n} permutations are too few: at least 99 are needed."},
    "hotspots.cli_hot": {"vi": "Điểm nóng", "en": "Hot spots"},
    "hotspots.cli_cold": {"vi": "Điểm lạnh", "en": "Cold spots"},
    "hotspots.measure": {"vi": "Số liệu phân tích", "en": "Count analysed"},
    "hotspots.base": {"vi": "Tính theo", "en": "Base"},
    "hotspots.base_count": {"vi": "Số đếm", "en": "Count"},
    "hotspots.base_per_establishment": {"vi": "Trên mỗi cơ sở", "en": "Per establishment"},
    "hotspots.base_per_km2": {"vi": "Trên km²", "en": "Per km²"},
    "hotspots.communes": {"vi": "Số xã", "en": "Communes"},
    "hotspots.export_title": {"vi": "Xuất bản đồ điểm nóng để in", "en": "The hot-spot map as a print sheet"},
    "hotspots.page_intro": {
        "vi": "Điểm nóng là nơi cả xã và các xã giáp ranh cùng cao hơn hẳn mức chung của tỉnh, vượt quá mức "
              "ngẫu nhiên; một xã đơn lẻ có số cao giữa các xã thấp là \"bất thường\". Tính trên toàn tỉnh, "
              "trên danh mục đơn vị của chính kỳ này; lọc huyện chỉ chọn phần hiển thị.",
        "en": "A hot spot is a commune that, with its neighbours, stands well above the province's level, "
              "beyond what chance makes; a single high commune among low ones is an \"outlier\". Computed on "
              "the whole province, on this period's own unit list; a district filter only chooses what is shown.",
    },
    "hotspots.where_title": {"vi": "Nơi cần tập trung kiểm tra", "en": "Where to look first"},
    "hotspots.h_commune": {"vi": "Xã, phường, thị trấn", "en": "Commune"},
    "hotspots.h_district": {"vi": "Huyện", "en": "District"},
    "hotspots.h_rate": {"vi": "Tỷ lệ (đã làm ổn định)", "en": "Rate (stabilised)"},
    "hotspots.h_confidence": {"vi": "Độ tin cậy", "en": "Confidence"},
    "hotspots.found": {
        "vi": "{period}: {n} điểm nóng có ý nghĩa thống kê về {measure} ({base}), sau khi hiệu chỉnh cho việc "
              "kiểm định nhiều xã cùng lúc.",
        "en": "{period}: {n} statistically significant hot spots of {measure} ({base}), after correcting for "
              "testing many communes at once.",
    },
    "hotspots.more": {"vi": "Bảng chỉ nêu các điểm mạnh nhất; còn {n} điểm khác.",
                      "en": "The table lists the strongest; {n} more are not listed."},
    "hotspots.none_found": {
        "vi": "{period}: không có điểm nóng nào có ý nghĩa thống kê về {measure} ({base}); các con số cao ở "
              "vài xã không vượt quá mức ngẫu nhiên.",
        "en": "{period}: no statistically significant hot spot of {measure} ({base}); the high figures of a few "
              "communes do not exceed what chance produces.",
    },
}
