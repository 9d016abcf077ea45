"""Adversary (issue 18): secrecy by saisine under races and edits, and the bordereau's
signatures. Real vault, real seals, real PDFs read back."""

from __future__ import annotations

import pytest

from desktop.core.documents.medical.bordereau import Receiver, seal_bordereau
from desktop.core.documents.medical.transmit import transmissions, transmit_cmi
from desktop.core.errors import InvalidInput
from desktop.core.medical.clock import fixed_clock
from desktop.core.medical.validation import FieldError
from desktop.core.pv.sample import signature_png
from desktop.core.seal.certs import create
from desktop.core.seal.signer import SoftwareSigner
from tests.core.medical.test_transmit import case_db_text
from tests.core.medical.umj_data import NOW, PARIS, complete, shareable

CLOCK = fixed_clock(NOW)
RECEIVER = Receiver("Camille DURAND", "capitaine de police, OPJ", "BPM Paris")
CANARY_WORDS = "CANARI-PAROLE il m'a emmenée chez le vieux monsieur"
CANARY_LESION = "CANARI-LESION ecchymose violacée en forme de morsure"


@pytest.fixture(scope="module")
def doctor_signer():
    return SoftwareSigner(create("Dr Alix MORAND", organization="UMJ Hôtel-Dieu"))


def make_record(officer_session, doctor_session, **changes):
    case = officer_session.cases.create("2026/00777", "BPM Paris")
    person = officer_session.persons.add(case.id, "victime", "MARTIN", "Léa", "2011-05-02")
    record = doctor_session.medical_records.create(case.id, "umj", "checklist_umj", "1", person.id)
    answers = {
        **complete(person.id),
        "declarations": CANARY_WORDS,
        "lesions_description": CANARY_LESION,
        **changes,
    }
    for key, value in answers.items():
        doctor_session.medical_records.set_answer(record.id, key, value)
    return case, person, record


def assert_nothing_reached_the_case(officer_session, case, person, before):
    assert transmissions(officer_session, case.id) == []
    assert officer_session.documents.for_case(case.id) == []
    assert officer_session.records.for_case(case.id) == []
    after = case_db_text(officer_session)
    assert CANARY_WORDS not in after and CANARY_LESION not in after
    for key, value in shareable(person.id).items():
        if isinstance(value, str) and len(value) > 6 and value not in before:
            assert value not in after, key


def test_saisine_switched_to_spontaneous_while_sealing_nothing_reaches_the_case(
    officer_session, doctor_session, doctor_signer
):
    """The doctor corrects « saisine » to « demande spontanée » while the worker seals the CMI:
    the transmission must not land in the investigators' database."""
    from desktop.core.seal.documents import seal_document

    case, person, record = make_record(officer_session, doctor_session)
    before = case_db_text(officer_session)

    def seal_while_the_doctor_edits(doc, signer, **kw):
        doctor_session.medical_records.set_answer(record.id, "saisine", "demande_spontanee")
        doctor_session.medical_records.set_answer(record.id, "certificat_remis_a", "victime")
        return seal_document(doc, signer, **kw)

    with pytest.raises(InvalidInput) as err:
        transmit_cmi(
            doctor_session,
            record.id,
            signer=doctor_signer,
            clock=CLOCK,
            tz=PARIS,
            seal=seal_while_the_doctor_edits,
        )
    assert "226-14" in err.value.message
    assert_nothing_reached_the_case(officer_session, case, person, before)


@pytest.mark.parametrize("typed", ["12/03/2026", "2026-3-12", "12 mars 2026"])
def test_requisition_date_not_iso_is_refused_not_ignored(
    officer_session, doctor_session, doctor_signer, typed
):
    """A réquisition date the check cannot read (typed « 12/03/2026 », after the exam of
    11/03) must be refused, not skipped by the « réquisition précède l'examen » check."""
    case, person, record = make_record(officer_session, doctor_session, requisition_date=typed)
    before = case_db_text(officer_session)
    with pytest.raises((FieldError, InvalidInput)):
        transmit_cmi(doctor_session, record.id, signer=doctor_signer, clock=CLOCK, tz=PARIS)
    assert_nothing_reached_the_case(officer_session, case, person, before)


