"""The medical side is created by the medical side (issue 15).

`trame init` creates no medical key. The administrator issues a one-time enrolment code
(`issue_medical_enrolment`), which only lets the first médecin create his account on this
machine: `enrol_first_doctor` then generates the medical key, the medical database and the
medical recovery key, shown to the médecin alone. Later médecins are created by a médecin.

The code wraps the case key only (a médecin also reads the cases). Whoever holds the code
could enrol in the médecin's place: the code is single-use, the enrolment is audited, and
a médecin who finds his code already used knows it.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.errors import InvalidInput, PermissionDenied, WrongPassword
from desktop.core.logging import log_event
from desktop.core.vault import crypto, migrations, sealing
from desktop.core.vault.audit import ENROLMENT_ISSUE, KEY_REGISTER, AuditLog, stored_audit_key
from desktop.core.vault.db import Database
from desktop.core.vault.keyslots import (
    CASE_KEY,
    KIND_MEDICAL_RECOVERY,
    KIND_PASSWORD,
    MEDICAL_KEY,
    MEDICAL_RECOVERY_LOGIN,
    KeySlotFile,
    check_slots_mac,
)
from desktop.core.vault.policy import check_login, check_password_policy

KIND_ENROLMENT = "medical-enrolment"
ENROLMENT_LOGIN = "#medical-enrolment"


@dataclass(frozen=True)
class EnrolmentResult:
    login: str
    medical_recovery_code: str  # shown once, to the médecin only


def has_medical_side(slots: KeySlotFile) -> bool:
    return any(MEDICAL_KEY in s.holds() for s in slots.slots if not s.disabled)


def issue_medical_enrolment(session) -> str:
    """Administrator: a one-time code for the first médecin (replaces an unused one).

    Raises PermissionDenied (not an administrator), InvalidInput (a medical side exists:
    médecins are then created by a médecin)."""
    if session.role != "administrateur" or session.slot.kind != KIND_PASSWORD:
        raise PermissionDenied("Seul l'administrateur délivre le code d'inscription du médecin.")
    if has_medical_side(session.slots):
        raise InvalidInput(
            "Le côté médical existe déjà : les comptes médicaux sont créés par un médecin."
        )
    code = crypto.new_recovery_code()
    slot = session.slots.make_slot(
        ENROLMENT_LOGIN,
        code,
        "medecin",
        KIND_ENROLMENT,
        {CASE_KEY: session._key(CASE_KEY)},
        session.slot.kdf,
    )

    def change():
        session.slots.slots = [s for s in session.slots.slots if s.kind != KIND_ENROLMENT]
        session.slots.slots.append(slot)

    with session.cases_db.transaction():  # the code's key counts only once registered here
        # The administrator vouches for the enrolment key: what it signs (the first médecin's
        # key) is then checked by `trame audit verify`, which no enquêteur can forge.
        session.audit.register_key(session.user_id, slot.user_id, slot.sign_pub, medical=True)
        session._save_slots(change)
        # The code's key is single-use for `trame audit verify` too (audit.ENROLMENT_ISSUE).
        session.audit.append(session.user_id, ENROLMENT_ISSUE, slot.user_id)
    return code


def enrol_first_doctor(vault, code: str, login: str, password: str) -> EnrolmentResult:
    """The first médecin creates his account with the administrator's code: medical key,
    medical database and medical recovery key are generated here and returned to him only.

    Raises WrongPassword (bad code, delayed like a password), InvalidInput (no code issued,
    login taken), WeakPassword."""
    from desktop.core.vault.throttle import Throttle
    from desktop.core.vault.vault import THROTTLE_FILE, Session, Vault  # noqa: F401

    login = check_login(login)
    check_password_policy(password, (login,))
    slots = vault.load_slots()
    enrolment = next((s for s in slots.slots if s.kind == KIND_ENROLMENT), None)
    if enrolment is None or has_medical_side(slots):
        raise InvalidInput(
            "Aucun code d'inscription en attente : demandez-en un à l'administrateur."
        )
    if slots.find(login) is not None:
        raise InvalidInput(f"L'identifiant « {login} » existe déjà.")
    throttle = Throttle(vault.home / THROTTLE_FILE, vault.clock, slots.vault_id)
    key = slots.login_hash(ENROLMENT_LOGIN)
    throttle.begin(key)
    normalized = crypto.normalize_recovery_code(code or "")
    keys = slots.open_slot(enrolment, normalized) if normalized else None
    if keys is None:
        raise WrongPassword("Code d'inscription incorrect.")
    throttle.succeeded(key)
    check_slots_mac(slots, keys)
    cases = Database(vault.cases_path, keys[CASE_KEY], "la base des dossiers")
    try:
        recovery_code = _enrol(vault, slots, enrolment, keys, cases, login, password)
    finally:
        cases.close()
    log_event("vault.medical.enrol")
    return EnrolmentResult(login, recovery_code)


def _enrol(vault, slots, enrolment, keys, cases, login: str, password: str) -> str:
    """Create the medical side and the médecin's slot; his signing key is registered by the
    enrolment key (itself registered by the administrator). Returns the medical recovery key."""
    from desktop.core.vault.vault import Session

    audit = AuditLog(cases, stored_audit_key(cases, keys[CASE_KEY]), signer=keys[sealing.SIGN])
    if not audit.signatures or not audit.key_registered(enrolment.sign_pub):
        raise InvalidInput(
            "Ce code d'inscription a été délivré par une version antérieure de Trame : "
            "demandez-en un nouveau à l'administrateur (trame users enrol-medical)."
        )
    medical = crypto.new_key()
    if vault.medical_path.exists():  # an earlier, unfinished enrolment: never reused
        vault.medical_path.rename(vault.medical_path.with_suffix(".db.abandonnee"))
    db = Database(vault.medical_path, medical, "la base médicale")
    try:
        migrations.migrate(db.conn, migrations.MEDICAL)
    finally:
        db.close()
    data = {CASE_KEY: keys[CASE_KEY], MEDICAL_KEY: medical}
    params = vault.kdf_params() if vault._kdf else enrolment.kdf
    privates: dict[str, bytes] = {}
    doctor = slots.make_slot(
        login, password, "medecin", KIND_PASSWORD, data, params, None, privates
    )
    recovery_code = crypto.new_recovery_code()
    recovery = slots.make_slot(
        MEDICAL_RECOVERY_LOGIN, recovery_code, "medecin", KIND_MEDICAL_RECOVERY, data, params
    )
    slots.slots = [
        s for s in slots.slots if s.kind not in (KIND_ENROLMENT, KIND_MEDICAL_RECOVERY)
    ] + [doctor, recovery]
    with cases.transaction():  # the médecin's key, registered by the enrolment key
        audit.register_key(enrolment.user_id, doctor.user_id, doctor.sign_pub)
        slots.save(keys[CASE_KEY])
    with Session(vault, slots, doctor, {**data, **privates}) as session:
        with session.cases_db.transaction():
            session.users.add(doctor.user_id, login, "medecin")
            session.audit.register_key(doctor.user_id, recovery.user_id, recovery.sign_pub)
            session.audit.append(doctor.user_id, "medical.enrol", doctor.user_id)
    return recovery_code


def renew_medical_recovery(session) -> str:
    """Médecin: a new medical recovery key, the old one (seen by an administrator in a vault
    created before issue 15) removed and the medical key rotated, so the old key opens
    nothing live. Returns the new key, to show to the médecin only.

    Raises PermissionDenied for any other account."""
    if session.role != "medecin" or session.slot.kind != KIND_PASSWORD:
        raise PermissionDenied("Seul un médecin renouvelle la clé de secours médicale.")
    session._key(MEDICAL_KEY)

    def drop():
        session.slots.slots = [s for s in session.slots.slots if s.kind != KIND_MEDICAL_RECOVERY]

    session._save_slots(drop)
    session.rotate_keys({MEDICAL_KEY}, reason="medical.recovery")
    code = crypto.new_recovery_code()
    data = {CASE_KEY: session._key(CASE_KEY), MEDICAL_KEY: session._key(MEDICAL_KEY)}
    slot = session.slots.make_slot(
        MEDICAL_RECOVERY_LOGIN, code, "medecin", KIND_MEDICAL_RECOVERY, data, session.slot.kdf
    )
    with session.cases_db.transaction():
        session.audit.register_key(session.user_id, slot.user_id, slot.sign_pub)
        session._save_slots(lambda: session.slots.slots.append(slot))
        session.audit.append(session.user_id, "medical.recovery.renew")
    return code


RENEW_COMMAND = "trame keys renew-medical-recovery --user {login}"


def medical_recovery_outdated(session) -> bool:
    """True when the vault's medical recovery key is not the médecins' own: made by `init`
    in a vault created before the medical side was created by its enrolment (issue 15),
    so the administrator who created the vault may have seen it.

    The key is the médecins' own when its signing key was registered (`key.register`) by a
    médecin's password account, as the enrolment and `renew_medical_recovery` do; a key
    registered by an administrator (`init` of an older release), by itself (a vault older
    than signatures) or not at all is not."""
    recovery = next((s for s in session.slots.slots if s.kind == KIND_MEDICAL_RECOVERY), None)
    if recovery is None or not session.audit.signatures:
        return False
    if not recovery.sign_pub:
        return True
    doctors = {
        s.user_id for s in session.slots.slots if s.role == "medecin" and s.kind == KIND_PASSWORD
    }
    entry = session.audit.registration(recovery.sign_pub)
    return entry is None or entry.action != KEY_REGISTER or entry.user_id not in doctors


def unlock_warnings(session) -> list[str]:
    """French warnings for the account that just unlocked (list of sentences, may be empty):
    a médecin of an older vault is told to renew the medical recovery key, and how."""
    if session.role != "medecin" or session.slot.kind != KIND_PASSWORD:
        return []
    if not medical_recovery_outdated(session):
        return []
    user = session.current_user()
    login = user.login if user else "VOTRE_IDENTIFIANT"
    return [
        "La clé de secours médicale de ce coffre date d'avant l'inscription des médecins : "
        "l'administrateur qui a créé le coffre a pu la voir et, avec elle, lire la base "
        "médicale. Renouvelez-la maintenant, dans un terminal : "
        f"« {RENEW_COMMAND.format(login=login)} ». La base médicale change alors de clé, "
        "l'ancienne clé de secours n'ouvre plus rien et la nouvelle s'affiche pour vous seul."
    ]
