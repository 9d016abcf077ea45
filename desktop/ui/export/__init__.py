"""« Exporter vers la procédure »: the export dialog, run in the UI's vault worker.

from desktop.ui.export import ExportDialog, export_action
action = export_action(ctx, parent_widget, lambda: current_case_id)   # menu / toolbar
ExportDialog(ctx, case_id, parent).open()
"""

from desktop.ui.export.dialog import ExportDialog, export_action

__all__ = ["ExportDialog", "export_action"]
