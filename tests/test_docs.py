"""The README checked against the code, both ways (as datasette's tests/test_docs.py does).

Each test reads what the code offers (routes, commands and flags, MCP tools, plugin hooks,
modules) by introspection, never from a list kept here, and fails naming exactly what
the README lacks and what it names that is gone. Nothing is served, no model is loaded
and no index is built: the app objects are made over an empty temporary index with the
hashing embedder. The configuration table is checked by tests/test_config.py.
"""

from __future__ import annotations

import argparse
import asyncio
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import FAKE_EMBEDDER
from fakes import HashingEmbedder

import assistant
from assistant.app.cli import build_parser
from assistant.config import Settings
from assistant.facade import Assistant, plugins

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
PACKAGE = ROOT / "assistant"


def _sections(text: str) -> dict[str, str]:
    """The README's ``## `` sections by heading (their ``###`` parts included); a ``#`` line
    inside a fenced block is a shell comment, not a heading."""
    sections: dict[str, list[str]] = {"": []}
    heading, fenced = "", False
    for line in text.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and line.startswith("## "):
            heading = line[3:].strip()
            sections[heading] = []
        sections[heading].append(line)
    return {name: "\n".join(lines) for name, lines in sections.items()}


SECTIONS = _sections(README)


def _section(heading: str) -> str:
    assert heading in SECTIONS, f"the README has no section '## {heading}'"
    return SECTIONS[heading]


@pytest.fixture(scope="module")
def empty_assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    """An Assistant over an empty index of its own; building the apps never opens it."""
    work = tmp_path_factory.mktemp("docs")
    (work / "corpus").mkdir()
    settings = Settings.from_env(
        index_dir=work / "index",
        corpus_dir=work / "corpus",
        web_dir=work / "web",
        embedding_model=HashingEmbedder.name,
    )
    return Assistant(settings, embedder=FAKE_EMBEDDER)


# -- HTTP routes ------------------------------------------------------------------------

# FastAPI's own documentation routes (the schema, Swagger UI and its files, served offline);
# the README mentions /docs in its prose, not in the table of routes.
DOCS_ROUTES = {"/openapi.json", "/docs", "/docs/static/{}"}


def _path(path: str) -> str:
    """The path with every parameter written ``{}`` (``{article_id:path}`` in the code is
    ``{id}`` in the README) and no query string (``/api/timeline?q=...``)."""
    return re.sub(r"\{[^}]*\}", "{}", path.split("?", 1)[0])


def _served_routes(empty: Assistant) -> set[str]:
    """Every route of the JSON API, plus ``/mcp``.

    The JSON API is the FastAPI app ``serving.json_api`` puts in front of Gradio, read from
    its ``routes`` without serving it. ``/mcp`` is no FastAPI route: ``McpMount`` sends that
    one path to the MCP SDK's app, whose clients POST to it. Gradio's own routes (the page,
    ``/gradio_api/...``, the named endpoints the README lists in its prose) are not this
    table's: they are Gradio's internals, mounted as Gradio lays them out.
    """
    from assistant.app.handlers import AppHandlers
    from assistant.app.http_api import build_api
    from assistant.app.web_guard import MCP_PATH

    api = build_api(AppHandlers(empty), None)
    routes = [(_path(route.path), getattr(route, "methods", None) or ()) for route in api.routes]
    gone = DOCS_ROUTES - {path for path, _ in routes}
    assert not gone, f"docs routes ignored here but no longer served: {sorted(gone)}"
    served = {f"{m} {path}" for path, methods in routes if path not in DOCS_ROUTES for m in methods}
    return served | {f"POST {MCP_PATH}"}


def _readme_routes() -> set[str]:
    """The first cell of every row of the README's table of routes."""
    table = _section("The JSON API and OpenAI-compatible chat")
    cells = re.findall(r"^\| `([A-Z]+) (/[^`\s]*)` \|", table, flags=re.MULTILINE)
    return {f"{method} {_path(path)}" for method, path in cells}


