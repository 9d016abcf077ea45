"""Produced PDFs kept inside the encrypted vault."""

from __future__ import annotations

import json
from dataclasses import dataclass

from desktop.core.errors import InvalidInput, VaultCorrupt
from desktop.core.vault.audit import utc_now
from desktop.core.vault.repos.base import Store


@dataclass(frozen=True)
class Document:
    id: int
    case_id: int
    record_id: int | None
    kind: str
    title: str
    sha256: str
    sealed: bool
    meta: dict
    created_at: str


class DocumentRepo:
    """PDFs produced for a case (sealed PV, CMI, fiche…), kept inside the encrypted vault."""

    def __init__(self, store: Store):
        self.s = store

    def add(
        self,
        case_id: int,
        kind: str,
        content: bytes,
        *,
        title: str = "",
        record_id: int | None = None,
        sealed: bool = False,
        meta: dict | None = None,
    ) -> Document:
        import hashlib

        digest = hashlib.sha256(content).hexdigest()
        with self.s.db.transaction():
            cur = self.s.db.execute(
                "INSERT INTO documents (case_id, record_id, kind, title, sha256, content, sealed,"
                " meta, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    case_id,
                    record_id,
                    kind,
                    title,
                    digest,
                    content,
                    int(sealed),
                    json.dumps(meta or {}, ensure_ascii=False),
                    self.s.user_id,
                    utc_now(),
                ),
            )
            doc_id = cur.lastrowid
            self.s.log("document.seal" if sealed else "document.add", f"{case_id}/{doc_id}")
        return self.get(doc_id)

    def get(self, doc_id: int) -> Document | None:
        row = self.s.db.execute(
            "SELECT id, case_id, record_id, kind, title, sha256, sealed, meta, created_at"
            " FROM documents WHERE id = ?",
            (doc_id,),
        ).fetchone()
        if not row:
            return None
        values = list(row)
        values[6] = bool(values[6])
        try:
            values[7] = json.loads(values[7] or "{}")
        except ValueError:  # a damaged page read back as zeros: never a raw decoding error
            raise VaultCorrupt(
                f"La base des dossiers est endommagée (document n° {doc_id}). Rien n'a été "
                "modifié ; restaurez une sauvegarde (trame restore)."
            ) from None
        return Document(*values)

    def content(self, doc_id: int) -> bytes:
        row = self.s.db.execute("SELECT content FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if not row:
            raise InvalidInput("Document introuvable.")
        return bytes(row[0])

    def for_case(self, case_id: int, kind: str | None = None) -> list[Document]:
        sql = "SELECT id FROM documents WHERE case_id = ?"
        params: tuple = (case_id,)
        if kind:
            sql += " AND kind = ?"
            params += (kind,)
        ids = [r[0] for r in self.s.db.execute(sql + " ORDER BY id", params).fetchall()]
        return [self.get(i) for i in ids]
