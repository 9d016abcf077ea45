"""The documents screens for `make screenshots` (desktop/ui/screenshots.py calls these): a
fictional case with a sealed PV and a fiche de signalement still to seal, then the case
screen with its documents, the preview, the seal question and the export dialog."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path


def seed(home: Path, password: str, login: str = "l.fabre") -> int:
    """The demo's complete hearing, sealed, and its fiche, signed. Returns the case id."""
    from desktop.cli.demo import base_time, create_case, create_fiche, demo_data, ensure_certificate
    from desktop.core.seal.publish import seal_hearing
    from desktop.core.vault import Vault

    data = demo_data()
    with Vault(home).unlock(login, password) as s:
        ensure_certificate(s, "Léa FABRE", "Préfecture de police")
        case, victim, hearing, end = create_case(s, data, base_time())
        seal_hearing(s, hearing.id, location=data["officer"]["residence"])
        create_fiche(s, data, case, victim, end + timedelta(minutes=30))
    return case.id


def shoot(main, case_id: int, shot, wait) -> None:
    """The case screen's documents, the preview, « Sceller » and « Exporter »."""
    from PySide6.QtWidgets import QApplication

    def visible(name: str):
        return next(
            (w for w in QApplication.topLevelWidgets() if w.isVisible() and w.objectName() == name),
            None,
        )

    view = main.open_case(case_id)
    box = view.documents
    wait(lambda: len(box.rows) == 2)
    box.table.selectRow(1)
    shot("05b-dossier-documents")
    box.preview()
    wait(lambda: visible("preview_dialog") is not None)
    shot("05c-apercu-fiche")
    visible("preview_dialog").close()
    box.table.selectRow(0)
    box.preview()
    wait(lambda: visible("preview_dialog") is not None)
    shot("05d-apercu-pv-scelle")
    visible("preview_dialog").close()
    box.table.selectRow(1)
    box.seal()
    wait(
        lambda: any(
            w.isVisible() and w.windowTitle() == "Sceller le document"
            for w in QApplication.topLevelWidgets()
        )
    )
    shot("05e-sceller")
    next(
        w
        for w in QApplication.topLevelWidgets()
        if w.isVisible() and w.windowTitle() == "Sceller le document"
    ).reject()
    box.export()
    wait(lambda: visible("export_dialog") is not None)
    shot("05f-exporter")
    visible("export_dialog").reject()
