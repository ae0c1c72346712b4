"""Golden tests for the sentence splitter: abbreviations, quotes, headlines, wrapped lines."""

from __future__ import annotations

import pytest

from verify.sentences import split_sentences

GOLDEN = [
    ("Mr. Smith met U.S. officials on Sept. 22. He left.", ["Mr. Smith met U.S. officials on Sept. 22.", "He left."]),
    ('"It is over." She said no.', ['"It is over."', "She said no."]),
    ("Vote fails in council\nThe draft won 11 votes.", ["Vote fails in council", "The draft won 11 votes."]),
    ("The council met.\n\nIt voted at 10 a.m. on Friday.", ["The council met.", "It voted at 10 a.m. on Friday."]),
    ("Russia and\nChina voted against the draft.", ["Russia and\nChina voted against the draft."]),
    ("Gen. Lee and Dr. Wu spoke. The vote was 9-6!", ["Gen. Lee and Dr. Wu spoke.", "The vote was 9-6!"]),
    ("It passed 51-47. 12 senators were absent.", ["It passed 51-47.", "12 senators were absent."]),
    # runs of stops, initials, closing brackets and every kind of line break (\n, \r\n, after a space)
    ("Really?! Yes... And then J. Smith spoke.", ["Really?!", "Yes...", "And then J. Smith spoke."]),
    ('The draft (S/1) failed.) Then "It is done." He left.\n \n\nAfter.',
     ["The draft (S/1) failed.)", 'Then "It is done."', "He left.", "After."]),
    ("The vote was held.\r\nIt passed.\r\n\r\nNext item follows here.",
     ["The vote was held.", "It passed.", "Next item follows here."]),
    ("Who voted for it?\nNobody said.", ["Who voted for it?", "Nobody said."]),
    ("It was over. \nThey left the room.", ["It was over.", "They left the room."]),
    ("It ended. \r\nThen more came.", ["It ended.", "Then more came."]),
    ("Wait...\r\nNo one moved.\r \r\nThe end.", ["Wait...", "No one moved.", "The end."]),
    ("Done:\r\nNext.", ["Done:", "Next."]),
]


@pytest.mark.parametrize("text,expected", GOLDEN)
def test_golden(text: str, expected: list[str]) -> None:
    assert [text[a:b] for a, b in split_sentences(text)] == expected
