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
from collections.abc import Callable
from pathlib import Path

from geo.cli.common import operator, period_arg, user_option, warn
from geo.text import t


def pdf_pages(data: bytes) -> int:
    """How many pages a PDF has."""
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)


def cmd_briefing(args: argparse.Namespace) -> int:
    """Write the briefing of ``--period`` for the province or ``--district`` codes."""
    from geo.briefing.content import BriefingError
    from geo.briefing.document import make_briefing
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
    try:  # builds, renders, writes and audits (geo/briefing/document.py: the Export page calls it too)
        made = make_briefing(engine, actor, args.period, fmt, districts=args.district or (), lang=args.lang, out=out)
    except BriefingError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except OSError as exc:
        print(t("cli.briefing.cannot_write", args.lang, path=out, error=exc), file=sys.stderr)
        return 1
    pages = "" if fmt == "docx" else t("cli.briefing.pages", args.lang, n=pdf_pages(made.data))
    seconds = f"{made.seconds:.1f}"
    print(t("cli.briefing.written", args.lang, path=out, pages=pages, size=made.size,
            seconds=seconds.replace(".", ",") if args.lang == "vi" else seconds))
    if made.warning:  # the file is written all the same
        warn(made.warning, args.lang)
    if made.illustrative:
        print(f"*** {t('cli.illustrative', args.lang)} ***", file=sys.stderr)
    return 0


def add_commands(sub: argparse._SubParsersAction, common: Callable[[argparse.ArgumentParser], None]) -> None:
    """Add ``briefing`` to the parser of ``python -m geo``."""
    p = sub.add_parser("briefing", help="the leadership briefing of a period (PDF or DOCX)")
    p.add_argument("--period", required=True, type=period_arg)
    p.add_argument("--district", action="append", metavar="CODE", help="district code; repeat for several")
    p.add_argument("--out", required=True, help="output file (.pdf or .docx)")
    p.add_argument("--format", choices=("pdf", "docx"), help="default: from the file's extension, else pdf")
    p.add_argument("--db", help="SQLAlchemy URL (default: the app's database)")
    user_option(p, operator=True)
    common(p)
    p.set_defaults(func=cmd_briefing)
