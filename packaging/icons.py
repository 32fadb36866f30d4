"""Icons from the one source, ``resources/icons/ua-writer.svg``: hicolor PNGs, a Windows ``.ico`` and
a macOS ``.icns``. A build tool (run with the project's venv; uses PySide6's QtSvg offscreen), not
part of the ua_writer package.

    python packaging/icons.py png  [--out resources/icons/hicolor]   # the committed theme PNGs
    python packaging/icons.py ico  OUT.ico
    python packaging/icons.py icns OUT.icns

The .ico holds PNG-compressed images (Windows Vista and later read them); the .icns holds PNG
entries of the types macOS 10.7+ reads. Both formats are written here (a few bytes of header each)
rather than through Qt's image plugins, which the PySide6-Essentials wheel does not all ship.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icons" / "ua-writer.svg"
HICOLOR_DIR = ROOT / "resources" / "icons" / "hicolor"
#: the PNG sizes of the hicolor theme we install (the SVG goes to scalable/)
HICOLOR_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
#: icns entry type -> pixel size (PNG payloads)
ICNS_TYPES = (("icp4", 16), ("icp5", 32), ("icp6", 64), ("ic07", 128), ("ic08", 256),
              ("ic09", 512), ("ic10", 1024), ("ic11", 32), ("ic12", 64), ("ic13", 256),
              ("ic14", 512))


def render_png(size: int, svg: Path = SVG) -> bytes:
    """The SVG rendered to a ``size`` x ``size`` transparent PNG."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    if QGuiApplication.instance() is None:
        render_png.app = QGuiApplication([])  # kept alive for the process
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"icons: cannot read {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")
    buf.close()
    return bytes(data)


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICO file holding one PNG per size (ICONDIR + ICONDIRENTRYs + the PNGs)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, blobs = b"", b""
    for s in sizes:
        dim = 0 if s >= 256 else s  # 0 means 256
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(pngs[s]), offset)
        offset += len(pngs[s])
        blobs += pngs[s]
    return header + entries + blobs


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICNS file: 'icns' + length, then (type, length, PNG) per entry of ICNS_TYPES."""
    body = b""
    for kind, size in ICNS_TYPES:
        png = pngs[size]
        body += kind.encode("ascii") + struct.pack(">I", 8 + len(png)) + png
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def write_hicolor(out: Path = HICOLOR_DIR) -> list[Path]:
    written = []
    for s in HICOLOR_SIZES:
        target = out / f"{s}x{s}" / "apps" / "ua-writer.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(render_png(s))
        written.append(target)
    return written


def write_ico(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(ico_bytes({s: render_png(s) for s in ICO_SIZES}))
    return path


def write_icns(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(icns_bytes({s: render_png(s) for s in {s for _, s in ICNS_TYPES}}))
    return path


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="icons.py", description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="what", required=True)
    png = sub.add_parser("png", help="the hicolor theme PNGs")
    png.add_argument("--out", type=Path, default=HICOLOR_DIR)
    sub.add_parser("ico", help="a Windows .ico").add_argument("path", type=Path)
    sub.add_parser("icns", help="a macOS .icns").add_argument("path", type=Path)
    args = p.parse_args(argv)
    if args.what == "png":
        for f in write_hicolor(args.out):
            print(f)
    elif args.what == "ico":
        print(write_ico(args.path))
    else:
        print(write_icns(args.path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
