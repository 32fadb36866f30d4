"""Scanning the Qt-free code for texts a person reads that cannot be translated (the tests in
tests/core/test_error_translations.py and test_text_translations.py)."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[1]


def literal_text(node: ast.AST) -> bool:
    """A text built from literal text outside any _() call: "...", f"...", where + "..."."""
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.BinOp):
        return literal_text(node.left) or literal_text(node.right)
    return False


def calls_in_core_and_export() -> Iterator[tuple[str, ast.Call]]:
    """(``ua_writer/...py`` path, call) for every call in ua_writer/core and ua_writer/export."""
    for folder in ("core", "export"):
        for path in sorted((ROOT / "ua_writer" / folder).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Call):
                    yield rel, node
