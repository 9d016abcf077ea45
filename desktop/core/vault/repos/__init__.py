"""Repositories: the only place with SQL. Each write commits at once with its audit entry.

A repository works on one `Database` and records its writes in the vault's audit log
(the audit log lives in the case database; medical writes are audited there by id only).
One module per repository family; every name is re-exported here, so
`from desktop.core.vault.repos import CaseRepo` keeps working.
"""

from desktop.core.vault.repos.base import Store
from desktop.core.vault.repos.cases import CASE_STATUSES, Case, CaseRepo
from desktop.core.vault.repos.documents import Document, DocumentRepo
from desktop.core.vault.repos.persons import PERSON_ROLES, Person, PersonRepo
from desktop.core.vault.repos.records import Record, RecordRepo
from desktop.core.vault.repos.settings import SettingsRepo
from desktop.core.vault.repos.transcript import TRANSCRIPT_KINDS, TranscriptEntry, TranscriptRepo
from desktop.core.vault.repos.users import User, UserRepo

__all__ = [
    "CASE_STATUSES",
    "PERSON_ROLES",
    "TRANSCRIPT_KINDS",
    "Case",
    "CaseRepo",
    "Document",
    "DocumentRepo",
    "Person",
    "PersonRepo",
    "Record",
    "RecordRepo",
    "SettingsRepo",
    "Store",
    "TranscriptEntry",
    "TranscriptRepo",
    "User",
    "UserRepo",
]
