"""`trame demo --out DIR`: a complete FICTIONAL case, headless, and its four sealed documents.

On an empty TRAME_HOME (password from TRAME_PASSWORD) it creates the vault, an enquêteur, a
UAPED and a médecin account (same password), their sealing certificates, a case with a
complete hearing (44 Q/R with a pause), a UAPED checklist, a UMJ checklist (in the medical
database, by the médecin) and a fiche de signalement; then it writes into DIR the sealed PV,
UAPED report, certificat médical initial, fiche de signalement and the PV de renseignement
« minorité et qualification », and verifies each.

The recovery keys of a vault created here are written to DIR/cles-de-secours-demo.txt: the
data is fictional, but a key is never lost silently.
"""

from __future__ import annotations

import os
import sys
from datetime import datetime, time, timedelta
from functools import cache
from pathlib import Path
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import yaml

from desktop.cli.common import read_secret, vault_from_env
from desktop.core.errors import InvalidInput, TrameError
from desktop.core.records import RecordKind
from desktop.core.vault.fsutil import atomic_write

PARIS = ZoneInfo("Europe/Paris")
DATA = Path(__file__).with_name("demo_case.yaml")
OFFICER = "enqueteur.demo"
UAPED = "uaped.demo"
DOCTOR = "medecin.demo"
FILES = {
    "pv": "pv-audition.pdf",
    "uaped": "rapport-uaped.pdf",
    "cmi": "certificat-medical-initial.pdf",
    "fiche": "fiche-signalement.pdf",
    "bordereau": "bordereau-remise-prelevements.pdf",  # annex of the CMI (chain of custody)
    "addendum": "mention-complementaire.pdf",
    "renseignement": "pv-renseignement-minorite-qualification.pdf",
}
TRUST_FILE = "liste-de-confiance-demo.json"  # trame verify --trust …


def register(sub) -> None:
    p = sub.add_parser(
        "demo",
        help="créer un dossier fictif complet et ses documents scellés",
        description="Crée (si besoin) un coffre, un dossier FICTIF complet et écrit dans DIR le "
        "PV scellé, le PV de renseignement, le rapport UAPED, le CMI et la fiche de "
        "signalement. Mot de passe : "
        "TRAME_PASSWORD (ou --password-file).",
    )
    p.add_argument("--out", type=Path, required=True, metavar="DIR")
    p.add_argument("--password-file", type=Path)
    p.add_argument(
        "--case",
        type=Path,
        metavar="FICHIER.yaml",
        help="cas de formation ou d'essai au format de desktop/cli/demo_case.yaml",
    )
    p.add_argument(
        "--pseudonymised",
        action="store_true",
        help="écrire aussi la copie pseudonymisée scellée (DIR/copie-pseudonymisee)",
    )
    p.set_defaults(func=cmd_demo)


@cache
def demo_data() -> dict:
    return yaml.safe_load(DATA.read_text("utf-8"))


def _iso(dt: datetime) -> str:
    return dt.isoformat(timespec="seconds")


