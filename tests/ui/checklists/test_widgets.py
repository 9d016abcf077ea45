"""The body diagram, samples and alerts widgets, with real clicks and a fixed clock."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDateTime, QPoint, Qt

from desktop.core.medical.bodymap import clock_point
from desktop.core.medical.clock import fixed_clock
from desktop.core.medical.facts import FactsTime
from desktop.ui.checklists.alerts_panel import AlertsPanel
from desktop.ui.checklists.lesion_panel import LesionPanel
from desktop.ui.checklists.samples_panel import SamplesPanel

PARIS = ZoneInfo("Europe/Paris")
FACTS_AT = datetime(2026, 3, 10, 22, 30, tzinfo=PARIS)
NOW = datetime(2026, 3, 11, 16, 0, tzinfo=PARIS)


def click_on(qtbot, panel: LesionPanel, view: str, nx: float, ny: float) -> None:
    point = panel.diagram.to_pixels(view, nx, ny)
    qtbot.mouseClick(
        panel.diagram, Qt.MouseButton.LeftButton, pos=QPoint(round(point.x()), round(point.y()))
    )


def test_lesion_on_the_diagram(qtbot):
    panel = LesionPanel()
    panel.resize(1200, 600)
    qtbot.addWidget(panel)
    panel.show()
    changes = []
    panel.lesions_changed.connect(changes.append)
    click_on(qtbot, panel, "face", 0.4, 0.25)
    assert "face antérieure, thorax, côté droit" in panel.position_label.text()
    panel.type_box.setEditText("ecchymose")
    panel.colour_box.setEditText("violacée")
    panel.length.setValue(30)
    panel.width_.setValue(20)
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert len(panel.lesions) == 1 and changes
    lesion = panel.lesions[0]
    assert lesion.number == 1 and lesion.position.view == "face"
    assert abs(lesion.position.x - 0.4) < 0.01 and abs(lesion.position.y - 0.25) < 0.01
    assert panel.diagram.markers[0][0] == 1
    assert "Lésion n°\u00a01 : ecchymose de teinte violacée" in panel.list.item(0).text()


def test_lesion_without_position_is_refused_next_to_the_field(qtbot):
    panel = LesionPanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.type_box.setEditText("plaie")
    panel.description.setPlainText("linéaire, bords nets")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    error = panel.errors.labels["position"]
    assert error.isVisible() and "sans position" in error.text()
    assert panel.lesions == []
    # nothing typed is lost
    assert panel.type_box.currentText() == "plaie"
    assert panel.description.toPlainText() == "linéaire, bords nets"
    # placing it then adding works, and the error goes away
    click_on(qtbot, panel, "dos", 0.45, 0.5)
    assert not error.isVisible()
    assert panel.submit()
    assert panel.lesions[0].type == "plaie"


def test_click_outside_the_silhouette_places_nothing(qtbot):
    panel = LesionPanel()
    panel.resize(1200, 600)
    qtbot.addWidget(panel)
    panel.show()
    click_on(qtbot, panel, "face", 0.03, 0.03)
    assert panel.diagram._pending is None


def test_clock_face_position_on_the_anal_view(qtbot):
    panel = LesionPanel()
    panel.resize(1200, 600)
    qtbot.addWidget(panel)
    panel.show()
    click_on(qtbot, panel, "anal", *clock_point(6, 0.25))
    assert panel.clock_row.isVisibleTo(panel)
    assert panel.clock.value() == 6
    assert "région anale, à 6\u00a0heures" in panel.position_label.text()
    panel.clock.setValue(5)
    assert "à 5\u00a0heures" in panel.position_label.text()
    panel.type_box.setEditText("fissure")
    assert panel.submit()
    assert panel.lesions[0].position.clock == 5


def test_select_marker_edit_and_delete(qtbot):
    panel = LesionPanel()
    panel.resize(1200, 600)
    qtbot.addWidget(panel)
    panel.show()
    for ny in (0.25, 0.6):
        click_on(qtbot, panel, "face", 0.42, ny)
        panel.type_box.setEditText("ecchymose")
        assert panel.submit()
    click_on(qtbot, panel, "face", 0.42, 0.6)  # on marker 2
    assert panel.heading.text().startswith("<b>Lésion n°\u00a02")
    panel.type_box.setEditText("hématome")
    assert panel.submit()
    assert [x.type for x in panel.lesions] == ["ecchymose", "hématome"]
    panel.select(1)
    panel.delete_selected()
    assert [x.number for x in panel.lesions] == [2]


def make_samples(qtbot):
    nature = [("ecouvillon_sec", "Écouvillon sec (doublé)"), ("tube", "Tube")]
    panel = SamplesPanel(
        clock=fixed_clock(NOW), facts=lambda: FactsTime.exact(FACTS_AT), options={"nature": nature}
    )
    qtbot.addWidget(panel)
    panel.show()
    panel.victim_ref = "V1 — Léa MARTIN"
    return panel


def add(panel: SamplesPanel, site: str, at: datetime | None = None) -> bool:
    panel.site.setCurrentIndex(panel.site.findData(site))
    if at is not None:
        panel.taken.setDateTime(QDateTime(at.replace(tzinfo=None)))
    return panel.submit()


def test_samples_numbered_and_number_twice_refused(qtbot):
    panel = make_samples(qtbot)
    for site in ("vaginal", "anal", "sang"):
        assert add(panel, site, NOW - timedelta(minutes=20))
    assert [s.number for s in panel.samples] == [1, 2, 3]
    assert panel.number.value() == 4
    assert panel.table.rowCount() == 3
    panel.number.setValue(2)
    panel.nature.setCurrentIndex(0)
    assert not add(panel, "buccal")
    error = panel.errors.labels["numero"]
    assert error.isVisible() and "déjà utilisé" in error.text()
    assert len(panel.samples) == 3
    assert panel.nature.currentIndex() == 0  # nothing lost
    assert panel.site.currentData() == "buccal"
    assert panel.labels_bytes().startswith(b"%PDF")


def test_sample_in_the_future_or_before_the_facts(qtbot):
    panel = make_samples(qtbot)
    assert not add(panel, "anal", NOW + timedelta(days=1))
    assert "futur" in panel.errors.labels["recueilli_le"].text()
    assert not add(panel, "anal", FACTS_AT - timedelta(hours=2))
    assert "précéder les faits" in panel.errors.labels["recueilli_le"].text()
    assert panel.samples == []


def test_alerts_update_with_the_clock(qtbot):
    now = [FACTS_AT + timedelta(hours=47, minutes=59)]
    panel = AlertsPanel(clock=lambda: now[0])
    qtbot.addWidget(panel)
    panel.set_facts(FactsTime.exact(FACTS_AT))
    tpe = next(a for a in panel.alerts if a.window.id == "tpe_vih")
    assert tpe.status == "bientôt fermé"
    now[0] = FACTS_AT + timedelta(hours=48, minutes=1)
    panel.refresh()
    tpe = next(a for a in panel.alerts if a.window.id == "tpe_vih")
    assert tpe.status == "dépassé"
    panel.set_facts(FactsTime.unknown())
    assert all(a.status == "inconnu" for a in panel.alerts)
    assert "inconnues" in panel.header.text()
    assert panel.timer.isActive() and panel.timer.interval() == 30_000
