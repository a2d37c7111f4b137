"""Text helpers every stage shares: sentences, key words, dates, invisible characters, spaCy."""
