"""The Overview page's tiles and notes (dashboard/views/overview.py)."""

from __future__ import annotations

from typing import Final

TEXTS: Final[dict[str, dict[str, str]]] = {
    "overview.healthy_communes": {"vi": "Xã lành mạnh", "en": "Healthy communes"},
    "overview.healthy_ratio": {"vi": "Tỷ lệ lành mạnh", "en": "Healthy share"},
    "overview.converted": {"vi": "Xã mục tiêu đã chuyển hóa", "en": "Targets converted"},
    "overview.inspections_ytd": {"vi": "Lượt kiểm tra (lũy kế năm)", "en": "Inspections (year to date)"},
    "overview.cases_ytd": {"vi": "Vụ án hình sự (lũy kế năm)", "en": "Criminal cases (year to date)"},
    "overview.in_quarter": {"vi": "Riêng quý này: {n}", "en": "This quarter alone: {n}"},
    "overview.commitments": {"vi": "Xã ký cam kết", "en": "Commitments signed"},
    "overview.vs_previous": {"vi": "so với kỳ trước ({period})", "en": "vs previous period ({period})"},
    "overview.no_data_count": {"vi": "{n} xã không có số liệu", "en": "{n} communes with no data"},
    "overview.vs_baseline": {"vi": "so với cuối năm {period}", "en": "compared with the end of {period}"},
    "overview.changes_since": {"vi": "Thay đổi so với kỳ trước ({period}): {n} xã",
                               "en": "Changes since {period}: {n} communes"},
}
