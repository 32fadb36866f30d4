"""Walk through the editors as a person does, in a real window under Xvfb with a window manager
(openbox), driven by xdotool, and keep screenshots of what the screen showed:

    .venv/bin/python -m tests.ui.desktop_walk [OUT_DIR]      (default: docs/)

For each UI language (en, ru) and screen (1366×768, 1024×600): the first screen on 2026-12-04,
when every bundled UA is past its deadline (``empty-first-screen-LANG-WxH.png``); the action
editor opened with Ctrl+Shift+A on the Juraev action, on its Appeal points tab
(``action-editor-LANG-WxH.png``) and its Recipients tab (``action-editor-recipients-…``); the main window with a letter and the Letters overview on 2011-04-01
(``main-window-…``, ``letters-overview-…``); the import review of a received UA text opened through
File ▸ Import (Ctrl+O) and Qt's file dialog (``import-review-LANG-WxH.png``); a UA's English text
copied with xclip and pasted with Ctrl+Shift+V, saved, then its German version pasted the same
way, whose review offers to add it as a translation (``import-review-translation-LANG-WxH.png``),
and the window afterwards (``translation-added-LANG-WxH.png``); a German letter with no German
appeal points exported with Ctrl+E: the question, then the translation it offers
(``untranslated-question-…``, ``untranslated-translate-…``). Each dialog must
come up as the active window of the right size: a dialog that works in pytest-qt but not under a
window manager fails here. Needs ``apt-get install xvfb openbox xdotool xclip imagemagick``; not part
of the test suite (CI has no window manager).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCREENS = ((1366, 768), (1024, 600))
LANGS = ("en", "ru")
UA_TEXT = ROOT / "tests" / "importer" / "corpus" / "classic_04_utf16.txt"


class Desktop:
    """Xvfb + openbox on a free display; ``xdo(...)`` runs xdotool there."""

    def __init__(self, size: tuple[int, int]):
        self.size = size
        self.display = f":{next(n for n in range(90, 200) if not Path(f'/tmp/.X{n}-lock').exists())}"
        self.procs: list[subprocess.Popen] = []

    def __enter__(self) -> "Desktop":
        w, h = self.size
        self.procs.append(subprocess.Popen(["Xvfb", self.display, "-screen", "0", f"{w}x{h}x24",
                                            "-nolisten", "tcp"], stderr=subprocess.DEVNULL))
        self._wait(lambda: Path(f"/tmp/.X11-unix/X{self.display[1:]}").exists(), "Xvfb")
        self.procs.append(subprocess.Popen(["openbox"], env=self.env(), stderr=subprocess.DEVNULL))
        time.sleep(1)
        return self

    def __exit__(self, *exc) -> None:
        for p in reversed(self.procs):
            p.terminate()
            try:
                p.wait(5)
            except subprocess.TimeoutExpired:
                p.kill()

    def env(self, **extra) -> dict:
        env = dict(os.environ, DISPLAY=self.display, QT_QPA_PLATFORM="xcb", **extra)
        return env

    def xdo(self, *args: str) -> str:
        return subprocess.run(["xdotool", *args], env=self.env(), capture_output=True, text=True,
                              timeout=20).stdout.strip()

    def key(self, *keys: str, pause: float = 0.4) -> None:
        for k in keys:
            self.xdo("key", k)
            time.sleep(0.15)
        time.sleep(pause)

    def type(self, text: str) -> None:
        self.xdo("type", "--delay", "15", text)
        time.sleep(0.3)

    def active(self) -> tuple[str, tuple[int, int, int, int]]:
        """(title, (x, y, width, height)) of the active window."""
        wid = self.xdo("getactivewindow")
        name = self.xdo("getwindowname", wid)
        geo = dict(l.split("=", 1) for l in self.xdo("getwindowgeometry", "--shell", wid).splitlines()
                   if "=" in l)
        return name, tuple(int(geo[k]) for k in ("X", "Y", "WIDTH", "HEIGHT"))

    def wait_active(self, title_part: str, timeout: float = 20) -> tuple[int, int, int, int]:
        self._wait(lambda: title_part in self.active()[0], f"a window titled {title_part!r}", timeout)
        time.sleep(0.8)  # let it paint
        return self.active()[1]

    def shot(self, path: Path) -> Path:
        subprocess.run(["import", "-window", "root", str(path)], env=self.env(), check=True, timeout=30)
        # 256 colours: a third of the size, no visible loss for a UI
        subprocess.run(["convert", str(path), "-strip", "-colors", "256", f"PNG8:{path}"],
                       check=True, timeout=30)
        return path

    @staticmethod
    def _wait(ok, what: str, timeout: float = 20) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                if ok():
                    return
            except (subprocess.SubprocessError, KeyError, ValueError):
                pass
            time.sleep(0.25)
        raise RuntimeError(f"timed out waiting for {what}")


def _data_dir(lang: str, languages: tuple[str, ...] = ("ru", "en")) -> Path:
    from ua_writer.core.model import SenderProfile
    from ua_writer.core.store import open_store

    data = Path(tempfile.mkdtemp(prefix="ua-walk-"))
    with open_store(data / "ua-writer.sqlite3") as store:
        store.save_profile(SenderProfile(
            name="Anna Kovač", address_lines=["Hauptstraße 1", "10115 Berlin"], city="Berlin",
            country="DE", email="anna@example.org", gender="f", languages=list(languages),
            names={"ru": "Анна Ковач"}))
        store.set_pref("ui_language", lang)
    return data


@contextmanager
def running_app(d: Desktop, data: Path, today: str, settle: float = 1.5):
    """ua-writer on ``d`` with ``data`` as its data dir, maximised to the screen; stopped (and the
    data dir removed) afterwards, its traceback printed if it had one."""
    app = subprocess.Popen([sys.executable, "-m", "ua_writer", "--data-dir", str(data),
                            "--today", today], cwd=ROOT, env=d.env(LC_ALL="C.UTF-8"),
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        d.wait_active("ua-writer")
        d.xdo("getactivewindow", "windowmove", "0", "0", "windowsize", str(d.size[0]), str(d.size[1]))
        time.sleep(settle)
        yield app
    finally:
        app.terminate()
        try:
            _out, err = app.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            app.kill()
            err = b""
        if err and b"Traceback" in err:
            print(err.decode(errors="replace"), file=sys.stderr)
        shutil.rmtree(data, ignore_errors=True)


def walk(out: Path, lang: str, size: tuple[int, int]) -> list[Path]:
    w, h = size
    tag = f"{lang}-{w}x{h}"
    shots: list[Path] = []
    with Desktop(size) as d, running_app(d, _data_dir(lang), "2026-12-04"):
        shots.append(d.shot(out / f"empty-first-screen-{tag}.png"))

        # the list: all actions, find Juraev, select it
        d.key("ctrl+f")
        d.key("shift+Tab", "End")      # the status filter: "All actions"
        d.key("ctrl+f")
        d.type("Juraev")
        d.key("Return", "Tab", "Down", pause=1.5)
        d.key("ctrl+shift+a")
        x, y, dw, dh = d.wait_active({"en": "Edit the action", "ru": "Изменить акцию"}[lang])
        assert dw <= w and dh <= h, (dw, dh, size)
        d.key("ctrl+Next", "ctrl+Next", "ctrl+Next")   # General -> Texts -> People -> Appeal points
        shots.append(d.shot(out / f"action-editor-{tag}.png"))
        d.key("ctrl+Next")                              # Recipients
        shots.append(d.shot(out / f"action-editor-recipients-{tag}.png"))
        d.key("Escape", pause=1)

        d.key("ctrl+o")
        d.wait_active({"en": "Import an action", "ru": "Импорт акции"}[lang])
        d.key("ctrl+a")
        d.type(str(UA_TEXT))
        d.key("Return")
        x, y, dw, dh = d.wait_active({"en": "Review the imported action",
                                      "ru": "Проверка импортированной акции"}[lang])
        assert dw <= w and dh <= h, (dw, dh, size)
        shots.append(d.shot(out / f"import-review-{tag}.png"))
        d.key("Escape", pause=1)
    return shots


def walk_main_window(out: Path, lang: str, size: tuple[int, int]) -> list[Path]:
    """The main window on 2011-04-01 (the bundled UAs open) with the Juraev letter
    (``main-window-LANG-WxH.png``: nothing cut off at 1024×600, the export bar wraps), then
    View ▸ Letters overview with Ctrl+Shift+L (``letters-overview-LANG-WxH.png``)."""
    w, h = size
    tag = f"{lang}-{w}x{h}"
    shots: list[Path] = []
    with Desktop(size) as d, running_app(d, _data_dir(lang), "2011-04-01", settle=2.5):
        x, y, dw, dh = d.active()[1]
        assert dw <= w, (dw, size)  # the window is not wider than the screen
        shots.append(d.shot(out / f"main-window-{tag}.png"))
        d.key("ctrl+shift+l", pause=1.5)
        shots.append(d.shot(out / f"letters-overview-{tag}.png"))
    return shots


def walk_paste(out: Path, lang: str, size: tuple[int, int]) -> list[Path]:
    """Edit ▸ Paste a UA with Ctrl+Shift+V: the English UA (saved with Return), then its German
    version, added to it as a translation (the review's default); the window after."""
    from tests.importer.test_translations import DE, EN

    w, h = size
    tag = f"{lang}-{w}x{h}"
    shots: list[Path] = []
    review = {"en": "Review the imported action", "ru": "Проверка импортированной акции"}[lang]
    with Desktop(size) as d, running_app(d, _data_dir(lang), "2021-03-01"):
        for text in (EN, DE):
            subprocess.run(["xclip", "-selection", "clipboard"], input=text.encode(), env=d.env(),
                           check=True, timeout=10)
            d.key("ctrl+shift+v")
            x, y, dw, dh = d.wait_active(review)
            assert dw <= w and dh <= h, (dw, dh, size)
            if text is DE:
                shots.append(d.shot(out / f"import-review-translation-{tag}.png"))
            d.key("Return", pause=2)
        d.wait_active("ua-writer")
        shots.append(d.shot(out / f"translation-added-{tag}.png"))
    return shots


def walk_untranslated(out: Path, lang: str, size: tuple[int, int]) -> list[Path]:
    """A writer whose language is German exports the Juraev letter (no German appeal points) with
    Ctrl+E: the question comes up as the active window (``untranslated-question-LANG-WxH.png``);
    Return (its default, *Translate the points…*) opens the action editor on the German appeal
    points beside the English ones (``untranslated-translate-LANG-WxH.png``); Escape leaves both."""
    w, h = size
    tag = f"{lang}-{w}x{h}"
    shots: list[Path] = []
    with Desktop(size) as d, running_app(d, _data_dir(lang, ("de",)), "2011-04-01", settle=2.5):
        d.key({"en": "alt+n", "ru": "alt+Cyrillic_ya"}[lang])        # the Language box
        d.type({"en": "German", "ru": "немецкий"}[lang])
        d.key("ctrl+e")
        x, y, dw, dh = d.wait_active({"en": "Text still to translate", "ru": "Текст ещё не переведён"}[lang])
        assert dw <= w and dh <= h, (dw, dh, size)
        shots.append(d.shot(out / f"untranslated-question-{tag}.png"))
        d.key("Return")
        x, y, dw, dh = d.wait_active({"en": "Edit the action", "ru": "Изменить акцию"}[lang])
        assert dw <= w and dh <= h, (dw, dh, size)
        shots.append(d.shot(out / f"untranslated-translate-{tag}.png"))
        d.key("Escape", pause=1)
    return shots


def _harmful_pack(folder: Path) -> Path:
    """A group pack whose only content is the built-in English letter template with one added
    sentence — the attack of issue #16 item 4."""
    import hashlib
    import io
    import json
    import zipfile

    lines = (ROOT / "templates" / "en" / "letter.j2").read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(n for n, line in enumerate(lines) if "block body" in line)
    lines.insert(at + 1, "I also support the death penalty in this case.\n\n")
    data, name = "".join(lines).encode(), "templates/en/letter.j2"
    manifest = {"format": "ua-writer/uapack", "version": 1, "created": "2011-04-28T12:00:00Z",
                "actions": [], "files": {name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}}}
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("manifest.json", json.dumps(manifest))
        z.writestr(name, data)
    pack = folder / "group.uapack"
    pack.write_bytes(buf.getvalue())
    return pack


