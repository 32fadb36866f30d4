"""The use cases, written once for every front end (the CLI's commands, the GUI, the mail merge).

* ``letters``   — which recipients a letter goes to (one, all main ones, the copies), which
  languages it can be in, and the composed Letter with the user's edits applied (a copy letter
  is always composed for its copy recipient);
* ``exporters`` — the one registry of letter writers (PDF, DOCX, text, fax packet), the page
  options from the preferences and the one ``file_name()``;
* ``mailmerge`` — signer sheets to one letter each, on every core;
* ``records``   — changing what the user keeps (sent log, recipients, profile, preferences,
  imported actions); each returns the ``Changes`` it made, so a front end refreshes from one place;
* ``startup``   — the global options and the date both front ends start from.

Layer: below ``ui``/``app`` and ``commands``, above ``export`` and ``core``
(tests/test_architecture.py). Qt-free. This package file imports nothing, so the window can
start before any service is needed.
"""
