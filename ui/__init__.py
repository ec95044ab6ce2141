"""Quotewise web UI (Gradio), thin over `assistant`. Nothing imports this package."""
