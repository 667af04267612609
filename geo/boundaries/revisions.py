"""Boundary revisions: the lines a land office sends, stored beside the bundled ones and activated by an admin.

A revision belongs to a unit version (its effective date, e.g. ``2017-04-19`` for the 635 units of the bundled
layer) and holds the checked geometry of some or all of its units. Nothing is replaced in place:

- storing a file adds an inactive revision (the earlier ones stay);
- an admin activates (or deactivates) a revision; storing, each change and every refusal (a file the check
  refuses, :func:`check_upload`, too) are written to the audit trail (:mod:`geo.access.audit`; a change's line in
  the change's own transaction);
- the layer in use is the bundled layer with every active revision laid over it in the order they were
  activated: a partial revision (a district's communes) replaces only its units, a later activation wins.

The map, the sheets and the exports read the layer through :func:`current_layer`; it carries the sources of
the revisions it uses in ``attrs["boundary_revisions"]`` so that a sheet can cite them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import TYPE_CHECKING, Final

import geopandas as gpd
import pandas as pd
import shapely
from sqlalchemy import insert, select, update

from geo import clock
from geo.boundaries import border
from geo.clock import as_utc
from geo.contract import KEY, METRIC_CRS
from geo.database import revision_units_table, revisions_table
from geo.text import t
from geo.text.numbers import fmt_date

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sqlalchemy.engine import Engine

    from geo.boundaries.check import BoundaryReport, Target

# The version of the bundled layer (data/communes.geojson): the GSO list in force from 19 April 2017.
BUNDLED_VERSION: Final = "2017-04-19"


def check_upload(engine: Engine, files: Sequence[tuple[str, bytes]], target: Target, *, user: str,
                 name: str | None = None, layer: str | None = None, code_field: str | None = None,
                 crs: str | None = None, lang: str = "vi") -> tuple[BoundaryReport, str | None]:
    """Check a boundary file (:func:`geo.boundaries.check.validate_files`); audit it when it is refused.

    What the Boundaries page and ``python -m geo boundaries import`` call, as
    :func:`geo.records.store.check_upload` for records: a refused file leaves a refused ``boundary_validate``
    line under ``user`` (file, sha256, version, errors), whichever way it came in.

    Returns
    -------
    tuple
        The report, and for a refused file whose line could not be written the message that says so (None
        otherwise): the refusal stands all the same.
    """
    from geo.access import audit
    from geo.boundaries.check import validate_files

    report = validate_files(files, target, name=name, layer=layer, code_field=code_field, crs=crs, lang=lang)
    if not report.ok:
        try:
            audit.log(engine, user, "boundary_validate", outcome="refused", lang=lang, detail={
                "file": report.file, "sha256": report.sha256, "version": report.version, "errors": len(report.errors)})
        except audit.AuditError as exc:
            return report, str(exc)
    return report, None


def store_revision(engine: Engine, report: BoundaryReport, *, source: str, source_date: str, user: str,
                   lang: str = "vi") -> int:
    """Store the checked units of ``report`` as a new, inactive revision; return its id.

    Raises
    ------
    ValueError
        When the report has errors or no unit, the source is empty or the date is not ``YYYY-MM-DD``; the
        refusal is audited (a ``boundary_import`` refused, under ``user``).
    geo.access.audit.AuditError
        When the revision's audit line cannot be written: the revision is not stored either.
    """
    from geo.access import audit

    refusal = _refusal(report, source, source_date, lang)
    if refusal is not None:
        detail = {"file": report.file, "sha256": report.sha256, "errors": len(report.errors), "reason": refusal}
        try:
            audit.log(engine, user, "boundary_import", outcome="refused", detail=detail, lang=lang)
        except audit.AuditError as exc:
            raise ValueError(f"{refusal} {exc}") from exc
        raise ValueError(refusal)
    units = report.units.sort_values(KEY)
    wkb = [shapely.to_wkb(g, output_dimension=2) for g in units.geometry]
    areas = units.to_crs(METRIC_CRS).geometry.area / 1e6
    content = hashlib.sha256()
    for code, blob in zip(units[KEY], wkb, strict=True):
        content.update(code.encode() + blob)
    with audit.change(engine, lang) as conn:
        rid = conn.execute(insert(revisions_table).values(
            version=report.version, file_name=report.file, sha256=report.sha256,
            content_sha256=content.hexdigest(), units=len(units), crs=report.crs,
            transformation=report.transformation, source=source.strip(), source_date=source_date,
            created_at=clock.now(), username=user,
            warnings=json.dumps([p.as_dict() for p in report.warnings], ensure_ascii=False), active=False,
        )).inserted_primary_key[0]
        conn.execute(insert(revision_units_table), [
            {"revision_id": rid, KEY: code, "name_in_file": None if pd.isna(name) else str(name),
             "geometry": blob, "area_km2": round(float(area), 3)}
            for code, name, blob, area in zip(units[KEY], units["name_in_file"], wkb, areas, strict=True)
        ])
        audit.write(conn, user, "boundary_import", lang=lang, detail={
            "revision": rid, "version": report.version, "file": report.file, "sha256": report.sha256,
            "units": len(units), "warnings": len(report.warnings), "source": source, "source_date": source_date})
    return int(rid)


def _refusal(report: BoundaryReport, source: str, source_date: str, lang: str) -> str | None:
    """Why a report cannot be stored as a revision (errors, no unit, no source, a bad date), or None."""
    if not report.ok:
        return t("boundaries.revision.not_ok", lang)
    if report.units is None or report.units.empty:
        return t("boundaries.revision.no_units", lang)
    if not source.strip():
        return t("boundaries.revision.no_source", lang)
    try:
        dt.date.fromisoformat(source_date)
    except (TypeError, ValueError):
        return t("boundaries.revision.bad_date", lang, value=source_date)
    return None


def set_active(engine: Engine, revision_id: int, active: bool, *, user: str, lang: str = "vi") -> None:
    """Activate or deactivate a revision, audited in the same transaction. Activating again moves it to the top.

    Raises
    ------
    ValueError
        When there is no such revision (the refusal is audited).
    geo.access.audit.AuditError
        When the audit line cannot be written: nothing changes then.
    """
    from geo.access import audit

    action = "boundary_activate" if active else "boundary_deactivate"
    with audit.change(engine, lang) as conn:
        row = conn.execute(select(revisions_table).where(revisions_table.c.id == revision_id)).mappings().first()
        if row is not None:
            conn.execute(update(revisions_table).where(revisions_table.c.id == revision_id).values(
                active=active, activated_at=clock.now() if active else None, activated_by=user if active else None))
            audit.write(conn, user, action, lang=lang,
                        detail={"revision": revision_id, "version": row["version"], "file": row["file_name"]})
    if row is None:
        message = t("boundaries.revision.no_revision", lang, id=revision_id)
        try:
            audit.log(engine, user, action, outcome="refused", detail={"revision": revision_id, "reason": message},
                      lang=lang)
        except audit.AuditError as exc:
            message = f"{message} {exc}"
        raise ValueError(message)


def list_revisions(engine: Engine, version: str | None = None) -> pd.DataFrame:
    """Every stored revision (newest first), without geometry."""
    query = select(*[c for c in revisions_table.columns if c.name != "warnings"]).order_by(
        revisions_table.c.id.desc())
    if version is not None:
        query = query.where(revisions_table.c.version == version)
    with engine.connect() as conn:
        rows = conn.execute(query).mappings().all()
    return pd.DataFrame(rows, columns=[c.name for c in revisions_table.columns if c.name != "warnings"])


def active_revisions(engine: Engine, version: str = BUNDLED_VERSION) -> list[dict]:
    """The active revisions of ``version`` in the order they apply (first activated first)."""
    query = (select(revisions_table).where(revisions_table.c.version == version, revisions_table.c.active)
             .order_by(revisions_table.c.activated_at, revisions_table.c.id))
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(query).mappings().all()]


def state_key(engine: Engine, version: str = BUNDLED_VERSION) -> str:
    """A key that changes with the lines in use: the content hashes of the active revisions, in order.

    Empty when only the bundled lines are used (so caches keyed by the bundled file stay as they were).
    """
    revisions = active_revisions(engine, version)
    if not revisions:
        return ""
    return hashlib.sha256(" ".join(f"{r['id']}:{r['content_sha256']}" for r in revisions).encode()).hexdigest()


def revision_units(engine: Engine, revision_id: int) -> gpd.GeoDataFrame:
    """The units of one revision (EPSG:4326)."""
    with engine.connect() as conn:
        rows = conn.execute(select(revision_units_table).where(
            revision_units_table.c.revision_id == revision_id).order_by(revision_units_table.c[KEY])).mappings().all()
    return gpd.GeoDataFrame(
        {KEY: [r[KEY] for r in rows], "name_in_file": [r["name_in_file"] for r in rows],
         "area_km2": [r["area_km2"] for r in rows]},
        geometry=gpd.GeoSeries(shapely.from_wkb([r["geometry"] for r in rows]), crs="EPSG:4326"), crs="EPSG:4326")


def apply_revisions(layer: gpd.GeoDataFrame, engine: Engine, version: str = BUNDLED_VERSION) -> gpd.GeoDataFrame:
    """``layer`` with the active revisions of ``version`` laid over it (a new frame; ``layer`` is unchanged).

    A replaced unit takes the revision's polygon and area; a unit that was a point (no boundary in the bundled
    source) becomes a polygon. ``attrs["boundary_revisions"]`` lists what was used (id, source, date, file,
    units replaced).

    The Laos-border fields follow the lines in use (:func:`geo.boundaries.border.border_fields`): a revision that
    moves a border commune's polygon away from the line un-flags it, one far from the border changes nothing.
    """
    revisions = active_revisions(engine, version)
    out = layer.copy()
    used = []
    if revisions:
        position = {code: i for i, code in enumerate(out[KEY])}
        geoms = list(out.geometry.values)
        areas = out["area_km2"].to_numpy(dtype=float).copy()
        has = out["has_boundary"].to_numpy(dtype=bool).copy()
        for rev in revisions:
            units = revision_units(engine, rev["id"])
            hit = 0
            for code, geom, area in zip(units[KEY], units.geometry, units["area_km2"], strict=True):
                if code in position:
                    i = position[code]
                    geoms[i], areas[i], has[i] = geom, area, True
                    hit += 1
            used.append({"id": rev["id"], "source": rev["source"], "date": rev["source_date"],
                         "file": rev["file_name"], "units": hit, "activated_at": as_utc(rev["activated_at"])})
        out = out.set_geometry(gpd.GeoSeries(geoms, index=out.index, crs=out.crs))
        out["area_km2"] = areas
        out["has_boundary"] = has
        out["is_laos_border"], out["laos_border_km"] = border.border_fields(layer, out)
    out.attrs["boundary_revisions"] = used
    return out


def citation(revisions: list[dict], lang: str = "vi", *, short: bool = False) -> list[str]:
    """One line per revision in use (from ``attrs["boundary_revisions"]``), for sheet footers and exports.

    ``short=True``: the form for the map's attribution line.
    """
    key = "boundaries.revision.cite_short" if short else "boundaries.revision.cite"
    return [t(key, lang, units=r["units"], id=r["id"], source=r["source"], date=fmt_date(r["date"]), file=r["file"])
            for r in revisions]


# ------------------------------------------------------------------------------------------ the version seam
# The versions are geo.units.versions' (data/units/). The bundled layer (data/communes.geojson, the one the map draws)
# is version 2017-04-19; every other version's lines are geo.units.versions.boundaries(version). Revisions of any
# version are laid over that version's lines in the same way.


def known_versions() -> tuple[str, ...]:
    """The unit versions that boundary files can be checked against (geo.units.versions' versions, oldest first)."""
    from geo.units import versions

    ids = tuple(v.id for v in versions.list_versions())
    return ids if BUNDLED_VERSION in ids else (BUNDLED_VERSION, *ids)


def current_layer(engine: Engine, version: str = BUNDLED_VERSION) -> gpd.GeoDataFrame:
    """The lines in use for ``version``: its bundled lines with its active revisions laid over them.

    Raises
    ------
    KeyError
        For a version that geo.units.versions does not know.
    """
    from geo.boundaries.layer import read_communes
    from geo.units import versions

    if version not in known_versions():
        raise KeyError(version)
    base = read_communes() if version == BUNDLED_VERSION else versions.boundaries(version)
    return apply_revisions(base, engine, version)


def target(engine: Engine, version: str = BUNDLED_VERSION):
    """What a boundary file of ``version`` is checked against: its units and the lines in use now."""
    from geo.boundaries.check import target_from_layer

    return target_from_layer(current_layer(engine, version), version)


def boundary_citation(layer: gpd.GeoDataFrame, lang: str = "vi", *, short: bool = False) -> list[str]:
    """The citation lines of the revisions a layer from :func:`current_layer` uses (none for the bundled lines)."""
    return citation(layer.attrs.get("boundary_revisions") or [], lang, short=short)
