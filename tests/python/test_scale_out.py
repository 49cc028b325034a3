"""docs/scale-out.md: the Dask recipe, run as the page gives it.

midway.evaluate on each partition of a Parquet dataset partitioned by case, on a
dask.distributed.LocalCluster of 2 worker processes, gives what one process gives for the whole
caseload. Skipped only when dask.distributed or pyarrow is not installed (the `test` extra and
scripts/dev.sh install both).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import midway
from docpages import page_blocks

pytest.importorskip("dask.distributed")
pytest.importorskip("pyarrow")


def test_dask_recipe_equals_one_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    blocks = page_blocks("scale-out.md")
    index = next(i for i, (lang, code) in enumerate(blocks) if lang == "python" and "LocalCluster" in code)
    assert blocks[index + 1][0] == "text"
    namespace: dict[str, Any] = {"dt": dt, "np": np, "midway": midway, "__name__": "__doc_example__"}
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(blocks[index][1], f"docs/scale-out.md[block {index}]", "exec"), namespace)
    assert out.getvalue() == blocks[index + 1][1] == "3000 cases; equal to one process: True\n"
    parts, distributed, single = namespace["parts"], namespace["distributed"], namespace["single"]
    assert len(parts) == namespace["BUCKETS"] == 6 and all(len(part) > 0 for part in parts)
    assert sum(len(part) for part in parts) == len(single) == 3000
    assert distributed.equals(single)
    assert sorted(p.name for p in (tmp_path / "dataset" / "events").iterdir()) == [f"bucket={k}" for k in range(6)]
