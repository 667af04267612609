"""``python -m geo``: the command line, one module per command, over the rest of geo/.

Imports: anything in geo/.
"""
