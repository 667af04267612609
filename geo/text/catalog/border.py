"""The Border page (dashboard/views/border.py)."""

from __future__ import annotations

from typing import Final

TEXTS: Final[dict[str, dict[str, str]]] = {
    "border.intro": {
        "vi": "Đường biên giới Việt – Lào ({length}) và {communes} xã biên giới thuộc {districts} {unit} ({names}), "
              "theo ranh giới đang dùng; các xã lân cận được tô nhạt hơn.",
        "en": "The Vietnam–Laos border ({length}) and its {communes} border communes in {districts} {unit} ({names}), "
              "on the lines in use; neighbouring communes are included.",
    },
    "border.district_unit": {"vi": "huyện", "en": "districts"},
    "border.former_district_unit": {"vi": "huyện cũ", "en": "former districts"},
    "border.table": {"vi": "Khu vực biên giới — {period}", "en": "Border area — {period}"},
    # The map's symbols, said under it (the map is framed on the districts of the border area)
    "border.symbol_line": {"vi": "Đường nét đứt màu tím: biên giới Việt – Lào.",
                           "en": "Purple dashed line: the Vietnam–Laos border."},
    "border.symbol_fill": {"vi": "Màu cam: số vụ việc biên giới của xã (đậm hơn là nhiều hơn); xã ngoài khu vực biên "
                                 "giới để gần như trắng.",
                           "en": "Orange: the commune's border incidents (darker is more); communes outside the "
                                 "border area are left almost white."},
    "border.symbol_circles": {"vi": "Vòng tròn màu tím: số nạn nhân được tiếp nhận (lớn hơn là nhiều hơn, xem chú "
                                    "giải).",
                              "en": "Purple circles: victims received (larger is more, see the legend)."},
    "border.symbol_points": {"vi": "Vòng tròn viền nét đứt: đơn vị chưa có ranh giới trên bản đồ, vẽ bằng một "
                                   "điểm.",
                             "en": "Circle with a dashed ring: a unit with no boundary on the map, drawn as a point."},
}
