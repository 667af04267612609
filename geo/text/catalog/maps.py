"""The theme maps: legends, tooltips, classification names, the map frame (geo/maps/)."""

from __future__ import annotations

from typing import Final

TEXTS: Final[dict[str, dict[str, str]]] = {
    # Legends and tooltips of the themes (geo/maps/themes.py)
    "maps.no_data": {"vi": "Không có số liệu", "en": "No data"},
    # The map's own controls and what a screen reader hears (geo/maps/render.py, MapBehaviour)
    "maps.zoom_in": {"vi": "Phóng to", "en": "Zoom in"},
    "maps.zoom_out": {"vi": "Thu nhỏ", "en": "Zoom out"},
    "maps.map_label": {"vi": "Bản đồ các xã", "en": "Map of the communes"},
    "maps.map_keys": {"vi": "Dùng phím mũi tên để đi từ xã này sang xã khác, Enter để xem chi tiết xã, "
                            "phím + và − để phóng to, thu nhỏ.",
                      "en": "Use the arrow keys to move from commune to commune, Enter to see its details, "
                            "+ and − to zoom."},
    "maps.frame_title": {"vi": "Bản đồ xã, phường: {title}", "en": "Commune map: {title}"},
    "maps.target_ring": {"vi": "Xã mục tiêu chuyển hóa", "en": "Commune targeted for conversion"},
    "maps.healthy_title": {"vi": "Xã, phường, thị trấn lành mạnh", "en": "Healthy communes"},
    "maps.healthy_title_kinds": {"vi": "{kinds} lành mạnh", "en": "Healthy {kinds}"},
    "maps.healthy": {"vi": "Lành mạnh", "en": "Healthy"},
    "maps.not_healthy": {"vi": "Chưa lành mạnh", "en": "Not healthy"},
    "maps.status": {"vi": "Tình trạng", "en": "Status"},
    "maps.conversions_title": {"vi": "Chuyển hóa địa bàn trọng điểm", "en": "Targeted conversions"},
    "maps.converted": {"vi": "Mục tiêu – đã chuyển hóa", "en": "Targeted – converted"},
    "maps.not_converted": {"vi": "Mục tiêu – chưa chuyển hóa", "en": "Targeted – not yet converted"},
    "maps.not_targeted": {"vi": "Không thuộc mục tiêu", "en": "Not targeted"},
    "maps.target": {"vi": "Mục tiêu chuyển hóa", "en": "Conversion target"},
    "maps.yes": {"vi": "Có", "en": "Yes"},
    "maps.no": {"vi": "Không", "en": "No"},
    "maps.transition_title": {"vi": "Thay đổi so với kỳ trước", "en": "Change since previous period"},
    "maps.transition_between": {"vi": "Thay đổi từ {before} đến {after}", "en": "Change from {before} to {after}"},
    "maps.before": {"vi": "Kỳ trước", "en": "Previous period"},
    "maps.after": {"vi": "Kỳ này", "en": "This period"},
    "maps.count": {"vi": "Số lượt kiểm tra", "en": "Inspections"},
    "maps.per_establishment": {"vi": "Lượt kiểm tra / cơ sở", "en": "Inspections per establishment"},
    "maps.per_km2": {"vi": "Lượt kiểm tra / km²", "en": "Inspections per km²"},
    "maps.establishments": {"vi": "Cơ sở kinh doanh dễ phát sinh", "en": "At-risk establishments"},
    "maps.inspections": {"vi": "Lượt kiểm tra", "en": "Inspections"},
    "maps.border_incidents": {"vi": "Vụ việc biên giới", "en": "Border incidents"},
    "maps.criminal_cases": {"vi": "Vụ án hình sự", "en": "Criminal cases"},
    "maps.victims_received": {"vi": "Nạn nhân được tiếp nhận", "en": "Victims received"},
    "maps.border_km": {"vi": "Đường biên giới (km)", "en": "Border length (km)"},
    "maps.outside": {"vi": "Ngoài khu vực biên giới", "en": "Outside the border area"},
    "maps.classes": {"vi": "Phân loại", "en": "Classes"},
    "maps.border_note": {"vi": "Chỉ tô màu các xã biên giới và xã giáp ranh",
                         "en": "Only border communes and their neighbours are coloured"},
    # The map frame (geo/maps/render.py)
    "maps.no_boundary": {"vi": "Chưa có ranh giới: hiển thị bằng một điểm", "en": "No boundary: shown as a point"},
    "maps.notes": {"vi": "Ghi chú", "en": "Notes"},
    "maps.illustrative": {"vi": "Dữ liệu minh họa, không phải số liệu thực tế",
                          "en": "Illustrative data, not real figures"},
    "maps.laos_border": {"vi": "Biên giới Việt – Lào", "en": "Viet Nam – Laos border"},
    "maps.district_line": {"vi": "Ranh giới huyện", "en": "District boundary"},
    # From 1 July 2025 there are no districts: the lines are those between units of different former
    # districts (huyện cũ), drawn along the 2025 units' edges.
    "maps.former_district_line": {"vi": "Ranh giới huyện cũ", "en": "Former district boundary"},
    # Classification methods, named under a legend (geo/maps/classify.py)
    "maps.scheme_quantiles": {"vi": "phân vị", "en": "quantiles"},
    "maps.scheme_natural_breaks": {"vi": "ngắt tự nhiên (Fisher–Jenks)", "en": "natural breaks (Fisher–Jenks)"},
    "maps.scheme_equal_interval": {"vi": "khoảng đều", "en": "equal interval"},
    "maps.scheme_manual": {"vi": "ngưỡng tự chọn", "en": "manual breaks"},
    "maps.scheme_single": {"vi": "một giá trị", "en": "single value"},
    "maps.scheme_none": {"vi": "không có số liệu", "en": "no data"},
    # The number of classes under a legend: "phân vị, 5 lớp"
    "maps.fewer_distinct": {
        "vi": "Yêu cầu {asked} lớp nhưng chỉ chia được {k}: số liệu chỉ có {n} giá trị khác nhau.",
        "en": "{asked} classes were asked for but only {k} can be drawn: the values take only {n} different numbers.",
    },
    "maps.fewer_ties": {
        "vi": "Yêu cầu {asked} lớp nhưng chỉ chia được {k}: nhiều xã có cùng giá trị nên các ngưỡng phân vị trùng "
              "nhau. Chọn phương pháp khác (ví dụ khoảng đều) để có nhiều lớp hơn.",
        "en": "{asked} classes were asked for but only {k} can be drawn: many communes share the same value, so "
              "quantile bounds coincide. Choose another method (e.g. equal intervals) for more classes.",
    },
    "maps.class_one": {"vi": "lớp", "en": "class"},
    "maps.class_many": {"vi": "lớp", "en": "classes"},
}
