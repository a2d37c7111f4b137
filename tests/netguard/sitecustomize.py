"""Python imports this at start-up when tests/netguard is on PYTHONPATH (tests set it)."""

import netguard  # noqa: F401
