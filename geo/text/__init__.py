"""Words and numbers for people, Vietnamese first and English second.

Words and numbers for people: interface text (one catalog, geo/text/catalog/, read with :func:`t`), numbers
and periods written the Vietnamese way, Vietnamese name matching.

Imports: nothing else of geo/ (the foundation modules ``periods`` and ``problems`` import it).
"""

from geo.text.i18n import field_label, rule_label, t

__all__ = ["field_label", "rule_label", "t"]
