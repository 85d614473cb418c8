"""Evaluation of the attribution engine on PolNeAR and GenderGapTracker data."""
