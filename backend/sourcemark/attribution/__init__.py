"""Attribution engine: who says what in each paragraph, and what kind of source it is."""

from .engine import AttributionEngine

__all__ = ["AttributionEngine"]
