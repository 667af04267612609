"""Small-count suppression of the summary: what an account without the right reads."""

from __future__ import annotations

import dataclasses

import pandas as pd

from geo.contract import PLANS_DIR
from geo.figures import privacy
from geo.figures.summary import Counts, period_summary
from geo.figures.targets import load_plan
from geo.records.store import list_periods, load_records

PLAN_2019 = load_plan(PLANS_DIR / "2019.toml")  # the bundled file: the plan of 2019, without a store


def test_a_masked_summary_hides_small_sensitive_counts_and_keeps_the_rest(illustrative_engine, communes):
    """District 396 in 2019-Q2 of the bundled data: 1 victim received in the quarter, 2 in the year so far."""
    figures = period_summary(communes, "2019-Q2", lambda p: load_records(illustrative_engine, p),
                             list_periods(illustrative_engine), district_codes=["396"], plan=PLAN_2019)
    shown = privacy.mask_figures(figures)
    assert (figures.counts.victims_received, figures.ytd.victims_received) == (1, 2)
    assert (shown.counts.victims_received, shown.ytd.victims_received) == ("<3", "<3")
    for name in ("criminal_cases", "victims_received"):
        for before, after in ((figures.counts, shown.counts), (figures.ytd, shown.ytd)):
            value = getattr(before, name)
            assert getattr(after, name) == ("<3" if value in (1, 2) else value), name
    for name in ("inspections", "violations", "border_incidents"):
        assert getattr(shown.counts, name) == getattr(figures.counts, name)
        assert getattr(shown.ytd, name) == getattr(figures.ytd, name)
    unchanged = [f.name for f in dataclasses.fields(figures) if f.name not in ("counts", "ytd")]
    assert all(getattr(shown, n) == getattr(figures, n) for n in unchanged)
    assert shown.assessment == figures.assessment  # targets are judged on the numbers, never on "<3"


def test_small_counts_are_masked():
    frame = pd.DataFrame({"victims_received": pd.array([0, 1, 2, 3, None], dtype="Int64"),
                          "inspections": pd.array([1, 2, 1, 2, 1], dtype="Int64")})
    masked = privacy.mask_frame(frame)
    assert masked["victims_received"].tolist()[:4] == [0, "<3", "<3", 3]
    assert pd.isna(masked["victims_received"].iloc[4])  # no data stays no data
    assert masked["inspections"].tolist() == [1, 2, 1, 2, 1]  # not a sensitive field
    counts = Counts(inspections=2, violations=1, criminal_cases=2, border_incidents=1, victims_received=0)
    assert privacy.mask_counts(counts) == dataclasses.replace(counts, criminal_cases="<3")
