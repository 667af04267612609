"""The Districts page: district table, drill-down, commune table (dashboard/views/districts.py)."""

from __future__ import annotations

from typing import Final

TEXTS: Final[dict[str, dict[str, str]]] = {
    "districts.district_level": {"vi": "Theo huyện — {period}", "en": "By district — {period}"},
    "districts.former_district_level": {"vi": "Theo huyện cũ — {period}", "en": "By former district — {period}"},
    "districts.drill_district": {"vi": "Xem chi tiết một huyện", "en": "Drill down to one district"},
    "districts.drill_former_district": {"vi": "Xem chi tiết một huyện cũ", "en": "Drill down to one former district"},
    "districts.sort_by": {"vi": "Sắp xếp theo", "en": "Sort by"},
    "districts.sort_descending": {"vi": "Giảm dần", "en": "Descending"},
    "districts.all_selected": {"vi": "Tất cả huyện đã chọn", "en": "All selected districts"},
    "districts.commune_level": {"vi": "Theo xã", "en": "By commune"},
    "districts.rows_shown": {"vi": "{n} xã.", "en": "{n} communes."},
    "districts.table_title": {"vi": "Trạng thái các xã, phường, thị trấn — {period} — {scope}",
                              "en": "Commune status — {period} — {scope}"},
}
