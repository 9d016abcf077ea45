"""Handwritten signatures on screen: a pad (mouse, touch, pen) and a signer panel.

    from desktop.ui.signing import SignaturePad, SignaturePanel, SignatureFieldEditor
    panel = SignaturePanel(name="Léa MARTIN", quality="personne entendue")
    panel.value()     # the `signature` answer JSON stored in the vault (image as base64 PNG)

The wizard loads `desktop.ui.signing.field_editor.create(field, env)` for `signature` fields.
"""

from desktop.ui.signing.field_editor import SignatureFieldEditor, create
from desktop.ui.signing.pad import SignaturePad
from desktop.ui.signing.panel import STATUSES, SignaturePanel

__all__ = ["STATUSES", "SignatureFieldEditor", "SignaturePad", "SignaturePanel", "create"]
