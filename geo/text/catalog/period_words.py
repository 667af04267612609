"""Periods in words: the one way a period is written for people (geo.periods.period_label)."""

TEXTS = {
    # running text and titles: "Quý 3 năm 2025", "Năm 2025"
    "period_words.quarter": {"vi": "Quý {quarter} năm {year}", "en": "Q{quarter} {year}"},
    "period_words.year": {"vi": "Năm {year}", "en": "{year}"},
    # where space is short (selectors, table columns, axis labels): "Quý 3/2025", "2025"
    "period_words.quarter_short": {"vi": "Quý {quarter}/{year}", "en": "Q{quarter} {year}"},
    "period_words.year_short": {"vi": "{year}", "en": "{year}"},
}
