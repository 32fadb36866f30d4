"""Cheap checks of a zip file before ``zipfile`` reads it: the number of entries from the end
record alone, and the sizes and ratios every member declares (zip bombs).

``zipfile.ZipFile`` builds an object per entry of the central directory up front: 600,000
entries cost seconds and hundreds of megabytes before any limit could say no. ``entry_count``
reads only the end-of-central-directory record. Used by group packs (core/uapack.py) and the
DOCX reader (core/importer/text.py). Qt-free; imports nothing from ua_writer but the errors.
"""

from __future__ import annotations

import os
import struct
import zipfile
from typing import BinaryIO, Callable

_EOCD = b"PK\x05\x06"
_ZIP64_LOCATOR = b"PK\x06\x07"
_ZIP64_EOCD = b"PK\x06\x06"


def entry_count(f: BinaryIO) -> int | None:
    """How many entries the zip file ``f`` declares (its end record), or None if it has none
    (not a zip file). Reads at most 64 KB from the end; leaves ``f`` at its start."""
    try:
        f.seek(0, os.SEEK_END)
        size = f.tell()
        tail_len = min(size, 22 + 65535)
        f.seek(size - tail_len)
        tail = f.read(tail_len)
    except OSError:
        return None
    finally:
        try:
            f.seek(0)
        except OSError:
            pass
    at = tail.rfind(_EOCD)
    if at < 0 or len(tail) - at < 22:
        return None
    count = struct.unpack("<H", tail[at + 10:at + 12])[0]
    if count == 0xFFFF:  # zip64: the real count is in the zip64 end record
        loc = at - 20
        if loc >= 0 and tail[loc:loc + 4] == _ZIP64_LOCATOR:
            offset = struct.unpack("<Q", tail[loc + 8:loc + 16])[0]
            try:
                f.seek(offset)
                rec = f.read(56)
                f.seek(0)
            except OSError:
                return count
            if rec[:4] == _ZIP64_EOCD and len(rec) >= 40:
                return struct.unpack("<Q", rec[32:40])[0]
    return count


def check_members(infos: list[zipfile.ZipInfo], *, max_entries: int, max_entry_bytes: int,
                  max_total_bytes: int, max_ratio: int, ratio_min_bytes: int,
                  fail: Callable[[str, zipfile.ZipInfo | None], Exception]) -> None:
    """Raise ``fail(kind, info)`` for the first limit an entry list breaks: ``"entries"``,
    ``"size"`` (one member), ``"ratio"`` (a member expanding more than ``max_ratio``-fold) or
    ``"total"`` (all members together)."""
    if len(infos) > max_entries:
        raise fail("entries", None)
    total = 0
    for info in infos:
        if info.file_size > max_entry_bytes:
            raise fail("size", info)
        if (info.file_size > ratio_min_bytes
                and info.file_size > max_ratio * max(info.compress_size, 1)):
            raise fail("ratio", info)
        total += info.file_size
        if total > max_total_bytes:
            raise fail("total", info)
