"""The Qt application: a thin view over desktop.core (the only package importing PySide6)."""
