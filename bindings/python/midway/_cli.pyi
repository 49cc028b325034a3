"""midway's command line, for `python -m midway` (bindings/python/cli_module.cpp)."""

from collections.abc import Sequence

def main(argv: Sequence[str], progress: bool = False) -> tuple[int, bytes, bytes]: ...
