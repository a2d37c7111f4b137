"""From a question to passages: dense and BM25 search, pooled and re-ranked."""
