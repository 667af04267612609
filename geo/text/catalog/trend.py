"""The trend chart and its page (geo/figures/trend.py, dashboard/views/trend.py)."""

from __future__ import annotations

from typing import Final

TEXTS: Final[dict[str, dict[str, str]]] = {
    "trend.healthy_ratio": {"vi": "Tỷ lệ xã lành mạnh (%)", "en": "Share of healthy communes (%)"},
    "trend.healthy": {"vi": "Số xã lành mạnh", "en": "Healthy communes"},
    "trend.converted": {"vi": "Xã trọng điểm đã chuyển hóa", "en": "Targeted communes converted"},
    "trend.inspections_ytd": {"vi": "Lượt kiểm tra (lũy kế năm)", "en": "Inspections (year to date)"},
    "trend.criminal_cases_ytd": {"vi": "Vụ án hình sự (lũy kế năm)", "en": "Criminal cases (year to date)"},
    "trend.year": {"vi": "Theo năm", "en": "By year"},
    "trend.quarter": {"vi": "Theo quý", "en": "By quarter"},
    "trend.period": {"vi": "Kỳ", "en": "Period"},
    "trend.value": {"vi": "Giá trị", "en": "Value"},
    "trend.target": {"vi": "Chỉ tiêu", "en": "Target"},
    "trend.caption": {
        "vi": "Đường liền: kết quả từng kỳ; vạch đứt nét hoặc cột màu cam: chỉ tiêu của kế hoạch năm của kỳ đó (cột = "
              "khoảng tối thiểu – tối đa; không có ở năm chưa có kế hoạch). Vạch xám chấm và ngày: sắp xếp "
              "đơn vị hành chính, danh mục mới (đường kết quả ngắt tại đó). Kỳ quý: số đếm cộng dồn từ đầu năm.",
        "en": "Solid line: each period's result; dashed tick or orange bar: the target of that period's year plan "
              "(bar = minimum to maximum; none in a year without a plan). Grey dotted rule and date: a "
              "reorganisation, a new list of units (the result line breaks there). Quarters: counts summed from "
              "the start of the year.",
    },
    "trend.units": {
        "vi": "Mỗi kỳ được tính trên danh mục đơn vị của chính kỳ đó (không quy đổi): {lists}. Số xã lành mạnh giảm "
              "theo mỗi lần sắp xếp đơn vị; tỷ lệ lành mạnh thì so sánh được qua các năm.",
        "en": "Each period is counted on its own unit list (not re-expressed): {lists}. The number of healthy "
              "communes steps down at each reorganisation; the healthy share stays comparable.",
    },
    "trend.none": {"vi": "Chưa có kỳ nào có số liệu.", "en": "No period has data yet."},
    # An axis label of a quarter
    "trend.unit_word": {"vi": "đơn vị", "en": "units"},
}
