"""The Conversions page: targeted communes, the comparison of two periods and its transitions."""

from __future__ import annotations

from typing import Final

TEXTS: Final[dict[str, dict[str, str]]] = {
    "conversions.compare_note": {
        "vi": "Kỳ {before} dùng danh mục {vb}, kỳ {after} dùng {va}: số liệu kỳ {before} đã được quy đổi sang đơn vị "
              "của kỳ {after} qua các liên kết{approx}.",
        "en": "{before} uses the list of {vb}, {after} that of {va}: the {before} figures are re-expressed on the "
              "units of {after} through the links{approx}.",
    },
    "conversions.compare_approx": {"vi": " (có đơn vị bị chia: ước tính theo diện tích)",
                                   "en": " (some units were split: shared by area, approximate)"},
    "conversions.compare_backward": {
        "vi": "Không so sánh được: kỳ {before} dùng danh mục muộn hơn kỳ {after}; hãy chọn kỳ trước sớm hơn.",
        "en": "Cannot compare: {before} uses a later unit list than {after}; choose an earlier first period.",
    },
    "conversions.targeted_list": {"vi": "Các xã mục tiêu chuyển hóa — {period}",
                                  "en": "Communes targeted for conversion — {period}"},
    "conversions.no_targets": {"vi": "{period}: không có xã mục tiêu chuyển hóa trong khu vực đã chọn.",
                               "en": "No commune in the selected area is targeted for conversion in {period}."},
    "conversions.converted_yes": {"vi": "Đã chuyển hóa (lành mạnh)", "en": "Converted (healthy)"},
    "conversions.converted_no": {"vi": "Chưa chuyển hóa", "en": "Not yet converted"},
    "conversions.compare_title": {"vi": "So sánh hai kỳ", "en": "Compare two periods"},
    "conversions.compare_from": {"vi": "Từ kỳ", "en": "From"},
    "conversions.compare_to": {"vi": "Đến kỳ", "en": "To"},
    "conversions.tr_newly_healthy": {"vi": "Mới lành mạnh", "en": "Newly healthy"},
    "conversions.tr_still_not_healthy": {"vi": "Vẫn chưa lành mạnh", "en": "Still not healthy"},
    "conversions.tr_relapsed": {"vi": "Tái phát", "en": "Relapsed"},
    "conversions.tr_still_healthy": {"vi": "Giữ vững lành mạnh", "en": "Still healthy"},
    "conversions.tr_no_data": {"vi": "Không có số liệu", "en": "No data"},
}
