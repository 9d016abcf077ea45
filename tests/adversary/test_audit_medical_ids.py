"""Adversary: the audit log lives in the case database, which police accounts read (the
administrator's « Journal d'audit » and its sealed PDF). Which medical item a doctor filled
in (e.g. HIV prophylaxis, genital findings) is covered by medical secrecy (art. L.1110-4
CSP): it must not appear there."""

from __future__ import annotations

from desktop.core.admin.audit_view import AuditFilter, audit_rows
from tests.conftest import ADMIN_PASSWORD, DOCTOR_PASSWORD

MEDICAL_ITEMS = ("tpe_vih", "lesions_description", "examen_genital_constatations")


def test_police_audit_view_shows_no_medical_field_ids(vault):
    with vault.unlock("medecin", DOCTOR_PASSWORD) as doc:
        case = doc.cases.create("2026/000321", "UMJ")
        rec = doc.medical_records.create(case.id, "umj", "checklist_umj", "1.0")
        for item in MEDICAL_ITEMS:
            doc.medical_records.set_answer(rec.id, item, "oui")
        doc.medical_records.set_answer(rec.id, "tpe_vih", "non")
    with vault.unlock("admin", ADMIN_PASSWORD) as admin:
        rows = audit_rows(admin, AuditFilter(kind="medical"))
        edits = [r for r in rows if r.action == "medical.answer"]
        assert edits, "the doctor's edits are audited"
        seen = " ".join(r.object_id for r in rows)
        for item in MEDICAL_ITEMS:
            assert item not in seen, f"the police audit view names the medical item {item}"
        assert all(r.object_id == str(rec.id) for r in edits)


def test_entries_written_with_a_medical_field_id_are_shown_without_it(vault):
    with vault.unlock("medecin", DOCTOR_PASSWORD) as doc:
        # as the code of 30/11/2026 wrote them (record/field), before field ids were left out
        doc.audit.append(doc.user_id, "medical.answer", "7/tpe_vih")
    with vault.unlock("admin", ADMIN_PASSWORD) as admin:
        [row] = [r for r in audit_rows(admin) if r.action == "medical.answer"]
        assert row.object_id == "7"
        assert admin.audit.verify().ok  # only the view changes, never the chain
