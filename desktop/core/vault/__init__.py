"""The encrypted vault: SQLCipher databases, key slots, migrations, repositories, audit chain."""

from desktop.core.vault.keyslots import ROLE_LABELS, ROLES
from desktop.core.vault.vault import (
    MIN_PASSWORD,
    PASSWORD_RULE,
    InitResult,
    Session,
    Vault,
    check_password_policy,
)

__all__ = [
    "InitResult",
    "MIN_PASSWORD",
    "PASSWORD_RULE",
    "ROLES",
    "ROLE_LABELS",
    "Session",
    "Vault",
    "check_password_policy",
]
