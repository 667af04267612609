"""The plan's targets: the assessment of each, and what is said when a year has no plan."""

from __future__ import annotations

from typing import Final

TEXTS: Final[dict[str, dict[str, str]]] = {
    "targets.target": {"vi": "Chỉ tiêu", "en": "Target"},
    "targets.actual": {"vi": "Thực hiện", "en": "Actual"},
    "targets.met": {"vi": "Đạt", "en": "Met"},
    "targets.not_met": {"vi": "Chưa đạt", "en": "Not met"},
    "targets.above": {"vi": "Vượt", "en": "Above"},
    "targets.in_progress": {"vi": "Đang thực hiện", "en": "In progress"},
    "targets.reported": {"vi": "Có báo cáo", "en": "Reported"},
    "targets.not_measured": {"vi": "Không theo dõi trên bản đồ", "en": "Not tracked on the map"},
    "targets.table": {"vi": "Chỉ tiêu kế hoạch năm {year}", "en": "Plan targets for {year}"},
    "targets.plan_of": {"vi": "So với {title} ({id}).", "en": "Compared with {title} ({id})."},
    "targets.no_plan_short": {"vi": "Chưa có kế hoạch năm {year} trong hệ thống", "en": "No plan for {year} is loaded"},
    "targets.province_wide": {
        "vi": "Các chỉ tiêu của Kế hoạch là chỉ tiêu toàn tỉnh; số liệu dưới đây chỉ tính các huyện đã chọn.",
        "en": "The plan's targets are province-wide; the figures below cover the selected districts only.",
    },
    "targets.no_plan": {
        "vi": "Chưa có kế hoạch năm {year} trong hệ thống, nên số liệu {period} không được so với chỉ tiêu nào.",
        "en": "No plan for {year} is loaded, so the figures of {period} are compared with no targets.",
    },
    "targets.no_plan_list": {
        "vi": "Kế hoạch năm {year} trong hệ thống được lập cho danh mục đơn vị hành chính khác, nên số liệu {period} "
              "không được so với chỉ tiêu nào.",
        "en": "The plan for {year} in the system was made for another list of administrative units, so the "
              "figures of {period} are compared with no targets.",
    },
    "targets.no_plan_editor": {
        "vi": "Biên tập viên nhập kế hoạch ở trang «Kế hoạch», mục «Nhập kế hoạch năm».",
        "en": "Editors enter a plan on the «Plan items» page, under «Enter a year's plan».",
    },
    "targets.province_target": {"vi": "Chỉ tiêu toàn tỉnh", "en": "Province-wide target"},
    "targets.district_scope": {
        "vi": "Chỉ tiêu có số riêng cho huyện đã chọn được so với số liệu của huyện; các chỉ tiêu khác là chỉ tiêu "
              "toàn tỉnh, chỉ để tham khảo, không đánh giá.",
        "en": "Targets with a figure of their own for the selected districts are compared with the districts' "
              "figures; the others are province-wide, shown for reference and not judged.",
    },
    # A plan as a sheet's kicker names it (geo.figures.targets.Plan.kicker)
    "targets.plan_line": {"vi": "KẾ HOẠCH {id}", "en": "PLAN {id}"},
    "targets.plan_line_dated": {"vi": "KẾ HOẠCH {id} NGÀY {date}", "en": "PLAN {id} OF {date}"},
    "targets.kicker": {"vi": "TỈNH THANH HÓA · {plan} VỀ PHÒNG, CHỐNG MẠI DÂM",
                       "en": "THANH HÓA PROVINCE · {plan} ON PREVENTING PROSTITUTION"},
}
