"""A Dask LocalCluster run stores exactly the events (and every other row) of a single-process run,
with the full stages (spaCy, actors, event coder). Needs the optional extra: pip install 'eventwire[dask]'."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.errors import ConfigError
from eventwire.pipeline import run
from eventwire.scale import parse_dask, run_parallel

pytest.importorskip("distributed", reason="Dask is the optional extra eventwire[dask]; install it to run this test")

from test_scale import SAMPLES, dump  # noqa: E402 - after the skip: test_scale needs nothing from Dask


def test_dask_local_cluster_stores_exactly_what_one_process_stores(tmp_path: Path) -> None:
    paths = [str(p) for p in sorted((SAMPLES / "text").glob("*.txt"))[:6]] + [str(SAMPLES / "worldwire.warc.gz")]
    single = run(paths, db=tmp_path / "one.duckdb")
    dask = run_parallel(paths, db=tmp_path / "dask.duckdb", dask="local:2", group_bytes=2_000)
    assert dask.partitions >= 3 and not dask.failed_partitions
    assert (dask.added, dask.mentions) == (single.added, single.mentions) and single.mentions > 10
    one, other = dump(tmp_path / "one.duckdb"), dump(tmp_path / "dask.duckdb")
    assert one["event_mentions"] == other["event_mentions"] and one["events"] == other["events"]
    assert one == other


def test_dask_addresses_are_checked() -> None:
    assert parse_dask("local:3") == ("local", 3)
    assert parse_dask("tcp://10.0.0.5:8786") == ("tcp", "tcp://10.0.0.5:8786")
    for bad in ("local:0", "local", "10.0.0.5:8786", "http://x:1"):
        with pytest.raises(ConfigError, match="local:N"):
            parse_dask(bad)
