"""Rebuild reference_data/ tables from ../shared/data (run by hand when the shared data changes).

Keeps the source columns of every row, adds our own news aliases from reference_data/
entity_aliases.csv (curated by us) on top of the country facts, and fixes, flags or drops the rows
the shared data's quality notes (shared/data/SOURCES.md) point at; every fix is named in the code
below and in reference_data/README.md.

    python scripts/build_reference.py [SHARED_DIR] [--tables memberships,unsc_votes,...]

Every table is written to a temporary file, checked against its schema (verify.reference.schemas)
and only then moved over the old one, so a failed build never leaves a broken table behind.
`facts.csv` is written by hand, not built; the build only checks it.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import re
import sys
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script from a checkout: the schemas live in the package

from verify.reference.schemas import SCHEMAS

SHARED = ROOT.parent / "shared" / "data"
OUT = ROOT / "reference_data"
COUNTRIES_SOURCE = "shared/data/countries.csv (mledoze/countries, ODbL-1.0)"
UNSC = "UN Security Council"


class BuildError(SystemExit):
    """Stops the build with a message naming what could not be reconciled."""


def read(name: str) -> list[dict[str, str]]:
    with (SHARED / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def write(name: str, header: list[str], rows: list[list[str]], *, check: str | None = None) -> None:
    """Write atomically; with `check` (a SCHEMAS name) every row is validated before the rename.
    A name ending in .gz is gzip-compressed, without a timestamp, so rebuilds are byte-identical."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    data = text.getvalue().encode("utf-8")
    if name.endswith(".gz"):
        data = gzip.compress(data, compresslevel=9, mtime=0)
    tmp = OUT / (name + ".tmp")
    try:
        tmp.write_bytes(data)
        if check:
            SCHEMAS[check].validate(tmp)
        tmp.replace(OUT / name)
    finally:
        tmp.unlink(missing_ok=True)
    print(f"{name}: {len(rows)} rows, {len(data):,} bytes")


def build_entities() -> None:
    """One row per (entity, alias): names, official names, capitals and demonyms as facts."""
    rows = []
    for rec in read("countries.csv"):
        iso3, name = rec["iso3"], rec["common_name"]
        un = "true" if rec["un_member"] == "True" and iso3 != "VAT" else "false"
        seen = set()
        for alias, kind in ((name, "name"), (rec["official_name"], "official_name"),
                            (rec["capital"].split(",")[0].removesuffix(" D.C."), "capital"),
                            (rec["demonym_eng"], "demonym")):
            for part in re.split(r" or |, ", alias) if kind == "demonym" else [alias]:
                part = part.strip()
                if part and (part.lower(), kind) not in seen:
                    seen.add((part.lower(), kind))
                    rows.append([iso3, name, part, kind, un, COUNTRIES_SOURCE])
    write("entities.csv", ["iso3", "name", "alias", "alias_type", "un_member", "source"], rows)


ADMISSIONS_SOURCE = ("shared/data/countries.csv column un_admission_year_cc, from PyPI country_converter "
                     "1.3.2 country_data.tsv (GPL-3.0)")


def build_un_admissions() -> None:
    """The year each current UN member was admitted, kept apart from entities.csv because its only
    source at hand is GPL-3.0 (recorded per row); former members (USSR, Yugoslavia, ...) are absent."""
    rows = [[rec["iso3"], rec["common_name"], rec["un_admission_year_cc"], ADMISSIONS_SOURCE]
            for rec in read("countries.csv") if rec["un_admission_year_cc"].strip()]
    write("un_admissions.csv", ["iso3", "name", "admitted", "source"], sorted(rows), check="un_admissions")


