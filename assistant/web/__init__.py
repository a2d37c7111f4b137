"""Web pages and feeds to article files: the checked fetcher, extraction, feeds, the registry."""
