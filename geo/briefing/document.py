"""The briefing as a file for an account: built, rendered as PDF or DOCX, and audited.

What the command line (``python -m geo briefing``) and the Export page's briefing section call: one function,
:func:`make_briefing`, builds the content (:func:`geo.briefing.content.build_briefing`), renders it and writes the
``export`` line with the keys every export has (:func:`geo.maps.exports.audit_export`, theme ``briefing``). A
briefing whose line cannot be written is delivered all the same, with the warning that says so.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, Literal

from geo.access.audit import Delivered

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    import geopandas as gpd
    from sqlalchemy.engine import Engine

    from geo.briefing.content import Briefing

BriefingFormat = Literal["pdf", "docx"]
FORMATS: Final = ("pdf", "docx")
MIME: Final = {"pdf": "application/pdf",
               "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
TREND: Final = True  # the trend chart (geo/figures/trend.py) in the briefing


@dataclass(frozen=True)
class BriefingFile(Delivered):
    """A briefing made for an account.

    The file (:class:`geo.access.audit.Delivered`), how long it took to make (build and render, in seconds, to one
    decimal), and whether its records are illustrative.
    """

    seconds: float = 0.0
    illustrative: bool = False


def render(briefing: Briefing, fmt: BriefingFormat) -> bytes:
    """The briefing's bytes in ``fmt`` (``pdf`` or ``docx``)."""
    if fmt == "docx":
        from geo.briefing.docx import render_docx

        return render_docx(briefing)
    from geo.briefing.pdf import render_pdf

    return render_pdf(briefing)


def file_name(period: str, districts: Sequence[str], fmt: str) -> str:
    """``bao_cao_2019-Q2_toan_tinh.pdf`` / ``bao_cao_2019-Q2_384.docx``: the name the Export page offers."""
    from geo.maps.exports import scope_slug

    return f"bao_cao_{period}_{scope_slug(districts)}.{fmt}"


def make_briefing(engine: Engine, user: str, period: str, fmt: BriefingFormat = "pdf", *,
                  districts: Sequence[str] = (), lang: str = "vi", suppress_small: bool = False,
                  communes: gpd.GeoDataFrame | None = None, border: gpd.GeoDataFrame | None = None,
                  out: Path | None = None) -> BriefingFile:
    """Build and render the briefing of ``period`` for ``user``, write it to ``out`` if given, and audit it.

    Parameters
    ----------
    engine
        The store.
    user
        Who asks (an account's name, or ``os:<login>`` from the command line): the audit line's user.
    period, districts, lang, suppress_small, communes, border
        As for :func:`geo.briefing.content.build_briefing` (``suppress_small`` for an account that may not see
        small counts; ``communes`` and ``border`` the cached layers a page already holds).
    fmt
        ``pdf`` or ``docx``.
    out
        Where to write the file (its parent folders are made); the line names it. Without it, the file is named
        by :func:`file_name`.

    Raises
    ------
    geo.briefing.content.BriefingError
        When the period has no records or a district is unknown (nothing is audited).
    OSError
        When ``out`` cannot be written (nothing is audited).
    """
    from geo.briefing.content import build_briefing
    from geo.maps.exports import audit_export

    started = time.perf_counter()
    briefing = build_briefing(engine, period, districts=districts, lang=lang, suppress_small=suppress_small,
                              communes=communes, border=border, with_trend=TREND)
    data = render(briefing, fmt)
    name = file_name(period, districts, fmt) if out is None else out.name
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
    seconds = round(time.perf_counter() - started, 1)
    warning = audit_export(engine, user, theme="briefing", period=period, districts=sorted(districts), fmt=fmt,
                           file=name, lang=lang, small_counts_masked=suppress_small, seconds=seconds)
    return BriefingFile(name, len(data), data, warning, seconds=seconds, illustrative=briefing.illustrative)
