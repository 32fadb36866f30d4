"""The main window's composite widgets: action list, action pane, letter panel, banners.

Each widget exposes signals and small setters; it talks to the store only through what the main
window hands it. Must not import dialogs' internals or ua_writer.app.
"""
