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


def unlock(args: argparse.Namespace) -> Session:
    from desktop.core.export.retention import install

    install()  # queued medical purges run when this session opens the medical database
    vault = vault_from_env()
    vault.load_slots()  # a clear message before asking for a password
    password = read_secret(
        getattr(args, "password_file", None), "TRAME_PASSWORD", "Mot de passe : "
    )
    session = vault.unlock(acting_login(args), password)
    for warning in getattr(session, "warnings", ()):
        print(f"trame: {warning}", file=sys.stderr)
    return session
