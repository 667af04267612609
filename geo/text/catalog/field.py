"""Column headers of record, commune and district fields (:func:`geo.text.field_label`)."""

from __future__ import annotations

from typing import Final

TEXTS: Final[dict[str, dict[str, str]]] = {
    "field.period": {"vi": "Kỳ", "en": "Period"},
    "field.healthy": {"vi": "Lành mạnh", "en": "Healthy"},
    "field.conversion_target": {"vi": "Mục tiêu chuyển hóa", "en": "Conversion target"},
    "field.commitment_signed": {"vi": "Ký cam kết", "en": "Commitment signed"},
    "field.establishments": {"vi": "Số cơ sở", "en": "Establishments"},
    "field.inspections": {"vi": "Số lượt kiểm tra", "en": "Inspections"},
    "field.violations": {"vi": "Số vi phạm", "en": "Violations"},
    "field.criminal_cases": {"vi": "Số vụ án", "en": "Criminal cases"},
    "field.border_incidents": {"vi": "Số vụ việc biên giới", "en": "Border incidents"},
    "field.victims_received": {"vi": "Số nạn nhân tiếp nhận", "en": "Victims received"},
    "field.notes": {"vi": "Ghi chú", "en": "Notes"},
    "field.communes_total": {"vi": "Số xã", "en": "Communes"},
    "field.not_healthy": {"vi": "Chưa lành mạnh", "en": "Not healthy"},
    "field.no_data": {"vi": "Không có số liệu", "en": "No data"},
    "field.healthy_ratio": {"vi": "Tỷ lệ lành mạnh (%)", "en": "Healthy share (%)"},
    "field.conversion_targets": {"vi": "Xã mục tiêu", "en": "Targets"},
    "field.converted": {"vi": "Đã chuyển hóa", "en": "Converted"},
    "field.commitments_signed": {"vi": "Đã ký cam kết", "en": "Commitments signed"},
    "field.commune_code": {"vi": "Mã xã", "en": "Commune code"},
    "field.commune_name": {"vi": "Tên xã", "en": "Commune"},
    "field.commune_type": {"vi": "Loại", "en": "Type"},
    "field.district_code": {"vi": "Mã huyện", "en": "District code"},
    "field.district_name": {"vi": "Huyện", "en": "District"},
    "field.area_km2": {"vi": "Diện tích (km²)", "en": "Area (km²)"},
    "field.is_laos_border": {"vi": "Biên giới Lào", "en": "Laos border"},
    # Layer columns without a header of their own before the catalog (field_label read the details' label)
    "field.laos_border_km": {"vi": "Chiều dài biên giới (km)", "en": "Border length (km)"},
    "field.has_boundary": {"vi": "Có ranh giới", "en": "Has boundary"},
    # A summary count's suffix: "Số vụ án (lũy kế năm)"
    "field.suffix_period": {"vi": "trong kỳ", "en": "in the period"},
    "field.suffix_ytd": {"vi": "lũy kế năm", "en": "year to date"},
}
