"""Where chunks live: embeddings, the Chroma store and its manifest, the BM25 index, ingest."""
