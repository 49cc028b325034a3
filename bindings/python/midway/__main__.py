"""``python -m midway``: the same command line as the C++ ``midway`` tool.

Both run one parser and one set of commands (``midway::cli::run``); this module only moves the
bytes to the standard streams. Exit statuses are those of docs/cli.md: 0 done, 1 findings,
2 usage error, 3 unreadable or invalid input, 4 output failed.
"""

from __future__ import annotations

import os
import sys
from typing import TextIO

from ._cli import main as _cli_main

EXIT_OUTPUT_FAILED = 4


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


def _write(stream: TextIO, data: bytes) -> None:
    """Writes the bytes as the C++ tool does: unchanged, then flushed."""
    if not data:
        return
    stream.flush()
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        buffer.write(data)
        buffer.flush()
    else:  # a text-only stream (a test's StringIO)
        stream.write(data.decode("utf-8", errors="replace"))
        stream.flush()


def _silence_stdout() -> None:
    """After a failed write, stop the interpreter retrying it (and printing a traceback) at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    status, out, err = _cli_main(["midway", *args], progress=_is_terminal(sys.stderr))
    try:
        _write(sys.stderr, err)
    except OSError:  # nowhere left to say anything; the status still tells
        pass
    try:
        _write(sys.stdout, out)
    except OSError as e:
        reason = e.strerror or type(e).__name__
        _write(sys.stderr, f"midway: cannot write to standard output: {reason}\n".encode())
        _silence_stdout()
        return EXIT_OUTPUT_FAILED
    return int(status)


if __name__ == "__main__":
    sys.exit(main())
