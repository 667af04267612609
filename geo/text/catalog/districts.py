"""The Districts page: district table, drill-down, commune table (dashboard/views/districts.py)."""

from __future__ import annotations

from typing import Final

TEXTS: Final[dict[str, dict[str, str]]] = {
    "districts.district_level": {"vi": "Theo huyện — kỳ {period}", "en": "By district — {period}"},
    "districts.drill_district": {"vi": "Xem chi tiết một huyện", "en": "Drill down to one district"},
    "districts.all_selected": {"vi": "Tất cả huyện đã chọn", "en": "All selected districts"},
    "districts.commune_level": {"vi": "Theo xã", "en": "By commune"},
    "districts.rows_shown": {"vi": "{n} xã. Bấm vào tiêu đề cột để sắp xếp.",
                             "en": "{n} communes. Click a column header to sort."},
    "districts.table_title": {"vi": "Trạng thái các xã, phường, thị trấn — kỳ {period} — {scope}",
                              "en": "Commune status — {period} — {scope}"},
}
