# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Dyad analysis with eventwire and pandas
#
# From the bundled sample captures (fictional events written for the project) to a fresh database,
# then: which pairs of actors interact most, how Russia and Ukraine treat each other month by month,
# and how much of it is conflict. Open this file in Jupyter with Jupytext, in VS Code or Spyder (it is
# a "percent" notebook), or run it as a script: `python notebooks/dyad_analysis.py`.
#
# Two counts appear side by side everywhere: **events** (one row of the events table: who did what to
# whom, on one day, in one story) and **mentions** (the sentences that reported them). A story told by
# five outlets is one event with five mentions.

# %%
import os
import tempfile
from pathlib import Path

import eventwire
from eventwire.cli.demo import sample_captures

# A fresh database: built from the samples unless EVENTWIRE_NOTEBOOK_DB names one already built
# from them (the test suite passes its own, to build it once).
db_path = Path(os.environ.get("EVENTWIRE_NOTEBOOK_DB") or Path(tempfile.mkdtemp()) / "samples.duckdb")
if not db_path.exists():
    summary = eventwire.run(sample_captures(), db=db_path)
    print(summary.line())
db = eventwire.open(db_path)
db.versions()  # what coded this data set: eventwire, coder, dictionaries, model

# %% [markdown]
# ## The busiest pairs
# `db.dyads()` counts both directions together, at state level (RUSGOV and RUSMIL count as RUS).

# %%
top = db.dyads(limit=8)
top[["a_name", "b_name", "events", "mentions", "goldstein_mean", "conflict_share"]]

# %% [markdown]
# ## Russia and Ukraine, month by month
# Names work where codes do: `db.dyad("Russia", "Ukraine")` is `db.dyad("RUS", "UKR")`.

# %%
series = db.dyad("Russia", "Ukraine", by="month")
assert series.equals(db.dyad("RUS", "UKR", by="month").assign(direction=series["direction"]))
series[["period", "direction", "events", "mentions", "verbal_conflict", "material_conflict", "goldstein_mean"]]

# %% [markdown]
# Conflict share per direction: events in QuadClass 3 (verbal conflict) and 4 (material conflict) over
# all events. `period` is a real datetime, so pandas can resample it (months without events become 0).

# %%
conflict = series.assign(conflict=series["verbal_conflict"] + series["material_conflict"])
by_direction = conflict.groupby("direction")[["events", "conflict", "mentions"]].sum()
by_direction["conflict_share"] = by_direction["conflict"] / by_direction["events"]
by_direction

# %%
monthly = (conflict.set_index("period").groupby("direction")["events"]
           .resample("MS").sum().unstack("direction", fill_value=0))
monthly.tail(6)

# %% [markdown]
# ## The events behind the numbers
# Every event keeps its evidence sentence; `date_precision` says whether the text gave the day, only
# the month, or only the year.

# %%
events = db.events(actor="Russia", actor2="Ukraine")
assert len(events) == int(series["events"].sum())  # the series counts exactly these events
events[["date", "date_precision", "source_name", "plover_type", "target_name", "num_mentions", "sentence"]]

# %%
db.close()
