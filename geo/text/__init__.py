"""Words and numbers for people, Vietnamese first and English second.

Words and numbers for people: interface text (one catalog, geo/text/catalog/, read with :func:`t`), numbers
and periods written the Vietnamese way, Vietnamese name matching.

Imports: geo.contract.
"""

from geo.text.i18n import field_label, rule_label, t

__all__ = ["field_label", "rule_label", "t"]
