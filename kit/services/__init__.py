"""Writes and orchestration; views and CLI commands call these, never the other way round."""
