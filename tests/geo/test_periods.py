"""Periods as people read them: one function writes every period in words (geo.periods.period_label)."""

from __future__ import annotations

import pytest

from geo.periods import period_label


@pytest.mark.parametrize(("period", "lang", "short", "shown"), [
    ("2025-Q3", "vi", False, "Quý 3 năm 2025"),
    ("2025-Q3", "vi", True, "Quý 3/2025"),
    ("2025-Q3", "en", False, "Q3 2025"),
    ("2025-Q3", "en", True, "Q3 2025"),
    ("2019", "vi", False, "Năm 2019"),
    ("2019", "vi", True, "2019"),
    ("2019", "en", False, "2019"),
])
def test_a_period_is_written_in_words_never_as_its_code(period, lang, short, shown):
    assert period_label(period, lang, short=short) == shown
