"""Issue 15, adversary: Ctrl+L while the « Aperçu » of a PV is open. The lock hides every
window and the unlock shows them again; the preview dialog kept, while the laptop was
locked, the PV it showed: the PDF bytes (`preview_data.pdf`, the viewer's buffer) and the
document loaded in QtPdf (pdfium's decoded pages: the statement, the names), with its
window title."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, Qt

from tests.conftest import OFFICER_PASSWORD
from tests.ui.conftest import controller, ctx, unlock  # noqa: F401 - UI fixtures
from tests.ui.helpers import CTRL, key, make_hearing
from tests.ui.test_documents_box import open_case_by_keyboard
from tests.ui.test_e2e_documents import shown
from tests.ui.test_lock import relock_with


def test_after_lock_no_preview_keeps_the_pv(qtbot, vault, controller):  # noqa: F811
    make_hearing(vault)
    main = unlock(qtbot, controller, "enqueteur", OFFICER_PASSWORD)
    view = open_case_by_keyboard(qtbot, main, rows=2)
    view.documents.table.setFocus()
    key(Qt.Key.Key_Return)  # Entrée on a document: its preview
    preview = shown(qtbot, "preview_dialog")
    assert preview.view.page_count() >= 1
    key(Qt.Key.Key_L, CTRL, widget=preview)
    qtbot.waitUntil(lambda: controller.locked, timeout=3000)
    QCoreApplication.sendPostedEvents(None, int(QEvent.Type.DeferredDelete))
    if shiboken6.isValid(preview):  # closed by the lock: nothing kept
        assert preview.view.page_count() == 0
        assert len(preview.view._data) == 0
        assert not getattr(preview.preview_data, "pdf", b"")


def test_a_preview_closed_before_the_lock_does_not_break_it(qtbot, vault, controller):  # noqa: F811
    make_hearing(vault)
    main = unlock(qtbot, controller, "enqueteur", OFFICER_PASSWORD)
    view = open_case_by_keyboard(qtbot, main, rows=2)
    view.documents.table.setFocus()
    key(Qt.Key.Key_Return)
    preview = shown(qtbot, "preview_dialog")
    key(Qt.Key.Key_Escape, widget=preview)
    qtbot.waitUntil(lambda: not preview.isVisible(), timeout=2000)
    QCoreApplication.sendPostedEvents(None, int(QEvent.Type.DeferredDelete))
    key(Qt.Key.Key_L, CTRL, widget=main)
    qtbot.waitUntil(lambda: controller.locked, timeout=3000)
    relock_with(qtbot, controller, OFFICER_PASSWORD)
    assert controller.main is main and main.current_page() is view
