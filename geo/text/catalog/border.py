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
    "border.table": {"vi": "Khu vực biên giới — kỳ {period}", "en": "Border area — {period}"},
}
