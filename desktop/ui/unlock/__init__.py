"""Unlock window, first-run creation of the administrator, recovery-key unlock."""

from desktop.ui.unlock.window import UnlockWindow

__all__ = ["UnlockWindow"]
