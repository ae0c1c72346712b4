"""Property tests for the whole pipeline: any text, however odd, gives a consistent report."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import verify

VOCAB = ["Russia", "China", "the United States", "Britain", "voted", "against", "in favour", "abstained",
         "as did", "while", "and", ",", ".", ";", "--", "(", ")", "11", "nine", "two", "15-member",
         "Security Council", "Senate", "vetoed", "adopted", "rejected", "the remaining", "51-47",
         "by", "votes", "to", "with", "abstentions", "favo1r", "1,0000", "unanimously", "the draft",
         "rival", "presented by Moscow", "\n", "\n\n", "Five countries", "was the only member to vote"]

vote_soup = st.lists(st.sampled_from(VOCAB), max_size=60).map(" ".join)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=400), vote_soup))
def test_any_text_gives_a_consistent_report(text: str) -> None:
    report = verify.check_text(text)
    data = report.to_dict()
    ids = {c["id"] for c in data["claims"]}
    for claim in data["claims"]:
        assert text[claim["start"]:claim["end"]] == claim["text"]
    for finding in data["findings"]:
        assert 0 <= finding["start"] <= finding["end"] <= len(text)
        assert set(finding["claims"]) <= ids
        assert finding["severity"] in ("error", "warning", "info")
    for vote in data["votes"]:
        for side in ("yes", "no", "abstain", "absent"):
            assert vote[side] is None or vote[side] >= 0
    assert data["summary"]["claims"] == len(data["claims"])
