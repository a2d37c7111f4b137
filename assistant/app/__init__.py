"""The doors people use: the CLI, the Gradio web app and its HTTP routes, rendering."""
