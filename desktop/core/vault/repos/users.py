"""User accounts."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.vault.audit import utc_now
from desktop.core.vault.repos.base import Store


@dataclass(frozen=True)
class User:
    id: str
    login: str
    role: str
    created_at: str
    disabled_at: str | None

    @property
    def disabled(self) -> bool:
        return self.disabled_at is not None


class UserRepo:
    def __init__(self, store: Store):
        self.s = store

    def add(self, user_id: str, login: str, role: str) -> User:
        now = utc_now()
        with self.s.db.transaction():
            self.s.db.execute(
                "INSERT INTO users (id, login, role, created_at) VALUES (?, ?, ?, ?)",
                (user_id, login, role, now),
            )
            self.s.log("user.add", user_id)
        return User(user_id, login, role, now, None)

    def get(self, user_id: str) -> User | None:
        row = self.s.db.execute(
            "SELECT id, login, role, created_at, disabled_at FROM users WHERE id = ?", (user_id,)
        ).fetchone()
        return User(*row) if row else None

    def by_login(self, login: str) -> User | None:
        row = self.s.db.execute(
            "SELECT id, login, role, created_at, disabled_at FROM users WHERE login = ?",
            (login.strip(),),
        ).fetchone()
        return User(*row) if row else None

    def list(self) -> list[User]:
        rows = self.s.db.execute(
            "SELECT id, login, role, created_at, disabled_at FROM users ORDER BY login"
        ).fetchall()
        return [User(*r) for r in rows]

    def disable(self, user_id: str) -> None:
        with self.s.db.transaction():
            self.s.db.execute(
                "UPDATE users SET disabled_at = ? WHERE id = ? AND disabled_at IS NULL",
                (utc_now(), user_id),
            )
            self.s.log("user.disable", user_id)
