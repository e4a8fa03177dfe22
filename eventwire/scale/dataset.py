"""The partitioned Parquet dataset a parallel run writes, and its manifest.

Layout (Hive-style, readable by DuckDB, Spark, pandas/pyarrow and BigQuery external tables)::

    DIR/records/year=2009/month=6/part-<partition id>.parquet   one row per input document
    DIR/events/year=2009/month=6/part-<partition id>.parquet    one row per coded event mention
    DIR/_manifest.json                                          finished partitions

Records are partitioned by publication month, events by event month (year=0/month=0 when the date
is unknown). A partition's files are replaced whole when it is redone, and the manifest entry is
written last, so a partition is either finished (in the manifest, all files present) or redone.
DIR is a local folder or an fsspec URL (``s3://bucket/ew-parquet``): :mod:`eventwire.scale.storage`.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.compute as pc

from eventwire.dates import year_month
from eventwire.scale.partitions import Partition
from eventwire.scale.storage import open_store, read_table, table_bytes

if TYPE_CHECKING:
    from eventwire.scale.worker import PartitionOutput

__all__ = ["Dataset", "EVENT_SCHEMA", "event_table"]

EVENT_SCHEMA = pa.schema([
    ("article_id", pa.string()), ("coder_event_id", pa.string()), ("sentence_index", pa.int32()),
    ("sentence", pa.string()), ("trigger_text", pa.string()), ("cameo", pa.string()),
    ("cameo_root", pa.string()), ("plover_type", pa.string()), ("plover_mode", pa.list_(pa.string())),
    ("goldstein", pa.float64()), ("quad_class", pa.int32()), ("date", pa.string()),
    ("source_text", pa.string()), ("source_code", pa.string()), ("source_country", pa.string()),
    ("target_text", pa.string()), ("target_code", pa.string()), ("target_country", pa.string()),
    ("location_name", pa.string()), ("location_country", pa.string()), ("lat", pa.float64()),
    ("lon", pa.float64()), ("rule", pa.string()), ("confidence", pa.float64()), ("url", pa.string()),
    ("published", pa.string()), ("year", pa.int32()), ("month", pa.int32()),
])


def _event_rows(records: pa.Table) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for rec in records.filter(pc.greater(records["num_events"], 0)).to_pylist():
        for event in json.loads(rec["events"]):
            src, tgt, loc = event["source"], event.get("target") or {}, event.get("location") or {}
            year, month = year_month(event.get("date") or rec["published"])
            out.append({
                "article_id": rec["article_id"], "coder_event_id": event["id"],
                "sentence_index": event["sentence_index"], "sentence": event["sentence"],
                "trigger_text": event["trigger"]["text"], "cameo": event["cameo"],
                "cameo_root": event["cameo_root"], "plover_type": event["plover"]["type"],
                "plover_mode": list(event["plover"].get("mode") or []), "goldstein": event["goldstein"],
                "quad_class": event["quad_class"], "date": event.get("date"),
                "source_text": src.get("text"), "source_code": src.get("code"), "source_country": src.get("country"),
                "target_text": tgt.get("text"), "target_code": tgt.get("code"), "target_country": tgt.get("country"),
                "location_name": loc.get("name"), "location_country": loc.get("country"),
                "lat": loc.get("lat"), "lon": loc.get("lon"), "rule": event.get("rule"),
                "confidence": event.get("confidence"), "url": rec["url"], "published": rec["published"],
                "year": year, "month": month,
            })
    return out


def event_table(records: pa.Table) -> pa.Table:
    """The mention-level events of a partition's record rows (built by the worker, which has the time)."""
    return pa.Table.from_pylist(_event_rows(records), schema=EVENT_SCHEMA)


class Dataset:
    """One output directory (local or at a URL): partition files plus ``_manifest.json``."""

    MANIFEST = "_manifest.json"

    def __init__(self, root: str | Path) -> None:
        self.root = str(root)
        self.store = open_store(root)
        self._manifest: dict[str, Any] = self._read_manifest()

    def _read_manifest(self) -> dict[str, Any]:
        try:
            raw = self.store.read_bytes(self.MANIFEST)
            if raw is None:
                return {"format": 1, "partitions": {}}
            data = json.loads(raw.decode("utf-8"))
        except (OSError, ValueError):
            return {"format": 1, "partitions": {}}  # a damaged manifest only costs recomputation
        return data if isinstance(data.get("partitions"), dict) else {"format": 1, "partitions": {}}

    def finished(self, part: Partition, coder_version: str) -> bool:
        entry = self._manifest["partitions"].get(part.id)
        return bool(entry and entry.get("digest") == part.digest and entry.get("coder_version") == coder_version
                    and all(self.store.exists(f) for f in entry.get("files", [])))

    def _files_of(self, part_id: str) -> list[str]:
        return self.store.glob(f"*/year=*/month=*/part-{part_id}.parquet")

    def write(self, output: PartitionOutput) -> dict[str, Any]:
        """Write one partition's files (replacing an earlier attempt's) and record it in the manifest."""
        part = output.partition
        self._manifest["partitions"].pop(part.id, None)
        for old in self._files_of(part.id):
            self.store.remove(old)
        records = output.records
        events = output.events if output.events is not None else event_table(records)
        written: list[str] = []
        for kind, table in (("records", records), ("events", events)):
            for year, month in sorted({(r["year"], r["month"]) for r in table.select(["year", "month"]).to_pylist()}):
                mask = pc.and_(pc.equal(table["year"], year), pc.equal(table["month"], month))
                target = f"{kind}/year={year}/month={month}/part-{part.id}.parquet"
                self.store.write_bytes(target, table_bytes(table.filter(mask).drop_columns(["year", "month"])))
                written.append(target)
        entry = {"index": part.index, "digest": part.digest, "source": part.describe(),
                 "coder_version": output.coder_version, "documents": output.documents,
                 "filtered": output.filtered, "records": records.num_rows, "events": events.num_rows,
                 "seconds": round(output.seconds, 3), "cpu_seconds": round(output.cpu_seconds, 3),
                 "worker": output.worker, "files": written,
                 "finished": datetime.now(UTC).isoformat(timespec="milliseconds")}
        self._manifest["partitions"][part.id] = entry
        self._save()
        return entry

    def _save(self) -> None:
        self.store.write_bytes(self.MANIFEST, json.dumps(self._manifest, indent=1, sort_keys=True).encode("utf-8"))

    def entry(self, part: Partition) -> dict[str, Any]:
        return dict(self._manifest["partitions"].get(part.id, {}))

    def read_records(self, part: Partition) -> list[dict[str, Any]]:
        """One partition's record rows, back in input order."""
        entry = self._manifest["partitions"].get(part.id, {})
        tables = [self._table(f) for f in entry.get("files", []) if f.startswith("records/")]
        if not tables:
            return []
        rows = pa.concat_tables(tables).to_pylist()
        rows.sort(key=lambda r: r["seq"])
        return rows

    def _table(self, relative: str) -> pa.Table:
        data = self.store.read_bytes(relative)
        if data is None:
            raise FileNotFoundError(f"{self.root}/{relative}: a file the manifest lists is missing; "
                                    "rerun the same command to redo its partition")
        return read_table(data)
