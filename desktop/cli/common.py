"""Shared CLI plumbing: the vault folder, the acting user and where passwords come from."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from desktop.core import settings
from desktop.core.errors import InvalidInput
from desktop.core.paths import data_home
from desktop.core.vault import Session, Vault, crypto


def add_user_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--user",
        help="identifiant qui ouvre le coffre (défaut : TRAME_USER, sinon l'administrateur)",
    )
    add_password_option(parser)


def add_password_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--password-file",
        type=Path,
        help="fichier contenant le mot de passe (sinon TRAME_PASSWORD)",
    )


def vault_from_env() -> Vault:
    seconds = settings.get("TRAME_KDF_SECONDS")
    kdf = crypto.tune(seconds) if seconds else None
    return Vault(data_home(), kdf)


def read_secret(path: Path | None, env: str, prompt: str, confirm: bool = False) -> str:
    """From a file (first line), then an environment variable, then an interactive prompt."""
    if path is not None:
        try:
            return path.read_text("utf-8").splitlines()[0] if path.stat().st_size else ""
        except OSError as exc:
            raise InvalidInput(
                f"Fichier de mot de passe illisible : « {path} » ({exc.strerror})."
            ) from None
        except IndexError:
            return ""
    value = settings.raw(env)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise InvalidInput(f"Mot de passe requis : utilisez --password-file ou la variable {env}.")
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("Confirmez : ") != first:
        raise InvalidInput("Les deux saisies diffèrent ; rien n'a été fait.")
    return first


def acting_login(args: argparse.Namespace) -> str | None:
    return getattr(args, "user", None) or settings.get("TRAME_USER") or None


def temporary_refusal(login: str) -> str:
    """The French message for a command run with a temporary password (finding M6)."""
    return (
        f"Le mot de passe du compte « {login} » est provisoire (donné par quelqu'un d'autre) : "
        f"changez-le d'abord (« trame users passwd {login} --user {login} ») ou à la première "
        "connexion dans la fenêtre de Trame. Rien n'a été fait."
    )


def unlock(args: argparse.Namespace, allow_temporary: bool = False) -> Session:
    """Open the vault as the acting user (`--user`, TRAME_USER, else the administrator).

    A password marked temporary (desktop.core.passwords) opens nothing on the command line
    but its own change (`allow_temporary`, for `trame users passwd`): its holder must replace
    it first, as the window forces at first login (ANSSI R23, « imposer le renouvellement
    d'un mot de passe initial »).

    :raises WrongPassword, UserDisabled, VaultNotFound: from Vault.unlock.
    :raises PermissionDenied: a temporary password, with the way to change it."""
    from desktop.core.errors import PermissionDenied
    from desktop.core.export.retention import install
    from desktop.core.passwords import must_change

    install()  # queued medical purges run when this session opens the medical database
    vault = vault_from_env()
    vault.load_slots()  # a clear message before asking for a password
    password = read_secret(
        getattr(args, "password_file", None), "TRAME_PASSWORD", "Mot de passe : "
    )
    session = vault.unlock(acting_login(args), password)
    if not allow_temporary and must_change(session):
        login = session.current_user().login
        session.close()
        raise PermissionDenied(temporary_refusal(login))
    for warning in getattr(session, "warnings", ()):
        print(f"trame: {warning}", file=sys.stderr)
    return session
