"""Case files for `trame demo --case FICHIER.yaml`: a training or test case in the schema of
the shipped demo case (desktop/core/sample/demo_case.yaml), checked key by key.

A key absent from the file keeps the shipped case's value; a key the schema does not know,
or a value of the wrong kind, is refused with a French message naming the key and its line.
The answer sections (hearing, uaped, umj, fiche) also accept any field of their form.

    data = load_case_file(Path("cas-formation.yaml"), demo_data())
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from desktop.core.errors import InvalidInput

# answer sections and the form whose field ids they may hold
ANSWER_SECTIONS = {
    "hearing": "audition_mineur",
    "uaped": "checklist_uaped",
    "umj": "checklist_umj",
    "fiche": "fiche_signalement",
}
_KINDS = {str: "un texte", bool: "oui/non (true/false)", int: "un nombre", float: "un nombre",
          list: "une liste", dict: "un ensemble de clés"}  # fmt: skip


class CaseFileError(InvalidInput):
    """A case file that cannot be used (French message with the key and the line)."""


def _kind(value: Any) -> type:
    if isinstance(value, bool):
        return bool
    if isinstance(value, int | float):
        return float
    if value is None:
        return type(None)
    for t in (str, list, dict):
        if isinstance(value, t):
            return t
    return type(value)


def _form_fields(form_id: str) -> frozenset[str]:
    from desktop.core.formspec import FormRegistry

    registry = FormRegistry()
    registry.reload()
    try:
        ids = registry.get(form_id).field_ids
    except KeyError:
        return frozenset()
    return frozenset(ids() if callable(ids) else ids)


def _check(node, value, ref, where: str, name: str, answers: frozenset[str] | None) -> None:
    line = node.start_mark.line + 1
    if ref is None or value is None:
        return
    if _kind(value) is not _kind(ref):
        expected = _KINDS.get(_kind(ref), "une autre valeur")
        raise CaseFileError(f"« {name} », ligne {line} : la clé « {where} » doit être {expected}.")
    if isinstance(node, yaml.MappingNode) and isinstance(ref, dict):
        for key_node, value_node in node.value:
            key = key_node.value
            path = f"{where}.{key}" if where else key
            section = ANSWER_SECTIONS.get(key) if not where else None
            if key not in ref and not (answers is not None and key in answers):
                allowed = ", ".join(sorted(ref)) if len(ref) <= 12 else "celles du cas fourni"
                if answers is not None:
                    allowed = "les champs du formulaire de la section"
                raise CaseFileError(
                    f"« {name} », ligne {key_node.start_mark.line + 1} : clé inconnue « {path} »"
                    f" (clés possibles : {allowed})."
                )
            sub_answers = _form_fields(section) if section else None
            _check(value_node, value[key], ref.get(key), path, name, sub_answers)


def _merge(ref: Any, value: Any) -> Any:
    if isinstance(ref, dict) and isinstance(value, dict):
        return {**ref, **{k: _merge(ref.get(k), v) for k, v in value.items()}}
    return value


def load_case_file(path: Path, reference: dict) -> dict:
    """The case of `path` completed by `reference` (the shipped demo case).

    Raises CaseFileError naming the file, the line and the key on unreadable YAML, an
    unknown key or a value of the wrong kind."""
    name = Path(path).name
    try:
        text = Path(path).read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CaseFileError(f"Fichier de cas « {path} » illisible ({exc}).") from None
    try:
        node = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f", ligne {mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", "") or "syntaxe"
        raise CaseFileError(f"« {name} »{where} : YAML illisible ({problem}).") from None
    if not isinstance(node, yaml.MappingNode) or not isinstance(data, dict):
        raise CaseFileError(
            f"« {name} », ligne 1 : un fichier de cas est un ensemble de clés (case, victim, "
            "officer, hearing, transcript…), comme desktop/core/sample/demo_case.yaml."
        )
    _check(node, data, reference, "", name, None)
    return _merge(reference, data)


def pseudonymised_copy(session, case_id: int, out: Path, say=print) -> Path:
    """The sealed pseudonymised copy of the demo case in `out` (no screen: the names of the
    review list that are pre-ticked are confirmed, as an officer accepting them would)."""
    from desktop.core.export.bundle import export_pseudonymised
    from desktop.core.export.review import review_candidates

    kept = [c.text for c in review_candidates(session, case_id) if c.suggested]
    say(f"Relecture avant diffusion (automatique) : {len(kept)} nom(s) confirmé(s).")
    return export_pseudonymised(session, case_id, out, extra_names=kept).path
