"""Hearing domain without Qt: the live transcript (transcript.py), the case index (cases.py)."""
