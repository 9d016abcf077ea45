"""The audit view as a sealed PDF/A for an inspection (template journal_audit.yaml).

    path = export_audit_pdf(session, Path("journal.pdf"), AuditFilter(kind="case"))

Same engine, page furniture and seal as the PV and the bordereau; sealed with the acting
account's certificate (CertificateStore.signer); the file is written atomically and the
export is audited (`audit.export`, object: the document id).
"""

from __future__ import annotations

import hashlib
import os
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph

from desktop.core.admin.audit_view import (
    MAX_ROWS,
    AuditFilter,
    AuditRow,
    audit_rows,
    logins,
    verdict_text,
)
from desktop.core.errors import InvalidInput
from desktop.core.pv import engine
from desktop.core.pv import words as w
from desktop.core.pv.engine import Rendered, markup, space
from desktop.core.pv.model import Footer, Header, SealSlot
from desktop.core.pv.pdfa import PdfMeta
from desktop.core.pv.pv import BODY_W, _last_placement, furniture, seal_block
from desktop.core.pv.templates import load_template

if TYPE_CHECKING:
    from desktop.core.vault import Session

TEMPLATE_ID = "journal_audit"
SEAL_FIELD = "sceau_journal"


def _p(text: str, st, style: str = "body") -> Paragraph:
    return Paragraph(markup(text), st[style])


def document_id(rows: list[AuditRow], made_at: datetime) -> str:
    digest = hashlib.sha256()
    digest.update(made_at.isoformat().encode())
    for r in rows:
        digest.update(f"{r.seq}\x1f{r.action}\x1f{r.object_id}\n".encode())
    return "JA-" + digest.hexdigest()[:20].upper()


def render_audit(
    rows: list[AuditRow],
    *,
    selection: str,
    verdict: str,
    made_at: datetime,
    who: dict,
    vault_id: str,
    head: tuple[int, str],
    truncated: bool = False,
) -> Rendered:
    """PDF/A bytes (not sealed yet) and the seal placement. `made_at` is local time."""
    t = load_template(TEMPLATE_ID)
    st = engine.styles()
    sink: list = []
    doc_id = document_id(rows, made_at)
    s: list = [_p(t.title, st, "title"), _p(t.text("subtitle"), st, "subtitle"), space(2)]
    s.append(
        _p(
            t.text(
                "intro",
                date=w.full_date_in_words(made_at.date()),
                time_short=w.time_short(made_at.time()),
                login=who.get("login", ""),
                role=who.get("role_label", ""),
                selection=selection,
                count=len(rows),
            ),
            st,
        )
    )
    s.append(_p(t.text("ids_only"), st))
    s.append(_p(t.text("verdict_title"), st, "h2"))
    s.append(_p(t.text("verdict", verdict=verdict), st))
    s.append(_p(t.text("entries_title"), st, "h2"))
    if truncated:
        s.append(_p(t.text("truncated", count=len(rows)), st, "mention"))
    table: list = [tuple(t.raw("entries_head"))]
    for r in rows:
        local = w.to_local(r.at)
        table.append(
            (
                str(r.seq),
                f"{local:%d/%m/%Y %H:%M:%S}",
                r.who,
                f"{r.label}\n{r.action}",
                r.object_text,
            )
        )
    widths = [12 * mm, 38 * mm, 28 * mm, 58 * mm, BODY_W - 136 * mm]
    s.append(engine.table(table, widths, st, header=True))
    s.append(space(3))
    s += seal_block(t, (SealSlot(SEAL_FIELD, who.get("seal_who", "")),), st, sink)
    header = Header(service_lines=(), procedure_number=vault_id[:8])
    footer = Footer(
        document_id=doc_id,
        template_id=t.id,
        template_version=t.version,
        audit_seq=head[0],
        audit_hash=head[1],
    )
    meta = PdfMeta(
        title=f"{t.pdf_subject} — {made_at:%d/%m/%Y}",
        subject=t.pdf_subject,
        keywords=f"Trame; journal d'audit; {doc_id}",
        trame={
            "documentId": doc_id,
            "documentKind": "journal_audit",
            "templateId": t.id,
            "templateVersion": t.version,
            "auditHead": f"{head[0]}:{head[1]}",
        },
    )
    rendered = engine.render(s, furniture(t, header, footer, False), meta)
    rendered.seals = _last_placement(sink)
    return rendered


def export_audit_pdf(
    session: Session, out: Path, flt: AuditFilter | None = None, signer=None
) -> Path:
    """Render the filtered audit view, verify the chain, seal with the acting account's
    certificate and write `out` (never overwrites). Raises InvalidInput, CertificateError
    (no certificate), StorageError. Call from a worker thread (pyHanko)."""
    from desktop.core.admin.audit_view import verify_chain
    from desktop.core.export.writer import os_error
    from desktop.core.seal.seal import seal_pdf
    from desktop.core.seal.store import CertificateStore

    out = Path(out)
    if out.suffix.lower() != ".pdf":
        out = out.with_name(out.name + ".pdf")
    if out.exists():
        raise InvalidInput(
            f"« {out} » existe déjà : choisissez un autre nom (rien n'a été écrasé)."
        )
    flt = flt or AuditFilter()
    signer = signer or CertificateStore(session).signer()
    report = verify_chain(session)
    rows = audit_rows(session, flt)
    user = session.current_user()
    who = {
        "login": user.login if user else session.role_label,
        "role_label": session.role_label,
        "seal_who": getattr(signer, "display_name", ""),
    }
    made = w.to_local(datetime.now().astimezone())
    rendered = render_audit(
        rows,
        selection=flt.describe(logins(session)),
        verdict=verdict_text(report),
        made_at=made,
        who=who,
        vault_id=session.slots.vault_id,
        head=session.audit.head(),
        truncated=len(rows) >= MAX_ROWS,
    )
    pdf = seal_pdf(rendered.pdf, signer, placements=rendered.seals)
    part = out.with_name(f".{out.name}.part")
    try:
        with open(part, "xb") as fh:
            fh.write(pdf)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(part, out)
    except OSError as exc:
        part.unlink(missing_ok=True)
        raise os_error(exc, out.parent) from exc
    session.audit.append(session.user_id, "audit.export", document_id(rows, made))
    return out
