"""Run by tests/adversary/test_adv_lock_gui_memory.py in its own process, with the allocator
settings `trame` re-executes itself with: the real application (AppController, offscreen)
unlocked through its window, the case list showing the victims' names and the case screen
open with names shown; then Ctrl+L. The parent reads the memory before and after."""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication


def wait(cond, timeout=20.0) -> None:
    end = time.monotonic() + timeout
    while not cond():
        if time.monotonic() > end:
            raise SystemExit("timeout")
        QApplication.processEvents()
        time.sleep(0.01)


def main() -> None:
    home, case_id = sys.argv[1], int(sys.argv[2])
    password = os.environ.pop("TRAME_TEST_PASSWORD")
    app = QApplication([])
    from desktop.ui.app import AppController
    from desktop.ui.context import AppContext

    ctx = AppContext.create(app, home)
    controller = AppController(ctx)
    window = controller.start()
    form = window.form
    form.login.setText("enqueteur")
    form.password.setText(password)
    del password
    QTest.keyClick(form.password, Qt.Key.Key_Return)
    wait(lambda: controller.main is not None and controller.main.isVisible())
    main_window = controller.main
    cases = main_window.current_page()
    cases.toggle_names()
    wait(lambda: any(r.victims for r in cases.model.rows))
    view = main_window.open_page("case", case_id=case_id)
    wait(lambda: view.hearing_list.count() == 1)
    view.toggle_names()
    wait(
        lambda: view.person_table.rowCount() == 1 and "•" not in view.person_table.item(0, 1).text()
    )
    print("OUVERT", flush=True)
    sys.stdin.readline()
    QTest.keyClick(main_window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    wait(lambda: controller.locked)
    ctx.tasks.wait_idle()
    for _ in range(20):
        QCoreApplication.sendPostedEvents(None, int(QEvent.Type.DeferredDelete))
        QApplication.processEvents()
        time.sleep(0.02)
    import gc

    gc.collect()
    print("VERROUILLE", flush=True)
    sys.stdin.read()


if __name__ == "__main__":
    main()
