"""Errors of the export, each with a French message fit to show as is."""

from __future__ import annotations

from desktop.core.errors import TrameError


class ExportError(TrameError):
    """The export was refused or failed; nothing was written."""


class NotSealed(ExportError):
    """A PV of the case is not sealed (or its seal no longer verifies)."""


class RecordingUnreadable(ExportError):
    pass


class ExportCancelled(ExportError):
    def __init__(self):
        super().__init__("Export annulé : rien n'a été écrit.")


class BundleUnreadable(TrameError):
    """verify-bundle: the folder is not a bundle at all (exit 2)."""

    exit_code = 2
