"""Evaluations against the data in ../shared/data; `python -m sourcemark.evaluation`."""
