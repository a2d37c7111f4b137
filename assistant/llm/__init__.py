"""The optional LLM answerer: a local chat model writes, the reader and grounding check."""
