"""The regular expressions and keyword tuples that find votes in text: vote words, figures and
the words around them, named voters, outcomes, drafts and body sizes. They sit together so that
the wording the extractor accepts can be read and tuned in one place; the keyword tuples are the
cheap substring tests run before a pattern is (see `clause._has`).
"""

import re

# a sentence is about a vote if it has a vote word, or a word that can describe one ("passed",
# "against", "backed") next to a figure or a draft; the leading letter classes let the scanner
# skip most positions at once (a plain case-insensitive alternation costs ~1 s on 2 MB)
VOTE_CUE = re.compile(
    r"\b(?=[vViIaAuUnNbB])(?i:vot(?:e|es|ed|ing)\b|in\s+favou?r\b|abstain|abstention|ayes\b|noes\b|"
    r"unanimous|veto|ballot)")
WEAK_CUE = re.compile(
    r"\b(?=[aApPrRdDfFsScCbBoO])(?i:against\b|adopt(?:s|ed)?\b|pass(?:es|ed)\b|reject(?:s|ed)?\b|"
    r"defeated\b|ruling\b|approv|fell\s+short\b|failed\b|split\b|dissent|confirmed\b|supported\b|"
    r"backed\b|opposed\b)")
FIGURE_OR_DRAFT = re.compile(r"\d|(?i:\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                             r"thirteen|fourteen|fifteen|none|draft|resolution|measure|motion|bill|amendment|"
                             r"text|proposal|nominee|nomination)\b)")

STRONG_KEYS = (" vot", "favo", "abstain", "abstention", "ayes", "noes", "unanim", "veto", "ballot")
WEAK_KEYS = ("against", "adopt", "pass", "reject", "defeat", "ruling", "approv", "fell short", "fail",
             "split", "dissent", "confirm", "support", "back", "oppos")
CUE_KEYS = tuple(sorted({key.strip() for key in STRONG_KEYS + WEAK_KEYS}))  # a sieve before is_vote_text

NOUN = (r"(?:council\s+members|member\s+states|members?|countries|states|nations|delegations|"
        r"senators|representatives|lawmakers|legislators|MPs|MEPs|justices|judges|shareholders|"
        r"councillors|councilors|others|of\s+them|delegates|directors|voters|workers|unions?|"
        r"governments|parties|peers|deputies|commissioners|jurors|board\s+members)")
SIDE_WORDS = r"(?P<side>in\s+favou?r|for|against|no|yes|in\s+support|to\s+abstain)"
LIST_OPEN = r"(?:\s*(?:--|—|–)\s*(?P<dash>[^—–\n]{1,300}?)\s*(?:--|—|–)\s*|\s*\((?P<paren>[^()\n]{1,300})\)\s*)"

# after a figure: "11 votes in favour", "nine against", "two abstentions", "88 abstaining"
AFTER_DIRECT = re.compile(
    r"(?:\s+(?:other\s+)?" + NOUN + r")?\s+(?:(?P<votes>(?:[\"“']?(?:yes|no|aye|nay)[\"”']?\s+)?(?:votes?|ballots?))\s+(?:were\s+)?(?:cast\s+)?)?"
    r"(?:(?P<side>in\s+favou?r|against|in\s+support|in\s+opposition)|(?P<for>for)(?=\s)|"
    r"(?P<abst>abstentions?|abstaining|abstained|abstainers))\b")
AFTER_YESNO = re.compile(r"\s+[\"“']?(?P<yn>yes|no|aye|nay)[\"”']?\s+votes?\b")
# "two council members voted against", "Five countries -- A, B -- voted in favour", "three others abstained"
AFTER_VERB = re.compile(
    r"(?:\s+(?:other|more|further|permanent|elected|non-permanent|council))?(?:\s+" + NOUN + r")?"
    r"(?:\s+(?:of|on|in)\s+(?:the|its|their|all)(?:\s+[\w'’-]+){1,3}?)?" + LIST_OPEN + r"?"
    r"(?:\s+(?:also|all|both|each|then|instead|had|have|narrowly))*"
    r"\s+(?:(?:voted|vote|votes|cast\s+(?:their\s+|its\s+)?votes?)\s+" + SIDE_WORDS + r"|(?P<abst>abstained|abstaining)"
    r"|(?P<support>supported|backed|endorsed)\s+(?:it|the\s+\w+)|(?P<oppose>opposed|dissented)"
    r"|voted\s+to\s+(?P<toverb>reject|block|oppose|defeat|kill|scrap|\w+)"
    r"|were\s+(?P<were>in\s+favou?r|against|absent)|(?P<absent>did\s+not\s+vote|did\s+not\s+take\s+part|"
    r"were\s+absent|was\s+absent|did\s+not\s+participate|were\s+not\s+present))\b")
