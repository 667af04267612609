"""The leadership briefing (geo/briefing/) and its section on the Export page."""

from __future__ import annotations

from typing import Final

TEXTS: Final[dict[str, dict[str, str]]] = {
    # The document (geo/briefing/content.py, pdf.py, docx.py)
    "briefing.title": {"vi": "BÁO CÁO TÓM TẮT", "en": "LEADERSHIP BRIEFING"},
    "briefing.subtitle": {"vi": "Kết quả thực hiện Kế hoạch phòng, chống mại dâm",
                          "en": "Progress of the plan for preventing and combating prostitution"},
    "briefing.kicker": {"vi": "ỦY BAN NHÂN DÂN TỈNH THANH HÓA", "en": "THANH HÓA PROVINCIAL PEOPLE'S COMMITTEE"},
    "briefing.issuing_body_short": {"vi": "UBND TỈNH THANH HÓA", "en": "THANH HÓA PROVINCIAL PEOPLE'S COMMITTEE"},
    "briefing.period": {"vi": "Kỳ báo cáo", "en": "Period"},
    "briefing.area": {"vi": "Phạm vi", "en": "Area"},
    "briefing.made": {"vi": "Ngày lập", "en": "Made on"},
    "briefing.province": {"vi": "Toàn tỉnh Thanh Hóa", "en": "The whole of Thanh Hóa province"},
    "briefing.mark": {"vi": "DỮ LIỆU MINH HỌA / ILLUSTRATIVE DATA", "en": "ILLUSTRATIVE DATA / DỮ LIỆU MINH HỌA"},
    "briefing.mark_line": {
        "vi": "Số liệu trạng thái trong báo cáo này do chương trình tạo ra theo các chỉ tiêu của Kế hoạch, không phải "
              "số liệu thật của các xã. Ranh giới hành chính là thật.",
        "en": "The status figures in this briefing are generated to match the plan's targets; they are not the real "
              "figures of the communes. The boundaries are real.",
    },
    "briefing.contents": {"vi": "Mục lục", "en": "Contents"},
    "briefing.s_targets": {"vi": "Chỉ tiêu của Kế hoạch", "en": "The plan's targets"},
    "briefing.s_trend": {"vi": "Xu hướng qua các kỳ", "en": "Trend across periods"},
    "briefing.s_maps": {"vi": "Bản đồ chuyên đề", "en": "Theme maps"},
    "briefing.s_hotspots": {"vi": "Nơi cần tập trung kiểm tra (điểm nóng)", "en": "Where to look first (hot spots)"},
    "briefing.s_changed": {"vi": "Các xã thay đổi tình trạng", "en": "Communes whose status changed"},
    "briefing.s_districts": {"vi": "Kết quả theo huyện, thị xã, thành phố", "en": "Results by district"},
    "briefing.s_districts_former": {"vi": "Kết quả theo địa bàn huyện cũ", "en": "Results by former district"},
    "briefing.s_items": {"vi": "Các nhiệm vụ không tính theo xã", "en": "Plan items without commune figures"},
    "briefing.s_sources": {"vi": "Nguồn số liệu và phương pháp", "en": "Sources and method"},
    "briefing.headline": {
        "vi": "{healthy}/{total} {kinds} lành mạnh ({ratio}); {converted}/{targets} xã trọng điểm đã "
              "chuyển hóa; {reporting}/{total} xã có báo cáo trong kỳ.",
        "en": "{healthy} of {total} {kinds} healthy ({ratio}); {converted} of {targets} targeted communes converted; "
              "{reporting} of {total} communes reported in the period.",
    },
    "briefing.ytd_note": {
        "vi": "Kỳ là một quý: số lượt kiểm tra và số vụ án được cộng dồn từ đầu năm đến hết quý; chỉ tiêu cả năm được "
              "so theo phần thời gian đã qua của năm ({share}).",
        "en": "The period is a quarter: inspections and criminal cases are summed from the start of the year; the "
              "yearly targets are compared with the share of the year gone by ({share}).",
    },
    "briefing.no_previous": {"vi": "Không có kỳ trước cùng loại để so sánh.",
                             "en": "There is no earlier period of the same kind to compare with."},
    "briefing.vs_previous": {"vi": "Thay đổi so với kỳ trước ({period}).",
                             "en": "Change since the previous period ({period})."},
    "briefing.col_id": {"vi": "Mã", "en": "Item"},
    "briefing.col_target": {"vi": "Chỉ tiêu", "en": "Target"},
    "briefing.col_plan": {"vi": "Kế hoạch", "en": "Plan"},
    "briefing.col_actual": {"vi": "Kết quả", "en": "Result"},
    "briefing.col_previous": {"vi": "Kỳ trước", "en": "Previous"},
    "briefing.col_change": {"vi": "Thay đổi", "en": "Change"},
    "briefing.col_status": {"vi": "Đánh giá", "en": "Status"},
    "briefing.col_entered": {"vi": "Trạng thái", "en": "Entered"},
    "briefing.col_note": {"vi": "Ghi chú (người nhập, ngày)", "en": "Note (by, date)"},
    "briefing.col_deadline": {"vi": "Thời hạn", "en": "Deadline"},
    "briefing.col_commune": {"vi": "Đơn vị cấp xã", "en": "Commune"},
    "briefing.col_district": {"vi": "Huyện", "en": "District"},
    "briefing.col_former_district": {"vi": "Huyện cũ", "en": "Former district"},
    "briefing.col_before": {"vi": "Kỳ trước", "en": "Before"},
    "briefing.col_after": {"vi": "Kỳ này", "en": "Now"},
    "briefing.col_communes": {"vi": "Số xã", "en": "Communes"},
    "briefing.col_healthy": {"vi": "Lành mạnh", "en": "Healthy"},
    "briefing.col_ratio": {"vi": "Tỷ lệ", "en": "Share"},
    "briefing.col_converted": {"vi": "Chuyển hóa", "en": "Converted"},
    "briefing.col_inspections": {"vi": "Lượt kiểm tra trong kỳ", "en": "Inspections in the period"},
    "briefing.col_cases": {"vi": "Vụ án trong kỳ", "en": "Cases in the period"},
    "briefing.col_commitments": {"vi": "Ký cam kết", "en": "Commitments"},
    "briefing.col_no_data": {"vi": "Không số liệu", "en": "No data"},
    "briefing.total": {"vi": "Cộng", "en": "Total"},
    "briefing.healthy": {"vi": "Lành mạnh", "en": "Healthy"},
    "briefing.not_healthy": {"vi": "Chưa lành mạnh", "en": "Not healthy"},
    "briefing.no_changes": {"vi": "Không có xã nào thay đổi tình trạng lành mạnh so với {period}.",
                            "en": "No commune changed its healthy status since {period}."},
    "briefing.changes_intro": {
        "vi": "{n} xã thay đổi tình trạng so với {period}: {up} xã mới lành mạnh, {down} xã tái phát.",
        "en": "{n} communes changed status since {period}: {up} newly healthy, {down} relapsed.",
    },
    "briefing.items_intro": {"vi": "Tiến độ cấp tỉnh do cán bộ nhập trên hệ thống, tính đến hết kỳ báo cáo.",
                             "en": "Province-level progress entered by staff, as at the end of the period."},
    "briefing.province_only": {"vi": "Chỉ tiêu toàn tỉnh", "en": "Province-wide"},
    "briefing.province_only_note": {
        "vi": "Với phạm vi huyện, chỉ tiêu bằng số lượng (số xã, lượt kiểm tra, vụ án) là chỉ tiêu toàn tỉnh nên "
              "không được đánh giá; chỉ tỷ lệ xã lành mạnh được so với Kế hoạch.",
        "en": "For a district, the plan's counts (communes, inspections, cases) are province-wide and are not judged; "
              "only the share of healthy communes is compared with the plan.",
    },
    "briefing.points": {"vi": " điểm %", "en": " pp"},
    "briefing.page": {"vi": "Trang {n}/{total}", "en": "Page {n} of {total}"},
    "briefing.src_records_ill": {
        "vi": "Số liệu trạng thái: DỮ LIỆU MINH HỌA do hệ thống tạo ra theo chỉ tiêu của Kế hoạch, không phải số liệu "
              "thật của các xã.",
        "en": "Status records: ILLUSTRATIVE DATA generated by the system to match the plan's targets, not the real "
              "figures of the communes.",
    },
    "briefing.src_records": {"vi": "Số liệu trạng thái: báo cáo của các huyện nhập vào hệ thống ({period}).",
                             "en": "Status records: district reports imported into the system ({period})."},
    "briefing.src_compared": {
        "vi": "Kỳ so sánh ({period}): {units} Số liệu của kỳ này được quy đổi sang đơn vị của kỳ báo cáo qua các liên "
              "kết sắp xếp.",
        "en": "Period compared with ({period}): {units} Its records are re-expressed on the units of this report "
              "through the reorganisation links.",
    },
    "briefing.src_change_inside": {
        "vi": "Danh mục đơn vị thay đổi ngày {dates}, trong {period}: kỳ được tính trên danh mục có hiệu lực vào ngày "
              "đầu kỳ.",
        "en": "The unit list changed on {dates}, within {period}: the period is counted on the list in force on its "
              "first day.",
    },
    "briefing.src_plan": {"vi": "Chỉ tiêu: {title} ({id}).", "en": "Targets: {title} ({id})."},
    "briefing.no_plan_short": {"vi": "Chỉ tiêu: chưa có kế hoạch năm {year} trong hệ thống.",
                               "en": "Targets: no plan for {year} is in the system."},
    "briefing.no_plan": {
        "vi": "Chưa có kế hoạch năm {year} trong hệ thống: số liệu {period} không được so với chỉ tiêu nào.",
        "en": "No plan for {year} is in the system: the figures of {period} are compared with no targets.",
    },
    "briefing.no_targets": {"vi": "Kế hoạch của năm không có chỉ tiêu nào đo được bằng số liệu của các xã.",
                            "en": "The year's plan has no target measured by the communes' figures."},
    "briefing.no_plan_items": {"vi": "Chưa có kế hoạch của năm nên không có nhiệm vụ nào để theo dõi.",
                               "en": "The year has no plan, so there is no plan item to follow."},
    "briefing.no_items": {"vi": "Kế hoạch của năm không có nhiệm vụ nào ngoài các chỉ tiêu tính theo xã.",
                          "en": "The year's plan has no item besides the targets counted by commune."},
    "briefing.m_status": {
        "vi": "Đánh giá, như trên trang tổng quan: «Đạt» khi kết quả đạt chỉ tiêu (với khoảng chỉ tiêu: đạt mức tối "
              "thiểu), «Vượt» khi quá mức tối đa, «Chưa đạt» khi hết năm mà chưa đạt, «Đang thực hiện» khi năm chưa "
              "hết (kèm tiến độ: đúng tiến độ khi kết quả đạt tỷ lệ thời gian đã qua của năm với chỉ tiêu đếm cả năm, "
              "hoặc đạt chỉ tiêu với tỷ lệ và số xã giữ vững; chậm tiến độ khi không như vậy).",
        "en": "Status, as on the overview: “met” when the result reaches the target (for a range, its minimum), "
              "“above” over its maximum, “not met” when the year ended short of it, “in progress” before the year "
              "ends (with the pace: on track when the result reaches the share of the year gone by for yearly "
              "counts, or the target itself for ratios and communes maintained; behind otherwise).",
    },
    "briefing.m_ratio": {
        "vi": "Tỷ lệ lành mạnh = số xã lành mạnh / tổng số đơn vị trong phạm vi (kể cả xã không có số liệu), như Kế "
              "hoạch tính (596/635 = 93,86 %).",
        "en": "Healthy share = healthy communes / every unit in the area (those without data included), as the plan "
              "counts it (596/635 = 93.86 %).",
    },
    "briefing.m_small": {
        "vi": "Số vụ án và số nạn nhân dưới 3 được ghi «<3» để không nhận diện được cá nhân.",
        "en": "Counts of criminal cases and victims below 3 read “<3” so that no one can be identified.",
    },
    "briefing.m_items": {
        "vi": "Các nhiệm vụ không tính theo xã (T6, T9, T10) được đánh giá từ lần cập nhật gần nhất đến hết kỳ: «Đạt» "
              "khi đã hoàn thành hoặc đạt số lượng; «Chậm tiến độ» khi quá thời hạn (hoặc hết năm) mà chưa đạt.",
        "en": "The items without commune figures (T6, T9, T10) are judged from their latest entry up to the end of "
              "the period: “met” when done or the number is reached; “behind” when the deadline (or the year end) "
              "passed unmet.",
    },
    "briefing.m_maps": {
        "vi": "Bản đồ: cùng phân lớp, màu và số đếm như bản đồ trên hệ thống; hệ tọa độ VN-2000 / UTM múi 48N "
              "(EPSG:3405).",
        "en": "Maps: the same classes, colours and counts as the live map; VN-2000 / UTM zone 48N (EPSG:3405).",
    },
    "briefing.no_period": {"vi": "Kỳ {period} không có số liệu. Các kỳ hiện có: {known}",
                           "en": "Period {period} has no records. Periods available: {known}"},
    "briefing.no_district": {"vi": "Không có huyện mã {code}.", "en": "No district with code {code}."},
    # The briefing section of the Export page (dashboard/components/briefing_section.py)
    "briefing.section.title": {"vi": "Báo cáo tóm tắt cho lãnh đạo", "en": "Leadership briefing"},
    "briefing.section.help": {
        "vi": "Một tài liệu A4 cho kỳ {period} và khu vực đã chọn ở thanh bên: chỉ tiêu, bốn bản đồ, các xã thay đổi, "
              "bảng theo huyện, các nhiệm vụ khác, nguồn số liệu. PDF để in, DOCX để chỉnh sửa.",
        "en": "One A4 document for {period} and the area chosen in the sidebar: targets, the four maps, communes that "
              "changed, the district table, the other plan items, sources. PDF to print, DOCX to edit.",
    },
    "briefing.section.format": {"vi": "Định dạng báo cáo", "en": "Briefing format"},
    "briefing.section.make": {"vi": "Tạo báo cáo {name}", "en": "Make the briefing {name}"},
    "briefing.section.working": {"vi": "Đang tạo báo cáo (khoảng nửa phút)…",
                                 "en": "Making the briefing (about half a minute)…"},
    "briefing.section.made": {"vi": "Đã tạo trong {s} giây.", "en": "Made in {s} s."},
    "briefing.section.download": {"vi": "Tải {name}", "en": "Download {name}"},
    # The DOCX as a "Báo cáo" under Decree 30/2020/NĐ-CP (geo/briefing/docx.py)
    "briefing.docx.number": {"vi": "Số:        /BC-UBND", "en": "No.:        /BC-UBND"},
    "briefing.docx.motto_1": {"vi": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "en": "SOCIALIST REPUBLIC OF VIET NAM"},
    "briefing.docx.motto_2": {"vi": "Độc lập - Tự do - Hạnh phúc", "en": "Independence - Freedom - Happiness"},
    "briefing.docx.place_date": {"vi": "Thanh Hóa, ngày      tháng      năm",
                                 "en": "Thanh Hóa, day      month      year"},
    "briefing.docx.kind": {"vi": "BÁO CÁO", "en": "REPORT"},
    "briefing.docx.summary": {
        "vi": "Kết quả thực hiện Kế hoạch phòng, chống mại dâm {period} — {area}",
        "en": "Progress of the plan for preventing and combating prostitution, {period} — {area}",
    },
    "briefing.plan_basis": {"vi": "Kế hoạch số {id}", "en": "Plan No. {id}"},
    "briefing.plan_basis_dated": {"vi": "Kế hoạch số {id} ngày {date}", "en": "Plan No. {id} of {date}"},
    "briefing.docx.basis": {"vi": "(Theo {plan})", "en": "(Under {plan})"},
    "briefing.docx.recipients": {"vi": "Nơi nhận:", "en": "Recipients:"},
    "briefing.docx.recipients_list": {"vi": "- Như trên;\n- Lưu: VT.", "en": "- As above;\n- Archived: office."},
    "briefing.docx.sign_for": {"vi": "TM. ỦY BAN NHÂN DÂN", "en": "ON BEHALF OF THE PEOPLE'S COMMITTEE"},
    "briefing.docx.sign_role": {"vi": "CHỦ TỊCH", "en": "CHAIR"},
}
