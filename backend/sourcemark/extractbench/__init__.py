"""Measures how well the extension's paragraph finder recovers the article text of real pages."""
