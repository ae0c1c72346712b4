"""Rebuild reference_data/ tables from ../shared/data (run by hand when the shared data changes).

Keeps the source columns of every row, adds our own news aliases from reference_data/
entity_aliases.csv (curated by us) on top of the country facts.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data"
OUT = ROOT / "reference_data"
COUNTRIES_SOURCE = "shared/data/countries.csv (mledoze/countries, ODbL-1.0)"


def write(name: str, header: list[str], rows: list[list[str]]) -> None:
    tmp = OUT / (name + ".tmp")
    with tmp.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    tmp.replace(OUT / name)
    print(f"{name}: {len(rows)} rows")


def build_entities() -> None:
    """One row per (entity, alias): names, official names, capitals and demonyms as facts."""
    rows = []
    with (SHARED / "countries.csv").open(encoding="utf-8") as fh:
        for rec in csv.DictReader(fh):
            iso3, name = rec["iso3"], rec["common_name"]
            un = "true" if rec["un_member"] == "True" and iso3 != "VAT" else "false"
            seen = set()
            for alias, kind in ((name, "name"), (rec["official_name"], "official_name"),
                                (rec["capital"].split(",")[0].removesuffix(" D.C."), "capital"),
                                (rec["demonym_eng"], "demonym")):
                for part in alias.split(" or ") if kind == "demonym" else [alias]:
                    part = part.strip()
                    if part and (part.lower(), kind) not in seen:
                        seen.add((part.lower(), kind))
                        rows.append([iso3, name, part, kind, un, COUNTRIES_SOURCE])
    write("entities.csv", ["iso3", "name", "alias", "alias_type", "un_member", "source"], rows)


def build_bodies() -> None:
    rows = []
    with (SHARED / "deliberative_body_sizes.csv").open(encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        for rec in reader:
            rows.append([rec[k] for k in reader.fieldnames])
    write("bodies.csv", list(reader.fieldnames), rows)


if __name__ == "__main__":
    build_entities()
    build_bodies()