BEFORE_LABEL = re.compile(r"(?i:\b(?:(?P<label>ayes|yeas|noes|nays)\s*[:,=-]?|(?P<colon>yes|no|abstentions|"
                          r"absent|in\s+favou?r|against)\s*[:=])\s*)$")
REMAINING_BEFORE = re.compile(r"(?i:\b(?:the\s+)?(?:remaining|other|rest\s+of\s+the|last)\s+)$")
PAIR_GAP = re.compile(r"\s+(?:votes?\s+)?to\s+$")
PAIR_CONTEXT = re.compile(
    r"(?i:\b(?:by|voted|vote\s+of|votes?\s+of|passed|approved|adopted|rejected|defeated|carried|"
    r"margin\s+of|tally\s+of|split|ruled|decided|backed|endorsed|confirmed|won|lost|failed)"
    r"(?:\s+(?:a|an|the|by|of|vote|votes|margin|narrow|wide|lopsided|tally|count|\w+ly))*\s+)$")
ABSTAIN_AFTER_PAIR = re.compile(r"\s*,?\s+with\s+(?P<n>\S+)\s+(?:abstentions?|abstaining)\b")

AFTER_LIST = re.compile(
    r"\s*(?:\((?P<p>[^()\n]{1,300})\)|(?:--|—|–)\s*(?P<d>[^—–\n]{1,300}?)\s*(?:--|—|–|$)"
    r"|(?:\s+(?:as\s+well|too|also))?\s*:\s*(?P<c>[^;.\n]{1,300})"
    r"|,?\s*(?P<partial>among\s+them|including|among\s+whom|notably)\s+)")

SIDE_VERB = re.compile(
    r"\b(?:(?P<abst>abstained|abstaining)|(?P<absent>did\s+not\s+vote|did\s+not\s+take\s+part|"
    r"did\s+not\s+participate|was\s+absent|were\s+absent|stayed\s+away)"
    r"|(?:voted|voting|vote|votes|cast\s+(?:a|their|its)\s+(?:votes?|ballots?))\s+" + SIDE_WORDS +
    r"|(?P<veto>vetoed|vetoes|blocked)"
    r"|(?:were|was)\s+among\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:that|who|which)\s+voted\s+" + SIDE_WORDS.replace("side", "aside") +
    r"|(?P<support>supported|backed)\s+(?:it|the\s+(?:[\w-]+\s+){0,2}(?:draft|resolution|measure|text|motion|bill|"
    r"proposal|amendment))|(?P<oppose>opposed)\s+(?:it|the\s+(?:[\w-]+\s+){0,2}(?:draft|resolution|measure|"
    r"text|motion|bill|proposal|amendment))"
    r"|joined\s+(?:by\s+)?(?P<joined>(?:[A-Z][\w'’.-]*\s?){1,4}(?:(?:,\s*|\s+and\s+)(?:the\s+)?(?:[A-Z][\w'’.-]*\s?){1,4})*)"
    r"\s*in\s+(?:voting\s+" + SIDE_WORDS.replace("side", "jside") + r"|(?P<jabst>abstaining))"
    r"|(?:was|were)\s+the\s+only\s+(?:(?:\w+\s+){0,5}?)(?:to\s+)(?:vote\s+(?P<only>against|in\s+favou?r|for|no|yes)"
    r"|(?P<onlyabst>abstain)))\b")

AS_DID = re.compile(r"\bas\s+did\s+")
LIST_SEP = re.compile(r"\s*(?:,\s*(?:and\s+|&\s+)?|\s+and\s+|\s+as\s+well\s+as\s+|\s+along\s+with\s+|"
                      r"\s+together\s+with\s+|\s*&\s+)")
