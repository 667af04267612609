"""The plan's targets, read from ``data/plan_targets.toml`` (data, not code)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from geo.contract import TARGETS_PATH


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

    def by_metric(self) -> dict[str, Target]:
        """Targets keyed by the summary metric they are measured against."""
        return {t.metric: t for t in self.targets if t.metric}


def load_plan(path: str | Path = TARGETS_PATH) -> Plan:
    """Read the plan file; raise ValueError naming the file and item when an entry is malformed."""
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
    )
