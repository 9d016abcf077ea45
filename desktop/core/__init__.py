"""Qt-free domain core. Never import PySide6 or desktop.ui from here (checked by lint-imports)."""
