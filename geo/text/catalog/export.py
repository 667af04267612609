"""The Export page's map sheets (dashboard/views/export.py)."""

from __future__ import annotations

from typing import Final

TEXTS: Final[dict[str, dict[str, str]]] = {
    "export.intro": {
        "vi": "Bản đồ in (PNG 300 dpi, PDF, SVG) có tiêu đề, chú giải, thước tỷ lệ, hướng Bắc, nguồn và ngày lập; bản "
              "đồ tương tác HTML mở được khi không có mạng; bảng CSV/Excel. Dùng kỳ và huyện đã chọn ở thanh bên.",
        "en": "Print sheets (PNG at 300 dpi, PDF, SVG) with title, legend, scale bar, north arrow, source and date; "
              "an interactive HTML map that opens offline; CSV/Excel tables. Uses the period and districts chosen in "
              "the sidebar.",
    },
    "export.theme": {"vi": "Chủ đề bản đồ", "en": "Map theme"},
    "export.format": {"vi": "Định dạng", "en": "Format"},
    "export.paper": {"vi": "Khổ giấy", "en": "Paper"},
    "export.orientation": {"vi": "Hướng giấy", "en": "Orientation"},
    "export.portrait": {"vi": "Dọc", "en": "Portrait"},
    "export.landscape": {"vi": "Ngang", "en": "Landscape"},
    "export.preview": {"vi": "Xem trước (độ phân giải thấp)", "en": "Preview (low resolution)"},
    "export.make": {"vi": "Tạo tệp {name}", "en": "Make {name}"},
    "export.working": {"vi": "Đang tạo tệp…", "en": "Making the file…"},
    "export.download": {"vi": "Tải {name}", "en": "Download {name}"},
    "export.batch": {"vi": "Xuất hàng loạt", "en": "Batch export"},
    "export.batch_help": {"vi": "Mọi chủ đề, toàn tỉnh và từng huyện: {n} bản đồ trong một tệp zip.",
                          "en": "Every theme, for the province and each district: {n} sheets in one zip."},
}