def test_every_http_route_is_in_the_readme_table_and_every_row_is_served(
    empty_assistant: Assistant,
) -> None:
    served, documented = _served_routes(empty_assistant), _readme_routes()
    assert "POST /api/ask" in served, f"the routes were not read: {sorted(served)}"
    assert "POST /api/ask" in documented, f"the README's table was not read: {documented}"
    assert served == documented, (
        f"served but not in the README's route table: {sorted(served - documented)}; "
        f"in the table but not served: {sorted(documented - served)}"
    )


# -- the command line ---------------------------------------------------------------------


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _flags(parser: argparse.ArgumentParser) -> set[str]:
    return {
        flag
        for action in parser._actions
        for flag in action.option_strings
        if flag.startswith("--") and flag != "--help"
    }


def _commands(
    parser: argparse.ArgumentParser, above: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    """Every command as its words (``("feeds", "add")``) with its parser, nested ones too."""
    for name, sub in _subcommands(parser).items():
        yield (*above, name), sub
        yield from _commands(sub, (*above, name))


COMMANDS = dict(_commands(build_parser()))
# The options every command takes (index folder, Chroma server, collection): named once.
COMMON_FLAGS = set.intersection(*(_flags(p) for words, p in COMMANDS.items() if len(words) == 1))

# An ``assistant`` command as the README writes it: in a fenced block at a line's start or
# after a ``$ `` prompt or a ``bin/`` path, in prose in backticks; then its words. Lines of
# alternatives (``.venv/bin/assistant stats | articles | delete ARTICLE_ID | serve``) show
# each of them.
_INVOKED = re.compile(r"(?:^\s*|\$ |/bin/|`)assistant ([a-z][a-z-]*(?: [^|`#\n]*)?)")
_ALTERNATIVES = re.compile(r"(?: ?\| [a-z][a-z-]*[^|`#\n]*)+")
_PARENTS = {words[0] for words in COMMANDS if len(words) > 1}  # ``feeds``: its actions


def _shown(text: str) -> set[tuple[str, ...]]:
    """The commands a piece of the README shows (``("feeds", "add")``, ``("ask",)``)."""
    shown: set[tuple[str, ...]] = set()
    fenced = False
    for line in text.splitlines():
        if line.startswith("```"):
            fenced = not fenced
            continue
        for match in _INVOKED.finditer(line):
            if not fenced and not match.group(0).startswith("`"):
                continue  # "... the\nassistant declines": prose, not a command
            words = match.group(1).split()
            command = tuple(words[:2]) if words[0] in _PARENTS and len(words) > 1 else (words[0],)
            shown.add(command)
            alternatives = _ALTERNATIVES.match(line, match.end())
            for word in re.findall(r"\| ([a-z][a-z-]*)", alternatives[0] if alternatives else ""):
                shown.add((*command[:-1], word))
    return shown


def test_every_cli_command_is_in_the_readme_and_every_command_it_shows_exists() -> None:
    shown = _shown(README)
    assert ("ask",) in COMMANDS and ("feeds", "add") in COMMANDS, "the parser was not walked"
    assert set(COMMANDS) == shown, (
        f"commands the README never shows: {sorted(' '.join(c) for c in set(COMMANDS) - shown)}; "
        f"commands it shows that do not exist: {sorted(' '.join(c) for c in shown - set(COMMANDS))}"
    )


def _named(flag: str, text: str) -> bool:
    """``--to`` in the text, as a whole flag (``--leave-out`` is not in ``--leave-out-x``)."""
    return re.search(rf"(?<![\w-]){re.escape(flag)}(?![\w-])", text) is not None


def test_every_cli_flag_is_in_the_readme_where_its_command_is() -> None:
    """A command's own flags are named in a README section that shows that command; the
    common ones (``--index-dir``, ``--chroma-url``, ``--collection``) anywhere."""
    assert {"--index-dir", "--chroma-url", "--collection"} <= COMMON_FLAGS
    missing = sorted(flag for flag in COMMON_FLAGS if not _named(flag, README))
    for words, parser in COMMANDS.items():
        where = [text for text in SECTIONS.values() if words in _shown(text)]
        for flag in sorted(_flags(parser) - COMMON_FLAGS):
            if not any(_named(flag, text) for text in where):
                missing.append(f"assistant {' '.join(words)} {flag}")
    assert not missing, f"flags the README does not name where it shows their command: {missing}"


# -- MCP tools, plugin hooks ----------------------------------------------------------------


def test_every_mcp_tool_is_in_the_readme(empty_assistant: Assistant) -> None:
    pytest.importorskip("mcp", reason="the mcp extra is not installed (make test installs it)")
    from assistant.app.mcp_server import build_mcp

    server = build_mcp(empty_assistant, writes=True)  # the write tools too
    tools = {tool.name for tool in asyncio.run(server.list_tools())}
    templates = asyncio.run(server.list_resource_templates())
    resources = {re.sub(r"\{\+?[^}]*\}", "{id}", t.uri_template) for t in templates}
    assert "ask" in tools and "follow_feed" in tools and resources, f"not read: {tools}"
    section = _section("Agents: the MCP server")
    table = set(re.findall(r"^\| `([a-z_]+)`", section, flags=re.MULTILINE))
    table |= set(re.findall(r"^\| `[a-z_]+`, `([a-z_]+)`", section, flags=re.MULTILINE))
    missing = sorted(tools - table) + sorted(r for r in resources if f"`{r}`" not in section)
    assert not missing and table <= tools, (
        f"MCP tools or resources the README's MCP section lacks: {missing}; "
        f"tools in its table that do not exist: {sorted(table - tools)}"
    )


def test_every_plugin_hook_is_in_the_readme() -> None:
    """The entry-point group and every registration function a plugin may call."""
    hooks = {name for name in assistant.__all__ if name.startswith("register_")}
    assert hooks, "the package exports no register_* function"
    docstring = set(re.findall(r"``(register_\w+)``", plugins.__doc__ or ""))
    assert docstring == hooks, (
        f"plugins.py's docstring names {sorted(docstring)}, the package exports {sorted(hooks)}"
    )
    missing = [] if f"`{plugins.GROUP}`" in README else [f"the entry-point group {plugins.GROUP}"]
    missing += sorted(name for name in hooks if f"{name}(" not in README)  # shown in a call
    assert not missing, f"plugin hooks the README does not name: {missing}"


# -- the architecture map -------------------------------------------------------------------

# The package's __init__.py files (the public API, each stage's exports) and __main__.py
# (``python -m assistant``) are not in the map: it names the modules that do the work.
UNMAPPED = {"__init__.py", "__main__.py"}


def _mapped_modules() -> set[str]:
    """The module paths the map names (``app/cli.py``, ``records.py``): the fenced block
    that starts with ``assistant/``, one folder per entry, its modules on the lines under."""
    blocks = re.findall(r"^```\n(assistant/\n.*?)^```", README, flags=re.MULTILINE | re.DOTALL)
    assert len(blocks) == 1, "the README has no (or more than one) map starting 'assistant/'"
    named, folder = set(), ""
    for line in blocks[0].splitlines()[1:]:
        entry = re.match(r"^  (\S+)", line)  # an entry's first line; deeper lines go on
        if entry:
            folder = entry.group(1) if entry.group(1).endswith("/") else ""
        named |= {folder + name for name in re.findall(r"(?<![\w/.])(\w+\.py)\b", line)}
    return named


def test_every_module_is_in_the_readme_map_and_every_mapped_module_exists() -> None:
    modules = {
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if path.name not in UNMAPPED
    }
    mapped = _mapped_modules()
    assert "app/cli.py" in mapped and "records.py" in mapped, f"the map was not read: {mapped}"
    assert modules == mapped, (
        f"modules missing from the README's map: {sorted(modules - mapped)}; "
        f"in the map but not in the package: {sorted(mapped - modules)}"
    )