def build_bodies() -> None:
    with (SHARED / "deliberative_body_sizes.csv").open(encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        rows = [[rec[k] for k in reader.fieldnames] for rec in reader]
    write("bodies.csv", list(reader.fieldnames), rows)


# --- memberships ------------------------------------------------------------------------------

MEMBERSHIP_HEADER = ["body", "iso3", "member_name", "common_name", "role", "valid_from", "valid_to",
                     "note", "source", "source_updated"]
# The source gives only the year for these accessions; the dates are the treaties' entry into force.
ACCESSION_DATES = {
    ("European Union", "1958"): "1958-01-01", ("European Union", "1973"): "1973-01-01",
    ("European Union", "1981"): "1981-01-01", ("European Union", "1986"): "1986-01-01",
    ("European Union", "1995"): "1995-01-01", ("European Union", "2004"): "2004-05-01",
    ("NATO", "2009"): "2009-04-01", ("NATO", "2020"): "2020-03-27", ("NATO", "2023"): "2023-04-04",
    ("NATO", "2024"): "2024-03-07",
}
ROC_UNTIL = "1971-10-24"  # GA resolution 2758 (XXVI), 25 Oct 1971: the PRC holds China's seat from then


def build_memberships() -> list[list[str]]:
    rows: list[list[str]] = []
    # UNSC: one source row per (year, member); consecutive years of one member in one role merge
    by_member: dict[tuple[str, str, str, str], list[dict[str, str]]] = defaultdict(list)
    for rec in read("unsc_membership_by_year.csv"):
        role = "permanent" if rec["permanent_member"] == "True" else "elected"
        by_member[(rec["iso3"], rec["security_council_member"], rec["member_common_name"], role)].append(rec)
    for (iso3, name, common, role), recs in by_member.items():
        recs.sort(key=lambda r: int(r["year"]))
        runs: list[list[dict[str, str]]] = []
        for rec in recs:
            if runs and int(rec["year"]) == int(runs[-1][-1]["year"]) + 1:
                runs[-1].append(rec)
            else:
                runs.append([rec])
        for run in runs:
            first, last = run[0]["year"], run[-1]["year"]
            notes = _unique(r["seat_note"] for r in run if not r["seat_note"].startswith("elected June 2026"))
            if first == "2027":
                notes.append("elected June 2026; term begins 1 Jan 2027 (per source)")
            filled = _unique(r["name_filled_from"] for r in run)
            if filled:
                notes.append("name filled: " + "; ".join(filled))
            if iso3 == "RUS" and role == "permanent":
                notes.append("continues the USSR's seat (SUN), from 24 Dec 1991; the source lists the USSR through 1991")
            sources = "; ".join(_unique(r["source"] for r in run))
            updated = max(r["last_update"] for r in run)
            periods = [(f"{first}-01-01", f"{last}-12-31", common)]
            if iso3 == "CHN" and first <= ROC_UNTIL[:4] < last:
                periods = [(f"{first}-01-01", ROC_UNTIL, "China (Republic of China)"),
                           ("1971-10-25", f"{last}-12-31", "China (People's Republic of China)")]
            for start, end, shown in periods:
                rows.append([UNSC, iso3, name, shown, role, start, end, "; ".join(notes), sources, updated])
    for body, filename in (("European Union", "eu_member_states.csv"), ("NATO", "nato_member_states.csv")):
        for rec in read(filename):
            start, note = rec["accession_date"], rec["note"]
            if not start:
                start = ACCESSION_DATES.get((body, rec["accession_year"]), rec["accession_year"])
                if start != rec["accession_year"]:
                    note = "; ".join(filter(None, [note, "accession date filled by verify (source: year only)"]))
            rows.append([body, rec["iso3"], rec["country"], rec["country"], "member", start,
                         rec.get("exit_date", ""), note, rec["source"], ""])
    rows.sort(key=lambda r: (r[0], r[5], r[1]))
    _check_unsc_years(rows)
    write("memberships.csv", MEMBERSHIP_HEADER, rows, check="memberships")
    return rows


def _check_unsc_years(rows: list[list[str]]) -> None:
    """Every year must still have 11 (to 1965) or 15 members after merging."""
    for year in range(1946, 2028):
        day = f"{year}-06-30"
        n = sum(1 for r in rows if r[0] == UNSC and r[5] <= day <= r[6])
        if n != (11 if year <= 1965 else 15):
            raise BuildError(f"memberships: {n} UNSC members in {year}")


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


# --- names -> ISO3 --------------------------------------------------------------------------

NAME_FIXES = {"ethipia": "ETH"}  # typo in the UNSC member-vote source (2 rows, 1995)
UNSC_PERMANENT_NAMES = {"China": "CHN", "France": "FRA", "Russian Federation": "RUS", "USSR": "SUN",
                        "United Kingdom": "GBR", "United States": "USA"}


class Names:
    """Country names as the UN sources spell them -> ISO3: the UNSC membership list of that year
    first (so "Congo" is the seat holder, COG), then our entity tables, then known typos."""

    def __init__(self) -> None:
        self.by_year: dict[tuple[int, str], str] = {}
        self.members: dict[int, set[str]] = defaultdict(set)
        for rec in read("unsc_membership_by_year.csv"):
            year = int(rec["year"])
            self.members[year].add(rec["iso3"])
            for name in (rec["security_council_member"], rec["member_common_name"]):
                self.by_year[(year, name.lower())] = rec["iso3"]
        self.general: dict[str, str] = {}
        with (OUT / "entities.csv").open(encoding="utf-8") as fh:
            for rec in csv.DictReader(fh):
                if rec["alias_type"] in ("name", "official_name"):
                    self.general.setdefault(rec["alias"].lower(), rec["iso3"])
        with (OUT / "entity_aliases.csv").open(encoding="utf-8") as fh:
            for rec in csv.DictReader(fh):
                if rec["alias_type"] not in ("demonym", "metonym"):
                    self.general[rec["alias"].lower()] = rec["iso3"]

    def iso3(self, name: str, year: int) -> str | None:
        """The ISO3 of a country named in a UN record of `year`, or None if the name is unknown."""
        key = name.strip().lower()
        return self.by_year.get((year, key)) or self.general.get(key) or NAME_FIXES.get(key)

    def unsc_member(self, name: str, year: int) -> str | None:
        """The ISO3 of a council member named in a record of `year`; None unless it sat that year."""
        iso3 = self.iso3(name, year)
        return iso3 if iso3 in self.members[year] else None


# --- UNSC votes -----------------------------------------------------------------------------

UNSC_VOTE_HEADER = ["vote_id", "date", "date_raw", "date_check", "date_confidence", "resolution", "meeting",
                    "draft", "draft_raw", "agenda_item", "agenda_category", "region", "topic", "submitted_by",
                    "outcome", "yes", "no", "abstain", "members_recorded", "yes_by", "no_by", "abstain_by",
                    "quality", "source"]
UNSC_VOTE_SOURCE = "github oliverunv/Voting-Agent data/sc_voting.xlsx@50cbeca via shared/data (no licence stated)"
# vote_id -> why the row goes: duplicates of the veto rows 104, 192, 205, 212, 214, 344 (same draft,
# date, meeting and member votes) whose outcome says "Adopted" and whose topic is another item's
PHANTOM_VOTES = {"75": "104", "76": "192", "77": "205", "78": "212", "79": "214", "80": "344"}
# (vote_id, member) -> the vote kept where the source has two rows for one member, with the evidence
DUPLICATE_MEMBER_FIXES = {
    ("1610", "Russian Federation"): ("Abstain", "2441 (2018): 13-0-2, China and Russia abstaining (AP, 5 Nov 2018)"),
    ("1722", "Russian Federation"): ("No", "S/2020/797: 2-2-11, No = China, Russia (UN press release SC/14277)"),
    ("1735", "Russian Federation"): ("Yes", ("S/2020/1054 (Russia's draft): 5-0-10, Yes = China, Indonesia, "
                                            "Russia, South Africa, Viet Nam (AP, 30 Oct 2020)")),
    ("1735", "Viet Nam"): ("Yes", "S/2020/1054: Viet Nam voted Yes (AP, 30 Oct 2020)"),
    ("1790", "Tunisia"): ("Abstain", "2602 (2021): 13-0-2, Russia and Tunisia abstaining (UN press release SC/14681)"),
}
# vote_id -> (member missing from the source, vote, evidence)
MISSING_MEMBER_FIXES = {"1790": ("Yes", ("2602 (2021): 13 in favour, only Russia and Tunisia abstained "
                                        "(UN press release SC/14681)"))}
OUTCOME_FIXES = {"805": ("Adopted by majority", ("1672 (2006): 12-0-3, China, Qatar, Russia abstaining; the "
                                                "member rows are right and 'unanimously' is not"))}
PROCEDURAL = {"1813": "2623 (2022) is a procedural vote (convening an emergency special session): "
                      "a permanent member's No is no veto"}
DATE_FIXES = {"1710": ("2020-07-08", "UN press release SC/14244: S/2020/658 announced 8 Jul 2020")}
DOUBTFUL_SYMBOL = {
    "1711": "S/2020/667 was vetoed 13-2 on 10 Jul 2020 (vote_id 1713, UN SC/14246); this 2-7-6 tally "
            "matches no published vote on that symbol",
    "1715": "S/2020/684 became 2533 (2020) 12-0-3 (vote_id 1714); this 5-6-4 tally matches no published "
            "vote on that symbol",
}
SYMBOL = re.compile(r"S/\d{4}/\d+|S/\d{2,5}(?:/Rev\.\d+)?", re.IGNORECASE)
P5 = frozenset(UNSC_PERMANENT_NAMES.values()) - {"SUN"}


def build_unsc_votes(names: Names) -> list[list[str]]:
    drafts = read("unsc_draft_votes_1994_2025.csv")
    member_rows: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for rec in read("unsc_member_votes_1994_2025.csv"):
        member_rows[rec["vote_id"]].append((rec["member_state"], rec["vote"]))
    neighbours = _dated_meetings(drafts)
    symbol_count: dict[str, int] = defaultdict(int)
    for rec in drafts:
        if rec["vote_id"] not in PHANTOM_VOTES:
            for sym in _draft_symbols(*_swap_fix(rec)[1:]):
                symbol_count[sym] += 1
    rows, unmapped = [], []
    for rec in drafts:
        vid = rec["vote_id"]
        if vid in PHANTOM_VOTES:
            continue
        flags: list[str] = []
        swapped, resolution_raw, draft_raw = _swap_fix(rec)
        if swapped:
            flags.append("draft_resolution_swapped_in_source")
        date, confidence = _date(rec, neighbours, flags)
        year = int(date[:4])
        votes: dict[str, str] = {}  # ISO3 -> Yes / No / Abstain
        for name, vote in _member_votes(vid, member_rows[vid], flags).items():
            iso3 = names.iso3(name, year)
            if iso3 is None:
                unmapped.append(f"vote_id {vid} ({date}): {name!r}")
                continue
            if name.lower() in NAME_FIXES:
                flags.append(f"member_name_fixed:{name}->{iso3}")
            votes[iso3] = vote
        if vid in MISSING_MEMBER_FIXES:
            vote, why = MISSING_MEMBER_FIXES[vid]
            missing = sorted(names.members[year] - set(votes))
            if len(missing) != 1:
                raise BuildError(f"unsc_votes: vote_id {vid}: expected one missing member, got {missing}")
            votes[missing[0]] = vote
            flags.append(f"member_added:{missing[0]}={vote} ({why})")
        outcome = rec["outcome"]
        if vid in OUTCOME_FIXES:
            outcome, why = OUTCOME_FIXES[vid]
            flags.append(f"outcome_fixed ({why})")
        sides: dict[str, list[str]] = {"Yes": [], "No": [], "Abstain": []}
        for iso3, vote in votes.items():
            sides[vote].append(iso3)
        contradiction = _contradiction(outcome, votes, vid, names.members[year])
        if contradiction:
            flags.append(f"member_votes_dropped ({contradiction})")
            sides = {"Yes": [], "No": [], "Abstain": []}
        if vid in PROCEDURAL:
            flags.append(f"procedural ({PROCEDURAL[vid]})")
        recorded = sum(len(v) for v in sides.values())
        if 0 < recorded < 15:
            flags.append(f"members_recorded_{recorded}")
        symbols = _draft_symbols(resolution_raw, draft_raw)
        if any(symbol_count[s] > 1 for s in symbols):
            flags.append("symbol_repeated_in_source")
        if vid in DOUBTFUL_SYMBOL:
            flags.append(f"symbol_doubtful ({DOUBTFUL_SYMBOL[vid]})")
        counts = [str(len(sides[s])) if recorded else "" for s in ("Yes", "No", "Abstain")]
        rows.append([vid, date, rec["date_raw"], rec["date_check"], confidence, _resolution(resolution_raw),
                     rec["meeting"].strip(), "|".join(symbols), draft_raw.strip(), rec["agenda_item"].strip(),
                     rec["agenda_category"], rec["region"], rec["topic"].strip(), rec["submitted_by"].strip(),
                     outcome, *counts, str(recorded) if recorded else "",
                     *("|".join(sorted(sides[s])) for s in ("Yes", "No", "Abstain")),
                     " | ".join(flags), UNSC_VOTE_SOURCE])
    if unmapped:
        raise BuildError("unsc_votes: member names that map to no country:\n  "
                         + "\n  ".join(unmapped))
    rows.sort(key=lambda r: (r[1], int(r[0])))
    write("unsc_votes.csv", UNSC_VOTE_HEADER, rows, check="unsc_votes")
    return rows


def _swap_fix(rec: dict[str, str]) -> tuple[bool, str, str]:
    """(swapped?, resolution, draft): vote_ids 2010-2012 carry 'S/RES/2781(2025)' as the draft and the
    draft symbol as the resolution (the notes name 2012; 2010 and 2011 have the same swap)."""
    res, draft = rec["resolution"].strip(), rec["draft"].strip()
    if res.upper().startswith("S/") and not res.upper().startswith("S/RES") and draft.upper().startswith("S/RES/"):
        return True, draft, res
    return False, res, draft


def _resolution(raw: str) -> str:
    """'893 (1994)' from '893 (1994)', 'Resolution 2623 (2022)', 'S/RES/2779(2025)', '2300 (2016'."""
    m = re.search(r"(\d{2,4})\s*[\s(/]\s*(\d{4})", raw.replace("\xa0", " "))
    return f"{m.group(1)} ({m.group(2)})" if m else ""


DRAFT_TYPOS = {"S/206/381": "S/2016/381", "S/20016/636": "S/2016/636"}  # both votes are in 2016


def _draft_symbols(resolution_raw: str, draft_raw: str) -> list[str]:
    """Document symbols in the draft column: case, stray spaces, 'S/2005-554' and two typos mended."""
    text = re.sub(r"(S/\d{4})-(\d+)", r"\1/\2", draft_raw.replace("\xa0", " "), flags=re.IGNORECASE)
    for typo, fixed in DRAFT_TYPOS.items():
        text = text.replace(typo, fixed)
    return list(dict.fromkeys(s.upper().replace("REV.", "Rev.") for s in SYMBOL.findall(text)))


def _meeting_key(meeting: str) -> tuple[bool, int] | None:
    m = re.search(r"(\d+)\s*$", meeting)
    return (meeting.strip().startswith("V"), int(m.group(1))) if m else None


def _dated_meetings(drafts: list[dict[str, str]]) -> list[tuple[tuple[bool, int], str]]:
    """Meetings whose date the source could settle (unambiguous, or fitting between its neighbours)."""
    return sorted((k, r["date"]) for r in drafts if (k := _meeting_key(r["meeting"]))
                  and "LOW CONFIDENCE" not in r["date_check"] and "no meeting" not in r["date_check"]
                  and r["vote_id"] not in PHANTOM_VOTES and r["vote_id"] not in DOUBTFUL_SYMBOL)


def _date(rec: dict[str, str], neighbours: list, flags: list[str]) -> tuple[str, str]:
    """The vote's date and how sure we are: high (unambiguous day), inferred (DD/MM vs MM/DD settled by
    the neighbouring meetings), low (still a guess), fixed (from a named source)."""
    check, date = rec["date_check"], rec["date"]
    if rec["vote_id"] in DATE_FIXES:
        fixed, why = DATE_FIXES[rec["vote_id"]]
        flags.append(f"date_fixed {date}->{fixed} ({why})")
        return fixed, "fixed"
    if check.startswith("unambiguous"):
        return date, "high"
    if "LOW CONFIDENCE" not in check:
        return date, "inferred" if "fits between" in check else "low"
    key = _meeting_key(rec["meeting"])
    y, m, d = date.split("-")
    readings = [date] + ([f"{y}-{d}-{m}"] if int(d) <= 12 else [])
    before = max((n for n in neighbours if n[0][0] == key[0] and n[0][1] < key[1]), default=None)
    after = min((n for n in neighbours if n[0][0] == key[0] and n[0][1] > key[1]), default=None)
    fits = [r for r in readings if (before is None or before[1] <= r) and (after is None or r <= after[1])]
    if len(fits) == 1:
        if fits[0] != date:
            flags.append(f"date_fixed {date}->{fits[0]} (only reading between meetings "
                         f"{before[0][1] if before else '-'} and {after[0][1] if after else '-'})")
        return fits[0], "inferred"
    return date, "low"


def _member_votes(vid: str, rows: list[tuple[str, str]], flags: list[str]) -> dict[str, str]:
    """One vote per member: exact duplicates collapse; conflicting ones need a named fix."""
    votes: dict[str, str] = {}
    for name, vote in rows:
        if name in votes and votes[name] != vote:
            fix = DUPLICATE_MEMBER_FIXES.get((vid, name))
            if fix is None:
                raise BuildError(f"unsc_votes: vote_id {vid}: {name} voted {votes[name]} and {vote}; add a fix")
            votes[name] = fix[0]
            flags.append(f"duplicate_member_row:{name}={fix[0]} ({fix[1]})")
        else:
            votes[name] = vote
    return votes


def _contradiction(outcome: str, votes: dict[str, str], vid: str, members: set[str]) -> str:
    """Why the member rows cannot be this draft's votes, or ''. Rows naming countries that did not sit
    on the council that year were copied from another vote (the 1995 block, vote_ids 81-136, carries
    the votes of 2001-2021 drafts)."""
    outsiders = sorted(set(votes) - members)
    if outsiders:
        return "member rows name countries not on the council that year: " + ", ".join(outsiders)
    if vid in PROCEDURAL:
        return ""
    others = sorted(n for n, v in votes.items() if v != "Yes")
    p5_no = sorted(n for n, v in votes.items() if v == "No" and n in P5)
    if outcome == "Adopted unanimously" and others:
        return "outcome 'Adopted unanimously' but the member rows show No/Abstain by " + ", ".join(others)
    if outcome.startswith("Adopted") and p5_no:
        return "outcome adopted but the member rows show a permanent member's No: " + ", ".join(p5_no)
    return ""


# --- vetoes ---------------------------------------------------------------------------------

VETO_HEADER = ["date", "draft", "members", "vetoing_members", "meeting_record", "agenda_item", "topic", "region",
               "yes", "no", "abstain", "no_by", "abstain_by", "russia_syria_veto_seq", "note", "fix", "source"]
VETO_FIXES = {  # (source date, source draft) -> (date, draft, why)
    ("2001-04-12", "S/2001/270"): ("2001-03-27", "S/2001/270",
                                   ("date: meeting 4305 on 27 Mar 2001, 11 p.m. (UN press release SC/7040); "
                                   "the veto-list copy's 12 Apr 2001 is wrong")),
    ("1948-05-24", "S/PV.3038"): ("1948-05-24", "S/PV.303",
                                  ("draft: a footnote mark was scraped into the symbol (meeting_record S/PV.303; "
                                  "S/PV.3038 is a 1991 meeting)")),
}
ADDED_VETOES = {"192": "added: the US No on S/1996/952 (19 Nov 1996, appointment of the Secretary-General) is "
                       "'Not adopted - veto' in the vote data (vote_id 192) but missing from the veto list"}


def build_unsc_vetoes(names: Names, votes: list[list[str]]) -> None:
    col = {c: i for i, c in enumerate(UNSC_VOTE_HEADER)}
    rows = []
    for rec in read("unsc_vetoes.csv"):
        date, draft, fix = rec["date"], rec["draft"].strip(), ""
        if (date, draft) in VETO_FIXES:
            date, draft, fix = VETO_FIXES[(date, draft)]
        members = [UNSC_PERMANENT_NAMES[n.strip()] for n in rec["vetoing_members"].split(";")]
        year = int(date[:4])
        no_by = _map_names(names, rec["no_votes_by"], year)
        abstain_by = _map_names(names, rec["abstentions_by"], year)
        if rec["no"] and not set(members) <= set(no_by):
            raise BuildError(f"unsc_vetoes: {date} {draft}: vetoing members {members} not among No {no_by}")
        rows.append([date, draft, "|".join(sorted(members)), rec["vetoing_members"], rec["meeting_record"],
                     rec["agenda_item"].strip(), rec["crisis_topic"], rec["region"], rec["yes"], rec["no"],
                     rec["abstain"], "|".join(no_by), "|".join(abstain_by), rec["russia_syria_veto_seq"],
                     rec["note"], fix, rec["source"]])
    for vote in votes:
        if vote[col["vote_id"]] in ADDED_VETOES:
            p5_no = sorted(set(vote[col["no_by"]].split("|")) & set(UNSC_PERMANENT_NAMES.values()))
            rows.append([vote[col["date"]], vote[col["draft"]], "|".join(p5_no), "", vote[col["meeting"]],
                         vote[col["agenda_item"]], vote[col["topic"]], "", vote[col["yes"]], vote[col["no"]],
                         vote[col["abstain"]], vote[col["no_by"]], vote[col["abstain_by"]], "", "",
                         ADDED_VETOES[vote[col["vote_id"]]], UNSC_VOTE_SOURCE])
    rows.sort(key=lambda r: r[0])  # stable: same-day vetoes keep the source's order
    write("unsc_vetoes.csv", VETO_HEADER, rows, check="unsc_vetoes")


def _map_names(names: Names, text: str, year: int) -> list[str]:
    out = []
    for name in filter(None, (n.strip() for n in text.split(";"))):
        iso3 = names.unsc_member(name, year)
        if iso3 is None:
            raise BuildError(f"unsc_vetoes: {name!r} sat on no council in {year}")
        out.append(iso3)
    return sorted(out)


# --- UNGA roll calls --------------------------------------------------------------------------

UNGA_HEADER = ["rcid", "session", "date", "unres", "amend", "para", "importantvote", "short", "descr", "issues",
               "yes", "no", "abstain", "yes_by", "no_by", "abstain_by"]
# codes the unvotes package uses for states without a current ISO 3166-1 code
UNGA_CODES = {"CS": "CSK", "DD": "DDR", "YD": "YMD", "TW": "CHN"}
UNGA_NAMELESS = {"Federal Republic of Germany": "DEU", "Yemen Arab Republic": "YEM", "Zanzibar": "XZN"}
USSR_UNTIL = "1991-12-31"   # unvotes codes the USSR as RU; our tables say SUN through 1991, as the UNSC list
YUGOSLAVIA_UNTIL = "2006-06-02"  # YU runs on as Serbia after Montenegro's independence (3 Jun 2006)


def build_unga_votes() -> None:
    iso2 = {r["iso2"]: r["iso3"] for r in read("countries.csv") if r["iso2"]}
    calls = {r["rcid"]: r for r in read("unga_roll_calls.csv")}
    issues: dict[str, list[str]] = defaultdict(list)
    for rec in read("unga_roll_call_issues.csv"):
        issues[rec["rcid"]].append(rec["issue"])
    sides: dict[str, dict[str, list[str]]] = defaultdict(lambda: {"Y": [], "N": [], "A": []})
    for rec in read("unga_votes.csv"):
        call = calls[rec["rcid"]]
        code = rec["country_code"]
        if not code:
            iso3 = UNGA_NAMELESS[rec["country_if_no_code"]]
        elif code == "RU":
            iso3 = "SUN" if call["date"] <= USSR_UNTIL else "RUS"
        elif code == "YU":
            iso3 = "YUG" if call["date"] <= YUGOSLAVIA_UNTIL else "SRB"
        else:
            iso3 = UNGA_CODES.get(code) or iso2[code]
        sides[rec["rcid"]][rec["vote"]].append(iso3)
    rows = []
    for rcid, call in calls.items():
        s = sides[rcid]
        for side in s.values():
            if len(side) != len(set(side)):
                raise BuildError(f"unga_votes: rcid {rcid}: a country votes twice after mapping codes")
        counts = [str(len(s[k])) for k in "YNA"]
        if counts != [call["yes_count"], call["no_count"], call["abstain_count"]]:
            raise BuildError(f"unga_votes: rcid {rcid}: counts {counts} differ from the roll-call table")
        rows.append([rcid, call["session"], call["date"], call["unres"], call["amend"], call["para"],
                     call["importantvote"], call["short"], call["descr"], "|".join(issues.get(rcid, [])),
                     *counts, *("|".join(sorted(s[k])) for k in "YNA")])
    rows.sort(key=lambda r: (r[2], int(r[0])))
    write("unga_votes.csv.gz", UNGA_HEADER, rows, check="unga_votes")


def check_facts() -> None:
    n = SCHEMAS["facts"].validate(OUT / SCHEMAS["facts"].filename)
    print(f"facts.csv: {n} rows (written by hand), valid")


TABLES = ("entities", "un_admissions", "bodies", "memberships", "unsc_votes", "unsc_vetoes", "unga_votes", "facts")


def main(argv: list[str] | None = None) -> None:
    global SHARED
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("shared", nargs="?", type=Path, default=SHARED, help="the shared data directory")
    parser.add_argument("--tables", default=",".join(TABLES),
                        help=f"comma-separated tables to build (default: all of {', '.join(TABLES)})")
    args = parser.parse_args(argv)
    SHARED = args.shared
    wanted = [t.strip() for t in args.tables.split(",") if t.strip()]
    unknown = sorted(set(wanted) - set(TABLES))
    if unknown:
        parser.error(f"unknown tables: {', '.join(unknown)}")
    if "entities" in wanted:
        build_entities()
    if "un_admissions" in wanted:
        build_un_admissions()
    if "bodies" in wanted:
        build_bodies()
    if "memberships" in wanted:
        build_memberships()
    if {"unsc_votes", "unsc_vetoes"} & set(wanted):
        names = Names()
        votes = build_unsc_votes(names) if "unsc_votes" in wanted else _read_votes()
        if "unsc_vetoes" in wanted:
            build_unsc_vetoes(names, votes)
    if "unga_votes" in wanted:
        build_unga_votes()
    if "facts" in wanted:
        check_facts()


def _read_votes() -> list[list[str]]:
    with (OUT / "unsc_votes.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))[1:]


if __name__ == "__main__":
    main()
