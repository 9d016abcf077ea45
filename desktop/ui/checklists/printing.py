"""Print a PDF held in memory through the system dialog (no temporary file).

The pages are rendered in the worker of the page showing the panel (its `ctx`) by
desktop.ui.preview.printing, which tells « Impression envoyée », « Impression annulée » or the
error in the status bar."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def _ctx_of(widget: QWidget | None):
    """The AppContext of the nearest ancestor page holding one (None if none)."""
    while widget is not None:
        ctx = getattr(widget, "ctx", None)
        if ctx is not None and hasattr(ctx, "tasks"):
            return ctx
        widget = widget.parentWidget()
    return None


def print_pdf(pdf: bytes, title: str, parent: QWidget | None = None):
    """Open the print dialog for `pdf` (bytes), window-modal; returns the QPrintDialog.

    :raises RuntimeError: `parent` belongs to no page with a context (a programming error)."""
    from desktop.ui.preview.printing import print_pdf as print_in_worker

    ctx = _ctx_of(parent)
    if ctx is None:
        raise RuntimeError("print_pdf needs a parent inside a page holding ctx")
    return print_in_worker(ctx, pdf, title, parent)
