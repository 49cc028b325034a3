"""Print the Python requirements (from pyproject.toml) that are not installed, space-separated.

Used by scripts/dev.sh so that a second run installs nothing and asks no registry. Arguments name
more optional-dependency groups to include (`bench` for scripts/dev.sh bench).
"""

from __future__ import annotations

import importlib.metadata as md
import sys
import tomllib
from pathlib import Path

try:
    from packaging.requirements import Requirement
except ImportError:  # pip always vendors it
    from pip._vendor.packaging.requirements import Requirement

root = Path(__file__).resolve().parent.parent
project = tomllib.loads((root / "pyproject.toml").read_text())
wanted = [
    *project["build-system"]["requires"],
    *project["project"]["dependencies"],
    *project["project"]["optional-dependencies"]["test"],
    *(r for group in sys.argv[1:] for r in project["project"]["optional-dependencies"][group]),
    "cmake>=3.25",
    "ninja>=1.10",
]
missing = []
for text in wanted:
    req = Requirement(text)
    try:
        version = md.version(req.name)
    except md.PackageNotFoundError:
        missing.append(text)
        continue
    if req.specifier and not req.specifier.contains(version, prereleases=True):
        missing.append(text)
print(" ".join(missing))
sys.exit(0)
