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
from pathlib import Path
from types import SimpleNamespace

from desktop.cli.common import read_secret, vault_from_env
from desktop.core.errors import InvalidInput, TrameError
from desktop.core.sample import (
    PARIS,
    base_time,
    create_sealed_case,
    create_uaped,
    create_umj,
    demo_data,
)
from desktop.core.vault.fsutil import atomic_write

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
        help="cas de formation ou d'essai au format de desktop/core/sample/demo_case.yaml",
    )
    p.add_argument(
        "--pseudonymised",
        action="store_true",
        help="écrire aussi la copie pseudonymisée scellée (DIR/copie-pseudonymisee)",
    )
    p.set_defaults(func=cmd_demo)


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


def demo_bordereau(s, data: dict, rec, signer):
    """The samples handed to the fictional officer, both signatures drawn (issue 18)."""
    from desktop.core.documents.medical.bordereau import Receiver, seal_bordereau
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
    from desktop.core.seal.publish import seal_report

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
        case, victim, hearing, sealed = create_sealed_case(s, data, base, signer, o["residence"])
        pv = sealed["pv_audition"]
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
        sig = sealed["fiche_signalement"]
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
        from desktop.core.documents.medical.transmit import transmit_cmi

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
    """The demo certificates on a trust list signed with the officer's, for --trust; the
    officer's key is pinned on this machine (desktop.core.seal.pins) so the list is accepted."""
    from desktop.core.seal.pins import PinnedKeys
    from desktop.core.seal.trust import TrustList

    trust = TrustList()
    for bundle, label in vouched:
        trust.add_certificate(bundle.cert_der, label)
    path = out / TRUST_FILE
    atomic_write(path, trust.export_signed(vouched[0][0]))
    pins = PinnedKeys.local()
    pins.add(vouched[0][0].fingerprint, "démonstration Trame — service fictif de Valmont")
    pins.save()
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
