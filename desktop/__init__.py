"""Trame: guided hearing of minor victims, encrypted vault, sealed procès-verbaux."""

__version__ = "0.1.0"
