"""``python -m geo briefing``: the leadership briefing of a period, as PDF (default) or DOCX.

``briefing --period P [--district CODE ...] --out FILE [--format pdf|docx] [--lang vi|en] [--db URL]
[--user NAME]``; the format follows the file's extension when ``--format`` is not given. The file written is
audited (an ``export``, as from the Export page) under ``--user`` (an active account with the right to export)
or, without it, the operating-system login (``os:<login>``).

Exit codes: 0 written (also when its audit line could not be written: a warning says so), 1 the file cannot be
written, or ``--user`` names a disabled account or one without the right; 2 usage errors (unknown period or
district, a format that does not match, ``--user`` naming no account).
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from geo.access import audit
from geo.cli.common import operator, user_option, warn
from geo.text import t

if TYPE_CHECKING:
    from geo.briefing.content import Briefing

TREND = True  # the trend chart (geo/figures/trend.py) in the briefing


def render(briefing: Briefing, fmt: str) -> bytes:
    """The briefing's bytes in ``fmt`` (``pdf`` or ``docx``): what the CLI and the Export page write."""
    if fmt == "docx":
        from geo.briefing.docx import render_docx

        return render_docx(briefing)
    from geo.briefing.pdf import render_pdf

    return render_pdf(briefing)


def pdf_pages(data: bytes) -> int:
    """How many pages a PDF has."""
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)


def cmd_briefing(args: argparse.Namespace) -> int:
    """Write the briefing of ``--period`` for the province or ``--district`` codes."""
    from geo.briefing.content import BriefingError, build_briefing
    from geo.records.store import get_engine

    out = Path(args.out)
    fmt = args.format or out.suffix.lower().lstrip(".")
    if fmt not in ("pdf", "docx") or (out.suffix.lower() in (".pdf", ".docx") and out.suffix.lower() != f".{fmt}"):
        print(t("cli.briefing.bad_format", args.lang, value=fmt), file=sys.stderr)
        return 2
    engine = get_engine(args.db)
    actor = operator(engine, args, "export", "export", {"theme": "briefing", "period": args.period, "file": out.name})
    if isinstance(actor, int):
        return actor
    started = time.perf_counter()
    try:
        briefing = build_briefing(engine, args.period, districts=args.district or (), lang=args.lang,
                                  with_trend=TREND)
    except BriefingError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    data = render(briefing, fmt)
    pages = "" if fmt == "docx" else t("cli.briefing.pages", args.lang, n=pdf_pages(data))
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
    except OSError as exc:
        print(t("cli.briefing.cannot_write", args.lang, path=out, error=exc), file=sys.stderr)
        return 1
    seconds = f"{time.perf_counter() - started:.1f}"
    print(t("cli.briefing.written", args.lang, path=out, pages=pages, size=len(data),
            seconds=seconds.replace(".", ",") if args.lang == "vi" else seconds))
    try:  # the keys the Export page's briefing writes
        audit.log(engine, actor, "export", lang=args.lang, detail={
            "theme": "briefing", "period": args.period, "districts": list(args.district or ()), "lang": args.lang,
            "format": fmt, "file": out.name, "small_counts_masked": False, "seconds": float(seconds)})
    except audit.AuditError as exc:  # the file is written all the same
        warn(str(exc), args.lang)
    if briefing.illustrative:
        print(f"*** {t('cli.illustrative', args.lang)} ***", file=sys.stderr)
    return 0


def add_commands(sub: argparse._SubParsersAction, common: object) -> None:
    """Add ``briefing`` to the parser of ``python -m geo``."""
    p = sub.add_parser("briefing", help="the leadership briefing of a period (PDF or DOCX)")
    p.add_argument("--period", required=True)
    p.add_argument("--district", action="append", metavar="CODE", help="district code; repeat for several")
    p.add_argument("--out", required=True, help="output file (.pdf or .docx)")
    p.add_argument("--format", choices=("pdf", "docx"), help="default: from the file's extension, else pdf")
    p.add_argument("--db", help="SQLAlchemy URL (default: the app's database)")
    user_option(p, operator=True)
    common(p)  # type: ignore[operator]
    p.set_defaults(func=cmd_briefing)
