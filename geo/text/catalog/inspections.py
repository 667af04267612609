"""The Inspections page: the measure, the classification and its manual breaks."""

from __future__ import annotations

from typing import Final

TEXTS: Final[dict[str, dict[str, str]]] = {
    "inspections.metric": {"vi": "Chỉ số", "en": "Measure"},
    "inspections.scheme": {"vi": "Phương pháp phân loại", "en": "Classification"},
    "inspections.classes": {"vi": "Số lớp", "en": "Classes"},
    "inspections.manual_breaks": {"vi": "Ngưỡng tự chọn (cận trên các lớp, cách nhau bởi dấu phẩy)",
                                  "en": "Manual breaks (upper bounds of the classes, comma-separated)"},
    "inspections.manual_breaks_bad": {"vi": "Ngưỡng không hợp lệ: «{value}». Ví dụ: 1, 2, 5",
                                      "en": "Invalid breaks: «{value}». Example: 1, 2, 5"},
    "inspections.class": {"vi": "Lớp", "en": "Class"},
    "inspections.communes_in_class": {"vi": "Số xã", "en": "Communes"},
}
