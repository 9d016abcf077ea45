"""« Relecture avant diffusion »: the officer confirms or adds names before a
pseudonymised copy is sealed (candidates from desktop.core.export.review)."""

from desktop.ui.review.dialog import ReviewDialog

__all__ = ["ReviewDialog"]
