"""The split view of several periods, its timeline and its print sheet (geo/maps/compare.py, Compare page)."""

from __future__ import annotations

from typing import Final

TEXTS: Final[dict[str, dict[str, str]]] = {
    "compare.unknown_period": {"vi": "Kỳ “{period}” không có số liệu. Các kỳ hiện có: {known}",
                               "en": "Period “{period}” has no records. Periods stored: {known}"},
    "compare.twice": {"vi": "{period} được chọn hai lần.", "en": "{period} is chosen twice."},
    "compare.count": {"vi": "Cần chọn từ {low} đến {high} kỳ (đang chọn {n}).",
                      "en": "Choose from {low} to {high} periods ({n} chosen)."},
    "compare.source_line": {"vi": "{periods}: {note}", "en": "{periods}: {note}"},
    "compare.units_text": {"vi": "{n} đơn vị, danh mục từ {version}", "en": "{n} units, list of {version}"},
    "compare.own_units": {
        "vi": "Mỗi kỳ được vẽ trên danh mục đơn vị hành chính của chính kỳ đó (không quy đổi), nên số đơn vị "
              "có thể khác nhau giữa các bản đồ.",
        "en": "Each period is drawn on its own list of administrative units (not re-expressed), so the number "
              "of units may differ between the maps.",
    },
    "compare.shared_classes": {"vi": "Lớp chung cho mọi kỳ: {method} trên số liệu của tất cả các kỳ, {n} lớp",
                               "en": "Classes shared by every period: {method} over all periods' values, {n} classes"},
    "compare.play": {"vi": "▶ Chạy", "en": "▶ Play"},
    "compare.pause": {"vi": "⏸ Dừng", "en": "⏸ Pause"},
    "compare.timeline": {"vi": "Dòng thời gian các kỳ", "en": "Timeline of the periods"},
    "compare.illustrative": {"vi": "DỮ LIỆU MINH HỌA – không phải số liệu thật của các xã",
                             "en": "ILLUSTRATIVE DATA – not the communes' real figures"},
    "compare.sheet_title": {"vi": "So sánh các kỳ – {theme}", "en": "Periods compared – {theme}"},
    "compare.sheet_subtitle": {"vi": "Các kỳ: {periods} — Phạm vi: {scope}",
                               "en": "Periods: {periods} — Area: {scope}"},
    "compare.cli_format": {
        "vi": "Bản so sánh nhiều kỳ (--periods) chỉ có dạng png, pdf hoặc svg, với chủ đề healthy, conversions, "
              "inspections, border hoặc hotspots.",
        "en": "The sheet of several periods (--periods) is png, pdf or svg, of the theme healthy, conversions, "
              "inspections, border or hotspots.",
    },
    "compare.cli_period_needed": {"vi": "Cần --period (một kỳ) hoặc --periods (2 đến 12 kỳ).",
                                  "en": "Give --period (one period) or --periods (2 to 12 periods)."},
    "compare.theme": {"vi": "Chủ đề", "en": "Theme"},
    "compare.export_title": {"vi": "Xuất trang so sánh để in (khổ A4 ngang)",
                             "en": "The comparison as a print sheet (A4 landscape)"},
    "compare.periods": {"vi": "Các kỳ (2 đến 12)", "en": "Periods (2 to 12)"},
    "compare.mode": {"vi": "Cách xem", "en": "View"},
    "compare.mode_split": {"vi": "Các bản đồ cạnh nhau", "en": "Maps side by side"},
    "compare.mode_timeline": {"vi": "Dòng thời gian (một bản đồ)", "en": "Timeline (one map)"},
    "compare.intro": {
        "vi": "Kéo hoặc phóng to một bản đồ: các bản đồ khác đi theo. Đường dẫn của trang giữ các kỳ đã chọn.",
        "en": "Pan or zoom one map and the others follow. The page's link keeps the periods chosen.",
    },
}
