"""The pipeline for one document: extract -> link -> check -> Report. Batch runs, the service and
the CI hook all call `check_document`; none re-implements a stage."""

from __future__ import annotations

from verify import __version__
from verify.bodies import find_body_mentions
from verify.claims import make_claims
from verify.dates import article_date, infer_date
from verify.document import Document
from verify.link import link_votes, size_votes
from verify.numbers import MAX_ATOMS, read_numbers
from verify.reference.index import ReferenceIndex, default_index
from verify.report.model import DocumentInfo, Report, Vote
from verify.rules import Rule, default_rules, run_rules
from verify.rules.base import Context
from verify.sentences import split_sentences
from verify.suppress import apply_suppressions, read_suppressions
from verify.typos import find_digit_words, repair
from verify.votes import MAX_VOTE_SENTENCES, SIDES, extract_votes, size_statements


def check_document(doc: Document, refs: ReferenceIndex | None = None,
                   rules: list[Rule] | None = None) -> Report:
    refs = refs or default_index()
    doc, suppressions = read_suppressions(doc)  # directives are no article text
    digit_words = find_digit_words(doc.plain)
    plain = repair(doc.plain, digit_words)
    numbers, all_figures = read_numbers(plain)
    sentences = split_sentences(plain)
    bodies = find_body_mentions(plain, refs)
    events, complete = extract_votes(plain, sentences, numbers, refs, bodies)
    date = article_date(doc)
    sizes = size_statements(plain, numbers, bodies)  # read once: sizing runs again on an inferred date
    linked = link_votes(plain, events, refs, bodies, sizes, date)
    if date is None and events:
        date = infer_date(numbers, events, refs.records)
        if date is not None:  # the body's size on the inferred date
            linked = size_votes(events, refs, sizes, date)
    claims = make_claims(doc, plain, numbers)
    ctx = Context(doc, plain, numbers, claims, linked, digit_words, refs, sentences, date, suppressions)
    findings, suppressed = apply_suppressions(
        suppressions, run_rules(rules if rules is not None else default_rules(), ctx))
    findings.sort(key=lambda f: (f.start, f.rule))
    votes = tuple(_vote(lv.event) for lv in linked)
    info = DocumentInfo(doc.id, doc.source, doc.published.isoformat() if doc.published else None,
                        date.source if date else doc.date_source, len(doc.text), doc.title,
                        date.to_dict() if date and date.inferred else None)
    notes = tuple(note for ok, note in (
        (all_figures, f"figures were read from the first {MAX_ATOMS:,} figure-like tokens only"),
        (complete, f"votes were read from the first {MAX_VOTE_SENTENCES:,} vote sentences only")) if not ok)
    notes += tuple(ctx.limit_notes())
    return Report(info, tuple(claims), votes, tuple(findings), __version__, notes, suppressed)


def _vote(ev) -> Vote:
    def count(side: str) -> int | None:
        tally = ev.counts.get(side)
        return tally.count if tally is not None else None

    desc = ev.descriptions[0] if ev.descriptions else None
    return Vote(ev.id, ev.body, ev.body_size, ev.date, count("yes"), count("no"), count("abstain"),
                count("absent"), {s: [v.name for v in ev.named[s]] for s in SIDES},
                ev.outcome[0] if ev.outcome else None, ev.spans, ev.body_size_source,
                (f"{desc.sponsor + ' ' if desc.sponsor else ''}{'rival ' if desc.rival else ''}{desc.noun}"
                 if desc else None))
