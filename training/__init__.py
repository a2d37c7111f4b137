"""Training code for the project's own models (not installed with the product)."""
