"""Start the web app: ``python app.py`` (``make run`` does this after indexing corpus/)."""

import sys

from assistant import _offline  # noqa: F401  (offline before gradio is imported)
from assistant.app.serving import serve
from assistant.errors import AssistantError

if __name__ == "__main__":
    try:
        serve()
    except AssistantError as error:
        print(f"error: {error}", file=sys.stderr)
        sys.exit(2)
