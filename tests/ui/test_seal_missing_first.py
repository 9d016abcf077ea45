"""Issue 13 (screen review): « Sceller » asked « Sceller … ? » for a fiche de signalement still
missing its signature, and only refused after the click. What is missing is now listed
first, and nothing asks to seal; a complete document is still confirmed then sealed
(tests/ui/test_e2e_fiche.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.conftest import OFFICER_PASSWORD
from tests.ui.conftest import unlock
from tests.ui.helpers import CTRL, SHIFT, key


def shown_boxes() -> list[QMessageBox]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]


def test_unsigned_fiche_lists_what_is_missing_before_any_question(qtbot, vault, controller):
    from desktop.cli.demo import ensure_certificate
    from desktop.core.records import RecordKind
    from desktop.core.sample import base_time, create_case, demo_data, new_record

    data = demo_data()
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:  # a fiche filled in, never signed
        ensure_certificate(s, data["officer"]["name"], "Brigade fictive")
        case, victim, _hearing, _ = create_case(s, data, base_time())
        answers = dict(data["fiche"], mineur_personne=victim.id)
        fiche = new_record(s, RecordKind.SIGNALEMENT, case, victim, answers)
    main = unlock(qtbot, controller, "enqueteur", OFFICER_PASSWORD)
    cases = main.current_page()
    qtbot.waitUntil(lambda: cases.model.rowCount() == 1, timeout=5000)
    cases.table.setFocus()
    key(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: main.current_page().objectName() == "case_view", timeout=5000)
    box = main.current_page().documents
    qtbot.waitUntil(lambda: any(r.record_id == fiche.id for r in box.rows), timeout=10000)
    box.table.setFocus()
    box.select_record(fiche.id)
    assert box.current().record_id == fiche.id

    key(Qt.Key.Key_S, CTRL | SHIFT, widget=main)
    qtbot.waitUntil(lambda: bool(shown_boxes()), timeout=20000)
    (shown,) = shown_boxes()
    text = shown.text()
    assert "Sceller «" not in text and shown.windowTitle() != "Sceller le document", text
    assert "ne peut pas encore être scellé" in text, text
    assert "la signature de" in text, text
    assert [b.text() for b in shown.buttons()] == ["Revenir au dossier"]
    key(Qt.Key.Key_Escape, widget=shown)
    qtbot.waitUntil(lambda: not shown_boxes(), timeout=5000)
    assert next(r for r in box.rows if r.record_id == fiche.id).state != "scelle"
