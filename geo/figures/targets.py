"""Each year's plan and its targets, as the database holds them (:mod:`geo.records.plans`).

A period is compared with the plan of **its own year on its own unit list** (:func:`plan_for`): 2019 and its
quarters with Plan 19/KH-UBND, 2025-Q3 with the plan signed for the 166 units, and with no plan at all when
there is none (the screens then say so in one sentence, :func:`no_plan_text`); never with another year's
targets. Plans are entered on the plan page by an editor or imported from a file (``python -m geo plan
import``); the bundled ones are seeded into a new database.

A target is province-wide; it may also give each district (or former district) its own figure
(:attr:`Target.districts`): a district view is judged against those (several districts: added), and shows the
province's figure as "Chỉ tiêu toàn tỉnh", without a verdict, where a district has none
(:func:`geo.figures.summary.assess_targets`).
"""

from __future__ import annotations

import datetime as dt
import functools
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from babel.dates import format_date

from geo.contract import default_db_url
from geo.periods import period_label, period_year
from geo.text import t

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

# A district's own figure for a target: (district code, value, min, max), value or min–max set.
DistrictTarget = tuple[str, float | None, float | None, float | None]


@dataclass(frozen=True)
class Target:
    """One plan item: a fixed value, a range (``min``–``max``), or an activity with neither."""

    id: str
    label_vi: str
    label_en: str
    metric: str | None = None
    value: float | None = None
    min: float | None = None
    max: float | None = None
    unit: str = ""
    deadline: str | None = None
    districts: tuple[DistrictTarget, ...] = ()

    def label(self, lang: str = "vi") -> str:
        """The label in ``lang``."""
        return self.label_en if lang == "en" else self.label_vi

    def as_dict(self) -> dict[str, object]:
        """The target as plain JSON-ready values, leaving out what is not set."""
        out = {"id": self.id, "label_vi": self.label_vi, "label_en": self.label_en}
        for name in ("metric", "value", "min", "max", "unit", "deadline"):
            if (v := getattr(self, name)) not in (None, ""):
                out[name] = v
        if self.districts:
            out["districts"] = {code: value if value is not None else [lo, hi]
                                for code, value, lo, hi in self.districts}
        return out

    def for_districts(self, codes: tuple[str, ...] | list[str]) -> float | tuple[float, float] | None:
        """The target of these districts: their own figures added (a range: both ends), None unless each has one.

        A percentage is not added: several districts have one only when all their figures are the same.
        """
        own = {code: (value, lo, hi) for code, value, lo, hi in self.districts}
        if not codes or any(code not in own for code in codes):
            return None
        parts = [own[code] for code in codes]
        if all(v is not None for v, _, _ in parts):
            values = [float(v) for v, _, _ in parts]
            if self.unit == "%":
                return values[0] if len(set(values)) == 1 else None
            return sum(values)
        if all(lo is not None and hi is not None for _, lo, hi in parts):
            if self.unit == "%":
                return None
            return (sum(float(lo) for _, lo, _ in parts), sum(float(hi) for _, _, hi in parts))
        return None

    @classmethod
    def from_document(cls, key: str, item: dict) -> Target:
        """A target from a plan document's ``targets.<key>`` table (the shape of ``data/plans/2019.toml``)."""
        shares = []
        for code, given in (item.get("districts") or {}).items():
            if isinstance(given, list | tuple):
                shares.append((str(code), None, float(given[0]), float(given[1])))
            else:
                shares.append((str(code), float(given), None, None))
        known = {name: item[name] for name in ("metric", "value", "min", "max", "unit", "deadline") if name in item}
        return cls(id=key, label_vi=item["label_vi"], label_en=item["label_en"], **known,
                   districts=tuple(sorted(shares)))


