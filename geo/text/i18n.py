"""Messages in Vietnamese (default) and English.

Each module keeps its own message table ``{key: {"vi": ..., "en": ...}}`` next to the code that uses it and
renders it with :func:`translate`, so a message and the check that raises it are read together.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final, Literal

Lang = Literal["vi", "en"]
LANGS: Final = ("vi", "en")


def check_lang(lang: str) -> Lang:
    """Return ``lang`` if it is a supported language, else raise ValueError naming it."""
    if lang not in LANGS:
        raise ValueError(f"unsupported language {lang!r}; use one of {LANGS}")
    return lang


def translate(table: Mapping[str, Mapping[str, str]], key: str, lang: str = "vi", **params: object) -> str:
    """Render message ``key`` of ``table`` in ``lang`` (falling back to Vietnamese), formatted with ``params``."""
    entry = table[key]
    return entry.get(lang, entry["vi"]).format(**params)
