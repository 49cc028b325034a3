"""``python -m midway``: the same command line as the C++ ``midway`` tool."""

from __future__ import annotations

import sys

from ._core import _cli_main


def main(argv: list[str] | None = None) -> int:
    status, out, err = _cli_main(["midway", *(sys.argv[1:] if argv is None else argv)])
    sys.stdout.write(out)
    sys.stderr.write(err)
    return int(status)


if __name__ == "__main__":
    sys.exit(main())
