"""A whole ua-writer session in one process, for the offline and privacy tests.

``python session_script.py WORKDIR [--no-gui]`` with UA_WRITER_DATA_DIR set. Before importing
ua-writer it replaces ``socket.socket``, ``socket.create_connection``, ``socket.getaddrinfo`` and
friends with versions that record the attempt and raise; then it runs the CLI (profile, actions,
show, letter to PDF/DOCX/text and fax, import of a text and a PDF UA, batch on worker processes,
drafts, repair) and builds the GUI (``ua_writer.app.build``), opens a letter, types into it,
lets autosave and the page count run, and exports a PDF. Logging runs at DEBUG level so that
anything the code logs is in the log file. Every profile and letter field carries a marker
(``MARKERS``) that must never appear in a log. Prints ``NETWORK <json list of attempts>`` last.
"""

from __future__ import annotations

import json
import os
import socket
import sys
from pathlib import Path

ATTEMPTS: list[str] = []

#: unique strings planted in the profile, the signers and the letter text
MARKERS = {
    "name": "Zyxwvq Markerova",
    "street": "Qwertzstrasse 4711",
    "city": "Plonkville",
    "email": "marker-7f3a@example.invalid",
    "letter": "MARKER-LETTER-TEXT-93d1",
    "signer": "Signerova Xq",
}


def _block(name: str):
    def refuse(*args, **kwargs):
        ATTEMPTS.append(f"{name}{args[:2]!r}")
        raise OSError(f"network access is forbidden in this test ({name})")

    return refuse


class _NoSocket(socket.socket):
    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):  # noqa: A002 - socket's names
        if fileno is None:  # socket.fromfd/socketpair internals pass fileno; creation does not
            ATTEMPTS.append(f"socket(family={family}, type={type})")
            raise OSError("network access is forbidden in this test (socket)")
        super().__init__(family, type, proto, fileno)


socket.socket = _NoSocket
socket.SocketType = _NoSocket
socket.create_connection = _block("create_connection")
socket.create_server = _block("create_server")
socket.getaddrinfo = _block("getaddrinfo")
socket.gethostbyname = _block("gethostbyname")
socket.gethostbyname_ex = _block("gethostbyname_ex")
socket.gethostbyaddr = _block("gethostbyaddr")
socket.socketpair = _block("socketpair")


def cli(*args: str) -> int:
    from ua_writer.cli import main

    code = main(["--today", "2011-05-03", *args])
    print(f"CLI {code} {' '.join(args[:2])}", flush=True)
    return code


def run_cli(work: Path) -> None:
    m = MARKERS
    assert cli("profile", "--set", f"name={m['name']}", f"address_lines={m['street']}|10115 {m['city']}",
               f"city={m['city']}", "country=DE", f"email={m['email']}", "gender=f",
               f"names.ru={m['name']}") == 0
    assert cli("actions", "--status", "all") == 0
    assert cli("show", "juraev-2011") == 0
    for fmt in ("pdf", "docx", "txt"):
        assert cli("letter", "juraev-2011", "--lang", "ru", "--to", "prosecutor-general", "-o",
                   str(work / f"letter.{fmt}")) == 0
    assert cli("letter", "juraev-2011", "--lang", "ru", "--to", "prosecutor-general", "--fax-cover",
               "-o", str(work / "fax.pdf")) == 0
    seeds = sorted((Path(__file__).resolve().parents[1] / "importer" / "seeds").glob("*.txt"))
    corpus = Path(__file__).resolve().parents[1] / "importer" / "corpus"
    for doc in seeds[:1] + sorted(corpus.glob("*.pdf"))[:1]:
        cli("import", str(doc), "--json")  # 0 or 2 (a refused document is fine here)
    signers = work / "signers.csv"
    rows = ["name,address,postal_code,city,country,email,gender"]
    rows += [f"{m['signer']} {i},{m['street']}|Hinterhaus,10115,{m['city']},DE,s{i}-{m['email']},f"
             for i in range(30)]
    signers.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert cli("batch", "juraev-2011", "--signers", str(signers), "--lang", "ru", "-o",
               str(work / "batch"), "-j", "2", "--merge", str(work / "batch.pdf")) == 0
    # an expected failure and a refused template are logged, if at all, without the letter
    assert cli("letter", "juraev-2011", "--lang", "ru", "-o", str(work / "no-such-dir" / "x.pdf")) == 2
    assert cli("drafts") == 0
    assert cli("repair") == 0


def run_gui(work: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import time

    from PySide6.QtWidgets import QApplication

    from ua_writer import app
    from ua_writer.ui import prompts

    class Scripted(prompts.Prompts):
        def save_file(self, parent, title, suggested, filters):
            return str(work / ("gui-" + Path(suggested).name))

        def question(self, *a, **k):
            return True

        def info(self, *a, **k):
            pass

        def warning(self, *a, **k):
            print("GUI-WARNING", a[2:], flush=True)

        def error(self, *a, **k):
            print("GUI-ERROR", a[2:], flush=True)

        def error_details(self, *a, **k):
            print("GUI-ERROR-DETAILS", a[2:3], flush=True)

        def run_dialog(self, dialog):
            dialog.reject()
            return False

    prompts.set_prompts(Scripted())
    qapp, window = app.build(["--today", "2011-04-01"])

    def settle(seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            qapp.processEvents()
            time.sleep(0.01)

    settle(0.5)
    window.select_action("juraev-2011")
    settle(1.0)
    from PySide6.QtWidgets import QPlainTextEdit

    editor = window.findChild(QPlainTextEdit, "letterEditor")
    if editor is not None:
        editor.setFocus()
        cursor = editor.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        editor.setTextCursor(cursor)
        editor.insertPlainText(f"\n\n{MARKERS['letter']} — {MARKERS['street']}\n")
    settle(2.0)
    keeper = getattr(window, "keeper", None)
    if keeper is not None and hasattr(keeper, "flush"):
        keeper.flush()
    exported = None
    if hasattr(window, "export"):
        window.export("pdf")
        exported = sorted(work.glob("gui-*.pdf"))
    settle(0.5)
    print(f"GUI-EXPORTED {[p.name for p in exported or []]}", flush=True)
    print(f"GUI-EDITOR {editor is not None}", flush=True)
    window.close()
    settle(0.3)
    QApplication.processEvents()


def main() -> int:
    os.umask(0)  # the worst case: permissions must come from ua-writer, not from the user's umask
    work = Path(sys.argv[1])
    work.mkdir(parents=True, exist_ok=True)
    import logging

    from ua_writer import logs

    logs.setup(logging.DEBUG)  # whatever any module logs lands in the file
    run_cli(work)
    if "--no-gui" not in sys.argv:
        try:
            import PySide6  # noqa: F401
        except ImportError:
            print("GUI-SKIPPED no PySide6", flush=True)
        else:
            run_gui(work)
    print("NETWORK " + json.dumps(ATTEMPTS), flush=True)
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    os._exit(code)  # no Qt teardown at interpreter exit: the figures above are the result