SUBJECT_GAP = re.compile(
    r"(?:\s*,\s*(?P<appos>(?:which|who|whose|both|two|three|four|five|six|seven|eight|nine|ten|all|the|a|an|"
    r"as|like|along|together|each|one|itself|permanent|its|their|long|traditionally|\d+)\b[^,;]{0,160}),)?"
    r"(?:\s*,\s*(?:which|who)\s+(?:was|were|had\s+been|has\s+been)\s*$)?"
    r"(?:\s+(?:also|all|both|each|then|had|have|has|instead|again|too|once\s+again|on\s+[A-Z]?\w+day|"
    r"last\s+\w+|this\s+\w+|subsequently|duly|promptly|swiftly|later|ultimately|eventually|alone|"
    r"themselves|itself|reportedly|meanwhile|however|predictably))*\s*$")

OUTCOME = re.compile(
    r"(?i:\b(?:(?P<vetoed>vetoed|vetoes|vetoing|(?:went\s+down|fell)\s+to\s+(?:an?\s+)?(?:[A-Z]\w+\s+)?veto|"
    r"(?:its|their|a|the)\s+veto\s+(?:killed|sank|blocked|doomed|scuppered))"
    r"|(?P<failed>(?:was|were|is|are)\s+not\s+adopted|not\s+adopted|could\s+not\s+be\s+adopted|"
    r"failed\s+to\s+(?:pass|be\s+adopted|win|secure|get|garner|gain|obtain|muster|receive|achieve|reach|"
    r"clear|carry)|fell\s+short|(?:was\s+)?voted\s+down|went\s+down|failed|fails)(?!\s+to\b)"
    r"|(?P<rejected>rejected|defeated|rejects|defeats|rejecting|defeating)"
    r"|(?P<blocked>blocked|blocking)"
    r"|(?P<adopted>adopted|adopts|adopting)"
    r"|(?P<passed>passed|approved|approving|carried|passes|approves|confirmed|ratified|gave\s+(?:its\s+)?(?:final\s+)?"
    r"approval|voted\s+(?:[\w$.,-]+\s+){0,8}?to\s+(?:approve|pass|adopt|confirm|ratify|endorse))"
    r"(?!\s+(?:away|through|over|on|out|down)\b)"
    r"|(?P<backed>backed|endorsed|supported)))\b")
# "backed" is an outcome only when the body or its members did the backing ("MPs backed the bill")
BODY_SUBJECT = re.compile(r"(?:House|Commons|Senate|Parliament|Assembly|Council|council|MPs|MEPs|lawmakers|"
                          r"legislators|senators|shareholders|members|delegates|voters|councillors)"
                          r"(?:\s+(?:on\s+\w+|narrowly|overwhelmingly|also|then|finally))*\s+$")

# adopted without a recorded vote: nothing to count
NO_VOTE = re.compile(r"(?i:\bwithout\s+(?:a\s+)?(?:recorded\s+)?vote\b|\bby\s+(?:consensus|acclamation)\b)")


def _for_lower_case(pattern: re.Pattern[str], first_letters: str) -> re.Pattern[str]:
    """The same pattern for ASCII-lower-cased text, led by a class of the letters its words start
    with: measured twice as fast here as the case-insensitive form on a clause."""
    return re.compile(r"\b(?=[" + first_letters + "])"
                      + pattern.pattern.replace("(?i:", "(?:").replace("[A-Z]", "[a-z]"))


OUTCOME_LOWER = _for_lower_case(OUTCOME, "abcdefginprstvw")

OUTCOME_NORMAL = {"vetoed": "vetoed", "rejected": "rejected", "failed": "failed", "blocked": "failed",
                   "adopted": "adopted", "passed": "passed", "backed": "passed"}
UNANIMOUS = re.compile(r"(?i:\bunanimous(?:ly)?\b|\bwithout\s+(?:a\s+single\s+)?(?:dissent|objection)\b)")
ABSENCE = re.compile(r"(?i:\babsent\b|\bdid\s+not\s+(?:vote|take\s+part|participate)|\bnot\s+participating\b|"
                     r"\bnon-participation\b|\bboycott|\bvacan(?:t|cy|cies)\b|\bstayed\s+away\b|"
                     r"\bwas\s+not\s+present|\bwere\s+not\s+present|\babsence)")
