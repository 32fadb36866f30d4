"""Bench data: a data dir with N actions (variations of the bundled packs), a sender profile, a
signer sheet and a two-page PDF Urgent Action. Uses only the public Store API."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import json
import random
from pathlib import Path

SEED_TODAY = dt.date(2011, 4, 1)
SEEDS_DIR = Path("/work/shared/seeds")

PROFILE = dict(name="Anna Kovach", address_lines=["Musterstraße 12", "10115 Berlin"], city="Berlin",
               country="DE", email="anna.kovach@example.org", gender="f", languages=["ru", "en"],
               names={"ru": "Анна Ковач"})


def make_data_dir(path: Path, n_actions: int = 10_000) -> Path:
    """Create a store under ``path`` holding the bundled packs plus ``n_actions`` variations."""
    from ua_writer import paths
    from ua_writer.core import packs
    from ua_writer.core.model import SenderProfile
    from ua_writer.core.store import open_store

    path.mkdir(parents=True, exist_ok=True)
    db = path / "ua-writer.sqlite3"
    store = open_store(db)
    try:
        store.save_profile(SenderProfile(**PROFILE))
        base = [json.loads(packs.dumps(store.get_action(r.id))) for r in store.action_rows()]
        rnd = random.Random(10_000)
        words = ("detained", "tortured", "journalist", "lawyer", "activist", "refugee", "prisoner",
                 "student", "blogger", "defender", "trade unionist", "doctor")
        surnames = ("Ivanov", "Petrova", "Karimov", "Aliyeva", "Rahimov", "Nazarova", "Sidorov",
                    "Yusupova", "Orlov", "Kuznetsova")
        batch = []
        have = len(store.action_rows())
        for i in range(max(0, n_actions - have)):
            d = copy.deepcopy(base[i % len(base)])
            d["id"] = f"{d['id']}-gen{i:05d}"
            d["title"] = f"{d['title']} ({rnd.choice(words)} {rnd.choice(surnames)} {i})"
            deadline = SEED_TODAY + dt.timedelta(days=rnd.randint(-900, 400))
            if rnd.random() < 0.05:
                d.pop("deadline", None)
            else:
                d["deadline"] = deadline.isoformat()
            batch.append(packs.action_from_dict(d, source="bench"))
            if len(batch) == 1000:
                store.save_actions(batch)
                batch = []
        if batch:
            store.save_actions(batch)
        count = len(store.action_rows())
    finally:
        store.close()
    assert count >= n_actions, count
    del paths
    return db


def make_signers(path: Path, n: int) -> Path:
    rnd = random.Random(n)
    first = ("Anna", "Jonas", "Lea", "Paul", "Mia", "Ben", "Emma", "Finn", "Sofia", "Elias")
    last = ("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker")
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["name", "address", "postal_code", "city", "country", "email", "gender"])
        for i in range(n):
            fn, ln = rnd.choice(first), rnd.choice(last)
            w.writerow([f"{fn} {ln} {i}", f"{ln}straße {i % 200 + 1}|Hinterhaus", f"{10000 + i}",
                        "Berlin", "DE", f"{fn.lower()}.{i}@example.org", "f" if fn in
                        ("Anna", "Lea", "Mia", "Emma", "Sofia") else "m"])
    return path


def seed_text(longest: bool = False) -> tuple[str, str]:
    """(name, text) of a plain-text UA from the shared seeds (the first, or the longest)."""
    if SEEDS_DIR.is_dir():
        files = sorted(SEEDS_DIR.glob("*.txt"))
        if longest:
            files.sort(key=lambda p: -p.stat().st_size)
        if files:
            return files[0].name, files[0].read_text(encoding="utf-8")
    raise FileNotFoundError(f"no seed UA text in {SEEDS_DIR}")


def _wrap(text: str, width: int = 100) -> list[str]:
    lines = []
    for para in text.splitlines():
        while len(para) > width:
            cut = para.rfind(" ", 0, width)
            cut = cut if cut > 0 else width
            lines.append(para[:cut])
            para = para[cut:].lstrip()
        lines.append(para)
    return lines


def make_two_page_pdf(path: Path) -> Path:
    """A text PDF of a shared seed UA that fills exactly two A4 pages (as a section's UA PDF
    usually does), line breaks kept as in the UA."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    from ua_writer import paths

    font, size, leading, margin = "BenchSerif", 8.5, 10, 40
    if font not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(font, str(paths.fonts_dir() / "PTSerif-Regular.ttf")))
    per_page = int((A4[1] - 2 * margin) // leading)
    for seed in sorted(SEEDS_DIR.glob("*.txt")):
        lines = _wrap(seed.read_text(encoding="utf-8"), 110)
        if per_page < len(lines) <= 2 * per_page:
            break
    else:
        raise FileNotFoundError(f"no seed UA in {SEEDS_DIR} fills two pages")
    c = canvas.Canvas(str(path), pagesize=A4)
    for page_start in range(0, len(lines), per_page):
        c.setFont(font, size)
        y = A4[1] - margin
        for ln in lines[page_start:page_start + per_page]:
            c.drawString(margin, y, ln)
            y -= leading
        c.showPage()
    c.save()
    return path
