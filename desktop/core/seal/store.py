"""Officer certificates kept in the vault (table `certificates`, encrypted with the case DB).

store = CertificateStore(session)
rec = store.create("Camille DURAND", organization="Préfecture de police")
rec = store.import_pkcs12(p12_bytes, password)
signer = store.signer()              # the acting user's active certificate
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass

from desktop.core.errors import InvalidInput
from desktop.core.seal import certs
from desktop.core.seal.certs import CertBundle, CertificateError
from desktop.core.seal.signer import SoftwareSigner
from desktop.core.vault.audit import utc_now


@dataclass(frozen=True)
class CertRecord:
    id: int
    user_id: str
    label: str
    fingerprint: str
    subject: str
    not_after: str  # ISO date
    created_at: str
    active: bool


class CertificateStore:
    def __init__(self, session):
        self.session = session
        self.db = session.cases_db

    # -- writes ---------------------------------------------------------------------------
    def add(self, bundle: CertBundle, label: str = "", user_id: str | None = None) -> CertRecord:
        certs.check_usable(bundle)
        user_id = user_id or self.session.user_id
        if user_id != self.session.user_id and self.session.role != "administrateur":
            from desktop.core.errors import PermissionDenied

            raise PermissionDenied("Seul l'administrateur peut installer le certificat d'un autre.")
        fp = bundle.fingerprint
        exists = self.db.execute(
            "SELECT id FROM certificates WHERE fingerprint = ? AND user_id = ?", (fp, user_id)
        ).fetchone()
        if exists:
            raise InvalidInput(f"Ce certificat est déjà installé (empreinte {fp[:23]}…).")
        chain = json.dumps([base64.b64encode(c).decode("ascii") for c in bundle.chain_der])
        with self.db.transaction():
            self.db.execute(
                "UPDATE certificates SET active = 0 WHERE user_id = ? AND active = 1", (user_id,)
            )
            cur = self.db.execute(
                "INSERT INTO certificates (user_id, label, cert_der, key_der, chain_der,"
                " fingerprint, created_at, active) VALUES (?, ?, ?, ?, ?, ?, ?, 1)",
                (
                    user_id,
                    label or bundle.subject,
                    bundle.cert_der,
                    bundle.key_der,
                    chain,
                    fp,
                    utc_now(),
                ),
            )
            cert_id = cur.lastrowid
            self.session.audit.append(self.session.user_id, "cert.add", cert_id)
        return self.get(cert_id)

    def create(
        self,
        common_name: str,
        organization: str = "",
        unit: str = "",
        email: str = "",
        kind: str = certs.DEFAULT_KIND,
        days: int = certs.DEFAULT_DAYS,
        label: str = "",
    ) -> CertRecord:
        bundle = certs.create(common_name, organization, unit, email, kind, days)
        return self.add(bundle, label)

    def import_pkcs12(self, data: bytes, password: str | None, label: str = "") -> CertRecord:
        return self.add(certs.load_pkcs12(data, password), label)

    def deactivate(self, cert_id: int) -> None:
        rec = self.get(cert_id)
        if rec is None:
            raise InvalidInput("Certificat introuvable.")
        if rec.user_id != self.session.user_id and self.session.role != "administrateur":
            from desktop.core.errors import PermissionDenied

            raise PermissionDenied("Ce certificat appartient à un autre compte.")
        with self.db.transaction():
            self.db.execute("UPDATE certificates SET active = 0 WHERE id = ?", (cert_id,))
            self.session.audit.append(self.session.user_id, "cert.disable", cert_id)

    # -- reads ----------------------------------------------------------------------------
    def _record(self, row) -> CertRecord:
        cert_id, user_id, label, cert_der, fp, created_at, active = row
        try:
            cert = CertBundle(b"", bytes(cert_der)).certificate
            subject = certs.common_name(cert)
            not_after = cert.not_valid_after_utc.date().isoformat()
        except ValueError:
            subject, not_after = "(certificat endommagé)", ""
        return CertRecord(cert_id, user_id, label, fp, subject, not_after, created_at, bool(active))

    _COLS = "id, user_id, label, cert_der, fingerprint, created_at, active"

    def get(self, cert_id: int) -> CertRecord | None:
        row = self.db.execute(
            f"SELECT {self._COLS} FROM certificates WHERE id = ?", (cert_id,)
        ).fetchone()
        return self._record(row) if row else None

    def list(self, user_id: str | None = None) -> list[CertRecord]:
        if user_id is None and self.session.role == "administrateur":
            rows = self.db.execute(f"SELECT {self._COLS} FROM certificates ORDER BY id").fetchall()
        else:
            rows = self.db.execute(
                f"SELECT {self._COLS} FROM certificates WHERE user_id = ? ORDER BY id",
                (user_id or self.session.user_id,),
            ).fetchall()
        return [self._record(r) for r in rows]

    def active(self, user_id: str | None = None) -> CertRecord | None:
        row = self.db.execute(
            f"SELECT {self._COLS} FROM certificates WHERE user_id = ? AND active = 1"
            " ORDER BY id DESC LIMIT 1",
            (user_id or self.session.user_id,),
        ).fetchone()
        return self._record(row) if row else None

    def bundle(self, cert_id: int) -> CertBundle:
        row = self.db.execute(
            "SELECT user_id, cert_der, key_der, chain_der FROM certificates WHERE id = ?",
            (cert_id,),
        ).fetchone()
        if row is None:
            raise InvalidInput("Certificat introuvable.")
        if row[0] != self.session.user_id:
            from desktop.core.errors import PermissionDenied

            raise PermissionDenied("Seul le titulaire d'un certificat peut sceller avec sa clé.")
        try:
            chain = tuple(base64.b64decode(c) for c in json.loads(row[3] or "[]"))
        except (ValueError, TypeError):
            raise CertificateError(
                "La chaîne de certification enregistrée est endommagée."
            ) from None
        return CertBundle(bytes(row[2]), bytes(row[1]), chain)

    def signer(self) -> SoftwareSigner:
        """The acting user's active certificate as a signer (French error if none/expired)."""
        rec = self.active()
        if rec is None:
            raise CertificateError(
                "Aucun certificat de sceau pour ce compte : créez-en un (trame cert create) "
                "ou importez-en un (trame cert import FICHIER.p12)."
            )
        signer = SoftwareSigner(self.bundle(rec.id))
        self.session.audit.append(self.session.user_id, "cert.use", rec.id)
        return signer
