"""The administration screens for `make screenshots` (devtools/screenshots.py calls these):
a seal certificate per account, a sealed PV exported, a backup twelve days old, then each
administration screen as the administrator sees it. Fictional data only."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from pathlib import Path


def seed(home: Path, work: Path, password: str) -> dict:
    """Certificates, an export of the transmitted case, an old backup. Returns paths."""
    from desktop.core.admin.backups import HISTORY_KEY, create_backup
    from desktop.core.export.bundle import export_case
    from desktop.core.pv.sample import sample_pv
    from desktop.core.seal.documents import seal_document
    from desktop.core.seal.store import CertificateStore
    from desktop.core.vault import Vault

    vault = Vault(home)
    with vault.unlock("l.fabre", password) as s:
        store = CertificateStore(s)
        store.create("Léa FABRE", "Préfecture de police", "Brigade de protection des mineurs")
        case = next(c for c in s.cases.list() if c.status == "transmis")
        doc = sample_pv()
        doc = dataclasses.replace(
            doc, header=dataclasses.replace(doc.header, procedure_number=case.procedure_number)
        )
        s.documents.add(
            case.id, "pv_audition", seal_document(doc, store.signer()), title="PV", sealed=True
        )
        bundle = export_case(s, case.id, work / "cle-usb").path
    _seed_trust_list(home, password)
    backups = work / "sauvegardes"
    backups.mkdir()
    with vault.unlock("admin", password) as s:
        CertificateStore(s).create("Administrateur BPM", "Préfecture de police")
        info = create_backup(s, backups)
        old = (datetime.now(UTC) - timedelta(days=12)).strftime("%Y-%m-%dT%H:%M:%SZ")
        history = s.settings.get(HISTORY_KEY)
        history[0]["created"] = old
        s.settings.set(HISTORY_KEY, history)
    return {"bundle": bundle, "backup": info.path, "backups": backups}


def _seed_trust_list(home: Path, password: str) -> None:
    """Léa FABRE's certificate and a colleague's fingerprint on the trust list."""
    from desktop.core.admin.trust_list import add_to_trust_list
    from desktop.core.seal import certs
    from desktop.core.seal.store import CertificateStore
    from desktop.core.vault import Vault

    with Vault(home).unlock("l.fabre", password) as s:
        store = CertificateStore(s)
        der = home.parent / "fabre.der"
        der.write_bytes(store.bundle(store.active().id).cert_der)
        add_to_trust_list(der, "BPM Paris (fictive) — capitaine Léa FABRE", s)
        other = certs.create("Hugo PERRIN", organization="UMJ fictive de Valmont")
        add_to_trust_list(other.fingerprint, "UMJ de Valmont (fictive) — Dr Hugo PERRIN", s)


def shoot(controller, seeded: dict, password: str, shot, wait, type_text) -> None:
    """Unlock as the administrator and take each administration screen."""
    form = controller.unlock_window.form
    form.login.clear()
    type_text(form.login, "admin")
    type_text(form.password, password)
    form._submit()
    wait(lambda: controller.main is not None and controller.main.isVisible())
    main = controller.main
    wait(lambda: main.backup_reminder.isVisible())
    shot("10-accueil-rappel-sauvegarde")

    page = main.open_page("admin.backup")
    wait(lambda: page.table.rowCount() == 1)
    page.folder.setText(str(seeded["backups"]))
    shot("11-sauvegarde")
    page.open_restore(seeded["backup"])
    wait(lambda: any(w.objectName() == "restore_dialog" for w in page.findChildren(object)))
    dlg = next(w for w in page.findChildren(object) if w.objectName() == "restore_dialog")
    wait(dlg.isVisible)
    shot("12-restauration")
    dlg.reject()

    audit = main.open_page("admin.audit")
    wait(lambda: audit.table.rowCount() > 10)
    audit.verify()
    wait(lambda: "intact" in audit.verdict.text())
    shot("13-journal-audit")

    retention = main.open_page("admin.retention")
    wait(lambda: retention.table.rowCount() > 5)
    shot("14-conservation-purge")

    certs = main.open_page("admin.certificates")
    wait(lambda: certs.table.rowCount() >= 2)  # the demo case of the documents screens adds its own
    shot("15-certificats")
    create = certs.open_create()
    wait(create.isVisible)
    shot("16-certificat-creation")
    create.reject()
    imp = certs.open_import()
    wait(imp.isVisible)
    shot("17-certificat-import")
    imp.reject()
    certs.show_trust_list()
    wait(lambda: certs.trust.table.rowCount() == 2)
    shot("17b-liste-de-confiance")
    add = certs.trust.open_add()
    wait(add.isVisible)
    shot("17c-liste-de-confiance-ajout")
    add.reject()

    verify = main.open_page("admin.verify_export")
    verify.folder.setText(str(seeded["bundle"]))
    verify.verify()
    wait(lambda: verify.verdict is not None, "le verdict de la vérification")
    shot("18-verifier-export")
