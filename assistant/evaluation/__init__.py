"""Score the assistant on question-answer pairs: load them, run them, score, report."""
