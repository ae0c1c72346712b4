"""Suppression rules (S1xx): the inline `verify: ignore` directives themselves (see verify.suppress).
A silenced finding must say why, a suppression must still silence something, and a directive must
be readable, so that what an editor switched off stays on record and is never stale or mistyped."""

from __future__ import annotations

from collections.abc import Iterator

from verify.config import did_you_mean
from verify.report.model import Finding
from verify.rules.base import Context, Rule
from verify.suppress import unused


class SuppressionWithoutReason(Rule):
    """An inline suppression that does not say why the finding is wrong.

    `<!-- verify: ignore V101 -->` silences V101 in the paragraph that follows, but the next editor
    cannot tell whether someone checked the figure or only wanted a green build. Give the reason:
    `<!-- verify: ignore V101 reason="checked with the UN record" -->`. The suppression still
    works; this warning asks for the reason.
    """

    code, name, severity = "S101", "suppression-without-reason", "warning"
    summary = "An inline `verify: ignore` without reason=\"...\"."
    triggers = ("# verify: ignore T101\nThe motion won four votes in favo1r.",)
    passes = ("# verify: ignore T101 reason=\"the banner quoted was misspelt\"\n"
              "The motion won four votes in favo1r.",)

    def check(self, ctx: Context) -> Iterator[Finding]:
        for s in ctx.suppressions:
            if s.codes and s.reason is None:
                yield self.finding(ctx, "suspect", f"suppression of {', '.join(s.codes)} gives no reason; "
                                   "add reason=\"...\"", s.start, s.end, claims=())


class UnusedSuppression(Rule):
    """An inline suppression that silenced nothing.

    The finding it was written for has gone (the figure was corrected, the paragraph moved, the
    rule changed) or the code is wrong. A stale suppression would silence the next, unchecked
    finding of that rule in the same place, so remove it. A warning, like the findings a
    suppression silences; codes of rules left out by `select`/`ignore` count as unused too.
    """

    code, name, severity = "S102", "unused-suppression", "warning"
    summary = "An inline `verify: ignore` that silenced no finding."
    reviews_findings = True
    triggers = ("# verify: ignore T101 reason=\"checked\"\nThe motion won four votes in favour.",)
    passes = ("# verify: ignore T101 reason=\"the banner quoted was misspelt\"\n"
              "The motion won four votes in favo1r.",)

    def check(self, ctx: Context) -> Iterator[Finding]:
        from verify.rules import BY_CODE

        for s, code in unused(ctx.suppressions, ctx.findings):
            if code in BY_CODE:  # an unknown code is S103's
                where = "this document" if s.whole_file else "the paragraph after it"
                yield self.finding(ctx, "suspect", f"suppression of {code} silenced nothing in {where}; "
                                   "remove it", s.start, s.end, claims=())


class MalformedSuppression(Rule):
    """A `verify:` directive that cannot be read, or that names no rule.

    The form is `verify: ignore CODE[,CODE...] reason="..."` (or `ignore-file`), in an HTML comment
    in Markdown and HTML or on a line of its own after `#` in plain text. A misspelt directive or
    code silences nothing, so the finding it was meant for is reported as well.
    """

    code, name, severity = "S103", "malformed-suppression", "warning"
    summary = "A `verify:` directive that cannot be read or names no rule."
    triggers = ("# verify: ignroe T101 reason=\"checked\"\nThe motion won four votes in favour.",
                "# verify: ignore T1O1 reason=\"checked\"\nThe motion won four votes in favo1r.")
    passes = ("# verify: ignore-file T101 reason=\"the banner quoted was misspelt\"\n"
              "The motion won four votes in favo1r.",)

    def check(self, ctx: Context) -> Iterator[Finding]:
        from verify.rules import BY_CODE

        for s in ctx.suppressions:
            problems = [s.problem] if s.problem else [
                f"{code} is no rule code{did_you_mean(code, BY_CODE)}" for code in s.codes if code not in BY_CODE]
            for problem in problems:
                yield self.finding(ctx, "suspect", problem, s.start, s.end, claims=())


RULES = (SuppressionWithoutReason, UnusedSuppression, MalformedSuppression)
