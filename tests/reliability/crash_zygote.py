"""Helper process for the crash-safety tests: imports ua-writer once, then forks writers on demand.

Started as ``python crash_zygote.py``; reads commands on stdin, one per line:

``drafts DB LOG SEED``   fork a child that saves drafts into the store at DB forever, appending
                         ``<key>\t<counter>\t<time.time()>`` to LOG after each commit;
``export DIR LOG SEED``  fork a child that exports PDF letters into DIR forever, logging each file
                         after ``write_letter_pdf`` returned;
``quit``.

For each fork it prints the child's pid; the test SIGKILLs that pid at a random moment, and the
zygote reaps it on the next command. Forking a warm process keeps each round at milliseconds
instead of a fresh interpreter's start-up, so 50+ kills fit in a few seconds.
"""

from __future__ import annotations

import hashlib
import os
import random
import sys
import time

from ua_writer.core.store import Store  # noqa: E402  (warm imports before forking)
from ua_writer.core.letter import Letter

try:
    from ua_writer.export import pdf as _pdf
    from ua_writer.export import fonts as _fonts
except ImportError:  # pragma: no cover - exporter not built yet
    _pdf = None

ACTIONS = ["juraev-2011", "azimov-2011", "kasymakhunov-2012"]
LANGS = ["ru", "en"]
RECIPIENTS = ["r1", "r2", "r3", "r4"]


def draft_text(key: str, counter: int) -> str:
    """A self-checking draft body: its digest line proves it was stored whole."""
    body = (f"{key} #{counter}\n" + ("Уважаемый Генеральный прокурор! " * (1 + counter % 40)) + "\n") * 3
    return body + "sha=" + hashlib.sha256(body.encode()).hexdigest()


def check_draft(text: str) -> bool:
    body, _, digest = text.rpartition("sha=")
    return hashlib.sha256(body.encode()).hexdigest() == digest


def _drafts(db: str, log: str, seed: int) -> None:
    rnd = random.Random(seed)
    store = Store(db)
    counter = int(time.time() * 1000) * 1000  # increases across children
    with open(log, "a", buffering=1, encoding="utf-8") as out:
        while True:
            key = f"{rnd.choice(ACTIONS)}/{rnd.choice(LANGS)}/{rnd.choice(RECIPIENTS)}"
            aid, lang, rid = key.split("/")
            counter += 1
            store.save_draft(aid, lang, rid, draft_text(key, counter))
            out.write(f"{key}\t{counter}\t{time.time():.6f}\n")  # reaches the page cache at once


def sample_letter(n: int) -> Letter:
    paras = ["Я обращаюсь к Вам в связи с положением Низомхона Джураева. " * (2 + n % 5)] * (2 + n % 4)
    return Letter(language="ru", sender=["Анна Ковач", "Musterstraße 12", "10115 Berlin"],
                  place_date="Берлин, 3 мая 2011 г.",
                  addressee=["Генеральному прокурору", "Российской Федерации", "Ю. Я. Чайке",
                             "ул. Большая Дмитровка, 15а", "125993 Москва", "Россия"],
                  subject="Низомхон Джураев", salutation="Уважаемый Юрий Яковлевич!",
                  paragraphs=paras, closing="С уважением,", signature=["Анна Ковач"])


def _export(folder: str, log: str, seed: int) -> None:
    rnd = random.Random(seed)
    _fonts.letter_fonts()
    with open(log, "a", buffering=1, encoding="utf-8") as out:
        n = 0
        while True:
            n += 1
            name = f"letter-{rnd.randrange(6)}.pdf"  # overwrite existing files too
            _pdf.write_letter_pdf(sample_letter(n + seed), os.path.join(folder, name))
            out.write(f"{name}\t{n}\t{time.time():.6f}\n")


def main() -> None:
    children: list[int] = []
    for line in sys.stdin:
        parts = line.split()
        for pid in list(children):  # reap killed children
            if os.waitpid(pid, os.WNOHANG)[0]:
                children.remove(pid)
        if not parts or parts[0] == "quit":
            break
        cmd, target, log, seed = parts[0], parts[1], parts[2], int(parts[3])
        pid = os.fork()
        if pid == 0:
            try:
                (_drafts if cmd == "drafts" else _export)(target, log, seed)
            finally:
                os._exit(1)
        children.append(pid)
        print(pid, flush=True)
    for pid in children:
        try:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
        except OSError:
            pass


if __name__ == "__main__":
    main()
