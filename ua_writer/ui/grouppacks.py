"""GroupPackController: File ▸ Export group pack… / Import group pack… and dropped ``.uapack``
files, through core uapack (the same code as the ``pack-export``/``pack-import`` commands).

Export: a dialog (``groupPackExport``) to choose the actions and whether to include the letter
templates, then the save path. Import: the pack is checked completely first, its plan shown in
``groupPackImport``; nothing is written unless confirmed, changed items only when "Overwrite" is
checked. The main window is used only through ``window.store``, ``window.today``,
``window.action``, ``window.keeper`` and ``window.apply_changes()`` (what the pack changed,
from ``services.records.apply_group_pack``). Must not import the main
window.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ua_writer.core.errors import UserFacingError
from ua_writer.core.i18n import _, ngettext
from ua_writer.ui import prompts

log = logging.getLogger(__name__)

SUFFIX = ".uapack"


class GroupPackController(QObject):
    exported = Signal(str)      # path
    imported = Signal(list)     # ids of the actions added or updated

    def __init__(self, window):
        super().__init__(window)
        self.window = window

    @property
    def templates_dir(self) -> Path:
        """``<data dir>/templates`` of this window's store (not a process-wide setting)."""
        return Path(self.window.store.path).parent / "templates"

    # -- export ---------------------------------------------------------------------------------
    def export_dialog(self):
        from ua_writer.ui.dialogs.group_pack_dialog import GroupPackExportDialog

        w = self.window
        current = w.action.id if w.action is not None else None
        rows = [(r.id, r.title, r.status(w.today) == "open" or r.id == current)
                for r in w.store.action_rows()]
        tdir = self.templates_dir
        has_templates = tdir.is_dir() and any(p.is_file() for p in tdir.rglob("*"))
        return GroupPackExportDialog(rows, templates_available=has_templates, parent=w)

    def export_pack(self) -> Path | None:
        from ua_writer.core import uapack

        dialog = self.export_dialog()
        if not prompts.get().run_dialog(dialog):
            return None
        ids = dialog.checked_ids()
        if not ids:
            return None
        suggested = str(Path.home() / f"group{SUFFIX}")
        path = prompts.get().save_file(self.window, _("Export group pack"), suggested,
                                       _("Group packs (*.uapack)"))
        if not path:
            return None
        target = Path(path)
        if target.suffix.lower() != SUFFIX:
            target = target.with_name(target.name + SUFFIX)
        try:
            summary = uapack.export_pack(self.window.store, ids, target,
                                         templates_dir=self.templates_dir,
                                         include_templates=dialog.include_templates.isChecked())
        except uapack.UapackError as e:  # e.g. a template with an odd name: the core says which
            prompts.get().error(self.window, _("Export failed"), e.message)
            return None
        except (UserFacingError, OSError) as e:  # the folder is missing or not writable
            log.warning("group pack not written: %s", e)
            prompts.get().error(self.window, _("Export failed"), _(
                "The group pack could not be saved in {folder}. Check that the folder exists and "
                "that you may write to it, or choose another one.").format(folder=target.parent))
            return None
        n, t = len(summary.actions), len(summary.templates)
        message = ngettext("Saved {n} action to {file}.", "Saved {n} actions to {file}.", n).format(
            n=n, file=summary.path.name)
        if t:
            message += " " + ngettext("{n} template included.", "{n} templates included.", t).format(n=t)
        self.window.statusBar().showMessage(message, 8000)
        self.exported.emit(str(summary.path))
        return summary.path

    # -- import ---------------------------------------------------------------------------------
    def choose_and_import(self) -> list[str] | None:
        path = prompts.get().open_file(self.window, _("Import group pack"), str(Path.home()),
                                       _("Group packs (*.uapack)") + ";;" + _("All files (*)"))
        return self.import_path(Path(path)) if path else None

    def import_path(self, path: Path) -> list[str] | None:
        """Check ``path``, show the plan, apply it if confirmed; the ids applied, or None."""
        from ua_writer.core import uapack
        from ua_writer.ui.dialogs.group_pack_dialog import GroupPackImportDialog

        w = self.window
        try:
            plan = uapack.read_pack(path, w.store, templates_dir=self.templates_dir)
        except UserFacingError as e:
            prompts.get().error(w, _("Import failed"), e.message)
            return None
        if not plan.has_work:
            prompts.get().info(w, _("Import group pack"), _(
                "Nothing to import: everything in {file} is already here.").format(file=path.name))
            return []
        dialog = GroupPackImportDialog(plan, parent=w)
        if not prompts.get().run_dialog(dialog):
            return None
        overwrite = dialog.overwrite_changed()
        if not overwrite and plan.needs_consent:  # apply only new actions; no template, no change
            plan = plan.without_consent()
            if not plan.has_work:
                prompts.get().info(w, _("Import group pack"),
                                   _("Nothing was imported: your versions were kept."))
                return []
        from ua_writer.services import records

        try:
            result, changes = records.apply_group_pack(w.store, plan, templates_dir=self.templates_dir,
                                                       overwrite=overwrite)
        except (UserFacingError, ValueError) as e:
            prompts.get().error(w, _("Import failed"), str(getattr(e, "message", e)))
            return None
        ids = result.added + result.updated
        for aid in ids:
            w.keeper.forget(aid)
        w.apply_changes(changes)
        if ids and w.action is None:
            w.select_action(ids[0])
        a, u, t = len(result.added), len(result.updated), len(result.templates)
        message = " ".join([
            ngettext("{n} new action,", "{n} new actions,", a).format(n=a),
            ngettext("{n} action updated,", "{n} actions updated,", u).format(n=u),
            ngettext("{n} template.", "{n} templates.", t).format(n=t)])
        message = _("Imported from {file}: {what}").format(file=path.name, what=message)
        log.info("group pack %s imported: %s added, %s updated, %s templates", path, a, u, t)
        w.statusBar().showMessage(message, 8000)
        prompts.get().info(w, _("Import group pack"), message)
        self.imported.emit(ids)
        return ids
