"""Near-duplicate detection: the same story in other clothes groups, a different story does not."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import textwrap

import pytest
from conftest import ROOT, shared_file

from assistant.index.near_duplicates import (
    NUM_PERM,
    SHORT_SHINGLES,
    DuplicateIndex,
    article_shingles,
    fingerprint,
    group,
    same_story,
    similarity,
)

HEADLINE = "CBT WHEAT SURGES AFTER USDA CUTS WINTER PLANTINGS"

STORY = """\
Wheat futures on the Chicago Board of Trade closed sharply higher on Tuesday after the
U.S. Agriculture Department cut its estimate of winter wheat plantings by more than the
trade had expected, floor traders said.

The May contract settled up 7-1/4 cents at 3.21 dollars a bushel, its highest close in
seven weeks, while July gained 6-1/2 cents. Corn and soybeans followed wheat higher in
active trade, with commission houses buying on behalf of large speculative funds.

The department put winter wheat seedings at 48.2 million acres, down four percent from
last year and below the lowest trade guess of 49.0 million acres. Dry weather across
the southern Plains last autumn kept farmers in western Kansas and Oklahoma from sowing
part of their usual area, analysts said.

Export demand also lent support. Egypt bought 200,000 tonnes of soft red winter wheat
under the export enhancement program, and shippers reported fresh inquiries from Algeria
and Morocco for April and May shipment.

"The acreage number took the market by surprise, and the export business tells you the
price is still competitive," said one Chicago floor trader. He said further gains would
depend on rain in the Plains over the next two weeks, which could revive crops that have
already emerged.
"""

EXTRA_PARAGRAPH = """
Kansas City hard red winter wheat futures rose by the daily limit in early trade before
profit taking trimmed the gains. Minneapolis spring wheat ended 4 cents higher, and cash
premiums at Gulf ports firmed on the export news.
"""

# Same market, same vocabulary, another day and other facts: a different story.
OTHER_DAY = """\
Wheat futures on the Chicago Board of Trade closed lower on Friday as widespread rain
across the southern Plains eased concern about the condition of the winter wheat crop,
floor traders said.

The May contract settled down 5-3/4 cents at 3.04 dollars a bushel and July lost 5
cents. Corn and soybeans drifted lower in light trade, with commission houses selling on
behalf of large speculative funds ahead of the weekend.

Up to two inches of rain fell in western Kansas and Oklahoma overnight, and forecasters
called for more showers next week. Analysts said the moisture came in time for crops
that emerged late after a dry autumn, and some raised their estimates of the harvest.

Export demand was slow. Shippers said Egypt and Algeria stayed out of the market, and a
tender by Morocco for soft red winter wheat was postponed until later this month.

"Rain makes grain, and the funds know it," said one Chicago floor trader, who expected
further losses next week if the weather forecasts prove right.
"""

MATCH_REPORT = """\
Arsenal moved back to the top of the Premiership with a 3-1 win over Middlesbrough at
Highbury on Saturday, with Thierry Henry scoring twice in the second half.

Middlesbrough took a surprise lead after 12 minutes when Jimmy Floyd Hasselbaink turned
in a low cross from the right, and the visitors held on until half-time despite long
spells of Arsenal pressure.

Henry equalised five minutes after the break with a curling shot from the edge of the
area, then put Arsenal ahead from the penalty spot after Robert Pires was brought down
by Franck Queudrue.

Dennis Bergkamp sealed the win with a clever chip over goalkeeper Mark Schwarzer in the
final minute. "We showed patience and quality when it mattered," said manager Arsene
Wenger, whose side lead Chelsea by a point.
"""

OTHER_MATCH = """\
Chelsea kept up the pressure at the top of the Premiership with a 2-0 win over Everton
at Stamford Bridge on Saturday, with Frank Lampard scoring in each half.

Everton started brightly and Tim Cahill forced a fine save from Petr Cech after 20
minutes, but the visitors faded once Lampard drove home a low shot from the edge of the
area just before half-time.

