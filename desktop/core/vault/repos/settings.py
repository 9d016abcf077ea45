"""Vault settings (key → JSON value)."""

from __future__ import annotations

import json
from typing import Any

from desktop.core.vault.repos.base import Store


class SettingsRepo:
    def __init__(self, store: Store):
        self.s = store

    def get(self, key: str, default: Any = None) -> Any:
        row = self.s.db.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else default

    def set(self, key: str, value: Any) -> None:
        with self.s.db.transaction():
            self.s.db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE"
                " SET value = excluded.value",
                (key, json.dumps(value, ensure_ascii=False)),
            )
            self.s.log("settings.change", key)
