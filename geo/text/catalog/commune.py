"""The commune details panel under the map (dashboard/components/page.py)."""

from __future__ import annotations

from typing import Final

TEXTS: Final[dict[str, dict[str, str]]] = {
    "commune.commune_type": {"vi": "Loại", "en": "Type"},
    "commune.area_km2": {"vi": "Diện tích", "en": "Area"},
    "commune.no_boundary": {"vi": "chưa có ranh giới trên bản đồ (hiển thị bằng điểm)",
                            "en": "no boundary on the map (shown as a point)"},
    "commune.is_laos_border": {"vi": "Xã biên giới Lào", "en": "Laos border commune"},
    "commune.laos_border_km": {"vi": "Chiều dài biên giới", "en": "Border length"},
    "commune.history_of": {"vi": "Lịch sử qua các kỳ: {name}", "en": "History over periods: {name}"},
    "commune.no_report": {"vi": "chưa có báo cáo", "en": "no report sent"},
    "commune.dash_note": {"vi": "«—»: báo cáo không ghi số liệu này.", "en": "“—”: the report left this figure out."},
    "commune.missing_note": {"vi": "{n} trong {total} kỳ chưa có báo cáo của đơn vị này.",
                             "en": "No report from this unit for {n} of {total} periods."},
}
