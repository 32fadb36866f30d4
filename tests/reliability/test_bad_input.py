"""Bad conditions everywhere: an unwritable export folder, a full disk, a missing font, a missing
template, an action without recipients. Each gives one clear line (CLI exit 2, no traceback) and
loses nothing: the file already at the target path is untouched, no temp file is left, and the
store is unchanged.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import sqlite3
from pathlib import Path

import pytest

from ua_writer import paths
from ua_writer.cli import main
from ua_writer.core import packs

pytest.importorskip("ua_writer.core.compose")

OLD = b"%PDF-1.4 the letter the user printed yesterday\n%%EOF\n"
LETTER = ["--today", "2011-05-03", "letter", "juraev-2011", "--lang", "ru", "--to", "prosecutor-general"]


def _db_digest() -> str:
    """A digest of every row of the store (not of the file: WAL checkpoints move bytes)."""
    db = sqlite3.connect(paths.database_path())
    try:
        h = hashlib.sha256()
        for line in db.iterdump():
            h.update(line.encode())
        return h.hexdigest()
    finally:
        db.close()


@pytest.fixture
def store_ready(capsys):
    """A store with a profile and a draft, and its digest."""
    assert main(["profile", "--set", "name=Anna Kovach", "address_lines=Musterstr. 12|10115 Berlin",
                 "city=Berlin", "country=DE", "gender=f"]) == 0
    from ua_writer.core.store import open_store

    s = open_store()
    s.save_draft("juraev-2011", "ru", "prosecutor-general", "Уважаемый Юрий Яковлевич! Черновик.")
    s.close()
    capsys.readouterr()
    return _db_digest()


def _one_line_error(capsys, code: int, *words: str) -> str:
    out, err = capsys.readouterr()
    assert code == 2, f"exit {code}: {err}"
    assert err.startswith("ua-writer: error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    for w in words:
        assert w in err, err
    return err


def _assert_untouched(target: Path):
    assert target.read_bytes() == OLD
    leftovers = [p.name for p in target.parent.iterdir() if p.name.endswith(".part")]
    assert not leftovers, leftovers


@pytest.mark.parametrize("fmt", ["pdf", "docx", "txt", "fax"])
def test_disk_full_while_exporting_keeps_the_old_file(fmt, tmp_path, monkeypatch, capsys, store_ready):
    target = tmp_path / f"letter.{'pdf' if fmt == 'fax' else fmt}"
    target.write_bytes(OLD)

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    extra = ["--fax-cover"] if fmt == "fax" else []
    with monkeypatch.context() as m:  # (never monkeypatch.undo(): it would undo the data dir too)
        m.setattr(os, "fsync", full)
        code = main(LETTER + extra + ["-o", str(target)])
    _one_line_error(capsys, code, "disk is full")
    _assert_untouched(target)
    assert _db_digest() == store_ready


def test_disk_full_while_writing_bytes(tmp_path, monkeypatch, capsys, store_ready):
    """ENOSPC from a write itself (not only from fsync): the atomic file's writes fail."""
    target = tmp_path / "letter.pdf"
    target.write_bytes(OLD)
    real_fdopen = os.fdopen

    class FullFile:
        def __init__(self, inner):
            self.inner = inner

        def write(self, data):
            raise OSError(errno.ENOSPC, "No space left on device")

        def __getattr__(self, name):
            return getattr(self.inner, name)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.inner.close()
            return False

    def fdopen(fd, mode="r", *a, **k):
        f = real_fdopen(fd, mode, *a, **k)
        return FullFile(f) if "w" in mode else f

    with monkeypatch.context() as m:
        m.setattr(os, "fdopen", fdopen)
        code = main(LETTER + ["-o", str(target)])
    _one_line_error(capsys, code, "disk is full")
    _assert_untouched(target)
    assert _db_digest() == store_ready


def test_unwritable_export_folder(tmp_path, monkeypatch, capsys, store_ready):
    folder = tmp_path / "locked"
    folder.mkdir()
    target = folder / "letter.pdf"
    target.write_bytes(OLD)
    if os.geteuid() != 0:
        folder.chmod(0o500)
    else:  # root ignores permission bits: make creating the temp file fail as it would
        import tempfile

        real = tempfile.mkstemp

        def mkstemp(*a, dir=None, **k):
            if dir is not None and Path(dir) == folder:
                raise PermissionError(errno.EACCES, "Permission denied", str(folder))
            return real(*a, dir=dir, **k)

        monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    try:
        code = main(LETTER + ["-o", str(target)])
        _one_line_error(capsys, code, "permission denied")
    finally:
        folder.chmod(0o700)
    _assert_untouched(target)
    assert _db_digest() == store_ready


def test_export_to_a_missing_folder_or_onto_a_folder(tmp_path, capsys, store_ready):
    code = main(LETTER + ["-o", str(tmp_path / "nope" / "letter.pdf")])
    _one_line_error(capsys, code, "does not exist")
    (tmp_path / "dir.pdf").mkdir()
    code = main(LETTER + ["--format", "pdf", "-o", str(tmp_path / "dir.pdf")])
    out, err = capsys.readouterr()
    # either refused, or written inside the folder (the letter command's documented behaviour)
    assert code in (0, 2) and "Traceback" not in err
    assert _db_digest() == store_ready


