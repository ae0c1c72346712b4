"""Each vote phrasing the core-engine issue lists, one sentence each, read into the right counts,
named voters and outcome (texts written by us)."""

from __future__ import annotations

import pytest

import verify

UNSC = "In the Security Council, "
CASES = [
    ("The draft won 11 votes in favour in the 15-member Security Council.", (11, None, None), {}, None),
    ("The council rejected it by a vote of nine against, four in favour and two abstentions.",
     (4, 9, 2), {}, "rejected"),
    ("The Security Council approved the text 11-2 with 2 abstentions.", (11, 2, 2), {}, "passed"),
    ("The Senate passed the bill 51-47.", (51, 47, None), {}, "passed"),
    ("The House voted 221 to 209 to approve the bill.", (221, 209, None), {}, "passed"),
    ("The European Parliament adopted the report by 402 votes to 151 with 88 abstentions.",
     (402, 151, 88), {}, "adopted"),
    ("The General Assembly resolution received 141 votes in favour, 7 against.", (141, 7, None), {}, None),
    ("The Supreme Court struck down the law in a 5-4 ruling.", (5, 4, None), {}, None),
    ("MPs approved the motion: ayes 320, noes 250.", (320, 250, None), {}, "passed"),
    ("The Security Council unanimously adopted resolution 2254.", (15, 0, 0), {}, "adopted"),
    (UNSC + "two council members voted against and three others abstained.", (None, 2, 3), {}, None),
    ("In the 15-member council, one voted yes, 2 voted against and the remaining 12 abstained.",
     (1, 2, 12), {}, None),
    (UNSC + "Russia, China and Bolivia voted against.", (None, None, None),
     {"no": ["Russia", "China", "Bolivia"]}, None),
    (UNSC + "Egypt and Angola abstained.", (None, None, None), {"abstain": ["Egypt", "Angola"]}, None),
    (UNSC + "China abstained, as did Angola.", (None, None, None), {"abstain": ["China", "Angola"]}, None),
    (UNSC + "Russia voted against, while Angola and China abstained.", (None, None, None),
     {"no": ["Russia"], "abstain": ["Angola", "China"]}, None),
    ("The Security Council adopted it with Egypt abstaining.", (None, None, None), {"abstain": ["Egypt"]},
     "adopted"),
    (UNSC + "two members voted against (Russia, China).", (None, 2, None), {"no": ["Russia", "China"]}, None),
    ("Five countries -- Russia, China, Angola, Egypt, Venezuela -- voted in favour in the Security Council.",
     (5, None, None), {"yes": ["Russia", "China", "Angola", "Egypt", "Venezuela"]}, None),
    ("Russia was the only member of the Security Council to vote against.", (None, 1, None),
     {"no": ["Russia"]}, None),
    (UNSC + "Russia and China, two permanent members, voted no.", (None, None, None),
     {"no": ["Russia", "China"]}, None),
    ("Russia vetoed the draft; the Security Council text failed.", (None, None, None), {"no": ["Russia"]},
     "vetoed"),
    ("The bill was defeated in the House of Commons by 396 votes to 217.", (217, 396, None), {}, "rejected"),
    ("The Security Council draft fell short with seven votes in favour.", (7, None, None), {}, "failed"),
    ("The resolution was not adopted by the Security Council.", (None, None, None), {}, "failed"),
]


@pytest.mark.parametrize("text,counts,named,outcome", CASES, ids=[c[0][:50] for c in CASES])
def test_phrasing(text: str, counts: tuple, named: dict, outcome: str | None) -> None:
    votes = verify.check_text(text).to_dict()["votes"]
    assert len(votes) == 1, votes
    vote = votes[0]
    assert (vote["yes"], vote["no"], vote["abstain"]) == counts
    assert {side: names for side, names in vote["named"].items() if names} == named
    assert vote["outcome"] == outcome
