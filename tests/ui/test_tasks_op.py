"""Issue 14: the typed background operation `Op[T]` of desktop.ui.tasks: the job's T reaches
`.success` on the GUI thread, an exception reaches `.failure`, and a job that needs no
session (`call`) receives None — as the CMI « Enregistrer en PDF » job now declares."""

from __future__ import annotations

import threading
import typing

from desktop.ui.tasks import Op, SessionLocked, TaskManager


def test_success_gets_the_value_on_the_gui_thread(qtbot, tmp_path):
    tasks = TaskManager(tmp_path)
    got: list[tuple[int, int]] = []
    op: Op[int] = tasks.call(lambda arg: 41 + (arg is None)).success(
        lambda v: got.append((v, threading.get_ident()))
    )
    op.run()
    qtbot.waitUntil(lambda: bool(got))
    assert got == [(42, threading.get_ident())]
    assert tasks.worker_thread_id != threading.get_ident()
    tasks.shutdown()


def test_failure_gets_the_exception_and_a_locked_session_is_refused(qtbot, tmp_path):
    tasks = TaskManager(tmp_path)
    errors: list[BaseException] = []

    def boom(_):
        raise ValueError("x")

    tasks.call(boom).failure(errors.append).run()
    tasks.op(lambda s: s.user_id).failure(errors.append).run()  # no Session open
    qtbot.waitUntil(lambda: len(errors) == 2)
    assert isinstance(errors[0], ValueError) and isinstance(errors[1], SessionLocked)
    tasks.shutdown()


def test_op_is_generic_and_the_manager_says_what_its_ops_return():
    assert typing.get_origin(Op[int]) is Op
    hints = typing.get_type_hints(TaskManager.unlock, localns={"Session": object})
    assert typing.get_args(hints["return"])[0].__name__ == "SessionInfo"
