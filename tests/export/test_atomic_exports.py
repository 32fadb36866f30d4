"""Every exporter writes atomically: whole file or nothing, clear ExportErrors naming the path."""

from __future__ import annotations

import errno
import os
import stat
import time

import pytest

from tests.export.sample_letters import russian_letter
from ua_writer.core.errors import ExportError
from ua_writer.core.model import Action, Recipient
from ua_writer.export import docx as docx_export
from ua_writer.export import faxcover, pdf
from ua_writer.export.docx import write_letter_docx
from ua_writer.export.pdf import write_letter_pdf
from ua_writer.export.text import write_letter_txt


def _fax(letter, path):
    return faxcover.fax_packet_pdf(letter, Recipient(id="r", name="R", fax=["+74959875841"]), None,
                                   Action(id="a", title="A"), path)


WRITERS = {
    "pdf": write_letter_pdf,
    "docx": write_letter_docx,
    "txt": write_letter_txt,
    "fax": _fax,
}


def _leftovers(folder):
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize("kind", WRITERS)
def test_success_writes_mode_0600_and_no_temp_files(kind, tmp_path):
    target = tmp_path / f"letter.{kind}"
    res = WRITERS[kind](russian_letter(), target)
    assert res.path == target and target.stat().st_size == res.bytes_written > 0
    assert _leftovers(tmp_path) == [target.name]
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600


def _explode_midway(monkeypatch):
    """Make the renderers write part of a file and then fail, like a bug half-way through."""
    real_pdf = pdf.render_letter_pdf

    def broken_pdf(letter, out, **opts):
        out.write(b"%PDF-1.4 half a letter")
        raise RuntimeError("boom while rendering")

    def broken_layout(*a, **k):
        raise RuntimeError("boom while rendering")

    monkeypatch.setattr(pdf, "render_letter_pdf", broken_pdf)
    monkeypatch.setattr(faxcover._pdf, "draw_letter", lambda c, layout: (_ for _ in ()).throw(
        RuntimeError("boom while rendering")))
    real_save = docx_export.letter_docx_document

    def broken_doc(letter, **opts):
        doc = real_save(letter, **opts)

        def save(stream):
            stream.write(b"PK\x03\x04 half a zip")
            raise RuntimeError("boom while rendering")

        doc.save = save
        return doc

    monkeypatch.setattr(docx_export, "letter_docx_document", broken_doc)
    return real_pdf


@pytest.mark.parametrize("kind", ["pdf", "docx", "fax"])
def test_a_render_failure_leaves_no_target_and_no_temp_file(kind, tmp_path, monkeypatch):
    _explode_midway(monkeypatch)
    target = tmp_path / f"letter.{kind}"
    with pytest.raises(RuntimeError, match="boom"):
        WRITERS[kind](russian_letter(), target)
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("kind", ["pdf", "docx", "fax"])
def test_a_render_failure_keeps_the_previous_file(kind, tmp_path, monkeypatch):
    target = tmp_path / f"letter.{kind}"
    target.write_bytes(b"the old letter")
    _explode_midway(monkeypatch)
    with pytest.raises(RuntimeError):
        WRITERS[kind](russian_letter(), target)
    assert target.read_bytes() == b"the old letter"
    assert _leftovers(tmp_path) == [target.name]


class _FullDisk:
    """A file object whose writes fail with ENOSPC after a few bytes."""

    def __init__(self, f):
        self._f = f

    def write(self, data):
        self._f.write(data[:10])
        raise OSError(errno.ENOSPC, "No space left on device")

    def __getattr__(self, name):
        return getattr(self._f, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._f.close()


@pytest.mark.parametrize("kind", WRITERS)
def test_disk_full_is_a_clear_export_error_and_leaves_nothing(kind, tmp_path, monkeypatch):
    real_fdopen = os.fdopen
    monkeypatch.setattr(os, "fdopen", lambda *a, **k: _FullDisk(real_fdopen(*a, **k)))
    target = tmp_path / f"letter.{kind}"
    with pytest.raises(ExportError) as info:
        WRITERS[kind](russian_letter(), target)
    assert str(target) in info.value.message and "disk is full" in info.value.message
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("kind", WRITERS)
def test_missing_folder(kind, tmp_path):
    target = tmp_path / "nope" / f"letter.{kind}"
    with pytest.raises(ExportError) as info:
        WRITERS[kind](russian_letter(), target)
    assert str(target) in info.value.message and "does not exist" in info.value.message


@pytest.mark.parametrize("kind", WRITERS)
def test_unwritable_folder(kind, tmp_path, monkeypatch):
    import tempfile

    def denied(*a, **k):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    target = tmp_path / f"letter.{kind}"
    with pytest.raises(ExportError) as info:
        WRITERS[kind](russian_letter(), target)
    assert str(target) in info.value.message and "permission denied" in info.value.message
    assert _leftovers(tmp_path) == []


def test_a_folder_in_the_way(tmp_path):
    (tmp_path / "letter.pdf").mkdir()
    with pytest.raises(ExportError, match="folder"):
        write_letter_pdf(russian_letter(), tmp_path / "letter.pdf")


def test_stale_temp_files_of_a_killed_export_are_removed_on_the_next_write(tmp_path):
    """A killed export leaves its hidden ``.<name>.XXXXXXXX.part``; the next write of the same name
    removes it once it is over 10 minutes old — and touches nothing else."""
    from ua_writer.core import atomic

    old = time.time() - atomic.STALE_PART_SECONDS - 60

    def make(name, age=old, content=b"half a letter"):
        p = tmp_path / name
        p.write_bytes(content)
        os.utime(p, (age, age))
        return p

    stale = make(".letter.pdf.k3x_9q2z.part")
    fresh = make(".letter.pdf.a1b2c3d4.part", age=time.time() - 30)        # a write still running
    other_name = make(".letter.pdf.x.abcdefgh.part")                       # letter.pdf.x's
    other_target = make(".other.pdf.abcdefgh.part")
    not_ours = [make(n) for n in (".letter.pdf.abcdefgh.part.keep", ".letter.pdf.ABCDEFGH.part",
                                  ".letter.pdf.abc.part", "letter.pdf.abcdefgh.part", "notes.txt")]
    folder = make(".letter.pdf.folder00.part")
    folder.unlink()
    folder.mkdir()
    os.utime(folder, (old, old))
    link_target = make("precious.pdf")
    link = tmp_path / ".letter.pdf.symlink0.part"
    link.symlink_to(link_target)
    os.utime(link, (old, old), follow_symlinks=False)

    res = write_letter_pdf(russian_letter(), tmp_path / "letter.pdf")
    assert res.path.read_bytes().startswith(b"%PDF")
    assert not stale.exists()
    for p in (fresh, other_name, other_target, *not_ours, folder, link, link_target):
        assert p.exists() or p.is_symlink(), p.name
    assert link_target.read_bytes() == b"half a letter"
    # the helper on its own: nothing left to remove, never raises on a missing folder
    assert atomic.remove_stale_parts(tmp_path / "letter.pdf") == []
    assert atomic.remove_stale_parts(tmp_path / "nope" / "letter.pdf") == []
