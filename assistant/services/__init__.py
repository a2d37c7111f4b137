"""Work that drives the facade on the user's behalf: following feeds now, watched questions later.

A layer of its own so that ``web/`` (fetch, extract, keep as files) needs nothing above
``ingest/`` and sits below the facade: what drives the ``Assistant`` (fetch, then index;
refresh on a timer) lives here, above the facade, and the doors (``app/``) use it.
"""
