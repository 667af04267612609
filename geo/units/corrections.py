"""An admin's corrections of derived merger links, from a CSV file, checked and applied without code.

The December 2019, May 2024 and January 2025 mergers are *derived* (no source states which unit absorbed a
removed one, ``scripts/build_units.py``). An admin who knows better (a resolution, a district's word) writes a
CSV with the columns ``version, removed_code, absorbed_by, reason`` and runs
``python -m geo units correct FILE.csv``: :func:`check_corrections` checks every row against the committed
versions (the version exists and has derived links; ``removed_code`` is a derived, or already corrected,
merger of that version; ``absorbed_by`` is a unit of that version that kept its code and touches the removed
unit's 2019 polygon; a reason is given), and :func:`apply_corrections_file` merges the rows into
``data/units/link_corrections.csv`` and rebuilds the versions from the reference data, so the links, the
dissolved boundaries and everything drawn from them follow. Each problem names the file, row, column and
value, in Vietnamese or English.

The command calls :func:`audited_check` and :func:`audited_apply`, which write the audit trail: a refused file,
and an applied one with what changed; when that line cannot be written, the rebuilt files are put back as they
were, so a correction never stands without its line.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from geo.access import audit
from geo.contract import KEY, METRIC_CRS
from geo.problems import Problem
from geo.text import t
from geo.text.numbers import fmt_date, fmt_dates
from geo.units.versions import (
    CORRECTIONS_FIELDS,
    UNITS_DIR,
    boundaries,
    links,
    list_versions,
    read_corrections,
    units,
    version_id,
)

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine


def _touching_survivors(version: str, removed: str, root: str | Path) -> dict[str, float]:
    """The units of ``version`` that kept their code, lie in ``removed``'s district and touch its polygon.

    Lengths of the shared outline in km, as :func:`geo.units.build.derive_mergers` measures them (which never
    gives a removed unit to another district either).
    """
    from geo.units.build import TOUCH_M, shared_boundary_km

    ids = [v.id for v in list_versions(root)]
    before = ids[ids.index(version) - 1]
    lk = links(version, root)
    kept = set(lk.loc[(lk["prev_code"] == lk[KEY]) & lk["kind"].isin(["same", "renamed"]), KEY])
    layer = boundaries(before, root).to_crs(METRIC_CRS).set_index(KEY)
    if removed not in layer.index:
        return {}
    district = layer.loc[removed, "district_code"]
    shapes = layer.loc[layer["district_code"] == district].geometry
    g = shapes[removed]
    near = shapes[shapes.index.isin(kept) & shapes.intersects(g.buffer(TOUCH_M))]
    touch = {c: shared_boundary_km(g, s) for c, s in near.items()}
    return {c: km for c, km in sorted(touch.items(), key=lambda kv: -kv[1]) if km > 0}


def check_corrections(path: str | Path, root: str | Path = UNITS_DIR,
                      lang: str = "vi") -> tuple[pd.DataFrame, list[Problem]]:
    """Read and check an admin's corrections file; return its rows and every problem found (none: valid)."""
    path = Path(path)
    name = path.name
    problems: list[Problem] = []

    def problem(row: int | None, column: str | None, value: object, key: str, **kw: object) -> None:
        problems.append(Problem(name, row, column, None if value is None else str(value),
                                t(f"units.correction.{key}", lang, value=value, **kw), "error"))

    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, comment="#", encoding="utf-8-sig")
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        problem(None, None, None, "unreadable", detail=str(exc))
        return pd.DataFrame(columns=list(CORRECTIONS_FIELDS)), problems
    frame.columns = [c.strip() for c in frame.columns]
    for col in CORRECTIONS_FIELDS:
        if col not in frame.columns:
            problem(1, col, None, "missing_column", name=col, needed=", ".join(CORRECTIONS_FIELDS))
    if problems:
        return frame, problems
    frame = frame[list(CORRECTIONS_FIELDS)].apply(lambda s: s.str.strip())
    frame["version"] = frame["version"].map(version_id)  # "01/12/2019", as the messages write a list, or its id
    known = [v.id for v in list_versions(root)]
    all_links = {v: links(v, root) for v in known}
    with_derived = [v for v, lk in all_links.items() if lk["evidence"].isin(["derived", "admin"]).any()]
    seen: dict[tuple[str, str], int] = {}
    for i, r in enumerate(frame.itertuples(index=False), start=2):
        if r.version not in known:
            problem(i, "version", r.version, "unknown_version", known=fmt_dates(known))
            continue
        if r.version not in with_derived:
            problem(i, "version", r.version, "no_derived", known=fmt_dates(with_derived))
            continue
        codes_ok = True
        for col in ("removed_code", "absorbed_by"):
            value = getattr(r, col)
            if not (len(value) == 5 and value.isdigit()):
                problem(i, col, value, "bad_code")
                codes_ok = False
        if not codes_ok:
            continue
        lk = all_links[r.version]
        merged = lk[(lk["prev_code"] == r.removed_code) & (lk["kind"] == "merged")]
        if merged.empty or not merged["evidence"].isin(["derived", "admin"]).any():
            ids = known.index(r.version)
            absent = r.removed_code not in set(units(known[ids - 1], root)[KEY])
            why = "why_absent" if absent else "why_official" if not merged.empty else None
            problem(i, "removed_code", r.removed_code, "not_derived", version=fmt_date(r.version),
                    why=t(f"units.correction.{why}", lang) if why else "")
            continue
        if (r.version, r.removed_code) in seen:
            problem(i, "removed_code", r.removed_code, "duplicate", version=fmt_date(r.version),
                    other=seen[(r.version, r.removed_code)])
            continue
        seen[(r.version, r.removed_code)] = i
        touching = _touching_survivors(r.version, r.removed_code, root)
        survivors = set(lk.loc[(lk["prev_code"] == lk[KEY]) & lk["kind"].isin(["same", "renamed"]), KEY])
        if r.absorbed_by not in survivors:
            problem(i, "absorbed_by", r.absorbed_by, "not_survivor", version=fmt_date(r.version))
        elif r.absorbed_by not in touching:
            problem(i, "absorbed_by", r.absorbed_by, "not_touching", removed=r.removed_code,
                    touching=", ".join(f"{c} ({km:.2f} km)" for c, km in touching.items()) or "—")
        if not r.reason:
            problem(i, "reason", "", "no_reason")
    return frame, problems