def test_spontaneous_after_transmission_cannot_retransmit(
    officer_session, doctor_session, doctor_signer
):
    case, person, record = make_record(officer_session, doctor_session)
    transmit_cmi(doctor_session, record.id, signer=doctor_signer, clock=CLOCK, tz=PARIS)
    doctor_session.medical_records.set_answer(record.id, "saisine", "demande_spontanee")
    with pytest.raises(InvalidInput):
        transmit_cmi(doctor_session, record.id, signer=doctor_signer, clock=CLOCK, tz=PARIS)
    assert len(transmissions(officer_session, case.id)) == 1


def test_bordereau_refuses_seal_numbers_signed_for_another_sample_list(
    officer_session, doctor_session, doctor_signer
):
    """The officer signed in front of three samples (three scellés); a sample is removed
    before sealing: the signatures were given for another list, the bordereau is refused."""
    case, person, record = make_record(officer_session, doctor_session)
    samples = doctor_session.medical_records.answers(record.id)["prelevements"]
    doctor_session.medical_records.set_answer(record.id, "prelevements", samples[:-1])
    seals = {1: "SC-2026-041", 2: "SC-2026-042", 3: "SC-2026-043"}
    with pytest.raises((FieldError, InvalidInput)):
        seal_bordereau(
            doctor_session,
            record.id,
            receiver=RECEIVER,
            seal_numbers=seals,
            officer_png=signature_png("Camille DURAND", 3),
            doctor_png=signature_png("Alix MORAND", 4),
            signer=doctor_signer,
            clock=CLOCK,
            tz=PARIS,
        )
    assert officer_session.documents.for_case(case.id, "bordereau_prelevements") == []


def test_bordereau_refuses_one_drawing_used_for_both_signatures(
    officer_session, doctor_session, doctor_signer
):
    case, person, record = make_record(officer_session, doctor_session)
    same = signature_png("Alix MORAND", 4)
    with pytest.raises(FieldError) as err:
        seal_bordereau(
            doctor_session,
            record.id,
            receiver=RECEIVER,
            seal_numbers={1: "SC-1", 2: "SC-2", 3: "SC-3"},
            officer_png=same,
            doctor_png=same,
            signer=doctor_signer,
            clock=CLOCK,
            tz=PARIS,
        )
    assert "signature_enqueteur" in err.value.fields
    assert officer_session.documents.for_case(case.id, "bordereau_prelevements") == []


def _all_case_text(session) -> str:
    """Every text value of every table of the case database, search index included."""
    db = session.cases_db
    chunks = []
    for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
        try:
            rows = db.execute(f'SELECT * FROM "{name}"').fetchall()  # noqa: S608 - own tables
        except Exception:  # noqa: BLE001 - an FTS shadow table that cannot be read alone
            continue
        for row in rows:
            chunks += [
                v if isinstance(v, str) else v.decode("utf-8", "replace")
                for v in row
                if isinstance(v, str | bytes)
            ]
    return "\n".join(chunks)