TIE_BREAK = re.compile(r"(?i:\btie[- ]?break|\bcasting\s+vote\b|\bbroke\s+(?:the|a)\s+(?:[\d-]+\s+)?tie\b|"
                       r"\bdeciding\s+vote\b|"
                       r"\bevenly\s+(?:split|divided)\b|\bequally\s+divided\b)")
NEW_VOTE = re.compile(r"(?i:\b(?:second|another|separate|subsequent|later|earlier|procedural|final|third|"
                      r"fresh|new)\s+(?:vote|ballot|round)\b|\bin\s+a\s+(?:second|separate|later|subsequent)\b)")
# words that place a vote at another time or mark it as another one; with different figures they
# mean a new vote, not a misreported one
LATER = re.compile(r"(?i:\b(?:earlier|later|then|afterwards|subsequently|before\s+that|after\s+that|"
                   r"further|another|previously|next\s+day|following\s+\w+|that\s+year|"
                   r"(?:days?|weeks?|months?|years?)\s+(?:after|before|earlier|later|ago)|last\s+(?:year|month|week)|"
                   r"in\s+(?:1[89]|20)\d\d|the\s+previous\s+\w+|(?:second|third|fourth|fifth|final)\s+\w+)\b)")
LATER_LOWER = _for_lower_case(LATER, "abdefilmnopstwy")
NOT_TALLY_BEFORE = re.compile(r"(?i:\b(?:majority|margin|short|shy|minimum|total|out\s+of|"
                              r"of\s+(?:the|its|their|all)(?:\s+[\w-]+['’]s)?)\s+(?:of\s+)?"
                              r"(?:only\s+|just\s+)?)$")
WON_VOTES_BEFORE = re.compile(r"(?i:\b(?:won|winning|received|receiving|got|getting|garnered|garnering|"
                              r"secured|securing|drew|drawing|gained|gaining|obtained|attracted|mustered|"
                              r"gathered|gathering|had)\s+(?:only\s+|just\s+|the\s+support\s+of\s+)?)$")
VOTES_AFTER = re.compile(r"\s+(?:votes?|ballots?)\b(?!\s+(?:against|to\b))")
ZERO = re.compile(r"(?i:\b(?:none|nobody|no\s+one|no\s+(?:member|country|state|votes?))\s+(?:voted\s+|were\s+|was\s+)?"
                  r"(?P<side>against|in\s+favou?r|abstained|abstentions?)\b|\bno\s+(?P<abst>abstentions)\b"
                  r"|\bto\s+(?P<none>none|nil|zero)\b)")
AMONG_VOTING = re.compile(r"(?i:\bamong\s+(?:those|the\s+\w+|them)\s+(?:voting|who\s+voted)\s+" + SIDE_WORDS +
                          r"\s+(?:were|was|are)\s+)")
SUPPORT_FROM = re.compile(r"(?i:\b(?:drew|drawing|won|winning|received|receiving|got|had|gained|attracted)\s+"
                          r"(?:the\s+)?(?:support|backing|votes?)\s+(?:only\s+|just\s+)?(?:from|of)\s+)")
# a capitalised group after a count ("101 Republicans", "20 Labour MPs"): a part of one side
SUBGROUP_AFTER = re.compile(r"\s+(?:of\s+(?:the\s+)?)?[A-Z][a-z]+(?:s\b|\s+(?:MPs|MEPs|members|senators|lawmakers|"
                            r"deputies|councillors|representatives)\b)")
ANY_SIDE = re.compile(r"(?i:\s+\w+\s+voted\s+(?:yes|for|in\s+favou?r),?\s+(?:no|against)(?:,|\s+or)\b)")
TIE_SCORE = re.compile(r"\s+(?:tie|split|deadlock)\b")
PLURAL_SUBJECT = re.compile(r"(?i:\b(?:two|both|the)\s+(?:\w+\s+)?(?:texts|drafts|resolutions|measures|motions|bills)\b)")
CLAUSE_SPLIT = re.compile(r"\s*(?:;\s*(?:but\s+|while\s+|whereas\s+)?|,\s*(?:but|while|whereas)\s+|"
                          r"\s+but\s+(?=[a-z]+\s|its\s|the\s))")
