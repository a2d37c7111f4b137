"""Near-duplicates: which of Reuters-21578 and BBC News tell the same story, and how fast.

    python benchmarks/near_duplicates.py [--data ../shared/data] [--sample 15] [--exhaustive]

Fingerprints every article with text (body and headline apart, as ingest would), groups
them with ``assistant.index.near_duplicates.group`` and reports: articles, groups of two
or more, articles in them, group sizes, the time to fingerprint and to group. Then, for a
person to judge by hand, a fixed-seed sample of groups (each member's id, date, headline
and first 100 characters; each pair's estimated and exact Jaccard and containment) and
the pairs nearest the rule on either side (accepted with the least margin, LSH candidates
rejected with the most). Exact figures come from the shingle sets themselves. The
distribution of exact Jaccard and containment over all LSH candidates, accepted or not,
shows where the rule cuts. ``--exhaustive`` also compares every pair of signatures
(a minute or two) to count pairs the rule accepts that LSH never proposed.
Results go to benchmarks/results/near-duplicates-<UTC time>.json: ids and figures only,
since the corpora's text must not be copied into the repository (the screen shows it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import random
import statistics
import sys
import textwrap
import time
from collections import Counter
from pathlib import Path

import numpy as np
from _shared import ROOT, peak_rss_mb, write_results

from assistant.index import near_duplicates as nd

FILES = {"reuters": "reuters21578.jsonl", "bbc": "bbc-news.jsonl"}


def load(data: Path) -> tuple[list[dict[str, str]], int]:
    """Articles with text, as dicts of id, title, date, text; and how many had none."""
    articles, empty = [], 0
    for source, name in FILES.items():
        path = data / name
        if not path.exists():
            sys.exit(f"{path} is missing; the benchmark needs it (see ../shared/data/README.md).")
        with path.open(encoding="utf-8", errors="replace") as handle:
            for line in handle:
                record = json.loads(line)
                text = record.get("text") or ""
                if not text.strip():
                    empty += 1
                    continue
                articles.append(
                    {
                        "id": f"{source}:{record['id']}",
                        "title": record.get("title") or "",
                        "date": (record.get("date") or "")[:11].strip(),
                        "text": text,
                    }
                )
    return articles, empty


def exact(a: set[str], b: set[str]) -> tuple[float, float]:
    """Exact Jaccard and containment (of the smaller set in the larger) of two shingle sets."""
    if not a or not b:
        return 0.0, 0.0
    shared = len(a & b)
    return shared / len(a | b), shared / min(len(a), len(b))


def estimated_containment(jaccard: float, size_a: int, size_b: int) -> float:
    small, large = sorted((size_a, size_b))
    return min(1.0, jaccard * (small + large) / (1 + jaccard) / small) if small else 0.0


def pair_record(a: dict, b: dict, sets: dict, sizes: dict, prints: dict) -> dict[str, object]:
    est = nd.similarity(prints[a["id"]], prints[b["id"]])
    jac, con = exact(sets[a["id"]], sets[b["id"]])
    return {
        "a": a["id"],
        "b": b["id"],
        "estimated_jaccard": round(est, 3),
        "estimated_containment": round(
            estimated_containment(est, sizes[a["id"]], sizes[b["id"]]), 3
        ),
        "exact_jaccard": round(jac, 3),
        "exact_containment": round(con, 3),
        "shingles": [sizes[a["id"]], sizes[b["id"]]],
        "same_story": nd.same_story(prints[a["id"]], prints[b["id"]]),
    }


def member(article: dict) -> dict[str, str]:
    snippet = " ".join(article["text"].split())[:100]
    return {
        "id": article["id"],
        "date": article["date"],
        "title": article["title"],
        "start": snippet,
    }


def histogram(values: list[float], edges: list[float]) -> dict[str, int]:
    """Counts per bin, labelled by the bin's lower edge; the last bin is exactly 1."""
    counts = np.histogram(values, bins=edges)[0] if values else np.zeros(len(edges) - 1)
    return {f"{lo:.2f}": int(n) for lo, n in zip(edges[:-1], counts, strict=True)}


def exhaustive_misses(ids: list[str], prints: dict[str, bytes], accepted: set) -> int:
    """Pairs the rule accepts that LSH did not propose, by comparing every pair of signatures."""
    offset = len(prints[ids[0]]) - 4 * nd.NUM_PERM
    values = np.stack([np.frombuffer(prints[i], dtype="<u4", offset=offset) for i in ids])
    missed = 0
    for start in range(0, len(ids), 32):
        jac = (values[start : start + 32, None, :] == values[None, :, :]).mean(axis=2)
        for row, col in zip(*np.nonzero(jac >= nd.MIN_JACCARD), strict=True):
            i, j = ids[start + int(row)], ids[int(col)]
            if start + row < col and (i, j) not in accepted and nd.same_story(prints[i], prints[j]):
                missed += 1
    return missed


