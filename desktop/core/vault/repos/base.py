"""The repositories' shared handle: database, audit log and acting user."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop.core.vault.audit import AuditLog


@dataclass
class Store:
    """What a repository needs: its database, the audit log and the acting user."""

    db: Any
    audit: AuditLog
    user_id: str

    def log(self, action: str, object_id: object = "", *, coalesce: bool = False) -> None:
        self.audit.append(self.user_id, action, object_id, coalesce=coalesce)
