"""The command line's watching doors: ``assistant watch ...`` and ``assistant digest``.

Every alert prints as the one line a person reads ("... changed from A (source, date) to
B (source, date)") with both quotes under it; ``--json`` prints the alert records, the
same a backtest, the HTTP API and MCP give.
"""

from __future__ import annotations

import argparse
import json
import textwrap
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from assistant.config import Settings
from assistant.text.invisible import visible
from assistant.watching.watch_store import WatchStore
from assistant.watching.watches import Alert, Quote, Watch

if TYPE_CHECKING:
    from assistant.facade import Assistant

SettingsOf = Callable[[argparse.Namespace], Settings]


def _assistant(settings: Settings) -> Assistant:
    from assistant.facade import Assistant

    return Assistant(settings)


def alerts_raised_after(settings: Settings, started: str) -> None:
    """After ``assistant ingest``: the alerts the new articles raised (nothing when none)."""
    raised = WatchStore(settings.index_dir).alerts(since=started)
    if raised:
        print(f"{len(raised)} new alert{'s' if len(raised) > 1 else ''}:")
        print(format_alerts(raised))


def _quote(label: str, quote: Quote | None) -> list[str]:
    if quote is None:
        return []
    head = f"    {label}: {quote.title} | {quote.source or 'no source'} | {quote.date or 'undated'}"
    body = textwrap.fill(f"“{quote.quote}”", width=88, initial_indent="      ",
                         subsequent_indent="      ") if quote.quote else ""  # fmt: skip
    return [head, body] if body else [head]


def format_alerts(alerts: Sequence[Alert], empty: str = "No alerts.") -> str:
    """Alerts as plain text: the message, then the new report and the one before it."""
    if not alerts:
        return empty
    lines: list[str] = []
    for alert in alerts:
        unread = "" if alert.read or not alert.id else " (new)"
        lines.append(f"{alert.date or 'undated'} [{alert.watch_id}]{unread} {alert.message}")
        lines += _quote("now", alert.citation) + _quote("before", alert.previous_citation)
    return visible("\n".join(lines))


def format_watches(watches: Sequence[Watch]) -> str:
    if not watches:
        return 'No watches yet. Add one: assistant watch add "What is Citibank\'s prime rate?"'
    lines = []
    for watch in watches:
        now = watch.answer or ("(stories)" if watch.kind == "stories" else "(not answered yet)")
        where = f" ({watch.cited.where})" if watch.cited else ""
        lines.append(f"{watch.id}  {watch.kind:7}  {watch.question}  →  {now}{where}")
    return visible("\n".join(lines))


def _print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def cmd_watch(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.watching import api

    assistant = _assistant(settings)
    if args.action == "add":
        watch = api.watch_add(args.question, args.kind, assistant=assistant)
        print(visible(f"Watching {watch.id}: {watch.question}"))
        if watch.answer and watch.cited:
            print(visible(f"Now: {watch.answer} ({watch.cited.where})"))
        elif watch.kind == "answer":
            print("The articles do not answer it yet: you will be told when they do.")
        return 0
    if args.action == "list":
        watches = api.watch_list(assistant=assistant)
        if args.json:
            _print_json([w.to_dict() for w in watches])
        else:
            print(format_watches(watches))
        return 0
    if args.action == "remove":
        api.watch_remove(args.id, assistant=assistant)
        print(f"No longer watching {args.id}.")
        return 0
    if args.action == "alerts":
        alerts = api.watch_alerts(args.since, args.watch, args.unread, assistant=assistant)
        if args.json:
            _print_json([a.to_dict() for a in alerts])
        else:
            print(format_alerts(alerts))
        if args.mark_read:
            api.watch_read([a.id for a in alerts], assistant=assistant)
        return 0
    if args.action == "refresh":
        alerts = api.watch_refresh(assistant=assistant)
        print(format_alerts(alerts, "No new alerts."))
        return 0
    alerts = api.watch_test(args.question, args.date_from, args.date_to, args.kind,
                            assistant=assistant)  # fmt: skip
    if args.json:
        _print_json([a.to_dict() for a in alerts])
    else:
        print(format_alerts(alerts, "It would have raised no alert."))
    return 0


def cmd_digest(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.watching import api

    found = api.digest(args.query, args.since, args.to, args.reader,
                       assistant=_assistant(settings))  # fmt: skip
    if args.json:
        _print_json(found.to_dict())
    else:
        print(visible("\n".join(found.lines())))
    return 0


def _again(common: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """``common``'s options for a sub-command, defaulting to nothing (argparse.SUPPRESS), so
    an option given before the sub-command is not reset by the sub-command's default."""
    again = argparse.ArgumentParser(add_help=False)
    for action in common._actions:
        again.add_argument(*action.option_strings, help=action.help, default=argparse.SUPPRESS)
    return again


def add_watch_parsers(
    sub: argparse._SubParsersAction,  # type: ignore[type-arg]
    common: argparse.ArgumentParser,
    settings_of: SettingsOf,
) -> None:
    p = sub.add_parser("watch", parents=[common], help="questions that watch the news")
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    late = _again(common)  # "watch list --index-dir X" as well as "watch --index-dir X list"
    a = actions.add_parser(
        "add", parents=[late], help="watch a question (alert when its answer changes)"
    )
    a.add_argument("question")
    a.add_argument(
        "--kind", choices=["answer", "stories"], default="answer",
        help="answer: alert when the answer changes; stories: on each new story",
    )  # fmt: skip
    listed = actions.add_parser("list", parents=[late], help="the watches and what they answer now")
    listed.add_argument("--json", action="store_true", help="print the watches as JSON")
    r = actions.add_parser("remove", parents=[late], help="stop watching (its alerts go too)")
    r.add_argument("id")
    al = actions.add_parser("alerts", parents=[late], help="the alerts, newest first")
    al.add_argument("--since", help="only those raised on or after this day (YYYY-MM-DD)")
    al.add_argument("--watch", help="only this watch's")
    al.add_argument("--unread", action="store_true", help="only those not yet read")
    al.add_argument("--mark-read", action="store_true", help="mark the ones shown as read")
    al.add_argument("--json", action="store_true", help="print the alerts as JSON")
    actions.add_parser(
        "refresh", parents=[late], help="check the watches against articles still waiting"
    )
    t = actions.add_parser(
        "test", parents=[late], help="replay a watch over the archive before saving it"
    )
    t.add_argument("question")
    t.add_argument("--from", dest="date_from", required=True, help="the day it starts from")
    t.add_argument("--to", dest="date_to", help="the last day replayed (default: the newest)")
    t.add_argument("--kind", choices=["answer", "stories"], default="answer")
    t.add_argument("--json", action="store_true", help="print the alerts as JSON")
    p.set_defaults(func=lambda args: cmd_watch(args, settings_of(args)))

    d = sub.add_parser("digest", parents=[common], help="what is new on a subject since a day")
    d.add_argument("query")
    d.add_argument("--since", required=True, help="the day after which stories are new")
    d.add_argument("--to", help="the last day (default: today)")
    d.add_argument("--reader", default="", help="whose digests: sentences they saw are skipped")
    d.add_argument("--json", action="store_true", help="print the digest as JSON")
    d.set_defaults(func=lambda args: cmd_digest(args, settings_of(args)))
