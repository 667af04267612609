"""``python -m geo boundaries validate|import|list|activate|deactivate``: boundary files from the terminal.

``import``, ``activate`` and ``deactivate`` need ``--user``, an active admin account; the revisions module
writes the audit line of each (a change's in its own transaction) and of each refusal: a file ``import`` checks
and refuses leaves a refused ``boundary_validate``, as on the Boundaries page
(:func:`geo.boundaries.revisions.check_upload`).
``validate`` is a dry check: it needs no account and audits nothing, as the records' ``validate``.

Exit codes as for the records: 0 the file is valid (warnings allowed) or the action was done, 1 the file is
rejected (nothing stored; also a disabled account, one that is not an admin, or an audit line that cannot be
written), 2 usage errors (bad options, a missing file, an unknown version or revision, no ``--user`` or an
unknown account).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from geo.cli.common import account, user_option, version_arg
from geo.problems import print_problems
from geo.text import t
from geo.text.controls import json_text
from geo.text.numbers import fmt_date, fmt_dates

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from geo.boundaries.check import BoundaryReport, Target


def print_report(report: BoundaryReport, lang: str) -> None:
    """Every error, then every warning, then the verdict."""
    r = report
    print_problems(r.errors, r.warnings, lang, places="features")
    if r.crs:
        print(t("cli.boundaries.crs", lang, crs=r.crs, transformation=r.transformation))
    if r.ok:
        print(t("cli.boundaries.ok", lang, file=r.file, n=r.rows, u=len(r.units),
                version=fmt_date(r.version), w=len(r.warnings)))
    else:
        print(t("cli.boundaries.bad", lang, file=r.file, e=len(r.errors),
                w=len(r.warnings)))


def _target(args: argparse.Namespace) -> tuple[Path, Engine, Target] | int:
    """The file, the database and what the file is checked against; or exit code 2 after a clear message."""
    from geo.boundaries import revisions
    from geo.records.store import get_engine

    path = Path(args.file)
    if not path.is_file():
        print(t("cli.no_file", args.lang, path=path), file=sys.stderr)
        return 2
    if args.version not in revisions.known_versions():
        print(t("cli.boundaries.no_version", args.lang, version=args.version,
                known=fmt_dates(revisions.known_versions())), file=sys.stderr)
        return 2
    engine = get_engine(args.db)
    return path, engine, revisions.target(engine, args.version)


def cmd_validate(args: argparse.Namespace) -> int:
    """Check a boundary file against a version's units and the lines in use; store nothing (and audit nothing)."""
    from geo.boundaries.check import validate_path

    found = _target(args)
    if isinstance(found, int):
        return found
    path, _, target = found
    report = validate_path(path, target, layer=args.layer, code_field=args.code_field, crs=args.crs, lang=args.lang)
    if args.json:
        print(json_text(json.dumps(report.to_json(), ensure_ascii=False, indent=2)))
    else:
        print_report(report, args.lang)
    return 0 if report.ok else 1


