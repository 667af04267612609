"""The record reader's and validator's messages (geo/problems.py) and the words of a printed problem."""

from __future__ import annotations

from typing import Final

TEXTS: Final[dict[str, dict[str, str]]] = {
    # How a missing field is named in messages (the header a user would expect to write).
    "validation.header_commune_code": {"vi": "Mã xã", "en": "Commune code"},
    "validation.header_period": {"vi": "Kỳ", "en": "Period"},
    "validation.too_many_rows": {
        "vi": "Tệp có hơn {limit} dòng; không phải một báo cáo cấp xã. Hãy tách tệp theo kỳ hoặc theo huyện.",
        "en": "The file has more than {limit} rows; that is not a commune-level report. Split it by period or "
              "district.",
    },
    "validation.file_too_large": {"vi": "Tệp quá lớn ({size} MB); giới hạn là {limit} MB.",
                                  "en": "The file is too large ({size} MB); the limit is {limit} MB."},
    "validation.file_unreadable": {"vi": "Không đọc được tệp: {detail}", "en": "Cannot read the file: {detail}"},
    "validation.empty_file": {"vi": "Tệp rỗng (0 byte).", "en": "The file is empty (0 bytes)."},
    "validation.no_data_rows": {"vi": "Tệp không có dòng dữ liệu nào dưới dòng tiêu đề.",
                                "en": "The file has no data rows below the header row."},
    "validation.unsupported_ext": {"vi": "Không hỗ trợ loại tệp '{ext}'; hãy gửi tệp .xlsx hoặc .csv.",
                                   "en": "File type '{ext}' is not supported; send an .xlsx or .csv file."},
    "validation.csv_is_xlsx": {
        "vi": "Tệp có đuôi .csv nhưng thực ra là tệp Excel (.xlsx); hãy đổi đuôi thành .xlsx hoặc lưu lại dạng CSV.",
        "en": "The file is named .csv but is really an Excel workbook (.xlsx); rename it to .xlsx or save it as CSV.",
    },
    "validation.csv_is_zip": {"vi": "Tệp có đuôi .csv nhưng thực ra là tệp nén (zip), không phải văn bản CSV.",
                              "en": "The file is named .csv but is really a zip archive, not CSV text."},
    "validation.is_xls": {
        "vi": "Tệp là định dạng Excel 97-2003 (.xls) cũ, không hỗ trợ; hãy mở bằng Excel và lưu dạng .xlsx.",
        "en": "The file is an old Excel 97-2003 (.xls) workbook, which is not supported; save it as .xlsx.",
    },
    "validation.is_pdf": {"vi": "Tệp thực ra là tài liệu PDF, không phải bảng dữ liệu.",
                          "en": "The file is really a PDF document, not a data table."},
    "validation.is_binary": {"vi": "Tệp có đuôi .csv nhưng chứa dữ liệu nhị phân (ký tự NUL), không phải văn bản CSV.",
                             "en": "The file is named .csv but contains binary data (NUL bytes), not CSV text."},
    "validation.xlsx_is_text": {
        "vi": "Tệp có đuôi .xlsx nhưng thực ra là văn bản (có thể là CSV); hãy đổi đuôi thành .csv.",
        "en": "The file is named .xlsx but is really plain text (perhaps CSV); rename it to .csv.",
    },
    "validation.xlsx_not_zip": {
        "vi": "Tệp có đuôi .xlsx nhưng không phải tệp Excel hợp lệ (không phải tệp zip); tệp có thể bị hỏng.",
        "en": "The file is named .xlsx but is not a valid Excel workbook (not a zip file); it may be corrupted.",
    },
    "validation.xlsx_bad_zip": {"vi": "Tệp Excel bị hỏng hoặc tải lên không đầy đủ: {detail}",
                                "en": "The Excel file is corrupted or incompletely uploaded: {detail}"},
    "validation.xlsx_no_workbook": {
        "vi": "Tệp là tệp nén zip nhưng không phải sổ tính Excel (thiếu xl/workbook.xml){hint}.",
        "en": "The file is a zip archive but not an Excel workbook (no xl/workbook.xml){hint}.",
    },
    "validation.xlsx_too_big": {
        "vi": "Bảng tính khi giải nén quá lớn ({size} MB > {limit} MB); từ chối đọc.",
        "en": "The worksheet data is too large when uncompressed ({size} MB > {limit} MB); refusing to read it.",
    },
    "validation.xlsx_no_sheet": {"vi": "Sổ tính không có trang tính nào.", "en": "The workbook has no worksheet."},
    "validation.sheets_ignored": {
        "vi": "Chỉ đọc trang tính đầu tiên '{first}'; đã bỏ qua các trang tính có dữ liệu: {names}.",
        "en": "Only the first sheet '{first}' was read; these non-empty sheets were ignored: {names}.",
    },
    "validation.encoding_assumed": {
        "vi": "Tệp không phải UTF-8; đã đọc theo bảng mã {encoding}. Hãy kiểm tra dấu tiếng Việt.",
        "en": "The file is not UTF-8; it was read as {encoding}. Check the Vietnamese diacritics.",
    },
    "validation.csv_parse": {"vi": "Không đọc tiếp được tệp CSV từ dòng {row}: {detail}",
                             "en": "Cannot read the CSV file beyond line {row}: {detail}"},
    "validation.no_header": {
        "vi": "Thiếu cột bắt buộc 'Mã xã' hoặc 'Tên xã': không tìm thấy dòng tiêu đề trong {n} dòng đầu.",
        "en": "Missing required column 'Commune code' or 'Commune': no header row found in the first {n} rows.",
    },
    "validation.missing_period": {"vi": "Thiếu cột bắt buộc 'Kỳ' (hoặc ghi kỳ báo cáo cho cả tệp).",
                                  "en": "Missing required column 'Period' (or give the period of the whole file)."},
    "validation.duplicate_column": {
        "vi": "Cột '{column}' trùng ý nghĩa với cột '{other}' (cùng là {field}); hãy giữ một cột.",
        "en": "Column '{column}' means the same as column '{other}' (both {field}); keep only one.",
    },
    "validation.unknown_column": {"vi": "Không nhận ra cột '{column}'; cột này đã bị bỏ qua.",
                                  "en": "Unrecognised column '{column}'; it was ignored."},
    "validation.bad_period_arg": {
        "vi": "Kỳ báo cáo '{value}' không hợp lệ (ví dụ đúng: 2019, 2019-Q1, Quý 1/2019).",
        "en": "Reporting period '{value}' is not valid (examples: 2019, 2019-Q1, Quý 1/2019).",
    },
    "validation.bad_period": {
        "vi": "Kỳ '{value}' không hợp lệ (ví dụ đúng: 2019, 2019-Q1, Quý 1/2019; năm từ 2000 đến 2100).",
        "en": "Period '{value}' is not valid (examples: 2019, 2019-Q1, Quý 1/2019; years 2000 to 2100).",
    },
    "validation.period_conflict": {
        "vi": "Kỳ '{value}' trong tệp khác với kỳ báo cáo đã chọn '{period}'.",
        "en": "Period '{value}' in the file differs from the chosen reporting period '{period}'.",
    },
    "validation.period_empty": {"vi": "Dòng không có kỳ báo cáo (ô 'Kỳ' trống và chưa ghi kỳ báo "
                                      "cáo cho cả tệp).",
                                "en": "The row has no period (the 'Period' cell is empty and no period was given "
                                      "for the whole file)."},
    "validation.bad_code": {"vi": "Mã xã '{value}' không hợp lệ: mã xã gồm 5 chữ số.",
                            "en": "Commune code '{value}' is not valid: a commune code has 5 digits."},
    "validation.unknown_code": {"vi": "Mã xã '{value}' không có trong danh mục xã của tỉnh.",
                                "en": "Commune code '{value}' is not in the province's commune list."},
    "validation.unknown_code_version": {
        "vi": "Mã xã '{value}' không thuộc danh mục đơn vị của kỳ {period} (danh mục từ {version}, {units} đơn vị): "
              "đó là {old_name} của danh mục {old_version}, nay là {successors}.",
        "en": "Commune code '{value}' is not a unit of period {period} (the list in force from {version}, {units} "
              "units): it is {old_name} of the {old_version} list, now {successors}.",
    },
    "validation.unknown_code_later": {
        "vi": "Mã xã '{value}' thuộc danh mục từ {new_version} ({new_name}), chưa có hiệu lực trong kỳ {period} (danh "
              "mục từ {version}).",
        "en": "Commune code '{value}' belongs to the list in force from {new_version} ({new_name}), not yet in force "
              "in period {period} (list from {version}).",
    },
    "validation.code_reused": {
        "vi": "Mã xã {value} trong kỳ {period} là {expected} (danh mục từ {version}); '{name}' là đơn vị mang mã này "
              "trong danh mục {old_version}. Mã được dùng lại cho đơn vị khác: không ghép theo mã.",
        "en": "Commune code {value} in period {period} is {expected} (list from {version}); '{name}' is the unit that "
              "had this code in the {old_version} list. The code was reused for another unit: not joined by code.",
    },
    "validation.file_other_version": {
        "vi": "Tệp dùng mã của danh mục {old_version} ({n} dòng) cho kỳ {period}, nhưng kỳ này dùng danh mục từ "
              "{version} ({units} đơn vị). Hãy lập lại tệp theo danh mục từ {version}, hoặc nhờ quản trị viên chuyển "
              "đổi tệp từ danh mục {old_version} qua bảng chuyển đổi (ví dụ: {example}).",
        "en": "The file uses codes of the {old_version} list ({n} rows) for period {period}, which uses the list in "
              "force from {version} ({units} units). Make the file again on the list from {version}, or ask an "
              "administrator to convert it from the {old_version} list through the crosswalk (for example: "
              "{example}).",
    },
    "validation.convert_split": {
        "vi": "Không chuyển được {value} ({name}) từ danh mục {from_version} sang {version}: đơn vị này bị chia cho "
              "{successors}; không thể chia số liệu mà không mất thông tin.",
        "en": "Cannot convert {value} ({name}) from the {from_version} list to {version}: it was split between "
              "{successors}; its figures cannot be divided without loss.",
    },
    "validation.convert_incomplete": {
        "vi": "Không chuyển được sang {version}: đơn vị mới {value} ({name}) gồm {parts}; tệp thiếu {missing}.",
        "en": "Cannot convert to {version}: the new unit {value} ({name}) is made of {parts}; the file lacks "
              "{missing}.",
    },
    "validation.from_version_unknown": {"vi": "--from-version {value}: không có danh mục này; có: {known}.",
                                        "en": "--from-version {value}: no such list; known: {known}."},
    "validation.suggest_units_version": {
        "vi": "Kỳ {period}: {n}/{total} dòng khớp mã và tên của danh mục có hiệu lực từ {version} ({units} đơn vị; "
              "danh mục này có hiệu lực trong kỳ), không phải danh mục ngày đầu kỳ ({rule}). Nếu tệp lập theo danh "
              "mục đó, hãy kiểm tra lại và chọn danh mục đơn vị từ {version}.",
        "en": "Period {period}: {n}/{total} rows agree in code and name with the list in force from {version} "
              "({units} units; in force during the period), not with the list of its first day ({rule}). If the file "
              "was made on that list, check it again choosing the unit list from {version}.",
    },
    "validation.units_version_unknown": {"vi": "--units-version {value}: không có danh mục này; có: {known}.",
                                         "en": "--units-version {value}: no such list; known: {known}."},
    "validation.units_version_not_in_period": {
        "vi": "Kỳ {period}: danh mục {version} không có hiệu lực ngày nào trong kỳ; kỳ này chỉ chọn được: {allowed}. "
              "Không có gì được nhập cho kỳ {period}.",
        "en": "Period {period}: the list of {version} was not in force on any day of the period; this period can only "
              "use: {allowed}. Nothing is imported for period {period}.",
    },
    "validation.from_version_later": {
        "vi": "--from-version {value}: danh mục này muộn hơn danh mục của kỳ {period} ({version}); chỉ chuyển được từ "
              "danh mục cũ sang danh mục mới.",
        "en": "--from-version {value}: this list is later than period {period}'s ({version}); files convert only from "
              "an earlier list to a later one.",
    },
    "validation.no_commune": {"vi": "Dòng không có mã xã và tên xã.",
                              "en": "The row has neither a commune code nor a commune name."},
    "validation.unknown_name": {"vi": "Không tìm thấy xã '{value}'{where} trong danh mục xã của tỉnh.",
                                "en": "No commune named '{value}'{where} in the province's commune list."},
    "validation.unknown_name_in_district": {
        "vi": "Không có xã '{value}' ở huyện '{district}'; các xã cùng tên: {candidates}.",
        "en": "No commune '{value}' in district '{district}'; communes with that name: {candidates}.",
    },
    "validation.ambiguous_name": {
        "vi": "Tên xã '{value}' trùng với nhiều xã: {candidates}; hãy ghi mã xã hoặc huyện.",
        "en": "Commune name '{value}' matches several communes: {candidates}; give the commune code or district.",
    },
    "validation.matched_spelling_variant": {
        "vi": "Tên '{value}' được khớp với {expected} (mã {code}) theo cách viết i/y khác (\"Quí\" = \"Quý\"); hãy "
              "kiểm tra.",
        "en": "Name '{value}' was matched to {expected} (code {code}) by a spelling variant of i/y (\"Quí\" = "
              "\"Quý\"); please check.",
    },
    "validation.name_mismatch": {
        "vi": "Tên xã '{value}' không khớp với mã xã {code} ({expected}); đã dùng mã xã.",
        "en": "Commune name '{value}' does not match code {code} ({expected}); the code was used.",
    },
    "validation.district_mismatch": {
        "vi": "Huyện '{value}' không khớp với mã xã {code} (thuộc {expected}); đã dùng mã xã.",
        "en": "District '{value}' does not match code {code} (which is in {expected}); the code was used.",
    },
    "validation.matched_loose": {
        "vi": "Tên xã '{value}' được khớp khi bỏ dấu với {expected} ({code}); hãy kiểm tra.",
        "en": "Commune name '{value}' was matched ignoring diacritics to {expected} ({code}); please check.",
    },
    "validation.bad_bool": {"vi": "Giá trị '{value}' không hợp lệ cho cột có/không (dùng Có/Không, x, 1/0).",
                            "en": "Value '{value}' is not valid for a yes/no column (use Có/Không, yes/no, x, 1/0)."},
    "validation.count_negative": {"vi": "Số lượng '{value}' là số âm; phải là số nguyên ≥ 0.",
                                  "en": "Count '{value}' is negative; it must be a whole number ≥ 0."},
    "validation.count_fraction": {"vi": "Số lượng '{value}' không phải số nguyên.",
                                  "en": "Count '{value}' is not a whole number."},
    "validation.count_not_number": {"vi": "Số lượng '{value}' không phải là số.",
                                    "en": "Count '{value}' is not a number."},
    "validation.count_ambiguous": {
        "vi": "Số lượng '{value}' không rõ (dấu phân cách hàng nghìn hay thập phân?); hãy ghi số nguyên không có dấu.",
        "en": "Count '{value}' is ambiguous (thousands or decimal separator?); write the whole number without "
              "separators.",
    },
    "validation.violations_gt_inspections": {"vi": "Số vi phạm ({value}) lớn hơn số lượt kiểm tra ({inspections}).",
                                             "en": "Violations ({value}) exceed inspections ({inspections})."},
    "validation.duplicate_identical": {
        "vi": "Dòng trùng lặp hoàn toàn với dòng {other} (xã {value}, kỳ {period}); chỉ giữ một dòng.",
        "en": "Row is an exact duplicate of row {other} (commune {value}, period {period}); kept once.",
    },
    "validation.duplicate_conflict": {
        "vi": "Xã {value} kỳ {period} có hai dòng khác nhau: dòng {other} và dòng {row}.",
        "en": "Commune {value}, period {period} has two different rows: row {other} and row {row}.",
    },
    "validation.total_row": {"vi": "Dòng tổng '{value}' đã bị bỏ qua.", "en": "Total row '{value}' was skipped."},
    # The words of a printed problem line (geo.problems.problem_line).
    "validation.line_error": {"vi": "LỖI", "en": "ERROR"},
    "validation.line_warning": {"vi": "CẢNH BÁO", "en": "WARNING"},
    "validation.line_row": {"vi": "dòng", "en": "row"},
    "validation.line_column": {"vi": "cột", "en": "column"},
    "validation.line_feature": {"vi": "đối tượng", "en": "feature"},
    "validation.line_field": {"vi": "trường", "en": "field"},
    "validation.text_controls_removed": {
        "vi": "Đã bỏ ký tự điều khiển hoặc ký tự đổi chiều chữ ({chars}) khỏi ô này; phần chữ còn lại được lưu.",
        "en": "Removed control or text-direction characters ({chars}) from this cell; the rest of the text is "
              "stored.",
    },
}
