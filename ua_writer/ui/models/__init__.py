"""Qt item models for the GUI's lists and tables (one QAbstractTableModel per table, plus proxies).

Models wrap rows from the store, carry their column and role constants, and are unit-tested
without a view. They must not import widgets or dialogs.
"""