def walk_group_pack(out: Path, lang: str, size: tuple[int, int]) -> list[Path]:
    """A group pack that would change every English letter, opened as a double-click opens it
    (``ua-writer FILE.uapack``): its import dialog comes up as the active window with the diff it
    asks consent for, Import disabled (``group-pack-consent-LANG-WxH.png``)."""
    w, h = size
    tag = f"{lang}-{w}x{h}"
    shots: list[Path] = []
    data = _data_dir(lang)
    pack = _harmful_pack(Path(tempfile.mkdtemp(prefix="ua-pack-")))
    with Desktop(size) as d:
        app = subprocess.Popen([sys.executable, "-m", "ua_writer", "--data-dir", str(data),
                                "--today", "2011-04-01", str(pack)], cwd=ROOT,
                               env=d.env(LC_ALL="C.UTF-8"), stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
        try:
            x, y, dw, dh = d.wait_active({"en": "Import group pack", "ru": "Импорт группового пакета"}[lang], 30)
            assert dw <= w and dh <= h, (dw, dh, size)
            shots.append(d.shot(out / f"group-pack-consent-{tag}.png"))
            d.key("Escape", pause=1)
        finally:
            app.terminate()
            try:
                app.communicate(timeout=10)
            except subprocess.TimeoutExpired:
                app.kill()
            shutil.rmtree(data, ignore_errors=True)
            shutil.rmtree(pack.parent, ignore_errors=True)
    return shots


def walk_second_instance(out: Path, lang: str, size: tuple[int, int]) -> list[Path]:
    """The window minimised, ua-writer started again on the same data dir (as a second click on
    the menu entry does): the running window comes back (openbox no longer lists it hidden) under
    the "already running" message (``second-instance-LANG-WxH.png``), and is the active window
    once the message is closed."""
    w, h = size
    tag = f"{lang}-{w}x{h}"
    data = _data_dir(lang)
    with Desktop(size) as d, running_app(d, data, "2011-04-01", settle=2.5):
        wid = d.xdo("getactivewindow")

        def hidden() -> bool:
            return "HIDDEN" in subprocess.run(["xprop", "-id", wid, "_NET_WM_STATE"], env=d.env(),
                                              capture_output=True, text=True, timeout=10).stdout

        d.xdo("windowminimize", wid)
        d._wait(hidden, "the window minimised")
        second = subprocess.Popen([sys.executable, "-m", "ua_writer", "--data-dir", str(data),
                                   "--today", "2011-04-01"], cwd=ROOT, env=d.env(LC_ALL="C.UTF-8"),
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            d.wait_active({"en": "Already running", "ru": "Уже запущено"}[lang], 30)
            d._wait(lambda: not hidden(), "the running window restored")
            shot = d.shot(out / f"second-instance-{tag}.png")
            d.key("Return", pause=1.5)
            assert second.wait(20) != 0
            assert d.xdo("getactivewindow") == wid, "the running window is not the active one"
        finally:
            if second.poll() is None:
                second.kill()
    return [shot]


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else ROOT / "docs"
    out.mkdir(parents=True, exist_ok=True)
    for lang in LANGS:
        for size in SCREENS:
            for p in (walk(out, lang, size) + walk_main_window(out, lang, size) + walk_paste(out, lang, size)
                      + walk_untranslated(out, lang, size) + walk_group_pack(out, lang, size)
                      + walk_second_instance(out, lang, size)):
                print(p)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
