"""The main window: a host for pages declared by providers (desktop.ui.pages).

It owns no feature: menus come from the PageSpecs the user's role may see, pages are
created on first use and kept, and the status bar shows who is connected, the busy
indicator and « Enregistré à hh:mm:ss ».
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from desktop.core.vault.reads import record_read
from desktop.ui import pages as page_registry
from desktop.ui.lock import DISCREET_SHORTCUT, LOCK_SHORTCUT, IdleBanner
from desktop.ui.protocols import Consulted, Flushable, Focusing, Shown, Titled, WithMenu
from desktop.ui.widgets import BusyIndicator, SaveIndicator, button, key_text, make_action, vbox


class MainWindow(QMainWindow):
    def __init__(self, ctx, specs: list[page_registry.PageSpec] | None = None):
        super().__init__()
        self.ctx = ctx
        self.setObjectName("main_window")
        self.setWindowTitle("Trame")
        self.specs = specs if specs is not None else page_registry.collect(ctx, ctx.pages)
        self.visible_specs = page_registry.for_role(self.specs, ctx.role)
        self.stack = QStackedWidget()
        self._pages: dict[tuple, QWidget] = {}
        self._history: list[tuple] = []
        self._home: QWidget | None = None
        self.banner = IdleBanner(self)
        from desktop.ui.admin.reminder import BackupReminder

        self.backup_reminder = BackupReminder(ctx, self)  # above the home page only
        central = QWidget()
        central.setLayout(vbox(self.backup_reminder, self.stack))
        self.setCentralWidget(central)
        self._build_menus()
        self._build_status()
        self._check_temporary_password()
        first = next((s for s in self.visible_specs if s.scope == "global"), None)
        if first is not None:
            self._home = self.open_page(first.id)
            self.backup_reminder.refresh()
        else:
            self._empty()

    # -- menus ----------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&Fichier")
        self.lock_action = make_action(
            self,
            "&Verrouiller",
            self.ctx.request_lock,
            LOCK_SHORTCUT,
            "Verrouiller Trame : tout est enregistré, le mot de passe sera demandé",
            application_wide=True,
        )
        self.discreet_action = make_action(
            self,
            "Écran &discret",
            self.ctx.discreet.toggle,
            DISCREET_SHORTCUT,
            "Masquer l'écran tout de suite, sans verrouiller",
            application_wide=True,
        )
        self.back_action = make_action(self, "&Retour", self.back, "Alt+Left", "Page précédente")
        quit_action = make_action(self, "&Quitter", self.close, "Ctrl+Q", "Quitter Trame")
        self.password_action = make_action(
            self,
            "Changer mon &mot de passe…",
            lambda: self.change_password(False),
            None,
            "Changer le mot de passe de mon compte",
        )
        for action in (self.lock_action, self.discreet_action, self.back_action):
            file_menu.addAction(action)
        file_menu.addAction(self.password_action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        menus: dict[str, object] = {}
        names = sorted(
            {s.menu for s in self.visible_specs if s.scope == "global" and s.menu},
            key=lambda m: (
                page_registry.MENU_ORDER.index(m) if m in page_registry.MENU_ORDER else 99,
                m,
            ),
        )
        for name in names:
            menus[name] = bar.addMenu(f"&{name}")
        self.page_actions: dict[str, QAction] = {}
        for spec in self.visible_specs:
            if spec.scope != "global" or not spec.menu:
                continue
            action = make_action(
                self,
                spec.title,
                lambda s=spec: self.open_page(s.id),
                spec.shortcut,
                spec.tip or spec.title,
            )
            menus[spec.menu].addAction(action)
            self.page_actions[spec.id] = action
        self.page_menu = QMenu(self)  # the current page's menu (menu_actions), before « Aide »
        help_menu = bar.addMenu("A&ide")  # Alt+A: « &Administration »
        self.help_menu = help_menu
        help_menu.addAction(
            make_action(
                self,
                "&Raccourcis clavier",
                self.show_shortcuts,
                "F1",
                "Tous les raccourcis clavier",
            )
        )

    def _build_status(self) -> None:
        status = self.statusBar()
        user = self.ctx.user
        who = QLabel(f"Connecté : {user.login} — {user.role_label}" if user else "")
        who.setObjectName("who")
        status.addWidget(who)
        self.busy = BusyIndicator()
        self.ctx.tasks.busy_changed.connect(self.busy.setVisible)
        status.addPermanentWidget(self.busy)
        self.save_indicator = SaveIndicator(self.ctx.saver)
        self.save_indicator.setObjectName("save_indicator")
        status.addPermanentWidget(self.save_indicator)

    def _empty(self) -> None:
        page = QWidget()
        page.setLayout(
            vbox(
                QLabel("Aucun écran n'est ouvert à votre rôle. Adressez-vous à l'administrateur."),
                None,
                margin=24,
            )
        )
        self.stack.addWidget(page)

    # -- own password (finding M6) ----------------------------------------------------------
    def _check_temporary_password(self) -> None:
        from desktop.core.passwords import must_change

        self.ctx.tasks.op(must_change, parent=self).success(
            lambda forced: forced and self.change_password(True)
        ).failure(lambda _e: None).run()

    def change_password(self, forced: bool) -> None:
        from desktop.ui.unlock.password_change import PasswordChangeDialog

        PasswordChangeDialog(self.ctx, forced, self).open()

    # -- pages ----------------------------------------------------------------------------------
    def spec(self, page_id: str) -> page_registry.PageSpec | None:
        return next((s for s in self.visible_specs if s.id == page_id), None)

    def open_page(self, page_id: str, **params) -> QWidget | None:
        spec = self.spec(page_id)
        if spec is None:
            self.ctx.show_error("Cet écran n'est pas accessible à votre rôle.", self)
            return None
        key = (page_id, tuple(sorted(params.items())))
        self._flush_current()
        page = self._pages.get(key)
        if page is None:
            page = spec.factory(self.ctx, self, **params)
            self._pages[key] = page
            self.stack.addWidget(page)
        elif isinstance(page, Shown):
            page.page_shown()
        if not self._history or self._history[-1] != key:
            self._history.append(key)
        self.stack.setCurrentWidget(page)
        self._update_title(spec, page)
        (page.initial_focus() if isinstance(page, Focusing) else page).setFocus(
            Qt.FocusReason.OtherFocusReason
        )
        if isinstance(page, Consulted):  # art. 25 directive 2016/680: one entry per opening
            event, object_id = page.read_event()
            self.ctx.tasks.op(lambda s: record_read(s, event, object_id), parent=self).run()
        return page

    def open_case(self, case_id: int) -> QWidget | None:
        return self.open_page("case", case_id=case_id)

    def back(self) -> None:
        if len(self._history) < 2:
            return
        self._flush_current()
        self._history.pop()
        key = self._history[-1]
        page = self._pages.get(key)
        if page is None:
            return
        if isinstance(page, Shown):
            page.page_shown()
        self.stack.setCurrentWidget(page)
        self._update_title(self.spec(key[0]), page)
        (page.initial_focus() if isinstance(page, Focusing) else page).setFocus(
            Qt.FocusReason.OtherFocusReason
        )

    def current_page(self) -> QWidget | None:
        return self.stack.currentWidget()

    def home_page(self) -> QWidget | None:
        """The first page opened (the home screen)."""
        return self._home

    def refresh_title(self) -> None:
        if self._history:
            self._update_title(self.spec(self._history[-1][0]), self.current_page())

    def _update_page_menu(self, page) -> None:
        """The current page's own menu (e.g. « Documents » of the case screen)."""
        self.page_menu.clear()
        bar = self.menuBar()
        bar.removeAction(self.page_menu.menuAction())
        entries = page.menu_actions() if isinstance(page, WithMenu) else None
        if entries:
            name, actions = entries
            self.page_menu.setTitle(name)
            for action in actions:
                self.page_menu.addAction(action)
            bar.insertMenu(self.help_menu.menuAction(), self.page_menu)

    def _update_title(self, spec, page) -> None:
        self._update_page_menu(page)
        text = page.page_title() if isinstance(page, Titled) else (spec.title if spec else "")
        self.setWindowTitle(f"Trame — {text}" if text else "Trame")

    def _flush_current(self) -> None:
        page = self.stack.currentWidget()
        if isinstance(page, Flushable):
            page.flush()

    def flush(self) -> None:
        for page in self._pages.values():
            if isinstance(page, Flushable):
                page.flush()
        self.ctx.saver.flush()

    # -- help -----------------------------------------------------------------------------------
    def shortcut_rows(self) -> list[tuple[str, str]]:
        rows: list[tuple[str, str]] = []
        seen: set[str] = set()
        widgets = [self]
        page = self.current_page()
        if page is not None:
            widgets.append(page)
            widgets.extend(page.findChildren(QWidget))
        for widget in widgets:
            for action in widget.actions():
                key = action.shortcut().toString()
                if key and action.toolTip() not in seen:
                    seen.add(action.toolTip())
                    rows.append((key_text(action.shortcut()), action.toolTip().split(" (")[0]))
        if page is not None:  # the shortcuts of the page's buttons (widgets.button)
            for sc in page.findChildren(QShortcut):
                owner = sc.parent()
                if not isinstance(owner, QWidget) or not owner.isVisibleTo(self):
                    continue
                tip = owner.toolTip() or owner.objectName()
                if sc.key().toString() and tip not in seen:
                    seen.add(tip)
                    rows.append((key_text(sc.key()), tip.split(" (")[0]))
        return rows

    def show_shortcuts(self) -> None:
        rows = self.shortcut_rows()
        dialog = QDialog(self)
        dialog.setWindowTitle("Raccourcis clavier")
        table = QTableWidget(len(rows), 2)
        table.setHorizontalHeaderLabels(["Touches", "Action"])
        for i, (keys, text) in enumerate(rows):
            table.setItem(i, 0, QTableWidgetItem(keys))
            table.setItem(i, 1, QTableWidgetItem(text))
        table.resizeColumnsToContents()
        table.horizontalHeader().setStretchLastSection(True)
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        close = button("&Fermer", dialog.accept, tip="Fermer")
        close.setToolTip("Fermer (Échap)")
        dialog.setLayout(vbox(table, close, margin=12))
        dialog.resize(640, 520)
        dialog.open()

    # -- events ---------------------------------------------------------------------------------
    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if self.banner.isVisible():
            self.banner.setGeometry(0, 0, self.width(), self.banner.sizeHint().height())

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.flush()
        super().closeEvent(event)
