"""From files to chunks: find article files, read each format, clean the text, split it."""
