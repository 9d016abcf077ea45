"""The vocabulary of a form definition: the keys allowed at each level and their types."""

# ruff: noqa: RUF001 - French typography in messages

# key -> (accepted python types, french name of the expected type)
_STR = ((str,), "un texte")
_INT = ((int,), "un nombre entier")
_NUM = ((int, float), "un nombre")
_BOOL = ((bool,), "true ou false")
_STRS = ((str, list), "un texte ou une liste de textes")
_LIST = ((list,), "une liste")
_MAP = ((dict,), "un dictionnaire (clé: valeur)")
_VERSION = ((int, str, float), "un numéro de version (1, 2, « 2026.1 »…)")
_BOOL_OR_STR = ((bool, str), "true, false ou une condition")

_FORM_KEYS = {
    "id": _STR,
    "version": _VERSION,
    "title": _STR,
    "kind": _STR,
    "description": _STR,
    "store": _STR,
    "legal_basis": _STRS,
    "phases": _MAP,
    "steps": _LIST,
}
_FORM_REQUIRED = ("id", "version", "title", "kind", "steps")

_STEP_KEYS = {
    "id": _STR,
    "title": _STR,
    "phase": _STR,
    "help": _STR,
    "prompts": _STRS,
    "visible_if": _STR,
    "legal_basis": _STRS,
    "fields": _LIST,
}
_STEP_REQUIRED = ("id", "title", "fields")

_FIELD_KEYS = {
    "id": _STR,
    "type": _STR,
    "label": _STR,
    "help": _STR,
    "plain": _STR,
    "prompts": _STRS,
    "required": _BOOL_OR_STR,
    "required_if": _STR,
    "visible_if": _STR,
    "constraints": _MAP,
    "legal_basis": _STRS,
    "options": _LIST,
    "fields": _LIST,
    "confidentiality": _STR,
    "compute": _STR,
    "unit": _STR,
    "person_role": _STR,
    "item_label": _STR,
    "placeholder": _STR,
}
_FIELD_REQUIRED = ("id", "type", "label")

_OPTION_KEYS = {"value": _STR, "label": _STR, "help": _STR}

_CONSTRAINT_KEYS = {
    "min": _NUM,
    "max": _NUM,
    "min_length": _INT,
    "max_length": _INT,
    "min_items": _INT,
    "max_items": _INT,
    "not_future": _BOOL,
    "after": _STR,
    "format": _STR,
    "approximate": _BOOL,
}
_FORMATS = ("phone", "email", "sha256")

# which keys make sense for which types
_OPTION_TYPES = {"choice", "multi_choice", "body_markers"}
_CONSTRAINTS_BY_TYPE = {
    "text": {"min_length", "max_length", "format"},
    "long_text": {"min_length", "max_length"},
    "verbatim": {"min_length", "max_length"},
    "integer": {"min", "max"},
    "date": {"not_future", "after", "approximate"},
    "time": {"after"},
    "datetime": {"not_future", "after"},
    "multi_choice": {"min_items", "max_items"},
    "repeat": {"min_items", "max_items"},
    "body_markers": {"min_items", "max_items"},
}
_STORES = ("cases", "medical")
_PERSON_ROLES = (
    "victime",
    "suspect",
    "client",
    "témoin",
    "representant_legal",
    "administrateur_ad_hoc",
    "autre",
)  # = desktop.core.vault.repos.PERSON_ROLES (tested)