DESCRIPTION = re.compile(
    r"\b(?:(?P<poss>[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)['’]s\s+)?"
    r"(?P<mods>(?:(?:own|rival|competing|alternative|counter|original|first|second|third|new|revised|"
    r"amended|separate|[a-z]+ed|[A-Z][\w.]*(?:-[a-z]+)?|[a-z]+-(?:drafted|sponsored|backed|led|written|proposed|authored))"
    r"\s+){0,3})"
    r"(?P<noun>draft\s+resolutions?|draft\s+texts?|drafts?|resolutions?|measures?|texts?|proposals?|"
    r"motions?|bills?|amendments?|legislation|versions?|renewal|extension)\b"
    r"(?:\s+(?:(?:that\s+was\s+|which\s+was\s+)?(?:presented|proposed|drafted|put\s+forward|tabled|"
    r"sponsored|introduced|submitted|drawn\s+up|penned|circulated|authored|championed|prepared)\s+by\s+"
    r"(?P<by>(?:the\s+)?[A-Z][\w.'’-]*(?:\s+(?:and\s+)?[A-Z][\w.'’-]*)*)))?")
DRAFT_WORDS = ("draft", "resolution", "measure", "text", "proposal", "motion", "bill", "amendment")
DRAFT_WORD = re.compile(rf"\b(?:{'|'.join(DRAFT_WORDS)})\b")
DEFINITE_BEFORE = re.compile(r"(?i:\b(?:the|this|that|its|it)\s)$")
# "the vote was 11-3", "the final tally": the same vote told again
RESTATEMENT = re.compile(r"(?i:\bthe\s+(?:final\s+|official\s+|actual\s+)?(?:vote|tally|count|result|margin)\s+"
                         r"(?:was|stood|came|is|had\s+been)\b)")
NOUN_CLASS = {"draft": "draft", "resolution": "draft", "measure": "draft", "text": "draft",
               "proposal": "draft", "version": "draft", "renewal": "draft", "extension": "draft", "motion": "motion", "bill": "bill", "legislation": "bill",
               "amendment": "amendment"}
ORDINAL_MODS = {"first": 1, "second": 2, "third": 3}
RIVAL_MODS = {"own", "rival", "competing", "alternative", "counter"}
SIZE_ADJ = {"member", "seat", "nation", "strong", "country", "state", "justice", "judge", "person"}
SIZE_PHRASE = re.compile(
    r"(?i:\b(?:all|its|the|their|of\s+the|council['’]s|assembly['’]s|chamber['’]s|court['’]s)\s+)$")
SIZE_NOUN_AFTER = re.compile(r"\s+(?:members|member\s+states|seats|justices|senators|judges|nations|"
                             r"countries|representatives|MPs|MEPs)\b(?!\s+(?:who|that|which|voted|"
                             r"in\s+favou?r|against|abstain|voting|casting|"
                             # a subset, not the whole body: "the three justices appointed by ..."
                             r"appointed|named|nominated|chosen|picked|elected|from|in\s+the\s+m|on\s+the\s+"
                             r"(?:left|right|bench)|dissenting|joined|[a-z]+ed\s+by))")

LATER_KEYS = ("earlier", "later", "then", "afterwards", "subsequently", "before that", "after that", "further",
              "another", "previous", "next day", "following", "that year", "year", "last ", "in 1", "in 2",
              "second", "third", "fourth", "fifth", "final", "after", "before", " ago")
DRAFT_KEYS = ("draft", "resolution", "measure", "text", "proposal", "motion", "bill", "amendment",
              "legislation", "version", "renewal", "extension")
ABSENCE_KEYS = ("absent", "did not", "particip", "boycott", "vacan", "stayed away", "not present", "absence")
TIE_KEYS = ("tie", "casting", "deciding", "evenly", "equally")
RESTATEMENT_KEYS = ("vote was", "tally", "count", "result", "margin", "vote stood", "vote came", "vote is")
