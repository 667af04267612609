"""The problems a file check finds, located as the user sees them, and how the command line prints them.

The catalog's ``validation.*`` texts (geo/text/catalog/validation.py) are every message the record reader and
validator can say, keyed by a short name; a :class:`Collector` turns a key and its parameters into a
:class:`Problem` located as the user sees it (file, row, column header as written, value). The readers
(:mod:`geo.records.readers`) and the validator (:mod:`geo.records.validation`) only ever name keys.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final, Literal, TextIO

from geo.text import t
from geo.text.controls import shown_text

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong (error) or worth checking (warning) in a file, located as the user sees it."""

    file: str
    row: int | None
    column: str | None
    value: str | None
    message: str
    severity: Literal["error", "warning"]

    def located(self) -> dict:
        """The problem as a report lists it: ``{"row", "column", "value", "message"}`` (the file is the report's)."""
        return {"row": self.row, "column": self.column, "value": self.value, "message": self.message}

    def as_dict(self) -> dict:
        """Return the problem as ``{"file", "row", "column", "value", "message"}``."""
        return {"file": self.file, "row": self.row, "column": self.column, "value": self.value, "message": self.message}


class Collector:
    """Collects problems for one file in one language; its messages are the catalog's ``<namespace>.<key>``."""

    namespace = "validation"

    def __init__(self, file: str, lang: str) -> None:
        self.file = file
        self.lang = lang
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []

    def msg(self, key: str, **params: object) -> str:
        """The text of message ``key`` in the collector's language."""
        return t(f"{self.namespace}.{key}", self.lang, **params)

    def add(
        self,
        severity: Severity,
        key: str,
        *,
        row: int | None = None,
        column: str | None = None,
        value: str | None = None,
        **params: object,
    ) -> None:
        """Record a problem of ``severity``, located by ``row``, ``column`` and ``value``."""
        message = self.msg(key, value=value, column=column, row=row, **params)
        problem = Problem(self.file, row, column, value, message, severity)
        (self.errors if severity == "error" else self.warnings).append(problem)

    def error(self, key: str, **kw: object) -> None:
        """Record an error (the file is not imported)."""
        self.add("error", key, **kw)

    def warning(self, key: str, **kw: object) -> None:
        """Record a warning (the file is imported; the user should check)."""
        self.add("warning", key, **kw)


def report_json(*, ok: bool, rows: int, errors: tuple[Problem, ...], warnings: tuple[Problem, ...], file: str,
                encoding: str | None) -> dict:
    """The JSON keys every file report starts with, records and boundaries alike.

    ``ok``, ``rows``, ``errors`` and ``warnings`` (each :meth:`Problem.located`), ``file``, ``encoding``.
    """
    return {"ok": ok, "rows": rows, "errors": [p.located() for p in errors],
            "warnings": [p.located() for p in warnings], "file": file, "encoding": encoding}


# A records file has rows and columns; a boundary file has features (numbered from 1 as a GIS lists them) and
# fields: the words of a printed problem line are the catalog's ``validation.line_<word>``.
Places = Literal["rows", "features"]
_PLACE_WORDS: Final = {"rows": ("row", "column"), "features": ("feature", "field")}


def problem_line(problem: Problem, lang: str, *, places: Places = "rows") -> str:
    """One problem as the command line prints it.

    ``LỖI: huyen.csv, dòng 3, cột «Mã xã», «99999»: <message>``; with ``places="features"`` the row and
    column are named feature and field (``ERROR: xa.shp, feature 2, field «MaXa», …``).
    """
    row_word, column_word = _PLACE_WORDS[places]
    parts = [f"{t(f'validation.line_{problem.severity}', lang)}: {problem.file}"]
    if problem.row is not None:
        parts.append(f"{t(f'validation.line_{row_word}', lang)} {problem.row}")
    if problem.column:
        parts.append(f"{t(f'validation.line_{column_word}', lang)} «{problem.column}»")
    if problem.value not in (None, ""):
        parts.append(f"«{problem.value}»")
    # A file's name, header or value never reaches the terminal raw: an ESC or a bidi override is shown escaped.
    return shown_text(", ".join(parts) + f": {problem.message}")


def print_problems(errors: Iterable[Problem], warnings: Iterable[Problem], lang: str, *,
                   places: Places = "rows", out: TextIO | None = None) -> None:
    """Print every error, then every warning, one :func:`problem_line` each."""
    for problem in (*errors, *warnings):
        print(problem_line(problem, lang, places=places), file=out or sys.stdout)
