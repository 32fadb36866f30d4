"""Running ``ua-writer`` in-process for tests: ``run(capsys, *argv) -> (exit code, stdout, stderr)``."""

from __future__ import annotations

from ua_writer.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err
