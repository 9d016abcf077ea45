"""Seal certificates as each account manages them in the application (the same store as
`trame cert create|import|list|disable`): see one's own certificate, create one, import a
PKCS#12 (its password is used once, never stored), export the public certificate for the
people who verify, disable one (administrator: any), and seal a test page with it.

    certificate_overview(session)                 # [CertView], the administrator sees all
    create_certificate(session, name, org, unit, email, days)
    import_certificate(session, p12_bytes, password)
    export_public_certificate(session, cert_id, Path("moi.pem"))
    trial = seal_trial(session)                   # SealTrial: sealed bytes + verdict

Call from the worker thread (RSA key generation, pyHanko).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.errors import InvalidInput, PermissionDenied
from desktop.core.seal import certs
from desktop.core.seal.store import CertificateStore, CertRecord

if TYPE_CHECKING:
    from desktop.core.vault import Session


@dataclass(frozen=True)
class CertView:
    record: CertRecord
    owner: str  # login of the holder
    mine: bool

    @property
    def id(self) -> int:
        return self.record.id


@dataclass(frozen=True)
class SealTrial:
    pdf: bytes
    valid: bool
    reason: str  # the verifier's French verdict
    fingerprint: str  # of the certificate that sealed


def certificate_overview(session: Session) -> list[CertView]:
    """The acting account's certificates (every account's for the administrator), the
    active one first."""
    names = {u.id: u.login for u in session.users.list()}
    out = [
        CertView(rec, names.get(rec.user_id, rec.user_id[:8]), rec.user_id == session.user_id)
        for rec in CertificateStore(session).list()
    ]
    out.sort(key=lambda v: (not v.mine, not v.record.active, -v.record.id))
    return out


def create_certificate(
    session: Session,
    common_name: str,
    organization: str = "",
    unit: str = "",
    email: str = "",
    days: int = certs.DEFAULT_DAYS,
) -> CertRecord:
    """A new RSA-3072 key and self-signed certificate for the acting account (it becomes
    the active one). Raises CertificateError (French) for a missing name or a bad delay."""
    return CertificateStore(session).create(common_name, organization, unit, email, days=days)


def import_certificate(session: Session, data: bytes, password: str | None) -> CertRecord:
    """Install a PKCS#12 for the acting account. The password opens the file here and is
    kept nowhere. Raises CertificateError for a wrong password or an unusable file."""
    return CertificateStore(session).import_pkcs12(data, password)


def disable_certificate(session: Session, cert_id: int) -> None:
    CertificateStore(session).deactivate(cert_id)


def export_public_certificate(session: Session, cert_id: int, out: Path) -> Path:
    """Write the certificate (public part only, PEM) to `out`; never the key. Audited."""
    from cryptography.hazmat.primitives.serialization import Encoding

    store = CertificateStore(session)
    rec = store.get(cert_id)
    if rec is None:
        raise InvalidInput("Certificat introuvable.")
    if rec.user_id != session.user_id and session.role != "administrateur":
        raise PermissionDenied("Ce certificat appartient à un autre compte.")
    row = store.db.execute("SELECT cert_der FROM certificates WHERE id = ?", (cert_id,)).fetchone()
    pem = certs.CertBundle(b"", bytes(row[0])).certificate.public_bytes(Encoding.PEM)
    out = Path(out)
    if out.suffix.lower() not in (".pem", ".crt", ".cer"):
        out = out.with_name(out.name + ".pem")
    if out.exists():
        raise InvalidInput(
            f"« {out} » existe déjà : choisissez un autre nom (rien n'a été écrasé)."
        )
    from desktop.core.export.writer import os_error

    try:
        with open(out, "xb") as fh:
            fh.write(pem)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        raise os_error(exc, out.parent) from exc
    session.audit.append(session.user_id, "cert.export", cert_id)
    return out


def seal_trial(session: Session) -> SealTrial:
    """Seal a page that holds no case data with the acting account's active certificate,
    then check it with the strict verifier (what `trame verify` does)."""
    from reportlab.platypus import Paragraph

    from desktop.core.pv import engine, fonts
    from desktop.core.pv import words as w
    from desktop.core.pv.engine import markup, space
    from desktop.core.pv.model import Footer, Header, SealSlot
    from desktop.core.pv.pdfa import PdfMeta
    from desktop.core.pv.pv import _last_placement, furniture, seal_block
    from desktop.core.pv.templates import load_template
    from desktop.core.seal.seal import seal_pdf
    from desktop.core.seal.verify import verify_pdf

    signer = CertificateStore(session).signer()  # French error when there is none
    t = load_template("essai_sceau")
    st = engine.styles()
    sink: list = []
    made = w.to_local(datetime.now().astimezone())
    user = session.current_user()
    seq, head = session.audit.head()
    doc_id = "ES-" + hashlib.sha256(f"{signer.fingerprint}{made}".encode()).hexdigest()[:16].upper()
    story = [
        Paragraph(markup(t.title), st["title"]),
        space(4),
        Paragraph(
            markup(
                t.text(
                    "body",
                    date=w.full_date_in_words(made.date()),
                    time_short=w.time_short(made.time()),
                    login=user.login if user else session.role_label,
                    role=session.role_label,
                    subject=signer.display_name,
                )
            ),
            st["body"],
        ),
        space(2),
        Paragraph(f'<font face="{fonts.MONO}" size="8">{signer.fingerprint}</font>', st["left"]),
        space(6),
        *seal_block(t, (SealSlot("sceau_essai", signer.display_name),), st, sink),
    ]
    footer = Footer(
        doc_id, template_id=t.id, template_version=t.version, audit_seq=seq, audit_hash=head
    )
    meta = PdfMeta(
        title=t.pdf_subject,
        subject=t.pdf_subject,
        keywords=f"Trame; essai; {doc_id}",
        trame={
            "documentId": doc_id,
            "documentKind": "essai_sceau",
            "templateId": t.id,
            "templateVersion": t.version,
            "auditHead": f"{seq}:{head}",
        },
    )
    rendered = engine.render(story, furniture(t, Header((), ""), footer, False), meta)
    pdf = seal_pdf(rendered.pdf, signer, placements=_last_placement(sink))
    report = verify_pdf(pdf)
    sealed_by = report.seals[-1].fingerprint if report.seals else ""
    return SealTrial(pdf, report.valid, report.reason, sealed_by)
