"""Sourcemark: who is behind each claim in a news article, paragraph by paragraph."""

__version__ = "0.1.0"
CONTRACT_VERSION = "1"