def cmd_import(args: argparse.Namespace) -> int:
    """Validate, then store the file as a new revision (inactive until ``activate``, or with ``--activate``)."""
    from geo.access.audit import AuditError
    from geo.boundaries import revisions
    from geo.boundaries.check import path_files
    from geo.records.store import get_engine

    user = account(get_engine(args.db), args, "admin", "boundary_import", {"file": Path(args.file).name})
    if isinstance(user, int):
        return user
    found = _target(args)
    if isinstance(found, int):
        return found
    path, engine, target = found
    # The check the Boundaries page makes: a refused file is audited there (boundary_validate), whichever way in.
    report, not_logged = revisions.check_upload(engine, path_files(path), target, user=user.username, name=path.name,
                                                layer=args.layer, code_field=args.code_field, crs=args.crs,
                                                lang=args.lang)
    print_report(report, args.lang)
    if not report.ok:
        if not_logged:
            print(not_logged, file=sys.stderr)
        return 1
    try:
        rid = revisions.store_revision(engine, report, source=args.source or report.file,
                                       source_date=args.source_date, user=user.username, lang=args.lang)
    except ValueError as exc:  # a source or date to fix (the refusal is audited there)
        print(str(exc), file=sys.stderr)
        return 2
    except AuditError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(t("cli.boundaries.stored", args.lang, id=rid, u=len(report.units)))
    if args.activate:
        revisions.set_active(engine, rid, True, user=user.username, lang=args.lang)
        print(t("cli.boundaries.activated", args.lang, id=rid))
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    """The stored revisions."""
    from geo.boundaries import revisions
    from geo.records.store import get_engine

    frame = revisions.list_revisions(get_engine(args.db))
    columns = ["id", "version", "active", "units", "source", "source_date", "file_name", "username", "created_at"]
    print(frame[columns].to_string(index=False) if not frame.empty else "-")
    return 0


def cmd_activate(args: argparse.Namespace) -> int:
    """Put a revision in use (``activate``) or take it out (``deactivate``)."""
    from geo.access.audit import AuditError
    from geo.boundaries import revisions
    from geo.records.store import get_engine

    active = args.boundaries_action == "activate"
    engine = get_engine(args.db)
    user = account(engine, args, "admin", f"boundary_{args.boundaries_action}", {"revision": args.revision})
    if isinstance(user, int):
        return user
    try:
        revisions.set_active(engine, args.revision, active, user=user.username, lang=args.lang)
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except AuditError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(t("cli.boundaries.activated" if active else "cli.boundaries.deactivated", args.lang, id=args.revision))
    return 0


def add_commands(sub: argparse._SubParsersAction, common: Callable[[argparse.ArgumentParser], None]) -> None:
    """Register ``boundaries`` and its actions on the ``python -m geo`` parser."""
    from geo import clock
    from geo.boundaries.revisions import BUNDLED_VERSION

    p = sub.add_parser("boundaries", help="check and store boundary files (shapefile, GeoPackage, KML, GeoJSON)")
    actions = p.add_subparsers(dest="boundaries_action", required=True)

    def file_options(q: argparse.ArgumentParser) -> None:
        q.add_argument("file", help=".shp (with its siblings), .zip, .gpkg, .kml, .kmz, .geojson")
        q.add_argument("--version", default=BUNDLED_VERSION, type=version_arg,
                       help=f"unit list, DD/MM/YYYY (default {fmt_date(BUNDLED_VERSION)})")
        q.add_argument("--layer", help="layer to read when the file has several")
        q.add_argument("--code-field", help="field holding the commune code (default: found by name)")
        q.add_argument("--crs", help="CRS when the file has none, e.g. EPSG:3405 or 5897")
        q.add_argument("--db", help="SQLAlchemy URL (default: the app's database)")
        common(q)

    q = actions.add_parser("validate", help="check a boundary file; store nothing")
    file_options(q)
    q.add_argument("--json", action="store_true", help="machine-readable report")
    q.set_defaults(func=cmd_validate)

    q = actions.add_parser("import", help="check, then store as a new revision")
    file_options(q)
    q.add_argument("--source", help="who drew the lines (default: the file name)")
    q.add_argument("--source-date", default=clock.today().isoformat(), help="date of the lines, YYYY-MM-DD")
    q.add_argument("--activate", action="store_true", help="put the revision in use at once")
    user_option(q)
    q.set_defaults(func=cmd_import)

    q = actions.add_parser("list", help="stored revisions")
    q.add_argument("--db")
    common(q)
    q.set_defaults(func=cmd_list)

    for name in ("activate", "deactivate"):
        q = actions.add_parser(name, help=f"{name} a stored revision")
        q.add_argument("revision", type=int)
        q.add_argument("--db")
        user_option(q)
        common(q)
        q.set_defaults(func=cmd_activate)
