"""The step-form view shared by the hearing, the checklists and the fiche (issue 14)."""
