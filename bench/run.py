"""ua-writer's figures, each measured in the same run as its baseline.

    python bench/run.py [--quick] [--json FILE] [--only KEY,KEY]

Prints a table (figure, value, target, baseline/ratio, pass/fail) and with ``--json`` writes the
figures (milliseconds unless the key says otherwise; a skipped figure is null, with its reason
under "skipped"). ``--quick`` uses fewer repetitions but still reports every key. Nothing here
touches the user's data: everything runs in a temporary data dir and config dir. Not part of
the test suite; see docs/performance.md for the method and the latest figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # bench/datagen.py (the bench's own helpers, not the package)

import datagen  # noqa: E402

#: key -> (comparison, target, unit, what)
TARGETS = {
    "startup_ms": (None, None, "ms", "start to first paint, 10,000 actions"),
    "startup_bare_qt_ms": (None, None, "ms", "bare PySide6 QMainWindow, same method"),
    "startup_ratio": ("<=", 1.5, "×", "ua-writer / bare Qt"),
    "pdf_letter_ms": ("<=", 20, "ms", "compose + PDF, Russian letter"),
    "pdf_floor_ms": (None, None, "ms", "raw reportlab: the same letter's lines in PT Serif, one page (CPU)"),
    "pdf_floor_ratio": ("<=", 1.5, "×", "ours / floor, both from the composed letter to a plain file (CPU)"),
    "docx_letter_ms": ("<=", 20, "ms", "compose + DOCX, Russian letter"),
    "fax_packet_ms": ("<=", 30, "ms", "compose + fax cover + letter PDF"),
    "libreoffice_pdf_ms": (None, None, "ms", "soffice --convert-to pdf of our DOCX"),
    "libreoffice_ratio": (">=", 50, "×", "LibreOffice / pdf_letter_ms"),
    "batch_1000_s": ("<=", 3, "s", "1,000 signers -> PDF, all cores (the mail merge)"),
    "import_txt_ms": ("<=", 50, "ms", "import a text UA"),
    "import_pdf_ms": ("<=", 300, "ms", "import a two-page PDF UA"),
    "list_filter_ms": ("<=", 16, "ms", "search 10,000 actions via the proxy"),
    "rss_mb": ("<=", 200, "MB", "GUI, 10,000 actions, a letter open"),
}

N_ACTIONS = 10_000
LETTER = dict(action="juraev-2011", recipient="prosecutor-general", language="ru",
              date=dt.date(2011, 5, 3))


class Skip(Exception):
    """A figure that cannot be measured here; the message says why."""


def median_ms(fn, n: int, warmup: int = 2, clock=time.perf_counter) -> float:
    """Median of ``n`` runs in ms, by ``clock`` (wall time; ``time.process_time`` for the CPU
    time of this process, which other jobs on a shared machine disturb far less)."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(n):
        t0 = clock()
        fn()
        times.append((clock() - t0) * 1000)
    return statistics.median(times)


# -- environment ------------------------------------------------------------------------------------

