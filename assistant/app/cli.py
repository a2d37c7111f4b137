"""The ``assistant`` command: ingest, ask, eval, stats, articles, delete, feeds, serve.

Every problem a user can fix is printed as one line starting with ``error:`` and the
command exits with status 2; a bug is one line too, with status 1; nothing prints a
traceback unless ASSISTANT_DEBUG=1 (the command line's error boundary, ``one_line_errors``).
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import sys
import textwrap
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, ParamSpec

from assistant import _offline  # noqa: F401
from assistant.app.cli_watch import add_watch_parsers, alerts_raised_after
from assistant.app.cli_web import add_feeds_parser, cmd_feeds, ingest_urls, is_url
from assistant.config import RetrievalMode, Settings, TimeMode
from assistant.errors import AssistantError, InvalidInput
from assistant.records import Answer, Problem
from assistant.text.invisible import visible
from assistant.timeline_records import Timeline
from assistant.watching.watch_store import now as utc_now

EXIT_USER_ERROR = 2
EXIT_BUG = 1
P = ParamSpec("P")


def _settings(args: argparse.Namespace) -> Settings:
    return Settings.from_env(
        index_dir=args.index_dir,
        chroma_url=args.chroma_url,
        collection=args.collection,
        citations=getattr(args, "citations", None),
        retrieval=getattr(args, "mode", None),
        engine=getattr(args, "engine", None),
        ray_address=getattr(args, "ray_address", None),
    )


def _print_problems(problems: Sequence[Problem], limit: int = 20) -> None:
    """Each problem on its own line; past ``limit``, a count per kind of problem."""
    for problem in problems[:limit]:
        kind = "skipped" if problem.skipped else "note"
        print(visible(f"{kind}: {problem}"), file=sys.stderr)
    rest = problems[limit:]
    if rest:
        kinds = Counter(p.message.split(";")[0] for p in rest)
        for message, count in kinds.most_common():
            print(f"... and {count} more: {message}", file=sys.stderr)


def cmd_ingest(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from assistant.facade import Assistant

    settings = _settings(args)
    urls = [p for p in args.paths if is_url(p)]
    if urls:
        ingest_urls(settings, urls, args.wait, _print_problems)
        if len(urls) == len(args.paths):
            return 0
    paths = [Path(p) for p in args.paths if not is_url(p)] or [settings.corpus_dir]
    bar: list[Any] = []

    def progress(done: int, total: int) -> None:
        if not bar:
            bar.append(
                tqdm(total=total, unit="chunk", desc="embedding", disable=args.quiet or total == 0)
            )
        bar[0].update(done - bar[0].n)

    started = utc_now()
    try:
        report = Assistant(settings).ingest(
            paths, progress=progress, rebuild=args.rebuild, wait=args.wait
        )
    finally:
        if bar:
            bar[0].close()
    _print_problems(list(report.problems))
    print(report.summary())
    alerts_raised_after(settings, started)
    return 0


def format_answer(answer: Answer, width: int = 88) -> str:
    """An answer and its citations as plain text for a terminal."""
    lines = [answer.text, ""]
    if answer.time_note:
        undo = " Add --time off to search every date." if answer.time_read else ""
        lines += [f"({answer.time_note}{undo})", ""]
    if answer.standalone_question and answer.standalone_question != answer.question:
        lines += [f"(understood as: {answer.standalone_question})", ""]
    if answer.abstained and answer.citations:
        lines.append("Nearest passages:")
    for c in answer.citations:
        byline = f"by {c.author}" if c.author and c.author != c.source else ""
        meta = " | ".join(p for p in (c.title, c.date or "undated", c.source, byline, c.where) if p)
        lines.append(f"[{c.n}] {meta}" + ("" if c.supports else "  (related)"))
        quote = c.quote
        if c.answer_start is not None and c.answer_end is not None:  # the answer, »marked«
            a, b = c.answer_start - c.start, c.answer_end - c.start
            quote = f"{quote[:a]}»{quote[a:b]}«{quote[b:]}"
        quote = textwrap.fill(
            f"“{quote}”", width=width, initial_indent="    ", subsequent_indent="    "
        )
        lines.append(quote)
        lines.append(f"    ({c.article_id}, characters {c.start}-{c.end}, score {c.score:.3f})")
        if c.also:
            others = "other" if len(c.also) == 1 else "others"
            lines.append(f"    also published by {len(c.also)} {others}:")
            lines += [f"      {r.source or r.title} {r.date or 'undated'} {r.url}" for r in c.also]
    return visible("\n".join(lines))  # no bidi override may turn the terminal's text around


def cmd_ask(args: argparse.Namespace) -> int:
    from assistant.facade import Assistant

    assistant = Assistant(_settings(args))
    answer = assistant.ask(
        args.question,
        date_from=args.date_from,
        date_to=args.date_to,
        sources=args.source,
        as_of=args.as_of,
        time=args.time,
    )
    if args.json:
        print(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(format_answer(answer))
    return 0


def format_timeline(found: Timeline) -> str:
    """A timeline as plain text: the events in order, then the articles per period."""
    lines = [f"Timeline of {found.query}:" if found.events else "No dated events match."]
    lines += [f"  {line}" for line in found.lines()]
    if found.counts:
        lines += ["", f"Matching articles per {found.granularity}:"]
        lines += [f"  {c.label}: {'#' * min(c.count, 60)} {c.count}" for c in found.counts]
    return visible("\n".join(lines))


def cmd_timeline(args: argparse.Namespace) -> int:
    from assistant.facade import Assistant

    found = Assistant(_settings(args)).timeline(
        args.query, date_from=args.date_from, date_to=args.date_to, sources=args.source,
        as_of=args.as_of,
    )  # fmt: skip
    print(json.dumps(found.to_dict(), ensure_ascii=False, indent=2) if args.json
          else format_timeline(found))  # fmt: skip
    return 0


def cmd_mcp(args: argparse.Namespace) -> int:
    """The MCP server over stdio, for an agent that starts it (Claude Desktop, Cursor)."""
    from assistant.facade import Assistant

    try:
        from assistant.app.mcp_server import build_mcp
    except ImportError:
        raise InvalidInput(
            "The MCP server needs the mcp extra: pip install 'news-archive-qa[mcp]'."
        ) from None
    settings = _settings(args)
    writes = args.allow_writes or settings.mcp_writes
    build_mcp(Assistant(settings), writes=writes).run("stdio")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from assistant.facade import Assistant

    settings = _settings(args)
    articles, chunks = Assistant(settings).stats()
    print(f"{articles} articles, {chunks} chunks in {settings.backend_label}")
    return 0


def cmd_articles(args: argparse.Namespace) -> int:
    from assistant.facade import Assistant

    for entry in Assistant(_settings(args)).articles():
        print(visible(f"{entry.id}\t{entry.date or 'undated'}\t{entry.source}\t{entry.title}"))
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    from assistant.facade import Assistant

    removed = Assistant(_settings(args)).delete(args.article_id)
    print(f"Removed {args.article_id} ({removed} chunks).")
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from assistant.evaluation.runner import run_cli

    return run_cli(args, _settings(args))


def cmd_serve(args: argparse.Namespace) -> int:
    from assistant.app.serving import serve

    settings = _settings(args).with_overrides(host=args.host, port=args.port)
    serve(settings)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="assistant", description="Ask questions of a news archive and get cited answers."
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--index-dir", help="index folder (env ASSISTANT_INDEX_DIR, default index/)"
    )
    common.add_argument(
        "--chroma-url", help="use a Chroma server, e.g. http://host:8000 (env ASSISTANT_CHROMA_URL)"
    )
    common.add_argument("--collection", help="collection name (env ASSISTANT_COLLECTION)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("ingest", parents=[common], help="index article files, folders or URLs")
    p.add_argument(
        "paths", nargs="*",
        help="files, folders, web pages or RSS/Atom feed URLs (default: the corpus folder)",
    )  # fmt: skip
    p.add_argument("--rebuild", action="store_true", help="drop the index and build it anew")
    p.add_argument("--wait", type=float, default=0.0, help="seconds to wait for another writer")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument(
        "--engine", choices=["local", "ray"],
        help="where to embed: this process (default) or a Ray cluster (env ASSISTANT_ENGINE)",
    )  # fmt: skip
    p.add_argument("--ray-address", help="the Ray cluster, e.g. 10.0.0.5:6379 (default: local)")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("ask", parents=[common], help="ask a question")
    p.add_argument("question")
    p.add_argument("--json", action="store_true", help="print the Answer as JSON")
    p.add_argument("--from", dest="date_from", help="only articles on or after YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", help="only articles on or before YYYY-MM-DD")
    p.add_argument("--source", action="append", help="only this source (repeatable)")
    p.add_argument("--as-of", dest="as_of", help="answer from what was published up to YYYY-MM-DD")
    p.add_argument(
        "--time",
        choices=[m.value for m in TimeMode],
        help="auto (default): time words in the question narrow and order the evidence; off",
    )
    p.add_argument("--mode", choices=[m.value for m in RetrievalMode], help="retrieval mode")
    p.add_argument("--citations", type=int, help="how many passages to cite")
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("stats", parents=[common], help="count articles and chunks")
    p.set_defaults(func=cmd_stats)
    p = sub.add_parser("articles", parents=[common], help="list indexed articles")
    p.set_defaults(func=cmd_articles)
    p = sub.add_parser("delete", parents=[common], help="remove an article from the index")
    p.add_argument("article_id")
    p.set_defaults(func=cmd_delete)

    p = sub.add_parser("mcp", parents=[common], help="serve the archive to AI agents over stdio")
    p.add_argument(
        "--allow-writes", action="store_true",
        help="also offer ingest_url and follow_feed (env ASSISTANT_MCP_WRITES=1)",
    )  # fmt: skip
    p.set_defaults(func=cmd_mcp)

    p = sub.add_parser("timeline", parents=[common], help="the dated events of a story, in order")
    p.set_defaults(func=cmd_timeline)
    p.add_argument("query")
    p.add_argument("--from", dest="date_from", help="events from YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", help="events up to YYYY-MM-DD")
    p.add_argument("--source", action="append", help="only this source (repeatable)")
    p.add_argument("--as-of", dest="as_of", help="only what was published up to YYYY-MM-DD")
    p.add_argument("--json", action="store_true", help="print the Timeline as JSON")

    p = sub.add_parser("eval", parents=[common], help="score answers on question-answer pairs")
    p.add_argument("file", help="JSONL (question, answers, ...) or SQuAD JSON")
    p.add_argument("--ingest", action="store_true", help="build a throwaway index of a SQuAD file")
    p.add_argument("--out", help="write results.json, failures.csv and report.md here")
    p.add_argument("--compare", action="store_true", help="also run BM25-only and dense-only")
    p.add_argument("--limit", type=int, help="only the first N questions")
    p.add_argument("--sample", type=int, help="a random sample of N questions (seeded)")
    p.add_argument(
        "--leave-out", type=float, default=0.0,
        help="with --ingest: share of articles left out of the index to test abstention",
    )  # fmt: skip
    p.add_argument(
        "--leave-out-paragraphs", type=float, default=0.0,
        help="with --ingest: share of paragraphs left out (the rest of their article stays)",
    )  # fmt: skip
    p.add_argument("--mode", choices=[m.value for m in RetrievalMode], help="retrieval mode")
    p.add_argument(
        "--time",
        choices=["auto", "off", "compare"],
        default="auto",
        help="time words in questions read (auto), ignored (off), or both side by side",
    )
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_eval)

    add_watch_parsers(sub, common, _settings)
    add_feeds_parser(sub, common)
    sub.choices["feeds"].set_defaults(func=lambda a: cmd_feeds(a, _settings(a), _print_problems))

    p = sub.add_parser("serve", parents=[common], help="open the web UI")
    p.add_argument("--host", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, help="port (default 7860)")
    p.set_defaults(func=cmd_serve)
    return parser


def _say(line: str) -> None:
    """One line to stderr, whatever the message holds: no control, bidi or line breaks."""
    print(" ".join(visible(line).split()), file=sys.stderr)


def one_line_errors(command: Callable[P, int]) -> Callable[P, int]:
    """The command line's error boundary: an ``AssistantError`` is one ``error:`` line and
    status 2; a bug one line naming it and status 1 (its traceback with ASSISTANT_DEBUG=1);
    Ctrl-C says how to finish; a closed pipe ends quietly."""

    @functools.wraps(command)
    def guarded(*args: P.args, **kwargs: P.kwargs) -> int:
        try:
            return command(*args, **kwargs)
        except AssistantError as error:
            _say(f"error: {error}")
            return EXIT_USER_ERROR
        except KeyboardInterrupt:
            _say("interrupted; run the same command again to finish.")
            return 130
        except BrokenPipeError:  # `assistant ask ... | head`: the reader has all it wanted
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 0
        except Exception as error:  # the command line's boundary: no traceback for users
            if os.environ.get("ASSISTANT_DEBUG"):
                raise
            _say(
                f"error: unexpected {type(error).__name__}: {error}. "
                "Run again with ASSISTANT_DEBUG=1 for details, and please report it."
            )
            return EXIT_BUG

    return guarded


@one_line_errors
def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
