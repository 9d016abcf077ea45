"""Errors that reach a user. Each carries a French message fit to show as is."""

from __future__ import annotations


class TrameError(Exception):
    """Base error. `message` is French and shown to the user; `exit_code` is for the CLI."""

    exit_code = 1

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class VaultNotFound(TrameError):
    pass


class VaultExists(TrameError):
    pass


class NotAVault(TrameError):
    pass


class VaultCorrupt(TrameError):
    pass


class KeySlotsDamaged(TrameError):
    pass


class WrongPassword(TrameError):
    pass


class Throttled(TrameError):
    def __init__(self, remaining: float):
        secs = max(1, int(round(remaining)))
        super().__init__(
            f"Trop de tentatives incorrectes : réessayez dans {secs} s. "
            "Aucune donnée n'est effacée par ce délai."
        )
        self.remaining = remaining


class WeakPassword(TrameError):
    pass


class PermissionDenied(TrameError):
    pass


class UserDisabled(TrameError):
    pass


class NotWritable(TrameError):
    pass


class DiskFull(TrameError):
    pass


class InvalidInput(TrameError):
    pass