def test_spontaneous_cmi_canaries_reach_no_file_no_backup_no_export_no_table(
    vault_home, vault, officer_session, doctor_session, admin_session, doctor_signer, tmp_path
):
    """Canary statement and lesion in a spontaneous-request record: every path is tried
    (transmission, bordereau, hand-over, signalement, officer export, officer and
    administrator backups); none of the bytes written, nor the officer's decrypted case
    database (search index included), nor the medical table through another role, shows them."""
    from desktop.core.documents.medical.handover import hand_over_cmi, signal_to_prosecutor
    from desktop.core.errors import PermissionDenied
    from desktop.core.export.bundle import export_case
    from desktop.core.vault.backup import backup

    case, person, record = make_record(
        officer_session,
        doctor_session,
        saisine="demande_spontanee",
        certificat_remis_a="victime",
        requisition_autorite=None,
        requisition_numero=None,
        requisition_date=None,
    )
    with pytest.raises(InvalidInput):
        transmit_cmi(doctor_session, record.id, signer=doctor_signer, clock=CLOCK, tz=PARIS)
    with pytest.raises(InvalidInput):
        seal_bordereau(
            doctor_session,
            record.id,
            receiver=RECEIVER,
            seal_numbers={1: "SC-1", 2: "SC-2", 3: "SC-3"},
            officer_png=signature_png("Camille DURAND", 3),
            doctor_png=signature_png("Alix MORAND", 4),
            signer=doctor_signer,
            clock=CLOCK,
            tz=PARIS,
        )
    handed = hand_over_cmi(doctor_session, record.id, signer=doctor_signer, clock=CLOCK, tz=PARIS)
    # not vacuous: the canaries are in the doctor's own sealed certificate
    from tests.core.medical.test_transmit import pdf_text

    own = " ".join(pdf_text(doctor_session.medical_documents.content(handed.id)).split())
    assert "CANARI-PAROLE" in own and "CANARI-LESION" in own
    signal_to_prosecutor(
        doctor_session,
        record.id,
        parquet="procureur de la République près le tribunal judiciaire de Paris",
        doctor_png=signature_png("Alix MORAND", 2),
        signer=doctor_signer,
        clock=CLOCK,
        tz=PARIS,
    )
    from tests.conftest import UAPED_PASSWORD

    with vault.unlock("uaped", UAPED_PASSWORD) as uaped_session:
        for other in (officer_session, admin_session, uaped_session):
            with pytest.raises(PermissionDenied):
                _ = other.medical_documents
            with pytest.raises(PermissionDenied):
                other.medical_records.answers(record.id)
    from desktop.core.pv.sample import sample_pv
    from desktop.core.seal.documents import seal_document

    hearing = officer_session.records.create(
        case.id, "audition", "audition_mineur", "1.0", person.id
    )
    officer_session.documents.add(
        case.id,
        "pv_audition",
        seal_document(sample_pv(), doctor_signer),
        title="PV d'audition",
        record_id=hearing.id,
        sealed=True,
    )
    out = tmp_path / "export"
    export_case(officer_session, case.id, out, signer=doctor_signer)
    officer_backup = backup(officer_session, tmp_path / "sauvegarde-enqueteur.trame")
    admin_backup = backup(admin_session, tmp_path / "sauvegarde-admin.trame")
    assert not officer_backup.includes_medical and not admin_backup.includes_medical

    text = _all_case_text(officer_session)
    files = [p for root in (vault_home, out) for p in root.rglob("*") if p.is_file()]
    files += [officer_backup.path, admin_backup.path]
    assert files
    for canary in (CANARY_WORDS, CANARY_LESION, "CANARI-"):
        assert canary not in text
        for needle in {canary.encode(), canary.encode("utf-16-le")}:
            hits = [p.name for p in files if needle in p.read_bytes()]
            assert not hits, (canary, hits)


def test_samples_already_handed_over_cannot_be_handed_again(
    officer_session, doctor_session, doctor_signer
):
    """Chain of custody: once a sealed bordereau handed the samples to an officer, a second
    bordereau (another officer, other scellés, a later time) would contradict it."""
    case, person, record = make_record(officer_session, doctor_session)
    kwargs = dict(
        officer_png=signature_png("Camille DURAND", 3),
        doctor_png=signature_png("Alix MORAND", 4),
        signer=doctor_signer,
        tz=PARIS,
    )
    seal_bordereau(
        doctor_session,
        record.id,
        receiver=RECEIVER,
        seal_numbers={1: "SC-1", 2: "SC-2", 3: "SC-3"},
        clock=CLOCK,
        **kwargs,
    )
    later = fixed_clock(NOW.replace(hour=18))
    with pytest.raises((FieldError, InvalidInput)) as err:
        seal_bordereau(
            doctor_session,
            record.id,
            receiver=Receiver("Lou BERNARD", "lieutenant de police, OPJ", "SRPJ Versailles"),
            seal_numbers={1: "X-1", 2: "X-2", 3: "X-3"},
            clock=later,
            **kwargs,
        )
    assert "déjà remis" in str(err.value)
    assert len(officer_session.documents.for_case(case.id, "bordereau_prelevements")) == 1
    samples = doctor_session.medical_records.answers(record.id)["prelevements"]
    assert [s["scelle_numero"] for s in samples] == ["SC-1", "SC-2", "SC-3"]
    assert {s["remis_a"] for s in samples} == {"Camille DURAND"}
