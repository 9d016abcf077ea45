"""Live alerts for the time windows, refreshed with the (injected) clock."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from desktop.core.medical.clock import Clock, format_datetime, system_clock
from desktop.core.medical.facts import FactsTime
from desktop.core.medical.validation import FieldError
from desktop.core.medical.windows import Alert, Level, Status, compute_alerts

REFRESH_MS = 30_000
BAND_MAX_HEIGHT = 260  # px: past it (many wrapped alerts) the band scrolls, scroll bar shown

STYLES = {
    Level.CRITICAL: "background:#fdecea; border-left:4px solid #c62828; color:#7f1d1d;",
    Level.WARNING: "background:#fff4e5; border-left:4px solid #ef6c00; color:#6b3a00;",
    Level.INFO: "background:#f1f3f5; border-left:4px solid #9aa5b1; color:#3e4c59;",
}
BADGES = {Level.CRITICAL: "URGENT", Level.WARNING: "À DÉCIDER", Level.INFO: "INFO"}
PAST = "AU-DELÀ DU DÉLAI"  # past a window: still a decision (« prélever si doute »)


class AlertsPanel(QFrame):
    """Shows one line per window; `refresh()` recomputes at clock() (every 30 s by itself)."""

    refreshed = Signal()  # after each refresh: the rows (and so the height) may have changed

    def __init__(self, clock: Clock = system_clock, parent: QWidget | None = None):
        super().__init__(parent)
        self.clock = clock
        self.facts = FactsTime.unknown()
        self.context: dict[str, bool | None] = {}
        self.source: str | None = None  # where the facts' time comes from, when not typed here
        self.alerts: list[Alert] = []
        self.setAccessibleName("Alertes de délais")
        self.header = QLabel()
        self.header.setWordWrap(True)
        self.rows = QVBoxLayout()
        self.rows.setSpacing(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.header)
        lay.addLayout(self.rows)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self.refresh()

    def set_facts(
        self, facts: FactsTime, context: dict | None = None, source: str | None = None
    ) -> None:
        """`source`: « d'après l'audition du … » when the time was not typed in this form."""
        self.facts = facts
        self.source = source
        if context is not None:
            self.context = dict(context)
        self.refresh()

    def refresh(self) -> None:
        now = self.clock()
        while self.rows.count():
            widget = self.rows.takeAt(0).widget()
            if widget is not None:
                # hide, never setParent(None): a parentless label is a top-level window for
                # a moment, which takes the keyboard focus away from the field being typed
                # in at each keystroke (issue 13, M9: characters lost in the UMJ checklist)
                widget.hide()
                widget.deleteLater()
        try:
            self.alerts = compute_alerts(self.facts, now, self.context)
        except FieldError as err:
            self.alerts = []
            self.header.setText(f"<b>Délais non calculés :</b> {html.escape(err.message)}")
            self.header.setStyleSheet("color:#a40000;")
            self.refreshed.emit()
            return
        self.header.setStyleSheet("")
        self.header.setText(
            f"<b>Délais depuis les faits</b> — {html.escape(self.facts.describe())}"
            + (f", <b>{html.escape(self.source, quote=False)}</b>" if self.source else "")
            + f" ; calculés le {html.escape(format_datetime(now))}"
        )
        for alert in self.alerts:
            badge = PAST if alert.status is Status.EXPIRED else BADGES[alert.level]
            row = QLabel(f"<b>{badge}</b>\u00a0 {html.escape(alert.message)}")
            row.setWordWrap(True)
            row.setStyleSheet(STYLES[alert.level] + " padding:1px 6px;")
            row.setProperty("status", str(alert.status))
            row.setProperty("window", alert.window.id)
            row.setToolTip(f"{alert.window.action}\nSource : {alert.window.source}")
            self.rows.addWidget(row)
            row.show()  # now, not queued by addWidget: the band sizes itself on `refreshed`
        self.refreshed.emit()

    def text(self) -> str:
        return "\n".join(a.message for a in self.alerts)


class AlertsBand(QScrollArea):
    """The band above a checklist holding an `AlertsPanel`: as tall as every alert at the
    band's width (a fixed 118 px cut the 6th line in half at 1366×768, issue 13), up to
    `BAND_MAX_HEIGHT` px; beyond, it scrolls with its scroll bar shown, so no alert is ever
    hidden without a sign of it."""

    def __init__(self, panel: AlertsPanel, parent: QWidget | None = None):
        super().__init__(parent)
        self.panel = panel
        self.setWidget(panel)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        panel.refreshed.connect(self.fit)
        self.fit()

    def content_height(self, width: int) -> int:
        """The panel's height in px when laid out `width` px wide (labels wrap)."""
        layout = self.panel.layout()
        if width > 0 and layout.hasHeightForWidth():
            return layout.totalHeightForWidth(width)
        return layout.totalSizeHint().height()

    def fit(self) -> None:
        """Size the band to its content (capped); called after each refresh and resize."""
        width = self.viewport().width() if self.isVisible() else self.width()
        needed = self.content_height(width)
        height = min(needed, BAND_MAX_HEIGHT)
        policy = (
            Qt.ScrollBarPolicy.ScrollBarAlwaysOn
            if needed > BAND_MAX_HEIGHT
            else Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        )
        self.setVerticalScrollBarPolicy(policy)
        if self.height() != height or self.minimumHeight() != height:
            self.setFixedHeight(height)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.fit()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self.fit()
