"""Drive the real application (offscreen) through a hearing until it is killed.

    python -m tests.ui.crash_driver HOME PASSWORD RECORD_ID

Unlocks through the unlock window, opens the hearing, then keeps typing transcript entries
and answers of the guided form with key events. It prints one line per thing the
« Enregistré » indicator has confirmed:
    ENTRY <json {seq, question, answer}>
    ANSWER <json {field, value}>
and announces what it starts typing (TYPING …), so the test can kill it at any moment
(SIGKILL) and then check that everything confirmed is in the vault.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop.ui.app import AppController  # noqa: E402
from desktop.ui.context import AppContext  # noqa: E402

FIELDS = (
    "officier_nom",
    "officier_grade",
    "officier_residence",
    "second_enqueteur",
    "magistrat_saisi",
    "pv_numero",
    "objet_affaire",
    "audition_lieu_precision",
)


def say(kind: str, payload: dict) -> None:
    print(f"{kind} {json.dumps(payload, ensure_ascii=False)}", flush=True)


def spin_until(cond, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not cond():
        QApplication.processEvents()
        if time.monotonic() > deadline:
            raise SystemExit("timeout")
        time.sleep(0.001)


def type_text(widget, text: str) -> None:
    for ch in text:
        if ch.isascii() and ch.isprintable():
            QTest.keyClicks(widget, ch)
        else:
            QTest.sendKeyEvent(
                QTest.KeyAction.Click,
                widget,
                Qt.Key.Key_unknown,
                ch,
                Qt.KeyboardModifier.NoModifier,
            )
        QApplication.processEvents()  # the event loop runs between keystrokes, as for a user


def main() -> int:
    home, password, record_id = sys.argv[1], sys.argv[2], int(sys.argv[3])
    app = QApplication([])
    ctx = AppContext.create(app, Path(home))
    controller = AppController(ctx)
    window = controller.start()
    form = window.form
    type_text(form.login, "enqueteur")
    type_text(form.password, password)
    QTest.keyClick(form.password, Qt.Key.Key_Return)
    spin_until(lambda: controller.main is not None and controller.main.isVisible())
    page = controller.main.open_page("hearing", record_id=record_id)
    panel, wizard = page.transcript, page.wizard
    spin_until(lambda: panel.loaded and wizard.flow is not None)
    controller.main.activateWindow()  # offscreen: no window manager activates it
    spin_until(lambda: QApplication.activeWindow() is controller.main)
    QTest.keyClick(controller.main, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    say("READY", {})
    indicator = controller.main.save_indicator

    def confirmed() -> bool:
        return not ctx.saver.dirty() and indicator.text().startswith("Enregistré à")

    n = 0
    while True:
        n += 1
        question = f"Question n° {n} : et après, qu'est-ce qui s'est passé ?"
        answer = f"Réponse n° {n} : on est allés à l'hôtel, il faisait très froid."
        say("TYPING", {"question": question, "answer": answer})
        panel.question.setFocus()
        type_text(panel.question, question)
        type_text(panel.answer, answer)
        before = len(panel.model.entries)
        QTest.keyClick(panel.answer, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        spin_until(lambda b=before: len(panel.model.entries) > b and confirmed())
        entry = panel.model.entries[-1]
        say("ENTRY", {"seq": entry.seq, "question": entry.question, "answer": entry.answer})
        if n % 2 == 0 and n // 2 <= len(FIELDS):
            field = FIELDS[n // 2 - 1]
            value = f"Valeur {n} de « {field} », tapée au clavier"
            say("TYPING", {"field": field, "value": value})
            editor = wizard.rows[field].editor
            type_text(editor, value)
            spin_until(confirmed)
            say("ANSWER", {"field": field, "value": wizard.flow.answers.get(field)})


if __name__ == "__main__":
    sys.exit(main())
