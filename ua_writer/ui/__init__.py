"""The desktop GUI (PySide6): the ONLY package that imports Qt.

It adapts the Qt-free core (store, compose, export, importer) to widgets and never holds domain
logic of its own: models/ wrap store rows for views, widgets/ and dialogs/ show and edit, undo.py
and workers.py carry editing and long work. ``ua_writer.app`` builds the application from here.
Nothing outside ui/ and app.py may import this package.
"""
