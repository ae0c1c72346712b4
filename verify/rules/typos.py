"""Typo rules (T1xx): figures and words that look mistyped. Verdict `suspect`: nothing
contradicts them, but an editor should look."""

from __future__ import annotations

from collections.abc import Iterable

from verify.report.model import Finding
from verify.rules.base import Context, Rule


class DigitInWord(Rule):
    """A digit typed inside a word: "favo1r", "l0cal", "Russ1a".

    Usually a slip of the keyboard or an OCR error, and it can hide a figure from every other
    check. Codes and identifiers (COVID-19, G20, H1N1, MP3, F-16), decades (1990s), ordinals (2nd)
    and "mid-2016" are not flagged; a token is flagged only when it reads as a word once the digit
    is taken for the letter it resembles (or is one edit from a word), and the likely word is given.
    """

    code, name, severity = "T101", "digit-in-word", "warning"
    summary = "A digit inside a word (\"favo1r\"): probably a typo."
    triggers = ("The motion won four votes in favo1r.",)
    passes = ("Cases of COVID-19 and H1N1 rose in the 1990s and again in mid-2016.",)

    def check(self, ctx: Context) -> Iterable[Finding]:
        for word in ctx.digit_words:
            yield self.finding(ctx, "suspect", f"'{word.text}' has a digit inside a word; did you mean "
                               f"'{word.suggestion}'?", word.start, word.end, claims=(),
                               suggestion=word.suggestion)


class MalformedFigure(Rule):
    """A figure that no style writes that way: "75,00", "1,0000", "3..5", "21th".

    Thousands separators group exactly three digits, decimals take one point, and an ordinal's
    suffix follows its last digits (1st, 2nd, 3rd, 11th). Such figures are usually a digit too
    many or too few, so their value cannot be trusted.
    """

    code, name, severity = "T102", "malformed-figure", "warning"
    summary = "A figure written in a malformed way (\"75,00\", \"1,0000\", \"3..5\")."
    triggers = ("The fund raised 1,0000 dollars.",)
    passes = ("The fund raised 10,000 dollars, or 1.5 times its target, in 12 days.",)

    def check(self, ctx: Context) -> Iterable[Finding]:
        for num in ctx.numbers:
            if num.malformed:
                what = "ordinal suffix" if num.kind == "ordinal" else "digit grouping"
                yield self.finding(ctx, "suspect", f"'{num.text}' has a malformed {what}; check the figure",
                                   num.start, num.end)


RULES = (DigitInWord, MalformedFigure)
