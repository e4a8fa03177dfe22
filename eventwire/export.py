"""Standard formats out of the database: GDELT 2.0 event table, PLOVER JSON, Parquet, CSV.

``docs/export.md`` documents how each GDELT column is filled (and which ones eventwire leaves empty)
and the PLOVER record fields. One aggregated event is one output row/record.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

import pyarrow as pa

from eventwire.errors import ConfigError
from eventwire.gazetteer import country_fips
from eventwire.query import EventStore
from eventwire.read.filters import EventFilter
from eventwire.read.questions import arrow, event_table, versions
from eventwire.read.tables import PROVENANCE_KEY, csv_chunks

__all__ = ["GDELT_COLUMNS", "export", "gdelt_rows", "plover_records", "write_parquet", "FORMATS", "GDELT_SKIPS",
           "export_filter"]

FORMATS = ("gdelt", "plover", "parquet", "csv")

_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code")
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR), *(f"Actor2{c}" for c in _ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{c}" for c in _GEO), *(f"Actor2Geo_{c}" for c in _GEO), *(f"ActionGeo_{c}" for c in _GEO),
    "DATEADDED", "SOURCEURL",
)
assert len(GDELT_COLUMNS) == 61

# GDELT's event table holds what was reported to happen: by default an event said not to have happened
# ("did not attack") or only considered ("may attack") stays out of it (--all-modes keeps them).
GDELT_SKIPS = ("negation", "hypothetical")

_EXPORT_SQL = """
SELECT e.* EXCLUDE (id_key), m.sentence_index AS first_sentence_index, m.trigger_start, m.trigger_end, m.trigger_text,
       m.plover_context, m.date AS coded_date, m.date_source, m.rule, m.model, m.coder_version,
       m.rule_type, m.model_type, m.model_prob, m.decided_by,
       a.url AS article_url, a.uri AS article_uri, a.title AS article_title, a.publisher AS publisher,
       a.language AS language, r.started AS date_added
FROM events e
LEFT JOIN event_mentions m ON m.id = e.first_mention_id
LEFT JOIN articles a ON a.id = e.first_article_id
LEFT JOIN runs r ON r.id = a.run_id
WHERE e.id IN (SELECT id FROM events{where})
ORDER BY e.event_date NULLS LAST, e.id
"""


def export_filter(fmt: str, flt: EventFilter | None = None, all_modes: bool = False) -> EventFilter:
    """The filter an export uses: ``flt``, and for GDELT without negated and hypothetical events unless
    ``all_modes`` or the filter already says which modes it wants."""
    flt = flt or EventFilter()
    if fmt == "gdelt" and not all_modes and not flt.mode and not flt.exclude_mode:
        return replace(flt, exclude_mode=GDELT_SKIPS)
    return flt


def _rows(store: EventStore, flt: EventFilter | None = None) -> Iterator[dict[str, Any]]:
    where, params = (flt or EventFilter()).where()
    cursor = store.con.execute(_EXPORT_SQL.format(where=where), params)
    names = [d[0] for d in cursor.description]
    while True:
        chunk = cursor.fetchmany(2048)
        if not chunk:
            return
        for values in chunk:
            yield dict(zip(names, values, strict=True))


def _global_id(event_id: str) -> int:
    """GDELT ids are integers: the first 60 bits of eventwire's hex id (stable across exports)."""
    return int(event_id[:15], 16)


def _actor_cells(row: dict[str, Any], side: str) -> list[Any]:
    code = row.get(f"{side}_code") or ""
    country = row.get(f"{side}_country") or ""
    sector = row.get(f"{side}_sector") or ""
    name = (row.get(f"{side}_name") or row.get(f"{side}_text") or "").upper()
    known_group = code[-3:] if code.startswith("IGO") else ""
    type1 = "IGO" if code.startswith("IGO") else sector[:3]
    return [code, name, country, known_group, "", "", "", type1, "", ""]


def _geo_cells(row: dict[str, Any]) -> list[Any]:
    precision = row.get("location_precision")
    if not precision:
        return [0, "", "", "", "", "", "", ""]
    country = row.get("location_country") or ""
    us = country == "USA"
    geo_type = {"country": 1, "admin1": 2 if us else 5, "city": 3 if us else 4}.get(precision, 0)
    fips = country_fips().get(country, "")
    return [geo_type, row.get("location_name") or "", fips, fips if precision != "country" else "", "",
            _num(row.get("lat")), _num(row.get("lon")), row.get("geonameid") or ""]


