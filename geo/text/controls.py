r"""The rule for text from files: control characters and bidirectional overrides are not kept, nor shown raw.

A file's text (a note) may carry characters nobody typed on purpose: C0 control characters (ESC, BEL, NUL…),
which make a spreadsheet refuse the file (openpyxl's ``IllegalCharacterError``) and a terminal run escape
sequences, and the bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069), which make text read
in another order than it is stored. The rule, one place:

- :func:`clean_text` removes them (tab and line breaks stay, as written): the import (with a warning naming
  row and column, :mod:`geo.records.validation`) and every export of stored text (:mod:`geo.io.tables`).
- :func:`shown_text` writes every control character (C0, DEL, C1) and bidi control as a visible escape
  (``\x1b``, ``\u202e``), for a line printed on a terminal or a value echoed on a page; :func:`json_text` does
  it for JSON printed on a terminal.
"""

from __future__ import annotations

import re
from typing import Final

# C0 controls except tab (09), line feed (0A) and carriage return (0D); the bidi embeddings, overrides and isolates.
REMOVED: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\u202a-\u202e\u2066-\u2069]")
# What is never shown raw: every C0 and C1 control, DEL, and the same bidi controls.
_SHOWN: Final = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# What json.dumps(ensure_ascii=False) leaves raw in its strings (C0 it escapes; outside strings, C0 is layout).
_JSON_RAW: Final = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean_text(value: str) -> str:
    """``value`` without C0 controls (other than tab and line breaks) and bidi overrides and isolates."""
    return REMOVED.sub("", value)


def removed_characters(value: str) -> list[str]:
    """The characters :func:`clean_text` would remove from ``value``, in order."""
    return REMOVED.findall(value)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown_text(value: object, *, keep_breaks: bool = False) -> str:
    r"""``value`` as text with every control and bidi character written as an escape (``\x1b``, ``\u202e``).

    ``keep_breaks``: tab and line breaks stay as they are (a page, where they are layout), else they are escaped
    too (a terminal line stays one line).

    >>> shown_text("a\x1b[31mb\u202ec")
    'a\\x1b[31mb\\u202ec'
    """
    text = str(value)
    if keep_breaks:
        return _SHOWN.sub(lambda m: m.group(0) if m.group(0) in "\t\n\r" else _escape(m), text)
    return _SHOWN.sub(_escape, text)


def json_text(text: str) -> str:
    r"""JSON text for a terminal: DEL, C1 and bidi characters as ``\uXXXX`` escapes (JSON escapes C0 itself).

    Only strings can hold them, where the escape is the same JSON value.
    """
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)
