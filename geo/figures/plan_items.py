"""Province-level progress on the plan items that have no commune figures (T6, T9, T10 of Plan 19/KH-UBND).

Items such as "re-establish team 178 by Q1" or "two new support models" are not counted over communes, so
:func:`geo.figures.summary.period_summary` cannot measure them. Editors record their progress here instead: a status, a
number where the item has one (T9: models built), a note, the date the entry describes, and who entered it.
Entries are never changed or deleted; a newer entry supersedes an older one, so the table is its own history.
Every entry goes to the audit trail in the transaction that stores it, every refused attempt in one of its own
(:mod:`geo.access.audit`).

The overview, the briefing and ``python -m geo plan-item`` / ``summary`` all read the latest status through
:func:`latest_entries` and judge it against the plan with :func:`assess_items`.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Final, TypedDict, cast

import pandas as pd
from sqlalchemy import insert, select

from geo import clock
from geo.access import audit
from geo.database import plan_progress_table
from geo.periods import period_parts
from geo.text import t
from geo.text.numbers import fmt_date

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from geo.access.accounts import User
    from geo.figures.targets import Plan, Target

ITEM_STATUSES: Final = ("not_started", "in_progress", "done")
PROGRESS: Final = ("met", "on_track", "behind", "no_data")  # the briefing's vocabulary, shared with targets
NOTE_MAX: Final = 2000


class PlanItemError(ValueError):
    """An entry was refused; the message (in the user's language) says which field and value."""


def manual_items(plan: Plan) -> tuple[Target, ...]:
    """The plan items without a commune metric: the ones whose progress is entered by hand."""
    return tuple(item for item in plan.targets if not item.metric)


def period_end(period: str) -> dt.date:
    """The last day of a period: ``"2019-Q1"`` → 2019-03-31, ``"2019"`` → 2019-12-31."""
    year, quarter = period_parts(period)
    if quarter is None:
        return dt.date(year, 12, 31)
    month = 3 * quarter
    return (dt.date(year + (month == 12), month % 12 + 1, 1)) - dt.timedelta(days=1)


def _parse_date(value: object, lang: str) -> dt.date:
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        try:
            value = dt.date.fromisoformat(str(value).strip())
        except ValueError:
            raise PlanItemError(t("plan.bad_date", lang, value=value)) from None
    if value > clock.today():  # Thanh Hóa's date: at 06:30 there it is 23:30 the day before in UTC
        raise PlanItemError(t("plan.bad_date", lang, value=value))
    return value


def _parse_value(item: Target, value: object, lang: str) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if item.value is None and item.min is None:
        raise PlanItemError(t("plan.no_value", lang, item=item.id))
    try:
        number = float(str(value).strip().replace(",", "."))
    except ValueError:
        raise PlanItemError(t("plan.bad_value", lang, item=item.id, value=value)) from None
    if not math.isfinite(number) or number < 0:
        raise PlanItemError(t("plan.bad_value", lang, item=item.id, value=value))
    return number


def record_progress(engine: Engine, plan: Plan, user: User, item_id: str, status: str, *,
                    value: object = None, note: str = "", as_of: object = None, lang: str = "vi") -> int:
    """Store one progress entry for a plan item and log it in the audit trail.

    Parameters
    ----------
    engine : Engine
        The store.
    plan : Plan
        The plan the item belongs to (:func:`geo.figures.targets.load_plan`).
    user : User
        Who enters it; editors and admins only (the right ``import``).
    item_id : str
        An item of :func:`manual_items` (``"T6"``).
    status : str
        One of :data:`ITEM_STATUSES`.
    value : number or str, optional
        The item's number (only for items with a numeric target, e.g. T9's 2 models); ``"1,5"`` is read as 1.5.
    note : str, optional
        What was done, at most :data:`NOTE_MAX` characters.
    as_of : date or str, optional
        The date the entry describes (``YYYY-MM-DD``, not in the future, in the plan's year: an entry is recorded
        against the plan of its date's year); today by default.
    lang : str, optional
        Language of the error messages.

    Returns
    -------
    int
        The new entry's id.

    Raises
    ------
    PlanItemError
        When the user lacks the right or a field is invalid. Nothing is stored then; the refusal is logged (the
        message says so when its line could not be written). Also when the entry's audit line cannot be
        written: then the entry is not stored either.
    """
    detail: dict[str, object] = {"item": item_id, "status": status, "value": value, "as_of": as_of}
    try:
        if not user.can("import"):
            raise PlanItemError(t("plan.no_right", lang, user=user.username, role=user.role))
        items = {item.id: item for item in manual_items(plan)}
        if item_id not in items:
            raise PlanItemError(t("plan.no_item", lang, item=item_id, known=", ".join(items)))
        if status not in ITEM_STATUSES:
            raise PlanItemError(t("plan.bad_status", lang, value=status,
                                  known=", ".join(ITEM_STATUSES)))
        number = _parse_value(items[item_id], value, lang)
        day = clock.today() if as_of in (None, "") else _parse_date(as_of, lang)
        if day.year != plan.year:  # an entry belongs to the plan of its date's year
            raise PlanItemError(t("plan.other_year", lang, date=fmt_date(day), year=plan.year, id=plan.id))
        note = (note or "").strip()
        if len(note) > NOTE_MAX:
            raise PlanItemError(t("plan.long_note", lang, n=NOTE_MAX))
    except PlanItemError as exc:
        try:
            audit.log(engine, user.username, "plan_progress", outcome="refused", lang=lang,
                      detail={**detail, "reason": str(exc)})
        except audit.AuditError as missing:
            raise PlanItemError(f"{exc} {missing}") from exc
        raise
    try:
        with audit.change(engine, lang) as conn:
            entry_id = conn.execute(insert(plan_progress_table).values(
                item_id=item_id, status=status, value=number, note=note or None, as_of=day,
                username=user.username, entered_at=clock.now(),
            )).inserted_primary_key[0]
            audit.write(conn, user.username, "plan_progress", lang=lang,
                        detail={"id": int(entry_id), "item": item_id, "status": status, "value": number,
                                "as_of": day.isoformat(), "note": note or None})
    except audit.AuditError as exc:  # undone with its line, or never written: the page and the CLI say why
        raise PlanItemError(str(exc)) from exc
    return int(entry_id)


HISTORY_COLUMNS: Final = ("id", "item_id", "status", "value", "note", "as_of", "username", "entered_at")


class Entry(TypedDict):
    """One stored progress entry (a row of ``plan_progress``, the columns of :data:`HISTORY_COLUMNS`)."""

    id: int
    item_id: str
    status: str
    value: float | None
    note: str | None
    as_of: dt.date
    username: str
    entered_at: dt.datetime


def history(engine: Engine, item_id: str | None = None) -> pd.DataFrame:
    """Every entry (of one item, or of all), newest first: by the date described, then by entry order."""
    query = select(*(plan_progress_table.c[c] for c in HISTORY_COLUMNS))
    if item_id is not None:
        query = query.where(plan_progress_table.c.item_id == item_id)
    query = query.order_by(plan_progress_table.c.as_of.desc(), plan_progress_table.c.id.desc())
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return pd.DataFrame(rows, columns=list(HISTORY_COLUMNS))


def latest_entries(engine: Engine, as_of: dt.date | None = None, since: dt.date | None = None) -> dict[str, Entry]:
    """The latest entry of each item describing a day up to ``as_of`` (all entries when None), from ``since``.

    ``since``: the first day of a plan's year, so that a year's items read that year's entries only (T6 of 2021
    is not done because T6 of 2019 was).

    A later entry about an earlier day (a correction entered afterwards) wins over an earlier entry about the
    same day.
    """
    query = select(*(plan_progress_table.c[c] for c in HISTORY_COLUMNS))
    if as_of is not None:
        query = query.where(plan_progress_table.c.as_of <= as_of)
    if since is not None:
        query = query.where(plan_progress_table.c.as_of >= since)
    query = query.order_by(plan_progress_table.c.as_of, plan_progress_table.c.id)
    latest: dict[str, Entry] = {}
    with engine.connect() as conn:
        for row in conn.execute(query).mappings():
            latest[row["item_id"]] = cast("Entry", dict(row))
    return latest


def item_progress(item: Target, entry: Entry | None, period: str) -> str:
    """Judge one item's latest entry against the plan at the end of ``period`` (one of :data:`PROGRESS`).

    ``met`` when the entry says done or its number reaches the target; ``behind`` when not met and the
    item's deadline (or, without one, the end of the plan's year) has passed by the period's end; otherwise
    ``on_track``. ``no_data`` when nothing was entered up to the period's end.
    """
    if entry is None:
        return "no_data"
    goal = item.value if item.value is not None else item.min
    value = entry.get("value")
    if entry["status"] == "done" or (goal is not None and value is not None and float(value) >= goal):
        return "met"
    end = period_end(period)
    deadline = period_end(item.deadline) if item.deadline else None
    year_end = period_parts(period)[1] is None
    if (deadline is not None and end >= deadline) or (deadline is None and year_end):
        return "behind"
    return "on_track"


@dataclass(frozen=True)
class ItemAssessment:
    """One hand-entered item at the end of a period: the plan's target and deadline, the latest entry, its judgement.

    ``status``, ``value``, ``note``, ``as_of`` and ``username`` are the latest entry's (all None when nothing
    was entered); ``progress`` is :func:`item_progress`.
    """

    id: str
    target: float | None  # the plan's number, if the item has one
    deadline: str | None  # a period ("2019-Q1")
    status: str | None
    value: float | None
    note: str | None
    as_of: dt.date | None
    username: str | None
    progress: str

    def as_json(self) -> dict[str, object]:
        """The fields by name, in this order (``as_of`` stays a date: the caller writes it as text)."""
        return asdict(self)


def assess_items(plan: Plan, latest: dict[str, Entry], period: str) -> tuple[ItemAssessment, ...]:
    """One :class:`ItemAssessment` per hand-entered item of ``plan``, judged at the end of ``period``."""
    rows = []
    for item in manual_items(plan):
        entry = latest.get(item.id)
        rows.append(ItemAssessment(
            id=item.id,
            target=item.value,
            deadline=item.deadline,
            status=None if entry is None else entry["status"],
            value=None if entry is None else entry["value"],
            note=None if entry is None else entry["note"],
            as_of=None if entry is None else entry["as_of"],
            username=None if entry is None else entry["username"],
            progress=item_progress(item, entry, period),
        ))
    return tuple(rows)


def period_items(engine: Engine, plan: Plan, period: str) -> tuple[ItemAssessment, ...]:
    """:func:`assess_items` over the entries up to the end of ``period``: what the overview, briefing and CLI show."""
    return assess_items(plan, latest_entries(engine, period_end(period), dt.date(plan.year, 1, 1)), period)