class Env:
    """Temporary dirs for one run; the subprocess environment the GUI probes get."""

    def __init__(self, quick: bool):
        self.quick = quick
        self.root = Path(tempfile.mkdtemp(prefix="ua-writer-bench-"))
        self.small = self.root / "data-small"   # bundled actions only (letters, imports)
        self.big = self.root / "data-10k"       # 10,000 actions (start-up, list, memory)
        self.out = self.root / "out"
        self.out.mkdir()
        os.environ["UA_WRITER_DATA_DIR"] = str(self.small)
        os.environ["XDG_CONFIG_HOME"] = str(self.root / "config")
        os.environ["XDG_DATA_HOME"] = str(self.root / "xdg-data")
        os.environ["XDG_CACHE_HOME"] = str(self.root / "cache")
        os.environ.pop("UA_WRITER_TODAY", None)

    def gui_env(self) -> dict:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", UA_WRITER_DATA_DIR=str(self.big),
                   UA_WRITER_TODAY=datagen.SEED_TODAY.isoformat(),
                   # an installed ua-writer runs from bytecode: let both probes cache theirs
                   PYTHONPYCACHEPREFIX=str(self.root / "pycache"))
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        return env

    def cleanup(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


def machine() -> dict:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        import PySide6
        from PySide6.QtCore import qVersion

        qt = f"PySide6 {PySide6.__version__}, Qt {qVersion()}"
    except Exception as e:  # pragma: no cover
        qt = f"unavailable ({e})"
    lo = shutil.which("soffice") or shutil.which("libreoffice")
    lo_version = None
    if lo:
        try:
            lo_version = subprocess.run([lo, "--version"], capture_output=True, text=True,
                                        timeout=60).stdout.strip()
        except Exception:
            lo_version = "unknown"
    return {"nproc": os.cpu_count(), "cpu": cpu, "python": platform.python_version(),
            "qt": qt, "os": platform.platform(), "libreoffice": lo_version}


# -- letters ----------------------------------------------------------------------------------------

def _letter_inputs(env: Env):
    from ua_writer.core.model import SenderProfile
    from ua_writer.core.store import open_store

    store = open_store()
    try:
        store.save_profile(SenderProfile(**datagen.PROFILE))
        action = store.get_action(LETTER["action"])
        profile = store.profile()
    finally:
        store.close()
    return action, action.recipient(LETTER["recipient"]), profile


def _pdf_floor(letter, target: Path, stock: bool = False):
    """The least any PDF letter costs: reportlab's canvas drawing the letter's lines (the text
    already composed, wrapped with reportlab's simpleSplit) in the same embedded PT Serif on one
    A4 page, written to a file; no layout rules, no compose, no atomic write. The font is
    registered before the clock starts, as ua-writer's own exporter caches it, and is the same
    registered face, so the floor gets the same embedded-subset cache (export/fonts.py) as ours."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen.canvas import Canvas

    from ua_writer.export import fonts

    face = fonts.letter_fonts().regular
    if stock:  # reportlab's own TTFont of the same file: its subset built for every document
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        from ua_writer import paths

        pdfmetrics.registerFont(TTFont("UAW-Bench-Stock", str(paths.fonts_dir() / fonts.FILES["regular"])))
        face = "UAW-Bench-Stock"
    size, leading, left, measure = 11, 14, 70.0, 460.0
    lines: list[str] = []
    for paragraph in letter.to_text().split("\n"):
        lines += simpleSplit(paragraph, face, size, measure) or [""]

    def draw() -> None:
        c = Canvas(str(target), pagesize=A4, pageCompression=1, initialFontName=face,
                   initialFontSize=size)
        c.setTitle(letter.subject or "Letter")
        text = c.beginText(left, A4[1] - 60)
        text.setFont(face, size, leading)
        for line in lines:
            text.textLine(line)
        c.drawText(text)
        c.showPage()
        c.save()

    return draw


def bench_letters(env: Env, results: dict) -> None:
    try:
        from ua_writer.core.compose import compose_letter
        from ua_writer.export import docx, pdf
    except ImportError as e:
        raise Skip(f"composer/exporters not built yet ({e.name})") from None
    action, recipient, profile = _letter_inputs(env)
    n = 20 if env.quick else 60

    def compose():
        return compose_letter(action, recipient, LETTER["language"], profile, LETTER["date"])

    target = env.out / "letter.pdf"
    letter = compose()
    plain = env.out / "plain.pdf"

    def ours_plain() -> None:
        # like for like with the floor: the composed letter, drawn and saved to a plain file
        with open(plain, "wb") as fh:
            pdf.render_letter_pdf(letter, fh)

    def ours_composed() -> None:
        # the same, composing the letter first (what the floor is spared: it gets the text)
        with open(plain, "wb") as fh:
            pdf.render_letter_pdf(compose(), fh)

    def ours_cold() -> None:
        # the same in a process that has laid out no letter before (no remembered word widths
        # or paragraph lines: export/pdf.py keeps them across letters)
        getattr(pdf, "clear_layout_caches", lambda: None)()   # (main had no such caches)
        ours_plain()

    floor = _pdf_floor(letter, env.out / "floor.pdf")
    # ours and the floor in the same run, interleaved in rounds (a shared VM drifts), timed in
    # CPU time of this process (time.process_time: what other jobs on the machine change least;
    # both write a plain file, so waiting on the disk is left out alike): the ratio is the
    # median of the per-round ratios, each round a median of a few runs of each. Wall-clock
    # figures of the same rounds are kept as details.
    rounds, per = (7, 5) if env.quick else (15, 8)
    cpu = time.process_time
    mine, base, ratios, walls, composed, cold = [], [], [], [], [], []
    for fn in (ours_plain, floor, ours_composed, ours_cold):   # warm-ups
        median_ms(fn, 2)
    for _ in range(rounds):
        a = median_ms(ours_plain, per, warmup=0, clock=cpu)
        b = median_ms(floor, per, warmup=0, clock=cpu)
        c = median_ms(ours_composed, per, warmup=0, clock=cpu)
        d = median_ms(ours_cold, per, warmup=0, clock=cpu)
        wa = median_ms(ours_plain, per, warmup=0)
        wb = median_ms(floor, per, warmup=0)
        mine.append(a), base.append(b), ratios.append(a / b), composed.append(c / b)
        cold.append(d / b), walls.append(wa / wb)
    results["pdf_floor_ms"] = statistics.median(base)
    results["_pdf_letter_plain_ms"] = statistics.median(mine)
    results["pdf_floor_ratio"] = statistics.median(ratios)
    results["_pdf_floor_ratio_spread"] = f"{min(ratios):.2f}-{max(ratios):.2f}"
    results["_pdf_floor_ratio_wall"] = statistics.median(walls)
    results["_pdf_floor_ratio_with_compose"] = statistics.median(composed)
    results["_pdf_floor_ratio_cold"] = statistics.median(cold)
    # the floor with reportlab's stock TTFont (as measured before the subset cache)
    results["_pdf_floor_stock_ms"] = median_ms(_pdf_floor(letter, env.out / "stock.pdf", True), n)
    # the user-facing figure: compose + PDF + the atomic write (two fsyncs: file, then folder)
    results["pdf_letter_ms"] = median_ms(lambda: pdf.write_letter_pdf(compose(), target), n)
    results["_pdf_render_to_memory_ms"] = median_ms(
        lambda: pdf.render_letter_pdf(letter, io.BytesIO()), n)
    results["_pdf_layout_ms"] = median_ms(lambda: pdf.layout_letter(letter), n, clock=cpu)

    def layout_cold() -> None:
        getattr(pdf, "clear_layout_caches", lambda: None)()   # a fresh process: every word measured
        pdf.layout_letter(letter)

    results["_pdf_layout_cold_ms"] = median_ms(layout_cold, n, clock=cpu)
    dtarget = env.out / "letter.docx"
    results["docx_letter_ms"] = median_ms(lambda: docx.write_letter_docx(compose(), dtarget), n)
    try:
        from ua_writer.export.faxcover import fax_packet_pdf
    except ImportError:
        results.setdefault("_skipped", {})["fax_packet_ms"] = "fax cover exporter not built yet"
        return
    ftarget = env.out / "fax.pdf"
    results["fax_packet_ms"] = median_ms(
        lambda: fax_packet_pdf(compose(), recipient, profile, action, ftarget, date=LETTER["date"]), n)


def bench_libreoffice(env: Env, results: dict) -> None:
    lo = shutil.which("soffice") or shutil.which("libreoffice")
    if not lo:
        raise Skip("LibreOffice is not installed (to measure it: "
                   "sudo apt-get install libreoffice-writer-nogui)")
    docx_file = env.out / "letter.docx"
    if not docx_file.exists():
        raise Skip("no DOCX to convert (the letter figures were skipped)")
    profile = env.root / "lo-profile"
    outdir = env.out / "lo"
    outdir.mkdir(exist_ok=True)
    cmd = [lo, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
           "--nolockcheck", "--convert-to", "pdf", "--outdir", str(outdir), str(docx_file)]

    def convert():
        pdf_out = outdir / "letter.pdf"
        if pdf_out.exists():
            pdf_out.unlink()
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
        if r.returncode != 0 or not pdf_out.exists():
            raise Skip(f"LibreOffice failed to convert: {r.stderr.strip()[:200]}")

    # the first run creates LibreOffice's user profile, which a real user already has: not counted
    results["libreoffice_pdf_ms"] = median_ms(convert, 1 if env.quick else 3, warmup=1)


def bench_batch(env: Env, results: dict) -> None:
    try:
        from ua_writer.services import mailmerge as batch
        from ua_writer.core.compose import compose_letter  # noqa: F401
    except ImportError as e:
        raise Skip(f"composer not built yet ({e.name})") from None
    from ua_writer.core.store import open_store

    store = open_store()
    action = store.get_action(LETTER["action"])
    store.close()
    sheet = batch.read_signers(datagen.make_signers(env.root / "signers.csv", 1000))
    assert len(sheet.signers) == 1000 and not sheet.bad_rows
    job = batch.BatchJob(action, LETTER["recipient"], LETTER["language"], env.out / "batch",
                         LETTER["date"])
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    report = batch.BatchRun(job, sheet.signers).run()
    results["batch_1000_s"] = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # CPU of the worker processes (less noisy than wall time on a loaded machine)
    results["_batch_workers_cpu_s"] = (after.ru_utime + after.ru_stime
                                       - before.ru_utime - before.ru_stime)
    results["_batch_workers"] = report.workers
    if report.failed or len(report.written) != 1000:
        raise Skip(f"the batch wrote {len(report.written)} letters, {len(report.failed)} failed")


def bench_import(env: Env, results: dict) -> None:
    try:
        from ua_writer.core.importer import import_file
    except ImportError as e:
        raise Skip(f"importer not built yet ({e.name})") from None
    n = 10 if env.quick else 30
    name, text = datagen.seed_text()
    txt = env.out / "ua.txt"
    txt.write_text(text, encoding="utf-8")
    import_file(txt)  # must succeed
    results["import_txt_ms"] = median_ms(lambda: import_file(txt), n)
    pdf_file = datagen.make_two_page_pdf(env.out / "ua.pdf")
    import_file(pdf_file)
    results["import_pdf_ms"] = median_ms(lambda: import_file(pdf_file), max(5, n // 3))


# -- GUI --------------------------------------------------------------------------------------------

def _probe(env: Env, mode: str, timeout: float = 120) -> tuple[float, dict]:
    """Run gui_probe.py MODE; (wall ms from just before the start to FIRST_PAINT, other values)."""
    t0 = time.time()
    r = subprocess.run([sys.executable, str(HERE / "gui_probe.py"), mode], capture_output=True,
                       text=True, timeout=timeout, env=env.gui_env())
    values = {}
    for line in r.stdout.splitlines():
        parts = line.split(None, 1)
        if len(parts) == 2:
            values[parts[0]] = parts[1]
    if r.returncode != 0 and "FIRST_PAINT" not in values and "RSS_MB" not in values:
        raise Skip(f"the {mode} probe failed: {r.stderr.strip().splitlines()[-1:] or r.returncode}")
    first = (float(values["FIRST_PAINT"]) - t0) * 1000 if "FIRST_PAINT" in values else float("nan")
    if "LETTER_READY" in values:
        values["letter_ms"] = (float(values["LETTER_READY"]) - t0) * 1000
    if "COMPLETE_PAINT" in values:
        values["complete_ms"] = (float(values["COMPLETE_PAINT"]) - t0) * 1000
    return first, values


def _settle_machine(seconds: float = 2.0) -> None:
    """Let the disk writes of the benches before (10,000 actions just generated, 1,000 fsync'ed
    batch PDFs) finish before timing start-ups, so their write-back does not land on whichever
    probe runs next. (The start-ups still vary by ±15 % on a shared VM: compare changes with
    ``--instructions``.)"""
    if hasattr(os, "sync"):
        os.sync()
    time.sleep(seconds)


def _instructions(env: Env, mode: str) -> float:
    """Instructions (millions) the ``mode`` probe executes up to its first paint, counted by
    valgrind's cachegrind: deterministic to ~0.1 %, unlike wall time on a shared machine."""
    out = subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=no",
                          "--cachegrind-out-file=/dev/null", sys.executable,
                          str(HERE / "gui_probe.py"), mode], capture_output=True, text=True,
                         timeout=600, env=dict(env.gui_env(), UA_BENCH_EXIT_AT_PAINT="1"))
    m = re.search(r"I\s+refs:\s+([\d,]+)", out.stderr)
    if not m:
        raise Skip(f"valgrind gave no count for the {mode} probe")
    return int(m.group(1).replace(",", "")) / 1e6