Lampard added a second from the penalty spot after Arjen Robben was brought down by
Tony Hibbert, and Chelsea comfortably saw out the game despite late Everton pressure.

"We were patient and we showed quality when it mattered," said manager Jose Mourinho,
whose side trail Arsenal by a point with a game in hand.
"""

FED = (
    "The Federal Reserve entered the U.S. Government securities market to arrange {amount} "
    "billion dlrs of customer repurchase agreements, a Fed spokesman said. Dealers said "
    "Federal funds were trading at {rate} pct when the Fed began its temporary and indirect "
    "supply of reserves to the banking system."
)
DIVIDEND = "Qtly div 10 cts vs 10 cts prior Pay April 15 Record March 31"
# sha256 of fingerprint(STORY), pinned by test_fingerprints_are_pinned
PINNED = "19e47e7d315b2795a19b21c7786afbf53ccf403fe2e11f20223915af159bfad9"


def rewrapped(text: str) -> str:
    """The same words, wrapped at another width, in capitals, with other punctuation."""
    flat = " ".join(text.split()).upper().replace(",", " ,").replace('"', "“")
    return textwrap.fill(flat, width=47).replace("\n", "\n\n  ", 3)


def corrected(text: str) -> str:
    """A re-sent correction: a correction line on top, one figure put right."""
    fixed = text.replace("3.21 dollars", "3.12 dollars")
    assert fixed != text
    return "(Corrects May settlement price in second paragraph to 3.12 dollars)\n" + fixed


def groups_of(**texts: str) -> list[list[str]]:
    return group((name, fingerprint(text)) for name, text in texts.items())


def test_the_test_story_is_a_full_length_article() -> None:
    """The variants below exercise the rule for full articles, not the one for short texts."""
    found, short = article_shingles(STORY)
    assert not short and len(found) > 4 * SHORT_SHINGLES
    assert not article_shingles(OTHER_DAY)[1] and not article_shingles(MATCH_REPORT)[1]


@pytest.mark.parametrize(
    "variant",
    [
        pytest.param(STORY, id="the same text twice"),
        pytest.param(rewrapped(STORY), id="re-wrapped, capitals, punctuation"),
        pytest.param(STORY + EXTRA_PARAGRAPH, id="an added paragraph"),
        pytest.param(corrected(STORY), id="a re-sent correction"),
        pytest.param(corrected(STORY) + EXTRA_PARAGRAPH, id="correction and new paragraph"),
        pytest.param(STORY.replace("\n\n", "\n\n(Reuters) ", 1), id="a wire credit"),
    ],
)
def test_the_same_story_groups(variant: str) -> None:
    assert same_story(fingerprint(STORY), fingerprint(variant))
    assert groups_of(original=STORY, variant=variant) == [["original", "variant"]]


def test_whitespace_case_and_punctuation_do_not_change_the_fingerprint() -> None:
    assert fingerprint(rewrapped(STORY)) == fingerprint(STORY)
    assert fingerprint("Soft\u00adware  re\u200bleased") == fingerprint("SOFTWARE, RELEASED!")


def test_unicode_is_normalised_before_shingling() -> None:
    composed = "Le café a ouvert à Genève sa première succursale " * 12
    decomposed = composed.replace("é", "e\u0301").replace("à", "a\u0300")
    assert decomposed != composed
    assert fingerprint(decomposed) == fingerprint(composed.upper())


def test_a_changed_headline_does_not_matter_for_an_article() -> None:
    first = fingerprint(STORY, title=HEADLINE)
    second = fingerprint(STORY, title="Wheat rallies as USDA trims acreage estimate")
    assert first == second == fingerprint(STORY)


def test_different_stories_on_the_same_topic_do_not_group() -> None:
    assert not same_story(fingerprint(STORY), fingerprint(OTHER_DAY))
    assert not same_story(fingerprint(MATCH_REPORT), fingerprint(OTHER_MATCH))
    assert similarity(fingerprint(STORY), fingerprint(OTHER_DAY)) < 0.2
    result = groups_of(a=STORY, b=OTHER_DAY, c=MATCH_REPORT, d=OTHER_MATCH)
    assert result == [["a"], ["b"], ["c"], ["d"]]


def test_a_template_with_other_figures_is_another_days_story() -> None:
    """Short items on one template differ in a figure or two: only near-exact copies group."""
    monday = FED.format(amount="1.5", rate="6-3/16")
    tuesday = FED.format(amount="1.5", rate="6-1/16")
    assert article_shingles(monday)[1]  # a short text, by the rule's measure
    assert not same_story(fingerprint(monday), fingerprint(tuesday))
    assert same_story(fingerprint(monday), fingerprint(" ".join(monday.split()).lower()))


def test_short_texts_with_the_same_body_but_other_headlines_do_not_group() -> None:
    """Dividend notices of two companies can be word for word the same; the headline decides."""
    quaker = fingerprint(DIVIDEND, title="QUAKER OATS CO <OAT> REGULAR DIVIDEND")
    unibancorp = fingerprint(DIVIDEND, title="UNIBANCORP INC <UBCP> REGULAR DIVIDEND SET")
    again = fingerprint(DIVIDEND + " Reuter", title="Quaker Oats Co <OAT> regular dividend")
    assert not same_story(quaker, unibancorp)
    assert group([("q", quaker), ("u", unibancorp), ("q2", again)]) == [["q", "q2"], ["u"]]


def test_tiny_texts_group_only_when_identical() -> None:
    tiny = {
        "a": "Shares rose.",
        "b": "Shares fell.",
        "c": "Oil prices rose",
        "d": "shares   ROSE",
        "e": "Gold rose",
        "f": "",
        "g": "   ",
        "h": "Shares rose on hopes of a deal",
    }
    result = group((key, fingerprint(text)) for key, text in tiny.items())
    assert result == [["a", "d"], ["b"], ["c"], ["e"], ["f"], ["g"], ["h"]]
    assert not same_story(fingerprint("Shares rose."), fingerprint(STORY))


def test_an_empty_text_matches_nothing() -> None:
    index = DuplicateIndex()
    index.add("empty", fingerprint(""))
    index.add("story", fingerprint(STORY))
    assert "empty" in index and len(index) == 2
    assert index.matches(fingerprint("")) == []
    assert index.matches(fingerprint(STORY)) == ["story"]
    assert similarity(fingerprint(""), fingerprint("")) == 0.0


def test_fingerprints_are_deterministic_and_compact() -> None:
    first = fingerprint(STORY)
    assert fingerprint(STORY) == first
    assert len(first) == 6 + 4 * NUM_PERM
    assert fingerprint(STORY + EXTRA_PARAGRAPH) != first


def test_fingerprints_are_the_same_in_another_process() -> None:
    """A fresh interpreter (another hash seed) computes the very same bytes."""
    module = ROOT / "assistant" / "index" / "near_duplicates.py"
    program = (
        "import importlib.util, json, sys\n"
        f"spec = importlib.util.spec_from_file_location('nd', {str(module)!r})\n"
        "nd = sys.modules['nd'] = importlib.util.module_from_spec(spec)\n"
        "spec.loader.exec_module(nd)\n"
        "print(nd.fingerprint(json.load(sys.stdin)).hex())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program],
        input=json.dumps(STORY),
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONHASHSEED": "12345", "PATH": ""},
        timeout=120,
    )
    assert done.stdout.strip() == fingerprint(STORY).hex()


def test_fingerprints_are_pinned() -> None:
    """Stored fingerprints must stay comparable: a change of hashing (a datasketch upgrade,
    another seed, scheme or shingling) has to be a deliberate format change, not an accident.
    """
    digest = hashlib.sha256(fingerprint(STORY)).hexdigest()
    assert digest == PINNED


def test_remove_forgets_an_article() -> None:
    index = DuplicateIndex()
    index.add("original", fingerprint(STORY))
    index.add("other", fingerprint(OTHER_DAY))
    assert index.matches(fingerprint(corrected(STORY))) == ["original"]
    index.remove("original")
    assert "original" not in index and len(index) == 1
    assert index.matches(fingerprint(corrected(STORY))) == []
    index.remove("original")  # twice, or never added: ignored
    index.remove("never added")
    assert index.matches(fingerprint(OTHER_DAY)) == ["other"]


def test_adding_an_id_again_replaces_its_fingerprint() -> None:
    index = DuplicateIndex()
    index.add("a", fingerprint(STORY))
    index.add("a", fingerprint(MATCH_REPORT))
    assert len(index) == 1
    assert index.matches(fingerprint(STORY)) == []
    assert index.matches(fingerprint(MATCH_REPORT)) == ["a"]


def test_matches_of_an_unrelated_text_is_empty() -> None:
    index = DuplicateIndex()
    for name, text in {"story": STORY, "other": OTHER_DAY, "match": MATCH_REPORT}.items():
        index.add(name, fingerprint(text))
    assert index.matches(fingerprint(OTHER_MATCH)) == []
    assert index.matches(fingerprint("The central bank left interest rates unchanged.")) == []


def test_matches_come_most_similar_first() -> None:
    index = DuplicateIndex()
    index.add("longer", fingerprint(corrected(STORY) + EXTRA_PARAGRAPH))
    index.add("same", fingerprint(rewrapped(STORY)))
    index.add("corrected", fingerprint(corrected(STORY)))
    assert index.matches(fingerprint(STORY)) == ["same", "corrected", "longer"]


def test_groups_keep_input_order_and_include_singletons() -> None:
    result = groups_of(
        football=MATCH_REPORT,
        wheat=STORY,
        rain=OTHER_DAY,
        wheat_fixed=corrected(STORY),
        wheat_longer=STORY + EXTRA_PARAGRAPH,
        wheat_wrapped=rewrapped(STORY),
    )
    assert result == [
        ["football"],
        ["wheat", "wheat_fixed", "wheat_longer", "wheat_wrapped"],
        ["rain"],
    ]


def test_an_id_given_twice_is_an_error() -> None:
    with pytest.raises(ValueError, match="given twice"):
        group([("a", fingerprint(STORY)), ("a", fingerprint(OTHER_DAY))])


def test_a_foreign_fingerprint_is_refused() -> None:
    index = DuplicateIndex()
    with pytest.raises(ValueError, match="fingerprint"):
        index.add("a", b"\x00" * 518)
    with pytest.raises(ValueError, match="fingerprint"):
        index.matches(fingerprint(STORY)[:-1])


@pytest.mark.shared_data
def test_known_pairs_of_the_reuters_corpus() -> None:
    """Pairs judged by hand (benchmarks/near_duplicates.py): reprints and longer versions
    group; monthly USDA reports and daily Fed operations on one template do not."""
    wanted = {
        "5176": "a longer version, next day",
        "5290": "",
        "10642": "a reprint with a new headline",
        "10779": "",
        "3315": "USDA orange juice yield, March",
        "15855": "the same report, April",
        "3334": "USDA Canadian crops, March",
        "15870": "the same report, April",
        "522": "Fed repurchases, 2 March",
        "7769": "Fed repurchases, 20 March",
    }
    prints = {}
    with shared_file("reuters21578.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if str(record["id"]) in wanted:
                prints[str(record["id"])] = fingerprint(record["text"], record["title"] or "")
    assert same_story(prints["5176"], prints["5290"])
    assert same_story(prints["10642"], prints["10779"])
    assert not same_story(prints["3315"], prints["15855"])
    assert not same_story(prints["3334"], prints["15870"])
    assert not same_story(prints["522"], prints["7769"])
