"""Modal dialogs: sender profile, recipient, mark sent, history, import review, error details.

Each dialog edits plain model objects and returns them; the caller persists them. Dialogs are
shown through ``ua_writer.ui.prompts`` so tests can drive or replace them. Must not import the
main window.
"""