def show_pair(pair: dict, by_id: dict) -> None:
    print(
        f"  est J {pair['estimated_jaccard']:.3f} C {pair['estimated_containment']:.3f}"
        f" | exact J {pair['exact_jaccard']:.3f} C {pair['exact_containment']:.3f}"
        f" | shingles {pair['shingles'][0]}/{pair['shingles'][1]}"
    )
    for key in ("a", "b"):
        m = member(by_id[pair[key]])
        print(textwrap.shorten(f"    {m['id']} {m['date']} [{m['title']}] {m['start']}", 160))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--data",
        type=Path,
        default=Path(__file__).resolve().parents[1].parent / "shared/data",
        help="folder with the two corpora",
    )
    parser.add_argument("--sample", type=int, default=15, help="groups to show for a hand check")
    parser.add_argument("--borderline", type=int, default=12, help="pairs to show either side")
    parser.add_argument("--seed", type=int, default=20261127)
    parser.add_argument("--exhaustive", action="store_true", help="also check LSH recall")
    args = parser.parse_args()

    articles, empty = load(args.data)
    by_id = {a["id"]: a for a in articles}
    started = time.perf_counter()
    prints = {a["id"]: nd.fingerprint(a["text"], a["title"]) for a in articles}
    fingerprint_s = time.perf_counter() - started
    started = time.perf_counter()
    groups = nd.group(prints.items())
    group_s = time.perf_counter() - started
    started = time.perf_counter()
    index = nd.DuplicateIndex()
    for article_id, fp in prints.items():
        index.add(article_id, fp)
    rebuild_s = time.perf_counter() - started

    # exact shingle sets, for the exact figures only (the index never sees them)
    sets, short = {}, {}
    for a in articles:
        sets[a["id"]], short[a["id"]] = nd.article_shingles(a["text"], a["title"])
    sizes = {i: len(s) for i, s in sets.items()}
    multi = [g for g in groups if len(g) > 1]
    in_multi = sum(len(g) for g in multi)

    # every LSH candidate pair once, with exact and estimated figures, accepted or not
    position = {article_id: n for n, article_id in enumerate(prints)}
    pairs = []
    for article_id, fp in prints.items():
        for other, _ in index.candidates(fp):
            if position[other] > position[article_id]:
                pairs.append(pair_record(by_id[article_id], by_id[other], sets, sizes, prints))
    accepted = [p for p in pairs if p["same_story"]]
    rejected = [p for p in pairs if not p["same_story"]]
    identical = sum(p["exact_jaccard"] == 1.0 for p in accepted)

    def shown(g: list[str]) -> dict[str, object]:
        pairs_of_g = itertools.combinations(g, 2)
        return {
            "members": g,  # ids only: no article text goes into the repository
            "pairs": [pair_record(by_id[a], by_id[b], sets, sizes, prints) for a, b in pairs_of_g],
        }

    chained = [
        g
        for g in multi
        if not all(nd.same_story(prints[a], prints[b]) for a, b in itertools.combinations(g, 2))
    ]

    def margin(p: dict) -> float:
        """Distance from the rule on the figure that decides, estimated."""
        if short[p["a"]] or short[p["b"]]:
            return p["estimated_jaccard"] - nd.SHORT_JACCARD
        return min(
            p["estimated_containment"] - nd.CONTAINMENT, p["estimated_jaccard"] - nd.MIN_JACCARD
        )

    near_accept = sorted((p for p in accepted if p["exact_jaccard"] < 1.0), key=margin)
    near_reject = sorted(rejected, key=margin, reverse=True)
    # two samples: any groups, and groups whose members are not word for word the same
    # (those an exact hash would have missed), where the judgement is harder
    rng = random.Random(args.seed)
    sample = rng.sample(multi, min(args.sample, len(multi)))
    fuzzy = [g for g in multi if len({frozenset(sets[i]) for i in g}) > 1]
    fuzzy_sample = rng.sample(fuzzy, min(args.sample, len(fuzzy)))

    edges = [round(x, 2) for x in np.arange(0.4, 1.0001, 0.05)] + [1.0001]
    long_pairs = [p for p in pairs if not (short[p["a"]] or short[p["b"]])]
    distribution = {
        "exact_jaccard_accepted": histogram([p["exact_jaccard"] for p in accepted], edges),
        "exact_jaccard_rejected": histogram([p["exact_jaccard"] for p in rejected], edges),
        "exact_containment_accepted_long": histogram(
            [p["exact_containment"] for p in long_pairs if p["same_story"]], edges
        ),
        "exact_containment_rejected_long": histogram(
            [p["exact_containment"] for p in long_pairs if not p["same_story"]], edges
        ),
    }
    misses = (
        exhaustive_misses(list(prints), prints, {(p["a"], p["b"]) for p in accepted})
        if args.exhaustive
        else None
    )

    summary: dict[str, object] = {
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "parameters": {
            "num_perm": nd.NUM_PERM,
            "seed": nd.SEED,
            "shingle_words": nd.SHINGLE_WORDS,
            "containment": nd.CONTAINMENT,
            "min_jaccard": nd.MIN_JACCARD,
            "short_shingles": nd.SHORT_SHINGLES,
            "short_jaccard": nd.SHORT_JACCARD,
        },
        "articles": len(articles),
        "without_text": empty,
        "short_articles": sum(short.values()),
        "groups": len(groups),
        "groups_2_plus": len(multi),
        "articles_in_groups_2_plus": in_multi,
        "size_distribution": dict(sorted(Counter(len(g) for g in multi).items())),
        "largest_groups": [g for g in sorted(multi, key=len, reverse=True)[:5]],
        "chained_groups": len(chained),
        "fingerprint_s": round(fingerprint_s, 2),
        "group_s": round(group_s, 2),
        "index_rebuild_s": round(rebuild_s, 2),
        "peak_rss_mb": round(peak_rss_mb()),
        "lsh_candidate_pairs": len(pairs),
        "accepted_pairs": len(accepted),
        "accepted_identical_shingles": identical,
        "exhaustive_missed_pairs": misses,
        "distribution": distribution,
        "groups_not_identical": len(fuzzy),
        "sample": [shown(g) for g in sample],
        "sample_not_identical": [shown(g) for g in fuzzy_sample],
        "borderline_accepted": near_accept[: args.borderline],
        "borderline_rejected": near_reject[: args.borderline],
    }

    print(
        f"articles {len(articles):,} (+{empty:,} without text, skipped); "
        f"short (< {nd.SHORT_SHINGLES} shingles, headline included) {sum(short.values()):,}"
    )
    print(
        f"groups of 2+: {len(multi):,}, holding {in_multi:,} articles; sizes "
        + ", ".join(f"{k}: {v}" for k, v in summary["size_distribution"].items())  # type: ignore[attr-defined]
        + f"; chained (some pair not matching directly): {len(chained)}"
    )
    print(
        f"fingerprint {fingerprint_s:.1f} s ({len(articles) / fingerprint_s:,.0f}/s), "
        f"group {group_s:.1f} s, index rebuild {rebuild_s:.1f} s, peak RSS {peak_rss_mb():.0f} MiB"
    )
    print(
        f"LSH candidate pairs {len(pairs):,}, accepted {len(accepted):,} "
        f"({identical:,} with identical shingle sets)"
        + (f"; accepted pairs LSH missed: {misses}" if misses is not None else "")
    )
    if long_pairs:
        cons = [p["exact_containment"] for p in long_pairs if p["same_story"]]
        print(
            f"exact containment of accepted long pairs: median {statistics.median(cons):.3f}, "
            f"min {min(cons):.3f}"
        )
    for name, counts in distribution.items():
        print(f"{name}: " + ", ".join(f"{k} {v}" for k, v in counts.items() if v))
    for title, chosen in (("groups", sample), ("groups not identical word for word", fuzzy_sample)):
        print(f"\n== sample of {len(chosen)} {title} (seed {args.seed}) ==")
        for n, g in enumerate(chosen, 1):
            print(f"[{n}] {len(g)} articles")
            for i in g:
                m = member(by_id[i])
                print(
                    textwrap.shorten(f"    {m['id']} {m['date']} [{m['title']}] {m['start']}", 160)
                )
            for a, b in itertools.combinations(g, 2):
                p = pair_record(by_id[a], by_id[b], sets, sizes, prints)
                print(
                    f"    {a} ~ {b}: est J {p['estimated_jaccard']:.3f}, exact J "
                    f"{p['exact_jaccard']:.3f}, exact C {p['exact_containment']:.3f}"
                )
    print("\n== accepted with the least margin ==")
    for pair in near_accept[: args.borderline]:
        show_pair(pair, by_id)
    print("\n== rejected LSH candidates with the most margin ==")
    for pair in near_reject[: args.borderline]:
        show_pair(pair, by_id)

    out = write_results("near-duplicates", summary)
    print(f"\nwrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
