"""The documents screens for `make screenshots` (devtools/screenshots.py calls these): a
fictional case with a sealed PV and a fiche de signalement still to seal, then the case
screen with its documents, the preview, the seal question and the export dialog."""

from __future__ import annotations

from pathlib import Path


def seed(home: Path, password: str, work: Path, login: str = "l.fabre") -> int:
    """`trame demo` on this vault (its sealed PV and fiche), then a new fiche de signalement
    started by `login`, still a draft. Returns the demo case's id."""
    import os
    import subprocess
    import sys

    from desktop.core.documents.fiche import new_fiche
    from desktop.core.vault import Vault

    env = dict(os.environ, TRAME_HOME=str(home), TRAME_USER="admin", TRAME_PASSWORD=password)
    out = work / "demo"
    subprocess.run(
        [sys.executable, "-m", "desktop", "demo", "--out", str(out)],
        env=env,
        capture_output=True,
        timeout=300,
    )  # the UAPED / médecin parts need accounts this vault lacks: only the PV and fiche
    if not (out / "pv-audition.pdf").exists():
        raise SystemExit("la démonstration n'a pas produit son PV")
    with Vault(home).unlock(login, password) as s:
        case = next(c for c in s.cases.list() if s.documents.for_case(c.id, "pv_audition"))
        victim = next(p for p in s.persons.for_case(case.id) if p.role == "victime")
        new_fiche(s, case.id, victim.id)
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
    # the demo's documents vary with the features (PV de renseignement, UAPED parts…): the
    # rows are found by what they are, never by their count or position
    wait(lambda: _row(box, "brouillon") is not None, "les documents du dossier de démonstration")
    draft = _row(box, "brouillon")
    sealed_pv = _row(box, "scellé", "PV d'audition")
    box.table.selectRow(draft)
    shot("05b-dossier-documents")
    box.preview()
    wait(lambda: visible("preview_dialog") is not None, "l'aperçu de la fiche")
    shot("05c-apercu-fiche-a-completer")
    visible("preview_dialog").close()
    box.table.selectRow(sealed_pv)
    box.preview()
    wait(lambda: visible("preview_dialog") is not None, "l'aperçu du PV scellé")
    shot("05d-apercu-pv-scelle")
    visible("preview_dialog").close()
    box.table.selectRow(draft)
    box.seal()  # the draft lacks a signature: what is missing comes first, no question
    wait(lambda: visible("seal_missing") is not None, "la liste « Document incomplet »")
    shot("05e-sceller")  # « Sceller » on a draft: the missing items
    visible("seal_missing").reject()
    box.export()
    wait(lambda: visible("export_dialog") is not None, "la fenêtre d'export")
    shot("05f-exporter")
    visible("export_dialog").reject()


def _row(box, state: str, title: str = "") -> int | None:
    """Index of the box's first own document (not an annex) in `state` whose title starts
    with `title`, or None while the rows are not read yet."""
    return next(
        (
            i
            for i, r in enumerate(box.rows)
            if not r.kind and r.state_label == state and r.title.startswith(title)
        ),
        None,
    )
