"""Temporary passwords and each user's own password change (finding M6).

    mark_temporary(admin_session, "l.fabre")      # after creating or resetting an account
    must_change(session) -> bool                  # after unlock: force the change?
    change_own_password(session, current, new)    # any user, for himself; clears the mark

The mark is a vault setting (encrypted, audited) keyed by the user's id. A password given by
someone else (created or reset by an administrator or a médecin) is known by two people: the
holder must replace it at first login, before any case is shown (ANSSI, recommandations
relatives à l'authentification multifacteur et aux mots de passe, R23: « imposer le
renouvellement d'un mot de passe initial »).
"""

from __future__ import annotations

from desktop.core.errors import InvalidInput

PREFIX = "compte.mot_de_passe_provisoire."


def _key(user_id: str) -> str:
    return PREFIX + str(user_id)


def mark_temporary(session, login: str) -> None:
    """Declare `login`'s password temporary (set by someone else). InvalidInput if unknown."""
    user = session.users.by_login(login)
    if user is None:
        raise InvalidInput(f"Compte « {login} » introuvable.")
    session.settings.set(_key(user.id), True)


def must_change(session) -> bool:
    """True when the acting user still has a temporary password (recovery sessions: never)."""
    user = session.current_user()
    return bool(user and session.settings.get(_key(user.id), False))


def change_own_password(session, current: str | None, new: str, confirm: str) -> None:
    """Change the acting user's own password.

    `current` is checked against the vault (None only right after the unlock that forced the
    change). Raises InvalidInput (French) for a mismatch or a password the policy refuses,
    WrongPassword for a wrong current password."""
    user = session.current_user()
    if user is None:
        raise InvalidInput("Une session ouverte par clé de secours n'a pas de mot de passe.")
    if new != confirm:
        raise InvalidInput("Les deux saisies du nouveau mot de passe ne sont pas identiques.")
    if current is not None:
        session.vault.unlock(user.login, current).close()  # WrongPassword if not his
        if current == new:
            raise InvalidInput("Choisissez un mot de passe différent de l'actuel.")
    session.change_password(user.login, new)
    session.settings.set(_key(user.id), False)