def merged_corrections(current: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """The corrections in force after ``new``: its rows replace those of ``current`` for the same merger."""
    keys = set(zip(new["version"], new["removed_code"], strict=True))
    kept = current[[(v, c) not in keys for v, c in zip(current["version"], current["removed_code"], strict=True)]]
    out = pd.concat([kept, new[list(CORRECTIONS_FIELDS)]], ignore_index=True)
    return out.sort_values(["version", "removed_code"], ignore_index=True)


def apply_corrections_file(path: str | Path, source: str | Path, root: str | Path = UNITS_DIR) -> dict:
    """Merge a checked corrections file into ``root/link_corrections.csv`` and rebuild the versions.

    ``source`` is the reference folder (``../shared/data/units``) the versions are built from, as by
    ``make units``. The corrections file is written only after the rebuild succeeded. Returns what changed:
    ``{"rows", "sha256", "changed": [(version, removed, old absorber, new absorber)]}``.
    """
    from geo.boundaries.border import read_laos_border
    from geo.boundaries.layer import read_communes
    from geo.units.build import build_versions
    from geo.units.versions import write_built

    root = Path(root)
    new = pd.read_csv(path, dtype=str, keep_default_na=False, comment="#", encoding="utf-8-sig")
    new.columns = [c.strip() for c in new.columns]
    new = new[list(CORRECTIONS_FIELDS)].apply(lambda s: s.str.strip())
    new["version"] = new["version"].map(version_id)
    before = {v.id: links(v.id, root) for v in list_versions(root)}
    rows = merged_corrections(read_corrections(root / "link_corrections.csv"), new)
    built = build_versions(source, read_communes(), read_laos_border(), rows)
    write_built(built, root)
    rows.to_csv(root / "link_corrections.csv", index=False, lineterminator="\n")
    changed = []
    for r in new.itertuples(index=False):
        old = before[r.version]
        old_abs = old.loc[(old["prev_code"] == r.removed_code) & (old["kind"] == "merged"), KEY].tolist()
        changed.append((r.version, r.removed_code, ",".join(old_abs), r.absorbed_by))
    return {"rows": len(new), "sha256": hashlib.sha256(Path(path).read_bytes()).hexdigest(), "changed": changed}


def audited_check(engine: Engine, path: str | Path, *, user: str, root: str | Path = UNITS_DIR,
                  lang: str = "vi") -> tuple[list[Problem], str | None]:
    """:func:`check_corrections`, a refused file audited (``units_correct`` refused, under ``user``).

    Returns every problem and, when a refusal's line could not be written, the message that says so (the
    refusal stands: nothing was changed).
    """
    _, problems = check_corrections(path, root, lang=lang)
    if problems:
        try:
            audit.log(engine, user, "units_correct", outcome="refused", lang=lang,
                      detail={"file": Path(path).name, "errors": len(problems)})
        except audit.AuditError as exc:
            return problems, str(exc)
    return problems, None


def audited_apply(engine: Engine, path: str | Path, source: str | Path, *, user: str,
                  root: str | Path = UNITS_DIR, lang: str = "vi") -> dict:
    """:func:`apply_corrections_file`, audited: the rebuilt files and their audit line exist together or not at all.

    The versions' files are kept in memory first (about 5 MB); when the line cannot be written they are put back.

    Raises
    ------
    geo.access.audit.AuditError
        When the line cannot be written: the files are as they were, nothing changed.
    """
    root = Path(root)
    kept = {f: f.read_bytes() for f in root.iterdir() if f.is_file()}
    result = apply_corrections_file(path, source, root)
    try:
        audit.log(engine, user, "units_correct", lang=lang, detail={
            "file": Path(path).name, "sha256": result["sha256"], "rows": result["rows"], "changed": result["changed"]})
    except audit.AuditError:
        for f in root.iterdir():
            if f.is_file() and f not in kept:
                f.unlink()
        for f, data in kept.items():
            f.write_bytes(data)
        raise audit.AuditError.undone(lang) from None
    return result