def test_missing_font_file(tmp_path, monkeypatch, capsys, store_ready):
    from ua_writer.export import fonts

    broken = tmp_path / "fonts"
    broken.mkdir()
    for name in fonts.FILES.values():
        if "Regular" not in name:
            (broken / name).write_bytes((paths.fonts_dir() / name).read_bytes())
    monkeypatch.setattr(paths, "fonts_dir", lambda: broken)
    target = tmp_path / "letter.pdf"
    target.write_bytes(OLD)
    code = main(LETTER + ["-o", str(target)])
    err = _one_line_error(capsys, code)
    assert "PTSerif-Regular.ttf" in err, err
    _assert_untouched(target)
    # a damaged (truncated) font file: the same kind of message
    (broken / fonts.FILES["regular"]).write_bytes(b"\x00\x01\x00\x00garbage")
    code = main(LETTER + ["-o", str(target)])
    _one_line_error(capsys, code)
    _assert_untouched(target)
    assert _db_digest() == store_ready


def test_missing_template_for_a_language(tmp_path, monkeypatch, capsys, store_ready):
    target = tmp_path / "letter.pdf"
    target.write_bytes(OLD)
    code = main(["--today", "2011-05-03", "letter", "juraev-2011", "--lang", "xx", "-o", str(target)])
    _one_line_error(capsys, code, "xx")
    _assert_untouched(target)
    # the bundled templates folder gone (a broken installation): a message, not a traceback
    empty = tmp_path / "templates"
    empty.mkdir()
    monkeypatch.setattr(paths, "templates_dir", lambda: empty)
    code = main(LETTER + ["-o", str(target)])
    _one_line_error(capsys, code, "template")
    _assert_untouched(target)
    assert _db_digest() == store_ready


def test_action_without_recipients(tmp_path, capsys, store_ready):
    doc = json.loads((paths.bundled_actions_dir() / "juraev-2011.json").read_text(encoding="utf-8"))
    doc["id"] = "no-recipients-2011"
    doc["recipients"] = []
    pack = tmp_path / "pack.json"
    pack.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert main(["import", str(pack)]) == 0
    capsys.readouterr()
    digest = _db_digest()
    target = tmp_path / "letter.pdf"
    target.write_bytes(OLD)
    code = main(["--today", "2011-05-03", "letter", "no-recipients-2011", "--lang", "ru", "-o", str(target)])
    _one_line_error(capsys, code, "recipient")
    _assert_untouched(target)
    signers = tmp_path / "s.csv"
    signers.write_text("name\nAnna\n", encoding="utf-8")
    code = main(["batch", "no-recipients-2011", "--signers", str(signers), "-o", str(tmp_path / "b")])
    _one_line_error(capsys, code, "recipient")
    code = main(["fax-cover", "no-recipients-2011", "--to", "x", "-o", str(target)])
    _one_line_error(capsys, code)
    _assert_untouched(target)
    assert _db_digest() == digest
    action = packs.load(pack)
    from ua_writer.core.compose import compose_letter
    from ua_writer.core.errors import UserFacingError

    with pytest.raises(UserFacingError):
        compose_letter(action, "anyone", "ru", None, __import__("datetime").date(2011, 5, 3))


def test_database_full_keeps_the_store_unchanged(capsys, store_ready, monkeypatch):
    """SQLITE_FULL (a full disk under the database) rolls back and says so in one line."""
    from ua_writer.core import store as store_mod

    real_init = store_mod.Store.__init__

    def tiny(self, *a, **k):
        real_init(self, *a, **k)
        pages = self.db.execute("PRAGMA page_count").fetchone()[0]
        self.db.execute(f"PRAGMA max_page_count = {pages}")

    with monkeypatch.context() as m:
        m.setattr(store_mod.Store, "__init__", tiny)
        code = main(["profile", "--set", "name=" + "Очень длинное имя " * 4000])
    err = _one_line_error(capsys, code)
    assert "full" in err and "damaged" not in err, err
    assert _db_digest() == store_ready


def test_batch_into_an_unwritable_folder_stops_with_one_line(tmp_path, monkeypatch, capsys, store_ready):
    signers = tmp_path / "s.csv"
    signers.write_text("name,city,country\n" + "".join(f"Signer {i},Berlin,DE\n" for i in range(5)),
                       encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as m:
        m.setattr(os, "fsync", full)
        # a merge syncs each chunk of letters at once (atomic.FileBatch): the disk reports it there
        from ua_writer.core import atomic

        m.setattr(atomic, "_syncfs", lambda: full)
        code = main(["--today", "2011-05-03", "batch", "juraev-2011", "--signers", str(signers),
                     "-o", str(out), "-j", "1"])
    _one_line_error(capsys, code, "disk is full")
    assert not [p for p in out.iterdir()], sorted(p.name for p in out.iterdir())