def bench_instructions(env: Env, results: dict) -> None:
    """``--instructions``: the start-up ratio again, as instructions to the first paint."""
    if not shutil.which("valgrind"):
        raise Skip("valgrind is not installed (apt-get install valgrind)")
    if not (env.big / "ua-writer.sqlite3").exists():
        datagen.make_data_dir(env.big, N_ACTIONS)
    _probe(env, "app")  # bytecode caches and the store's first open, not counted
    counts = {mode: _instructions(env, mode) for mode in ("bare", "widgets", "app")}
    results["_startup_instr_bare_m"] = counts["bare"]
    results["_startup_instr_widgets_m"] = counts["widgets"]
    results["_startup_instr_app_m"] = counts["app"]
    results["_startup_instr_ratio"] = counts["app"] / counts["bare"]
    results["_startup_instr_widgets_ratio"] = counts["widgets"] / counts["bare"]


def bench_gui(env: Env, results: dict) -> None:
    try:
        import PySide6  # noqa: F401
    except ImportError:
        raise Skip("PySide6 is not installed") from None
    from importlib.util import find_spec

    if find_spec("ua_writer.app") is None:
        raise Skip("the GUI (ua_writer.app) is not built yet")
    t = time.perf_counter()
    datagen.make_data_dir(env.big, N_ACTIONS)
    results["_datagen_s"] = time.perf_counter() - t
    _settle_machine()
    runs = 5 if env.quick else 15  # the start-ups of a shared VM vary by ±30 %: many pairs
    bare, widgets, app, letter, complete = [], [], [], [], []
    _probe(env, "bare")  # warm-ups: bytecode caches, OS file cache, the store's first migration
    _probe(env, "widgets")
    _probe(env, "app")
    for _ in range(runs):  # interleaved, so machine load affects all alike
        bare.append(_probe(env, "bare")[0])
        widgets.append(_probe(env, "widgets")[0])
        first, values = _probe(env, "app")
        app.append(first)
        if "letter_ms" in values:
            letter.append(values["letter_ms"])
        if "complete_ms" in values:
            complete.append(values["complete_ms"])
    results["startup_bare_qt_ms"] = statistics.median(bare)
    results["startup_ms"] = statistics.median(app)
    # not a target: a plain PySide6 window of the same kinds of widgets, no ua-writer code
    results["_startup_qt_widgets_ms"] = statistics.median(widgets)
    results["_startup_qt_widgets_ratio"] = results["_startup_qt_widgets_ms"] / results["startup_bare_qt_ms"]
    # the ratio within each interleaved pair, as a check on the ratio of the medians
    results["_startup_pair_ratio"] = statistics.median(x / y for x, y in zip(app, bare))
    results["_startup_runs"] = runs
    if complete:  # not a target: the second frame, with the letter side (its placeholders)
        results["_startup_complete_ms"] = statistics.median(complete)
    if letter:  # not a target: when the first letter is composed and shown (may follow the paint)
        results["_startup_letter_ms"] = statistics.median(letter)
    results["startup_ratio"] = results["startup_ms"] / results["startup_bare_qt_ms"]
    _, values = _probe(env, "session", timeout=300)
    if "RSS_MB" in values:
        results["rss_mb"] = float(values["RSS_MB"])
    if "FILTER_MS" in values:
        results["list_filter_ms"] = float(values["FILTER_MS"])
        results["_list_filter_max_ms"] = float(values.get("FILTER_MAX_MS", "nan"))
        results["_letter_chars"] = int(values.get("LETTER_CHARS", "0"))


