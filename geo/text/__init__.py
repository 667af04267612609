"""Words and numbers for people, Vietnamese first and English second.

Words and numbers for people: interface text (Vietnamese first, English second), numbers and periods written
the Vietnamese way, Vietnamese name matching.

Imports: nothing else of geo/ (the foundation modules ``periods`` and ``problems`` import it).
"""
