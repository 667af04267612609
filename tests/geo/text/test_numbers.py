"""Numbers written the Vietnamese way in Vietnamese and the English way in English."""

from __future__ import annotations

import doctest

import pandas as pd
import pytest

import geo.text.numbers
from geo.text.numbers import fmt_change, fmt_fraction, fmt_number, fmt_percent, fmt_table, fmt_with_unit


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


def test_no_change_is_neutral_and_a_change_is_signed():
    assert fmt_change(0) == "0" and fmt_change(0.001, percent=True) == "0,00 %"  # no sign: no arrow, no colour
    assert fmt_change(2) == "+2" and fmt_change(-1234) == "-1.234" and fmt_change(-0.47, "en", percent=True) == \
        "-0.47%"
    assert fmt_change(None) is None and fmt_change(pd.NA) is None


def test_a_table_for_people_writes_its_numbers_the_way_of_its_language():
    frame = pd.DataFrame({"name": ["Xã A", "Xã B"], "ratio": [83.78, None], "count": [1234, 5],
                          "victims": ["<3", 4], "healthy": [True, False]})
    vi = fmt_table(frame, "vi", decimals={"ratio": 2})
    assert vi.to_dict("list") == {"name": ["Xã A", "Xã B"], "ratio": ["83,78", "—"], "count": ["1.234", "5"],
                                  "victims": ["<3", "4"], "healthy": [True, False]}
    assert fmt_table(frame, "en")["count"].tolist() == ["1,234", "5"]
    assert frame["count"].tolist() == [1234, 5]  # the caller's frame (downloaded as numbers) is untouched
