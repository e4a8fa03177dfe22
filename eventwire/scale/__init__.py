"""Scale out: partitioned parallel runs on local processes or a Dask cluster, with crawl filters.

``eventwire run --workers N`` / ``--dask local:N|tcp://HOST:PORT`` / ``--out DIR`` call
:func:`run_parallel`; see ``docs/scale.md``. Names are imported on first use, so that the ``run``
command's options (:mod:`eventwire.scale.cli`) cost nothing until they are used.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["run_parallel", "ScaleSummary", "Filters", "Partition", "plan_partitions", "parse_dask"]

_HOMES = {"run_parallel": "engine", "ScaleSummary": "engine", "parse_dask": "engine", "Filters": "filters",
          "Partition": "partitions", "plan_partitions": "partitions"}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(importlib.import_module(f"eventwire.scale.{_HOMES[name]}"), name)
    raise AttributeError(f"module 'eventwire.scale' has no attribute {name!r}")
