"""The screenshots of docs/letters.md: one letter per language, our PDF beside our DOCX as
LibreOffice renders it (with the bundled PT Serif installed, as the issue's reviewer had it), made
with the CLI as a user would:

    .venv/bin/python -m tests.letters.shots [OUT_DIR]      (default: docs/)

A sender in Berlin, ``--today 2011-04-01``, the Kasymakhunov UA to the MFA's department director,
in ru/en/de/fr/es; LibreOffice headless with its own profile converts the DOCX; ``pdftoppm`` renders
page 1 of both; ImageMagick puts them side by side (``letter-LANG-pdf-docx.png``). Needs
``soffice``, ``pdftoppm`` and ImageMagick; not part of the test suite (the test that checks where
things land is tests/letters/test_docx_libreoffice.py).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LANGS = ("ru", "en", "de", "fr", "es")
PROFILE = ["name=Anna Kovač", "address_lines=Hauptstr. 1|10115 Berlin", "city=Berlin", "country=DE",
           "gender=f", "names.ru=Анна Ковач"]


def _cli(data: Path, *args: str) -> None:
    subprocess.run([sys.executable, "-m", "ua_writer", "--data-dir", str(data), "--today", "2011-04-01",
                    *args], cwd=ROOT, check=True, capture_output=True, timeout=120)


def _page_png(pdf: Path, stem: Path) -> Path:
    subprocess.run(["pdftoppm", "-r", "70", "-f", "1", "-l", "1", "-singlefile", "-png", str(pdf), str(stem)],
                   check=True, timeout=60)
    return stem.with_suffix(".png")


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else ROOT / "docs"
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print("needs LibreOffice (soffice)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="ua-shots-") as tmp:
        work = Path(tmp)
        data = work / "data"
        _cli(data, "profile", "--set", *PROFILE)
        home = work / "home"  # LibreOffice sees our bundled fonts (PT Serif), as a user who has them
        (home / ".fonts").mkdir(parents=True)
        for font in (ROOT / "resources" / "fonts").glob("*.ttf"):
            shutil.copy(font, home / ".fonts" / font.name)
        env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
        for lang in LANGS:
            pdf, docx = work / f"{lang}.pdf", work / f"{lang}.docx"
            for path in (pdf, docx):
                _cli(data, "letter", "kasymakhunov-2012", "--lang", lang, "--to", "mfa-third-cis-department",
                     "-o", str(path))
            lo = work / "lo"
            subprocess.run([soffice, f"-env:UserInstallation=file://{work / 'lo-profile'}", "--headless",
                            "--convert-to", "pdf", "--outdir", str(lo), str(docx)],
                           check=True, capture_output=True, timeout=180, env=env)
            left = _page_png(pdf, work / f"{lang}-pdf")
            right = _page_png(lo / f"{lang}.pdf", work / f"{lang}-docx")
            target = out / f"letter-{lang}-pdf-docx.png"
            subprocess.run(["convert", str(left), str(right), "-bordercolor", "#999999", "-border", "1",
                            "+append", "-strip", "-colors", "256", f"PNG8:{target}"], check=True, timeout=60)
            print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
