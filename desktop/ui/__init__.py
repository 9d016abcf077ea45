"""The Qt application: a thin view over desktop.core (the only package importing PySide6)."""

from desktop.ui._pyside_refcounts import make_singletons_immortal

make_singletons_immortal()  # before anything emits a signal (see the module's docstring)
