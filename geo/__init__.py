"""The domain: everything the dashboard, the command line, the sheets and the briefing compute, never Streamlit.

Subpackages, lowest first (each one's docstring says what it owns and what it may import; tests/test_layout.py
checks both):

- foundation modules: ``contract`` (key, CRS, paths, record fields), ``periods`` (what a period is),
  ``clock`` (Thanh Hóa's day and time), ``problems`` (the messages of a checked file), ``faults`` (a failing
  database or disk in one line), ``database`` (the schema);
  they import one another and ``text/`` only (below);
- ``text/``: interface words, numbers and names the Vietnamese way (it imports nothing else of geo/);
- ``io/``: file formats: boundary files, VN-2000, legacy Vietnamese encodings, tables written for people;
- ``access/``: accounts, sessions, the audit trail;
- ``boundaries/``: the commune lines, the Laos border and its measure, a land office's revisions;
- ``units/``: the unit lists over time (versions, links, re-expression), their build and corrections;
- ``records/``: what the districts send: readers, validation, the store, the illustrative records, backups;
- ``figures/``: every figure of a period: summary, targets and plan items, trend, small-count privacy;
- ``maps/``: map themes, classes, the web map, print sheets and exports;
- ``briefing/``: the leadership briefing (content, PDF, DOCX);
- ``cli/``: ``python -m geo``, one module per command.

Foundation imports: what each module at geo's top level imports of geo/, checked by tests/test_layout.py as a
subpackage's "Imports:" (nothing unlisted, nothing listed that the module does not import):

- ``contract``: nothing of geo/.
- ``clock``: nothing of geo/.
- ``database``: geo.contract (the record fields become columns).
- ``periods``: geo.clock (today is Thanh Hóa's), geo.text (a period in words, read and written).
- ``problems``: geo.text (the messages).
- ``faults``: geo.text (a failing database or disk in the user's words).
- ``__main__``: geo.cli (``python -m geo``).

Imports: nothing outside the standard library and the pinned packages; never streamlit, dashboard or web.
"""
