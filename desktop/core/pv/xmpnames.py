"""The XMP namespace of Trame's document properties, shared by the PDF writer and the
verifier (which must not import reportlab just to read a name)."""

TRAME_NS = "urn:x-trame:ns:pv:1.0#"  # not http(s): pyHanko would turn it into a URI
TRAME_PREFIX = "trame"