def _local(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%dT%H:%M")


def base_time(now: datetime | None = None) -> datetime:
    """The fictional hearing starts yesterday at 14:30, Paris time (always in the past)."""
    now = (now or datetime.now(PARIS)).astimezone(PARIS)
    return datetime.combine(now.date() - timedelta(days=1), time(14, 30), tzinfo=PARIS)


# -- accounts and certificates ----------------------------------------------------------


def ensure_accounts(vault, login: str | None, password: str, init_result, say) -> set[str]:
    """The demo accounts that can be opened with `password`."""
    from desktop.core.errors import WrongPassword
    from desktop.core.vault.enrolment import enrol_first_doctor, issue_medical_enrolment

    code = None
    with vault.unlock(login, password) as s:
        if s.role == "administrateur":
            for name, role in ((OFFICER, "enqueteur"), (UAPED, "uaped")):
                if s.users.by_login(name) is None:
                    s.add_user(name, password, role)
                    say(f"Compte de démonstration « {name} » créé ({role}).")
            if init_result is not None:
                code = issue_medical_enrolment(s)
    if code is not None:
        # Demo only: the médecin's own enrolment, done here with the same password.
        enrolled = enrol_first_doctor(vault, code, DOCTOR, password)
        init_result.extra["medical_recovery_code"] = enrolled.medical_recovery_code
        say(f"Compte de démonstration « {DOCTOR} » créé (medecin).")
    usable = set()
    for name in (OFFICER, UAPED, DOCTOR):
        try:
            vault.unlock(name, password).close()
            usable.add(name)
        except WrongPassword:
            pass
    return usable


def ensure_certificate(session, name: str, organization: str, unit: str = ""):
    from desktop.core.seal.store import CertificateStore

    store = CertificateStore(session)
    if store.active() is None:
        store.create(name, organization, unit)
    return store.signer()


# -- the fictional case -------------------------------------------------------------------


def _signature(name: str, seed: int, when: datetime) -> dict:
    from desktop.core.pv.sample import signature_png
    from desktop.core.pv.signature import signature_answer

    return signature_answer("signe", image_png=signature_png(name, seed), name=name, signed_at=when)


def create_case(s, data: dict, base: datetime):
    """Case, persons, hearing record with answers and transcript (officer session)."""
    case = s.cases.create(data["case"]["procedure_number"], data["case"]["service"])
    v = data["victim"]
    victim = s.persons.add(
        case.id, "victime", v["last_name"], v["first_name"], v["birth_date"], v["details"]
    )
    sus = data["suspect"]
    s.persons.add(case.id, "suspect", sus["last_name"], sus["first_name"])
    o = data["officer"]
    tx = data["transcript"]
    pairs = tx["pairs"]
    pause_after = tx["pause_after"]
    t = base
    entries = [("debut", {}, t)]
    notes = {o["after"]: o["note"] for o in tx.get("observations", [])}
    for i, (q, a) in enumerate(pairs, start=1):
        t += timedelta(minutes=2, seconds=20)
        speaker = tx.get("asked_by", {}).get(i, "enqueteur")
        entries.append(("qr", {"question": q, "answer": a, "speaker": speaker}, t))
        if i in notes:
            t += timedelta(seconds=20)
            entries.append(("observation", {"note": notes[i], "speaker": "enqueteur"}, t))
        if i == pause_after:
            t += timedelta(minutes=1)
            entries.append(("pause", {"note": tx["pause_reason"]}, t))
            t += timedelta(minutes=14)
            entries.append(("reprise", {}, t))
        if i == tx.get("incident_after"):
            t += timedelta(seconds=30)
            entries.append(("pause", {"note": tx["incident_reason"]}, t))
            t += timedelta(minutes=4)
            entries.append(("reprise", {"note": "Incident technique résolu"}, t))
    end = t + timedelta(minutes=3)
    entries.append(("fin", {}, end))
    answers = dict(data["hearing"])
    answers.update(
        {
            "procedure_numero": data["case"]["procedure_number"],
            "officier_nom": o["name"],
            "officier_grade": o["grade"],
            "officier_residence": o["residence"],
            "second_enqueteur": data["second_officer"],
            "audition_debut": _local(base),
            "audition_fin": _local(end),
            "victime_personne": victim.id,
            "victime_date_naissance": v["birth_date"],
            "faits_date_debut": (base - timedelta(days=70)).date().isoformat(),
            "faits_date_fin": (base - timedelta(days=2)).date().isoformat(),
            "decision_706_53_date": _local(base - timedelta(days=5)),
            "aah_date": (base - timedelta(days=6)).date().isoformat(),
            "introduction_heure": base.strftime("%H:%M"),
            "pre_declaratif_fin": (base + timedelta(minutes=2)).strftime("%H:%M"),
            "enregistrement_debut": base.strftime("%H:%M"),
            "enregistrement_fin": end.strftime("%H:%M"),
            "personnes_presentes": [
                {
                    "qualite": "administrateur_ad_hoc",
                    "nom": f"Mme {data['administrator']}",
                    "base_legale": "cpp.706-50",
                    "heure_arrivee": base.strftime("%H:%M"),
                    "heure_depart": end.strftime("%H:%M"),
                },
                {
                    "qualite": "psychologue",
                    "nom": f"M. {data['psychologist']}",
                    "base_legale": "cpp.706-53",
                },
            ],
            "signataires": [
                {
                    "role": "mineur",
                    "nom": f"{v['first_name']} {v['last_name'].upper()}",
                    "personne": victim.id,
                    "signature": _signature(f"{v['first_name']} {v['last_name'].upper()}", 2, end),
                },
                {
                    "role": "administrateur_ad_hoc",
                    "nom": data["administrator"],
                    "signature": _signature(data["administrator"], 3, end),
                },
                {
                    "role": "tiers_present",
                    "nom": f"M. {data['psychologist']}",
                    "signature": _signature(data["psychologist"], 4, end),
                },
                {"role": "enqueteur", "nom": o["name"], "signature": _signature(o["name"], 1, end)},
            ],
            "droits_recepisse": _signature(v["first_name"], 2, base),
        }
    )
    signers = answers.pop("signataires")
    rec = _start(s, RecordKind.AUDITION, case, victim, answers)
    from desktop.core.hearing.transcript import RECORDING_START, offset_ms

    start = _iso(base)
    s.records.set_meta(rec.id, {**rec.meta, RECORDING_START: start})
    for kind, values, when in entries:
        offset = offset_ms(_iso(when), start)
        s.transcript.append(
            rec.id, kind, wall_time=_iso(when), recording_offset_ms=offset, **values
        )
    _sign(s, rec.id, "signataires", signers)  # after the reading: bound to the final text
    return case, victim, rec, end


def _sign(s, record_id: int, field: str, value) -> None:
    from desktop.core.pv.binding import save_answer

    save_answer(s, record_id, field, value)


def create_fiche(s, data: dict, case, victim, when: datetime):
    answers = dict(data["fiche"])
    answers.update(
        {
            "mineur_personne": victim.id,
            "signalement_datetime": _local(when),
            "faits_debut": (when - timedelta(days=70)).date().isoformat(),
            "faits_fin": (when - timedelta(days=2)).date().isoformat(),
        }
    )
    rec = _start(s, RecordKind.SIGNALEMENT, case, victim, answers)
    _sign(s, rec.id, "signature_signalant", _signature(data["officer"]["name"], 1, when))
    return rec


def create_uaped(s, data: dict, case, victim, base: datetime):
    answers = dict(data["uaped"])
    answers.update(
        {
            "mineur_personne": victim.id,
            "mineur_date_naissance": data["victim"]["birth_date"],
            "arrivee_datetime": _local(base - timedelta(minutes=50)),
            "audition_procedure_numero": data["case"]["procedure_number"],
            "audition_debut": _local(base),
            "audition_fin": _local(base + timedelta(hours=2)),
            "examen_datetime": _local(base + timedelta(hours=2, minutes=30)),
            "evaluation_psy_date": base.date().isoformat(),
            "transmission_datetime": _local(base + timedelta(hours=3)),
            "staff_date": (base + timedelta(days=7)).date().isoformat(),
            "faits_datetime": _local(base - timedelta(days=2, hours=3)),
        }
    )
    return _start(s, RecordKind.UAPED, case, victim, answers)


def create_umj(s, data: dict, case, victim, base: datetime):
    """The UMJ checklist, in the medical database (médecin session)."""
    exam = base + timedelta(hours=2, minutes=30)
    answers = dict(data["umj"])
    answers.update(
        {
            "medecin_nom": data["doctor"]["name"],
            "signature_medecin": _signature(data["doctor"]["name"], 6, exam),
            "medecin_rpps": data["doctor"]["rpps"],
            "patient_personne": victim.id,
            "patient_date_naissance": data["victim"]["birth_date"],
            "examen_datetime": _local(exam),
            "requisition_date": base.date().isoformat(),  # dated, before the examination
            "faits_datetime": _local(base - timedelta(days=2, hours=3)),
            "prelevements": [
                {
                    "numero": 1,
                    "site": "sang",
                    "nature": "tube",
                    "recueilli_le": _local(exam + timedelta(minutes=20)),
                    "finalite": "toxicologie",
                    "recueilli_par": data["doctor"]["name"],
                    "conservation": "tube_fluore_froid",
                },
                {
                    "numero": 2,
                    "site": "urine",
                    "nature": "flacon",
                    "recueilli_le": _local(exam + timedelta(minutes=25)),
                    "finalite": "toxicologie",
                    "recueilli_par": data["doctor"]["name"],
                    "conservation": "refrigere",
                },
            ],
        }
    )
    return _start(s, RecordKind.UMJ, case, victim, answers)


def _start(s, kind, case, victim, answers: dict):
    """The record, made by the same core use case as the application's (issue 14)."""
    from desktop.core.records import KINDS, start_record

    record_id = start_record(s, kind, case.id, victim.id, answers=answers)
    return (s.medical_records if KINDS[kind].medical else s.records).get(record_id)


def demo_bordereau(s, data: dict, rec, signer):
    """The samples handed to the fictional officer, both signatures drawn (issue 18)."""
    from desktop.core.medical.bordereau import Receiver, seal_bordereau
    from desktop.core.pv.sample import signature_png

    o = data["officer"]
    return seal_bordereau(
        s,
        rec.id,
        receiver=Receiver(o["name"], "capitaine de police, OPJ", data["case"]["service"]),
        seal_numbers={1: "DEMO-SC-01", 2: "DEMO-SC-02"},
        officer_png=signature_png(o["name"], 7),
        doctor_png=signature_png(data["doctor"]["name"], 8),
        signer=signer,
        tz=PARIS,
    )


# -- the command ----------------------------------------------------------------------------


def run_demo(
    out: Path,
    password: str,
    login: str | None = None,
    say=print,
    data: dict | None = None,
    pseudonymised: bool = False,
) -> dict[str, Path]:
    """Everything `trame demo` does; returns {document: path} of the files written.

    `data`: a case file's content (desktop.cli.casefile), the shipped case by default."""
    from desktop.core import settings
    from desktop.core.pv.model import Signer, SignStatus
    from desktop.core.pv.sample import signature_png
    from desktop.core.seal.publish import seal_hearing, seal_report

    out.mkdir(parents=True, exist_ok=True)
    vault = vault_from_env()
    data = data or demo_data()
    init_result = None
    if vault.exists() and not settings.get("TRAME_HOME"):
        raise InvalidInput(
            f"Un coffre existe déjà dans « {vault.home} » : la démonstration n'y ajoute pas de "
            "dossier fictif. Définissez TRAME_HOME vers un dossier vide."
        )
    if not vault.exists():
        init_result = vault.initialize("admin", password)
        init_result = SimpleNamespace(recovery_code=init_result.recovery_code, extra={})
    usable = ensure_accounts(vault, login, password, init_result, say)
    if init_result is not None:
        keys = out / "cles-de-secours-demo.txt"
        keys.write_text(
            "Clés de secours du coffre de DÉMONSTRATION (données fictives)\n"
            f"Coffre : {vault.home}\n"
            f"Clé de secours (administration) : {init_result.recovery_code}\n"
            "Clé de secours médicale (remise au médecin à son inscription) : "
            f"{init_result.extra.get('medical_recovery_code', '')}\n",
            "utf-8",
        )
        os.chmod(keys, 0o600)
        say(f"Coffre de démonstration créé dans « {vault.home} » ; clés de secours : {keys}")
    if OFFICER not in usable:
        raise InvalidInput(
            f"Le compte « {OFFICER} » n'existe pas ou n'a pas ce mot de passe : lancez la "
            "démonstration en administrateur (TRAME_USER vide) ou sur un TRAME_HOME vide."
        )
    base = base_time()
    written: dict[str, Path] = {}
    o = data["officer"]
    with vault.unlock(OFFICER, password) as s:
        signer = ensure_certificate(s, o["name"], o["organization"], data["case"]["service"])
        case, victim, hearing, end = create_case(s, data, base)
        fiche = create_fiche(s, data, case, victim, end + timedelta(minutes=30))
        pv = seal_hearing(s, hearing.id, signer=signer, location=o["residence"])
        written["pv"] = _write(out, FILES["pv"], s.documents.content(pv.id))
        from desktop.core.seal.publish import seal_renseignement

        pad = Signer(
            "officier de police judiciaire",
            o["name"],
            o["grade"],
            SignStatus.SIGNED,
            image_png=signature_png(o["name"], 1),
        )
        ren = seal_renseignement(s, hearing.id, author=pad, signer=signer, location=o["residence"])
        written["renseignement"] = _write(out, FILES["renseignement"], s.documents.content(ren.id))
        sig = seal_report(s, fiche.id, signer=signer, location=o["residence"])
        written["fiche"] = _write(out, FILES["fiche"], s.documents.content(sig.id))
        mc = demo_addendum(s, pv.id, o, signer)
        written["addendum"] = _write(out, FILES["addendum"], s.documents.content(mc.id))
        vouched = [(signer.bundle, f"{data['case']['service']} — {o['grade']} {o['name']}")]
        case_id, victim_id = case.id, victim.id
    if UAPED in usable:
        author = data["uaped_author"]
        with vault.unlock(UAPED, password) as s:
            signer = ensure_certificate(s, author["name"], "Centre hospitalier fictif de Valmont")
            victim = s.persons.get(victim_id)
            rec = create_uaped(s, data, s.cases.get(case_id), victim, base)
            pad = Signer(
                "auteur du rapport",
                author["name"],
                author["quality"],
                SignStatus.SIGNED,
                image_png=signature_png(author["name"], 5),
            )
            doc = seal_report(
                s,
                rec.id,
                author=pad,
                signer=signer,
                service_lines=(
                    "Centre hospitalier fictif de Valmont",
                    "Unité d'accueil pédiatrique enfants en danger (UAPED)",
                ),
            )
            written["uaped"] = _write(out, FILES["uaped"], s.documents.content(doc.id))
            vouched.append((signer.bundle, f"UAPED de Valmont (fictive) — {author['name']}"))
    else:
        say(f"Compte « {UAPED} » indisponible : rapport UAPED non produit.")
    if DOCTOR in usable:
        from desktop.core.medical.transmit import transmit_cmi

        with vault.unlock(DOCTOR, password) as s:
            signer = ensure_certificate(s, data["doctor"]["name"], "UMJ fictive de Valmont")
            rec = create_umj(s, data, s.cases.get(case_id), s.persons.get(victim_id), base)
            sent = transmit_cmi(s, rec.id, signer=signer, tz=PARIS)
            written["cmi"] = _write(out, FILES["cmi"], s.documents.content(sent.document_id))
            written["bordereau"] = _write(
                out,
                FILES["bordereau"],
                s.documents.content(demo_bordereau(s, data, rec, signer).id),
            )
            vouched.append((signer.bundle, f"UMJ de Valmont (fictive) — {data['doctor']['name']}"))
    else:
        say(f"Compte « {DOCTOR} » indisponible : certificat médical non produit.")
    written["trust"] = demo_trust_list(out, vouched)
    if pseudonymised:
        from desktop.cli.casefile import pseudonymised_copy

        with vault.unlock(OFFICER, password) as s:
            written["copie"] = pseudonymised_copy(s, case_id, out / "copie-pseudonymisee", say)
    return written


def demo_addendum(s, pv_id: int, o: dict, signer):
    """One sealed mention complémentaire to the demo PV (a later observation)."""
    from desktop.core.pv.model import Signer, SignStatus
    from desktop.core.pv.sample import signature_png
    from desktop.core.seal.addendum import create_addendum

    author = Signer(
        "auteur de la mention",
        o["name"],
        o["grade"],
        SignStatus.SIGNED,
        image_png=signature_png(o["name"], 1),
    )
    return create_addendum(
        s,
        pv_id,
        nature="observation",
        text="Après la clôture du procès-verbal, l'administratrice ad hoc a signalé que la "
        "mineure a retrouvé le nom de l'hôtel ; il sera recueilli lors d'une audition ultérieure.",
        signers=(author,),
        signer=signer,
        location=o["residence"],
    )


def demo_trust_list(out: Path, vouched) -> Path:
    """The demo certificates on a trust list signed with the officer's, for --trust."""
    from desktop.core.seal.trust import TrustList

    trust = TrustList()
    for bundle, label in vouched:
        trust.add_certificate(bundle.cert_der, label)
    path = out / TRUST_FILE
    atomic_write(path, trust.export_signed(vouched[0][0]))
    return path


def _write(out: Path, name: str, pdf: bytes) -> Path:
    """Durable and atomic: a full disk leaves the previous file (or none), never half a PDF."""
    path = out / name
    atomic_write(path, pdf)
    return path


def cmd_demo(args) -> int:
    from desktop.core import settings
    from desktop.core.seal.verify import verify_pdf

    password = read_secret(args.password_file, "TRAME_PASSWORD", "Mot de passe : ")
    login = settings.get("TRAME_USER") or None
    data = None
    if getattr(args, "case", None):
        from desktop.cli.casefile import load_case_file

        data = load_case_file(args.case, demo_data())
    try:
        written = run_demo(
            args.out,
            password,
            login,
            data=data,
            pseudonymised=getattr(args, "pseudonymised", False),
        )
    except TrameError:
        raise
    except OSError as exc:
        raise InvalidInput(f"Écriture impossible dans « {args.out} » ({exc.strerror}).") from None
    ok = True
    if written.get("copie"):
        from desktop.core.export.verify import verify_bundle

        bundle = verify_bundle(written["copie"])
        ok &= bundle.valid
        print(f"{written['copie']}\t{'VALIDE' if bundle.valid else 'INVALIDE'}")
    for key in FILES:
        path = written.get(key)
        if path is None:
            continue
        report = verify_pdf(path.read_bytes())
        ok &= report.valid
        verdict = "VALIDE" if report.valid else "INVALIDE — " + report.reason
        print(f"{path}\t{verdict}")
    sys.stdout.flush()
    if "trust" in written:
        print(f"{written['trust']}\tliste de confiance : trame verify --trust {written['trust']} …")
    return 0 if ok and all(k in written for k in FILES) else 1
