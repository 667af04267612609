"""Each year's plan and its targets, read from ``data/plans/YYYY.toml`` (data, not code).

A period is compared with the plan of **its own year** (:func:`plan_for`): 2019 and its quarters with
Plan 19/KH-UBND (``data/plans/2019.toml``), 2023 with ``data/plans/2023.toml`` if there is one, and with no plan
at all otherwise (the screens then say so, :func:`no_plan_text`); never with another year's targets. A year's
plan is added by adding its file (see ``data/README.md``); ``GEO_PLANS_DIR`` names another folder.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from babel.dates import format_date

from geo.contract import PLANS_DIR, ROOT
from geo.periods import period_year
from geo.text import t


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

    def label(self, lang: str = "vi") -> str:
        """The label in ``lang``."""
        return self.label_en if lang == "en" else self.label_vi

    def as_dict(self) -> dict[str, object]:
        """The target as plain JSON-ready values, leaving out what is not set."""
        out = {"id": self.id, "label_vi": self.label_vi, "label_en": self.label_en}
        for name in ("metric", "value", "min", "max", "unit", "deadline"):
            if (v := getattr(self, name)) not in (None, ""):
                out[name] = v
        return out


@dataclass(frozen=True)
class Plan:
    """The plan's identity and its targets in file order."""

    id: str
    year: int
    title_vi: str
    title_en: str
    communes_total: int
    targets: tuple[Target, ...]
    signed: str = ""  # YYYY-MM-DD, when the file says

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




def plans_dir() -> Path:
    """The folder of the plan files: ``$GEO_PLANS_DIR``, else ``data/plans``."""
    return Path(os.environ.get("GEO_PLANS_DIR") or PLANS_DIR)


def plan_path(year: int, root: str | Path | None = None) -> Path:
    """Where the plan of ``year`` is (``<plans>/2019.toml``), whether or not it exists."""
    return Path(root or plans_dir()) / f"{int(year)}.toml"


def plan_years(root: str | Path | None = None) -> list[int]:
    """The years that have a plan file, in order."""
    folder = Path(root or plans_dir())
    return sorted(int(p.stem) for p in folder.glob("*.toml") if p.stem.isdigit()) if folder.is_dir() else []


def plans_state(root: str | Path | None = None) -> tuple[tuple[str, int, int], ...]:
    """Each plan file's name, modification time and size: part of a cache key (a file added shows at once)."""
    folder = Path(root or plans_dir())
    if not folder.is_dir():
        return ()
    return tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(folder.glob("*.toml")))


def plan_for(period: str | int, root: str | Path | None = None) -> Plan | None:
    """The plan of the period's year (``"2019-Q3"`` → the 2019 plan), or None when that year has none.

    Raises
    ------
    ValueError
        When the file is malformed or its ``year`` is not the year of its name (naming the file).
    """
    year = period_year(str(period))
    path = plan_path(year, root)
    if not path.is_file():
        return None
    stat = path.stat()
    plan = _load_cached(str(path), stat.st_mtime_ns, stat.st_size)
    if plan.year != year:
        raise ValueError(f"{path}: [plan] year = {plan.year}, but the file is the plan of {year} ({year}.toml)")
    return plan


@functools.lru_cache(maxsize=32)
def _load_cached(path: str, mtime_ns: int, size: int) -> Plan:  # the modification time and size: the key
    return load_plan(path)


def no_plan_text(period: str, lang: str = "vi") -> str:
    """What a screen, sheet or the CLI says for a period whose year has no plan file."""
    year = period_year(str(period))
    path = plan_path(year)
    shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    return t("targets.no_plan", lang, year=year, period=period, file=shown.as_posix())


def load_plan(path: str | Path) -> Plan:
    """Read one plan file; raise ValueError naming the file and item when an entry is malformed."""
    path = Path(path)
    with path.open("rb") as fh:
        raw = tomllib.load(fh)
    plan = raw.get("plan", {})
    targets = []
    for key, item in raw.get("targets", {}).items():
        try:
            targets.append(Target(id=key, **item))
        except TypeError as exc:
            raise ValueError(f"{path}: target {key}: {exc}") from exc
    return Plan(
        id=plan["id"],
        year=int(plan["year"]),
        title_vi=plan["title_vi"],
        title_en=plan["title_en"],
        communes_total=int(plan["communes_total"]),
        targets=tuple(targets),
        signed=str(plan.get("signed", "")),
    )