# -- report -----------------------------------------------------------------------------------------

def _fmt(v: float | None, unit: str) -> str:
    if v is None:
        return "—"
    if unit == "s":
        return f"{v:.1f} s"
    if unit == "×":
        return f"{v:.2f}×" if v < 10 else f"{v:.0f}×"
    if unit == "MB":
        return f"{v:.0f} MB"
    return f"{v:.1f} ms" if v < 100 else f"{v:.0f} ms"


def verdict(key: str, v: float | None) -> str:
    cmp, target, _unit, _what = TARGETS[key]
    if v is None:
        return "SKIP"
    if cmp == "<=":
        return "pass" if v <= target else "FAIL"
    if cmp == ">=":
        return "pass" if v >= target else "FAIL"
    return ""


def table(results: dict, skipped: dict) -> str:
    rows = [("figure", "value", "target", "baseline / note", "")]
    base = {
        "startup_ms": ("startup_bare_qt_ms", "bare Qt"),
        "pdf_letter_ms": ("libreoffice_pdf_ms", "LibreOffice"),
    }
    for key, (cmp, target, unit, what) in TARGETS.items():
        v = results.get(key)
        tgt = f"{cmp} {target:g}{'' if unit == '×' else ' '}{unit}" if cmp else ""
        note = what
        if key in base and results.get(base[key][0]) is not None and v is not None:
            note = f"{what}; {base[key][1]} {_fmt(results[base[key][0]], 'ms')}"
        if v is None:
            note = skipped.get(key, "not measured")
        rows.append((key, _fmt(v, unit), tgt, note, verdict(key, v)))
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    lines = []
    for i, r in enumerate(rows):
        lines.append("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())
        if i == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def markdown(results: dict, skipped: dict, info: dict) -> str:
    """The same table in Markdown, for docs/performance.md."""
    lines = ["| figure | value | target | baseline / note | |", "|---|---:|---|---|---|"]
    for key, (cmp, target, unit, what) in TARGETS.items():
        v = results.get(key)
        tgt = f"{cmp} {target:g}{'' if unit == '×' else ' '}{unit}" if cmp else ""
        note = what if v is not None else skipped.get(key, "not measured")
        if key == "startup_ms" and results.get("startup_bare_qt_ms"):
            note += f"; bare Qt {_fmt(results['startup_bare_qt_ms'], 'ms')}"
        if key == "pdf_letter_ms" and results.get("libreoffice_pdf_ms"):
            note += f"; LibreOffice {_fmt(results['libreoffice_pdf_ms'], 'ms')}"
        lines.append(f"| `{key}` | {_fmt(v, unit)} | {tgt} | {note} | {verdict(key, v)} |")
    lines.append("")
    lines.append(f"Machine: {info['nproc']} CPUs ({info['cpu']}), Python {info['python']}, {info['qt']}, "
                 f"{info['libreoffice'] or 'no LibreOffice'}; {info['os']}.")
    if info.get("loadavg_start"):
        lines.append("Load average (1, 5, 15 min) at the start: {}; at the end: {}.".format(
            *(", ".join(f"{x:.2f}" for x in info[k]) for k in ("loadavg_start", "loadavg_end"))))
    return "\n".join(lines)


BENCHES = [
    ("letters", bench_letters, ("pdf_letter_ms", "pdf_floor_ms", "pdf_floor_ratio",
                                "docx_letter_ms", "fax_packet_ms")),
    ("libreoffice", bench_libreoffice, ("libreoffice_pdf_ms",)),
    ("batch", bench_batch, ("batch_1000_s",)),
    ("import", bench_import, ("import_txt_ms", "import_pdf_ms")),
    ("gui", bench_gui, ("startup_ms", "startup_bare_qt_ms", "startup_ratio", "list_filter_ms",
                        "rss_mb")),
]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="fewer repetitions")
    ap.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    ap.add_argument("--only", metavar="NAMES", help=f"comma-separated: {', '.join(b[0] for b in BENCHES)}")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    ap.add_argument("--markdown", metavar="FILE", help="also write the table as Markdown")
    ap.add_argument("--instructions", action="store_true",
                    help="also count the start-up probes' instructions with valgrind (a "
                         "deterministic cross-check of the start-up ratio; ~1 min)")
    args = ap.parse_args(argv)
    only = set(args.only.split(",")) if args.only else None
    env = Env(args.quick)
    results: dict = {}
    skipped: dict = {}
    started = time.time()
    # other jobs on a shared machine move every wall-clock figure: say how busy it was
    load_start = os.getloadavg()
    try:
        for name, fn, keys in BENCHES:
            if only and name not in only:
                for k in keys:
                    skipped[k] = "not selected (--only)"
                continue
            print(f"bench: {name} ...", file=sys.stderr, flush=True)
            try:
                fn(env, results)
            except Skip as e:
                for k in keys:
                    if k not in results:
                        skipped[k] = str(e)
        if args.instructions:
            print("bench: instructions (valgrind) ...", file=sys.stderr, flush=True)
            try:
                bench_instructions(env, results)
            except Skip as e:
                results["_startup_instr_skipped"] = str(e)
        skipped.update(results.pop("_skipped", {}))
        if results.get("libreoffice_pdf_ms") and results.get("pdf_letter_ms"):
            results["libreoffice_ratio"] = results["libreoffice_pdf_ms"] / results["pdf_letter_ms"]
        elif "libreoffice_ratio" not in results:
            skipped["libreoffice_ratio"] = skipped.get("libreoffice_pdf_ms", "no LibreOffice figure")
        for k in TARGETS:
            if k not in results and k not in skipped:
                skipped[k] = "not measured"
    finally:
        if args.keep:
            print(f"bench: kept {env.root}", file=sys.stderr)
        else:
            env.cleanup()
    info = machine()
    info["loadavg_start"], info["loadavg_end"] = load_start, os.getloadavg()
    print(table(results, skipped))
    print(f"\nmachine: {info['nproc']} CPUs, {info['cpu']}; Python {info['python']}; {info['qt']}"
          + (f"; {info['libreoffice']}" if info["libreoffice"] else "; no LibreOffice"))
    print("load average (1, 5, 15 min): at the start {}, at the end {}".format(
        *(" ".join(f"{x:.2f}" for x in info[k]) for k in ("loadavg_start", "loadavg_end"))))
    extras = {k[1:]: v for k, v in results.items() if k.startswith("_")}
    if extras:
        print("details: " + ", ".join(f"{k}={v:.3g}" if isinstance(v, float) else f"{k}={v}"
                                      for k, v in extras.items()))
    print(f"({'quick, ' if args.quick else ''}{time.time() - started:.0f} s)")
    if args.markdown:
        Path(args.markdown).write_text(markdown(results, skipped, info) + "\n", encoding="utf-8")
    if args.json:
        data = {k: (round(results[k], 3) if results.get(k) is not None else None) for k in TARGETS}
        data.update({"skipped": {k: v for k, v in skipped.items() if k in TARGETS},
                     "targets": {k: {"cmp": c, "value": t} for k, (c, t, _u, _w) in TARGETS.items() if c},
                     "details": extras, "machine": info, "quick": args.quick,
                     "date": dt.datetime.now().isoformat(timespec="seconds")})
        Path(args.json).write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n",
                                   encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
