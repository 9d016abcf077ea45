"""Issue 15, in the real application: a médecin of an older vault (medical recovery key made
by `init`, seen by the administrator) is told at unlock, in French, the exact command that
renews it; an enquêteur of the same vault is told nothing."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from tests.conftest import DOCTOR_PASSWORD, OFFICER_PASSWORD
from tests.core.vault.test_older_medical_recovery import WARNING, make_older
from tests.ui.conftest import unlock


def boxes(controller):
    return [b for b in controller.main.findChildren(QMessageBox) if b.isVisible()]


def test_the_medecin_of_an_older_vault_sees_what_to_run(qtbot, vault, controller):
    make_older(vault)
    unlock(qtbot, controller, "medecin", DOCTOR_PASSWORD)
    qtbot.waitUntil(lambda: bool(boxes(controller)), timeout=15000)
    box = boxes(controller)[0]
    assert WARNING in box.text() and "clé de secours médicale" in box.text()


def test_an_officer_of_the_same_vault_sees_no_warning(qtbot, vault, controller):
    make_older(vault)
    main = unlock(qtbot, controller, "enqueteur", OFFICER_PASSWORD)
    seen = []  # a job queued after the warnings' one: its callback comes after theirs
    controller.ctx.tasks.op(lambda s: None).success(seen.append).run()
    qtbot.waitUntil(lambda: bool(seen), timeout=15000)
    assert boxes(controller) == [] and main.isVisible()
