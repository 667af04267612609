"""Numbers written the Vietnamese way in Vietnamese and the English way in English."""

from __future__ import annotations

import doctest

import pandas as pd
import pytest

import geo.text.numbers
from geo.text.numbers import fmt_fraction, fmt_number, fmt_percent, fmt_with_unit


def test_docstring_examples():
    assert doctest.testmod(geo.text.numbers).failed == 0


@pytest.mark.parametrize(("value", "lang", "expected"), [
    (93.86, "vi", "93,86 %"), (93.86, "en", "93.86%"), (100, "vi", "100,00 %"), (None, "vi", "—"),
])
def test_percent_as_the_plan_writes_it(value, lang, expected):
    assert fmt_percent(value, lang) == expected


def test_rates_counts_and_missing_values():
    assert fmt_with_unit(0.25, "lượt/cơ sở", "vi") == "0,25 lượt/cơ sở"
    assert fmt_with_unit(0.25, "per establishment", "en") == "0.25 per establishment"
    assert fmt_number(12345, "vi") == "12.345" and fmt_number(12345, "en") == "12,345"
    assert fmt_number(pd.NA, "vi") == "—" and fmt_number(float("nan"), "en") == "—"
    assert fmt_number("<3", "vi") == "<3"  # the small-count mask passes through
    assert fmt_fraction(594, 635, "vi") == "594 / 635"
