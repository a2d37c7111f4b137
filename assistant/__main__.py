"""``python -m assistant``: the command line."""

from assistant.app.cli import main

raise SystemExit(main())