@dataclass(frozen=True)
class Plan:
    """The plan's identity and its targets in file order."""

    id: str
    year: int
    title_vi: str
    title_en: str
    communes_total: int
    targets: tuple[Target, ...]
    signed: str = ""  # YYYY-MM-DD
    issuer: str = "UBND tỉnh Thanh Hóa"
    unit_version: str = ""  # the unit list in force on the signing date (geo.units.versions)
    illustrative: bool = False  # made with the illustrative records, not a real plan
    entered: dict = field(default_factory=dict, compare=False)  # who entered this version, when, from what

    def title(self, lang: str = "vi") -> str:
        """The title in ``lang``."""
        return self.title_en if lang == "en" else self.title_vi

    @classmethod
    def from_document(cls, document: dict, **extra: object) -> Plan:
        """A plan from a document (``{"plan": {…}, "targets": {…}}``, the shape of ``data/plans/2019.toml``)."""
        head = document["plan"]
        return cls(id=str(head["id"]), year=int(head["year"]), title_vi=head["title_vi"], title_en=head["title_en"],
                   communes_total=int(head["communes_total"]), signed=str(head.get("signed", "")),
                   issuer=head.get("issuer") or "UBND tỉnh Thanh Hóa",
                   targets=tuple(Target.from_document(k, v) for k, v in (document.get("targets") or {}).items()),
                   **extra)

    @classmethod
    def from_row(cls, row: dict) -> Plan:
        """A plan from a row of :func:`geo.records.plans.plan_document` (the document and who entered it)."""
        return cls.from_document(row["document"], unit_version=row["unit_version"],
                                 illustrative=bool(row["illustrative"]),
                                 entered={k: row[k] for k in ("id", "username", "entered_at", "source")})

    def plan_line(self, lang: str = "vi") -> str:
        """``KẾ HOẠCH 19/KH-UBND NGÀY 25/01/2019`` / ``PLAN 19/KH-UBND OF 25 JANUARY 2019`` (date when known)."""
        if not self.signed:
            return t("targets.plan_line", lang, id=self.id)
        y, m, d = self.signed.split("-")
        # as each writes a date in a heading: "25/01/2019"; "25 JANUARY 2019" (Babel's month names)
        date = f"{d}/{m}/{y}" if lang == "vi" else format_date(dt.date(int(y), int(m), int(d)), "d MMMM y",
                                                                  locale="en_GB").upper()
        return t("targets.plan_line_dated", lang, id=self.id, date=date)

    def kicker(self, lang: str = "vi") -> str:
        """The line above a sheet's title: the province and this plan."""
        return t("targets.kicker", lang, plan=self.plan_line(lang))

    def by_metric(self) -> dict[str, Target]:
        """Targets keyed by the summary metric they are measured against."""
        return {item.metric: item for item in self.targets if item.metric}




@functools.cache
def _default_engine(url: str) -> Engine:  # one engine per URL for the callers that name none
    from geo.records.store import get_engine

    return get_engine(None if url == default_db_url() else url)


def _engine(engine: Engine | None) -> Engine:
    return engine if engine is not None else _default_engine(default_db_url())


def plan_for(period: str | int, engine: Engine | None = None) -> Plan | None:
    """The plan a period is judged against: its own year's, on its own unit list; None when there is none.

    The period's list is the one it is shown on (:func:`geo.records.store.period_version`); the plan is the
    current version of the year's plan entered for a list of the same size (:func:`geo.records.plans.list_key`):
    2025-Q3 on the 166 units reads the plan signed for them, 2025-Q2 the one of the 549 units. ``engine`` is the
    store (the app's database when None).
    """
    from geo.records import plans
    from geo.records.store import period_version

    store = _engine(engine)
    period = str(period)
    year = period_year(period)
    row = plans.plan_document(store, year, plans.list_key(period_version(store, period)))
    return None if row is None else Plan.from_row(row)


def plan_years(engine: Engine | None = None) -> list[int]:
    """The years that hold a plan, in order."""
    from geo.records import plans

    return sorted({row["year"] for row in plans.current_plans(_engine(engine))})


def no_plan_text(period: str, lang: str = "vi", *, editor: bool = False, engine: Engine | None = None) -> str:
    """What a screen, sheet or the CLI says for a period without a plan to compare with: one sentence.

    When the year has a plan on another unit list only (2025-Q3 on the 166 units, the year's plan on the 549),
    it says that. ``editor``: a second sentence saying where in the app a plan is entered (the plan page).
    """
    year = period_year(str(period))
    other_list = False
    if engine is not None:
        from geo.records import plans

        other_list = plans.has_plans(engine, year)
    words = period_label(str(period), lang)
    if lang == "vi":  # inside a sentence: "số liệu quý 3 năm 2025"
        words = words[:1].lower() + words[1:]
    text = t("targets.no_plan_list" if other_list else "targets.no_plan", lang, year=year, period=words)
    return f"{text} {t('targets.no_plan_editor', lang)}" if editor else text


def load_plan(path: str | Path) -> Plan:
    """Read one plan file (format of ``data/plans/2019.toml``) without storing it; ValueError when malformed."""
    path = Path(path)
    with path.open("rb") as fh:
        raw = tomllib.load(fh)
    try:
        return Plan.from_document(raw)
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"{path.name}: {exc}") from exc
