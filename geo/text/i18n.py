"""The one way to read interface text: :func:`t`, over the catalog of geo/text/catalog/.

A text is named by a namespaced key (``t("plan.form_title", lang)``) whose first part is the catalog module
that holds its Vietnamese and English; :func:`field_label` and :func:`rule_label` only build the key of a
column header or of a link's rule, and read it through :func:`t`.
"""

from __future__ import annotations

from typing import Final, Literal

from geo.text.catalog import CATALOG, LANGS

Lang = Literal["vi", "en"]
LANG_NAMES: Final = {"vi": "Tiếng Việt", "en": "English"}  # each language in its own words, for the switch


def check_lang(lang: str) -> Lang:
    """Return ``lang`` if it is a supported language, else raise ValueError naming it."""
    if lang not in LANGS:
        raise ValueError(f"unsupported language {lang!r}; use one of {LANGS}")
    return lang


def t(key: str, lang: str = "vi", **params: object) -> str:
    """The text ``key`` in ``lang`` (Vietnamese for a language the catalog lacks), formatted with ``params``.

    Raises
    ------
    KeyError
        When the catalog has no ``key``.
    """
    entry = CATALOG[key]
    return entry.get(lang, entry["vi"]).format(**params)


_FIGURE_SUFFIXES: Final = ("_period", "_ytd")


def field_label(field: str, lang: str = "vi") -> str:
    """The column header of a record or commune field, or of a summary count ("Số vụ án (lũy kế năm)").

    The field's own name when the catalog has no ``field.<name>`` (a column that needs no translation).
    """
    for suffix in _FIGURE_SUFFIXES:
        base = field.removesuffix(suffix)
        if base != field and f"field.{base}" in CATALOG:
            return f"{field_label(base, lang)} ({t(f'field.suffix{suffix}', lang)})"
    key = f"field.{field}"
    return t(key, lang) if key in CATALOG else field


def rule_label(rule: str, lang: str = "vi") -> str:
    """A link's rule in ``lang`` (the stored text when it has no translation, e.g. "changes.csv: added")."""
    key = f"units.rule.{rule}"
    return t(key, lang) if key in CATALOG else rule
