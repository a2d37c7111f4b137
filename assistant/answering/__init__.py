"""From passages to an answer: the span reader, abstention, citations, follow-ups."""