def _num(value: Any) -> Any:
    return "" if value is None else value


def gdelt_rows(store: EventStore, flt: EventFilter | None = None) -> Iterator[list[Any]]:
    """One 61-cell list per aggregated event, in GDELT 2.0 event-table column order. The date cells are
    the first day of a month or year the text gave alone (GDELT has no precision column; see
    ``date_precision`` in the other formats)."""
    for row in _rows(store, flt):
        day: date | None = row.get("event_date")
        cameo = row.get("cameo") or ""
        added: datetime | None = row.get("date_added")
        cells: list[Any] = [
            _global_id(row["id"]),
            day.strftime("%Y%m%d") if day else "",
            day.strftime("%Y%m") if day else "",
            day.year if day else "",
            f"{day.year + (day.month * 30 + day.day) / 365:.4f}" if day else "",
            *_actor_cells(row, "source"), *_actor_cells(row, "target"),
            1 if row.get("first_sentence_index") == 0 else 0,
            cameo, cameo[:3], row.get("cameo_root") or cameo[:2], row.get("quad_class") or "",
            _num(row.get("goldstein")), row["num_mentions"], row["num_sources"], row["num_articles"],
            "",  # AvgTone: eventwire does not score tone
            *([0, "", "", "", "", "", "", ""] * 2),  # actor geographies are not resolved separately
            *_geo_cells(row),
            added.strftime("%Y%m%d%H%M%S") if added else "",
            row.get("article_url") or row.get("article_uri") or "",
        ]
        yield cells


def _entity(row: dict[str, Any], side: str) -> list[dict[str, Any]]:
    code = row.get(f"{side}_code")
    text = row.get(f"{side}_text")
    if not code and not text:
        return []
    entity = {
        "code": row.get(f"{side}_country") or (code[:3] if code else None),
        "sector": row.get(f"{side}_sector"),
        "entitytext": text,
        "identifiertext": row.get(f"{side}_name"),
        "cameo": code,  # extension field: the full CAMEO actor code
    }
    return [{k: v for k, v in entity.items() if v is not None}]


def plover_records(store: EventStore, coded: str | None = None, flt: EventFilter | None = None
                   ) -> Iterator[dict[str, Any]]:
    """PLOVER JSON records (manual chapter 6): one per aggregated event, JSONL-ready."""
    coded_at = coded or datetime.now().strftime("%Y-%m-%dT%H:%M:%S")
    made_by = versions(store.con)
    for row in _rows(store, flt):
        day = row.get("event_date")
        record: dict[str, Any] = {
            "id": f"eventwire-{row['id']}",
            "hasevent": True,
            "date": day.isoformat() if day else None,
            "date_precision": row.get("date_precision"),  # extension: day, month or year
            "actor": _entity(row, "source"),
            "recipient": _entity(row, "target"),
            "event": [row["plover_type"]],
            "mode": list(row.get("plover_mode") or []),
            "context": list(row.get("plover_context") or []),
            "quadcode": row.get("quad_class"),
            "eventscale": row.get("goldstein"),
            "eventtext": [row.get("sentence")] if row.get("sentence") else [],
            "textinfo": {"sequence": row.get("first_sentence_index"), "start": row.get("trigger_start"),
                         "end": row.get("trigger_end")},
            "citeinfo": {"url": row.get("article_url"), "title": row.get("article_title"),
                         "publication": row.get("publisher"), "language": row.get("language"),
                         "coder": row.get("coder_version"), "codebook": "CAMEO 1.1b3 / PLOVER 2.0 types",
                         "dictionary": made_by.get("dictionary_version"), "model": made_by.get("model_version")},
            "coder": row.get("rule") or row.get("model"),
            "codeddate": coded_at[:10],
            "codedtime": coded_at[11:],
            # extension fields (PLOVER allows named fields beyond its own)
            "cameo": row.get("cameo"),
            "num_mentions": row["num_mentions"], "num_sources": row["num_sources"],
            "num_articles": row["num_articles"], "story": row.get("story_id"),
            # how far to trust it and why (docs/records.md): the calibrated confidence, whether the
            # sentence only reports a claim, whether it was coded once for both directions, and both
            # verdicts of the coder on its first mention (whose rule and model `coder` names already)
            "confidence": row.get("confidence"), "reported": row.get("reported"),
            "symmetric": row.get("symmetric"),
            "verdicts": {"rule": row.get("rule_type"), "model": row.get("model_type"),
                         "model_probability": row.get("model_prob"), "decided_by": row.get("decided_by")},
        }
        if row.get("location_precision"):
            record["eventloc"] = {
                "extractedplace": row.get("location_name"), "resolvedplace": row.get("location_name"),
                "geonameid": row.get("geonameid"), "lat": row.get("lat"), "lon": row.get("lon"),
                "countrycode": row.get("location_country"),
                "resolution": {"city": 4, "admin1": 2, "country": 1}.get(row["location_precision"]),
            }
        yield record


