"""Parquet shards in the index's work folder: the durable hand-overs between ingest's stages.

A shard is written under a temporary name, synced and renamed, so it is whole or absent:
a job killed while writing one leaves a hidden ``.partial`` file that nobody reads.
"""

from __future__ import annotations

import os
import re
import shutil
import uuid
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

WORK = "work"


def work_folder(index_dir: Path, stage: str, key: str) -> Path:
    """``index/work/<stage>/<key>/``, ``key`` made safe as a folder name."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", key).strip("-") or stage
    return Path(index_dir) / WORK / stage / safe


def write_shard(folder: Path, table: pa.Table) -> Path:
    """Write ``table`` as one new shard of ``folder``, whole or not at all."""
    folder.mkdir(parents=True, exist_ok=True)
    final = folder / f"{uuid.uuid4().hex}.parquet"
    partial = folder / f".{final.name}.partial"
    pq.write_table(table, partial)
    with partial.open("rb") as written:
        os.fsync(written.fileno())
    partial.replace(final)
    return final


def shards_of(folder: Path) -> list[Path]:
    """The finished shards of ``folder``."""
    return sorted(folder.glob("*.parquet")) if folder.exists() else []


def clear_folder(folder: Path) -> None:
    """Remove ``folder`` and the work folders above it that it leaves empty."""
    shutil.rmtree(folder, ignore_errors=True)
    for above in (folder.parent, folder.parent.parent):  # work/<stage>, then work
        try:
            above.rmdir()
        except OSError:  # not empty (another stage's shards), or already gone
            break
