"""Password and login rules for vault accounts."""

from __future__ import annotations

from desktop.core.errors import InvalidInput, WeakPassword

MIN_PASSWORD = 12

PASSWORD_RULE = (
    f"Le mot de passe doit compter au moins {MIN_PASSWORD} caractères : il protège des "
    "déclarations de mineurs et des données médicales sur un ordinateur qui peut être perdu ; "
    "une phrase de plusieurs mots est plus facile à retenir et plus sûre."
)


def check_password_policy(password: str) -> None:
    if password is None or len(password.strip()) == 0:
        raise WeakPassword("Le mot de passe est vide. " + PASSWORD_RULE)
    if len(password) < MIN_PASSWORD:
        raise WeakPassword(
            f"Mot de passe trop court ({len(password)} caractères). " + PASSWORD_RULE
        )


def check_login(login: str) -> str:
    login = (login or "").strip()
    if not login or len(login) > 64 or login.startswith("#") or any(c in login for c in "\t\n\r"):
        raise InvalidInput(
            "Identifiant invalide : 1 à 64 caractères, sans tabulation ni « # » au début."
        )
    return login