def write_parquet(store: EventStore, directory: Path, flt: EventFilter | None = None) -> int:
    """Events and their mentions as Parquet under ``directory``, partitioned by year and month, with the
    data set's versions in each file's metadata and in ``directory/provenance.json``."""
    # lazy (start-up): pyarrow's compute and Parquet modules only for the Parquet format
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    flt = flt or EventFilter()
    where, params = flt.where()
    made_by = versions(store.con)
    total = 0
    for table_name in ("events", "event_mentions"):
        sql = f"SELECT * FROM {table_name}"  # our table names only
        if table_name == "event_mentions":
            sql += f" WHERE event_id IN (SELECT id FROM events{where})"
        else:
            sql += where
        table = arrow(store.con, sql, params)
        dates = table.column("event_date")
        table = table.append_column("year", pc.fill_null(pc.cast(pc.year(dates), pa.int32()), 0))
        table = table.append_column("month", pc.fill_null(pc.cast(pc.month(dates), pa.int32()), 0))
        table = table.replace_schema_metadata({**(table.schema.metadata or {}),
                                               PROVENANCE_KEY: json.dumps(made_by).encode()})
        pq.write_to_dataset(table, root_path=str(directory / table_name), partition_cols=["year", "month"],
                            existing_data_behavior="delete_matching")
        if table_name == "events":
            total = table.num_rows
    write_provenance(store, directory / "provenance.json", flt)
    return total


def write_provenance(store: EventStore, path: Path, flt: EventFilter | None = None) -> None:
    """What made an export: the database's versions (``meta``) and the filters used."""
    record = {"versions": versions(store.con), "filters": {k: v if isinstance(v, str | int | float | bool) else str(v)
                                                          for k, v in (flt or EventFilter()).given().items()},
              "exported": datetime.now().strftime("%Y-%m-%dT%H:%M:%S")}
    path.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def export(store: EventStore, fmt: str, output: str | None = None, flt: EventFilter | None = None,
           all_modes: bool = False) -> int:
    """Write the events that pass ``flt`` in ``fmt`` to ``output`` (a file, or a directory for parquet;
    a file gets a ``.provenance.json`` beside it). GDELT leaves out negated and hypothetical events
    unless ``all_modes`` or the filter names modes (:func:`export_filter`)."""
    if fmt not in FORMATS:
        raise ConfigError(f"--format must be one of {', '.join(FORMATS)}")
    flt = export_filter(fmt, flt, all_modes)
    if fmt == "parquet":
        if not output:
            raise ConfigError("--format parquet writes a directory: give it with -o DIR")
        return write_parquet(store, Path(output), flt)
    handle: IO[str] = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout  # noqa: SIM115
    try:
        count = 0
        if fmt == "gdelt":
            writer = csv.writer(handle, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE,
                                escapechar="\\")
            for cells in gdelt_rows(store, flt):
                writer.writerow([str(c).replace("\t", " ").replace("\n", " ") for c in cells])
                count += 1
        elif fmt == "plover":
            for record in plover_records(store, flt=flt):
                handle.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
                count += 1
        else:
            table = event_table(store.con, flt)
            for chunk in csv_chunks(table):
                handle.write(chunk.decode("utf-8"))
            count = table.num_rows
        handle.flush()
    finally:
        if output:
            handle.close()
    if output:
        write_provenance(store, Path(output + ".provenance.json"), flt)
    return count
