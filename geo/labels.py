"""Interface text in Vietnamese (default) and English, shared by the app pages and the exports."""

from __future__ import annotations

from typing import Final

from geo.i18n import translate

LABELS: Final[dict[str, dict[str, str]]] = {
    "app_title": {"vi": "Bản đồ xã, phường, thị trấn lành mạnh — Thanh Hóa",
                  "en": "Healthy communes map — Thanh Hóa"},
    "page_overview": {"vi": "Tổng quan", "en": "Overview"},
    "page_conversions": {"vi": "Chuyển hóa", "en": "Targeted conversions"},
    "page_inspections": {"vi": "Kiểm tra", "en": "Inspection density"},
    "page_border": {"vi": "Biên giới", "en": "Border area"},
    "page_districts": {"vi": "Huyện", "en": "Districts"},
    "page_data": {"vi": "Dữ liệu", "en": "Data"},
    "page_export": {"vi": "Xuất bản đồ", "en": "Export"},
    "language": {"vi": "Ngôn ngữ", "en": "Language"},
    "period": {"vi": "Kỳ báo cáo", "en": "Period"},
    "districts": {"vi": "Huyện, thị xã, thành phố", "en": "Districts"},
    "all_districts": {"vi": "Toàn tỉnh", "en": "Whole province"},
    "search": {"vi": "Tìm xã (có hoặc không dấu)", "en": "Find a commune (with or without diacritics)"},
    "search_none": {"vi": "Không tìm thấy xã nào khớp «{q}».", "en": "No commune matches «{q}»."},
    "illustrative": {
        "vi": "DỮ LIỆU MINH HỌA — số liệu trạng thái do chương trình tạo ra theo các chỉ tiêu của Kế hoạch "
              "19/KH-UBND, không phải số liệu thật của các xã. Ranh giới hành chính là thật.",
        "en": "ILLUSTRATIVE DATA — the status figures are generated to match the targets of Plan 19/KH-UBND; "
              "they are not the real figures of the communes. The boundaries are real.",
    },
    "illustrative_short": {"vi": "Dữ liệu minh họa", "en": "Illustrative data"},
    "no_periods": {"vi": "Chưa có số liệu nào. Hãy nhập tệp ở trang Dữ liệu.",
                   "en": "No data yet. Import a file on the Data page."},
    "no_records": {"vi": "Kỳ {period} chưa có số liệu cho khu vực đã chọn: mọi xã hiển thị là «không có số liệu».",
                   "en": "Period {period} has no records for the selected area: every commune shows as "
                         "«no data»."},
    "healthy": {"vi": "Lành mạnh", "en": "Healthy"},
    "not_healthy": {"vi": "Chưa lành mạnh", "en": "Not healthy"},
    "no_data": {"vi": "Không có số liệu", "en": "No data"},
    "yes": {"vi": "Có", "en": "Yes"},
    "no": {"vi": "Không", "en": "No"},
    "healthy_communes": {"vi": "Xã lành mạnh", "en": "Healthy communes"},
    "healthy_ratio": {"vi": "Tỷ lệ lành mạnh", "en": "Healthy share"},
    "maintained": {"vi": "Giữ vững lành mạnh", "en": "Kept healthy"},
    "newly_healthy": {"vi": "Chuyển hóa mới", "en": "Newly healthy"},
    "converted": {"vi": "Xã mục tiêu đã chuyển hóa", "en": "Targets converted"},
    "inspections_ytd": {"vi": "Lượt kiểm tra (lũy kế năm)", "en": "Inspections (year to date)"},
    "cases_ytd": {"vi": "Vụ án hình sự (lũy kế năm)", "en": "Criminal cases (year to date)"},
    "commitments": {"vi": "Xã ký cam kết", "en": "Commitments signed"},
    "target": {"vi": "Chỉ tiêu", "en": "Target"},
    "actual": {"vi": "Thực hiện", "en": "Actual"},
    "status": {"vi": "Đánh giá", "en": "Assessment"},
    "met": {"vi": "Đạt", "en": "Met"},
    "not_met": {"vi": "Chưa đạt", "en": "Not met"},
    "above": {"vi": "Vượt", "en": "Above"},
    "in_progress": {"vi": "Đang thực hiện", "en": "In progress"},
    "reported": {"vi": "Có báo cáo", "en": "Reported"},
    "not_measured": {"vi": "Không theo dõi trên bản đồ", "en": "Not tracked on the map"},
    "vs_previous": {"vi": "so với kỳ trước ({period})", "en": "vs previous period ({period})"},
    "targets_table": {"vi": "Chỉ tiêu Kế hoạch 19/KH-UBND", "en": "Plan 19/KH-UBND targets"},
    "map_healthy": {"vi": "Bản đồ xã lành mạnh", "en": "Healthy communes map"},
    "commune": {"vi": "Xã", "en": "Commune"},
    "commune_code": {"vi": "Mã xã", "en": "Commune code"},
    "district": {"vi": "Huyện", "en": "District"},
    "commune_type": {"vi": "Loại", "en": "Type"},
    "area_km2": {"vi": "Diện tích (km²)", "en": "Area (km²)"},
    "has_boundary": {"vi": "Có ranh giới", "en": "Has boundary"},
    "no_boundary": {"vi": "chưa có ranh giới trên bản đồ (hiển thị bằng điểm)",
                    "en": "no boundary on the map (shown as a point)"},
    "is_laos_border": {"vi": "Xã biên giới Lào", "en": "Laos border commune"},
    "laos_border_km": {"vi": "Chiều dài biên giới (km)", "en": "Border length (km)"},
    "field_period": {"vi": "Kỳ", "en": "Period"},
    "field_healthy": {"vi": "Lành mạnh", "en": "Healthy"},
    "field_conversion_target": {"vi": "Mục tiêu chuyển hóa", "en": "Conversion target"},
    "field_commitment_signed": {"vi": "Ký cam kết", "en": "Commitment signed"},
    "field_establishments": {"vi": "Số cơ sở", "en": "Establishments"},
    "field_inspections": {"vi": "Số lượt kiểm tra", "en": "Inspections"},
    "field_violations": {"vi": "Số vi phạm", "en": "Violations"},
    "field_criminal_cases": {"vi": "Số vụ án", "en": "Criminal cases"},
    "field_border_incidents": {"vi": "Số vụ việc biên giới", "en": "Border incidents"},
    "field_victims_received": {"vi": "Số nạn nhân tiếp nhận", "en": "Victims received"},
    "field_notes": {"vi": "Ghi chú", "en": "Notes"},
    "details": {"vi": "Chi tiết xã", "en": "Commune details"},
    "history": {"vi": "Lịch sử qua các kỳ", "en": "History over periods"},
    "click_hint": {"vi": "Bấm vào một xã trên bản đồ hoặc tìm theo tên để xem chi tiết.",
                   "en": "Click a commune on the map or search by name to see its details."},
    "labels_toggle": {"vi": "Hiện tên huyện", "en": "Show district names"},
    "data_source": {"vi": "Nguồn", "en": "Source"},
}


def label(key: str, lang: str = "vi", **params: object) -> str:
    """The interface text ``key`` in ``lang``."""
    return translate(LABELS, key, lang, **params)


def field_label(field: str, lang: str = "vi") -> str:
    """The column header of a record or commune field."""
    key = f"field_{field}" if f"field_{field}" in LABELS else field
    return label(key, lang) if key in LABELS else field
