"""Strict loader: YAML form definition -> FormSpec, or FormSpecError naming file, line and fix.

Everything is checked before a FormSpec exists: unknown keys (with the closest known key
suggested), wrong value types, duplicate keys and ids, unknown field types, options on a
field that has none, expressions that don't parse, names in conditions that are not fields
in scope, `after:` constraints that point nowhere, legal bases missing from the law table,
and cycles between conditions / computed values.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from desktop.core.errors import TrameError
from desktop.core.formspec.expr import FUNCTIONS, Expr, ExprSyntaxError, parse_expr
from desktop.core.formspec.model import (
    CONFIDENTIALITY,
    FIELD_TYPES,
    FORM_KINDS,
    VALUELESS_TYPES,
    Constraints,
    Field,
    FormSpec,
    Option,
    Step,
)

__all__ = ["FormSpecError", "Problem", "load_form", "load_form_text"]

_ID = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
_FORM_ID = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
_LAW_KEY = re.compile(r"^[a-z0-9][a-z0-9._\-]{0,80}$")
_RESERVED = {"and", "or", "not", "in", "true", "false", "null"} | set(FUNCTIONS)
_MAX_BYTES = 2_000_000


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    message: str
    hint: str = ""

    def __str__(self) -> str:
        hint = f" — {self.hint}" if self.hint else ""
        return f"{self.file}:{self.line}: {self.message}{hint}"


class FormSpecError(TrameError):
    """A definition was refused. `.problems` lists every problem found (file, line, fix)."""

    def __init__(self, problems: list[Problem]):
        self.problems = tuple(problems)
        first = self.problems[0]
        self.file = first.file
        self.line = first.line
        self.hint = first.hint
        super().__init__("\n".join(str(p) for p in self.problems))


# ---- YAML with line numbers ----------------------------------------------------------------


class LDict(dict):
    """A mapping from YAML that remembers the line of each key and value."""

    line: int = 0
    lines: dict

    def key_line(self, key: str) -> int:
        return self.lines.get(key, (self.line, self.line))[0]

    def value_line(self, key: str) -> int:
        return self.lines.get(key, (self.line, self.line))[1]


class LList(list):
    line: int = 0
    lines: list


class _DupKey(Exception):
    def __init__(self, key: str, line: int, first: int):
        self.key, self.line, self.first = key, line, first


# libyaml's parser when present (5x faster); same safe constructors, same line marks
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc, valid-type]
    pass


def _construct_map(loader: _Loader, node: yaml.MappingNode) -> LDict:
    loader.flatten_mapping(node)
    out = LDict()
    out.line = node.start_mark.line + 1
    out.lines = {}
    for k_node, v_node in node.value:
        key = loader.construct_object(k_node, deep=True)
        if not isinstance(key, str):
            key = str(key)  # reported later as an unknown key, with its line
        kline = k_node.start_mark.line + 1
        if key in out:
            raise _DupKey(key, kline, out.lines[key][0])
        out[key] = loader.construct_object(v_node, deep=True)
        out.lines[key] = (kline, v_node.start_mark.line + 1)
    return out


def _construct_seq(loader: _Loader, node: yaml.SequenceNode) -> LList:
    out = LList(loader.construct_object(n, deep=True) for n in node.value)
    out.line = node.start_mark.line + 1
    out.lines = [n.start_mark.line + 1 for n in node.value]
    return out


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_Loader.add_constructor("tag:yaml.org,2002:omap", _construct_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)


# Aliases (&a / *a) share one node, so a 3 KB file can stand for a billion fields that the
# checks below would walk one by one: the tree as the checker sees it is bounded instead.
_MAX_NODES = 200_000


def _expanded_size(root: yaml.Node) -> int:
    """Node count with every alias expanded (iterative: libyaml nests deeper than Python)."""
    sizes: dict[int, int] = {}

    def children(node):
        if isinstance(node, yaml.MappingNode):
            return [n for pair in node.value for n in pair]
        if isinstance(node, yaml.SequenceNode):
            return list(node.value)
        return []

    stack = [(root, False)]
    while stack:
        node, done = stack.pop()
        if done:
            sizes[id(node)] = 1 + sum(sizes[id(k)] for k in children(node))
            if sizes[id(node)] > _MAX_NODES:
                return sizes[id(node)]
        elif id(node) not in sizes:
            sizes[id(node)] = 0  # in progress; a recursive alias is refused when constructed
            stack.append((node, True))
            stack.extend((k, False) for k in children(node))
    return sizes[id(root)]


class _TooBig(Exception):
    pass


def _load(text: str) -> Any:
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if _expanded_size(node) > _MAX_NODES:
            raise _TooBig()
        return loader.construct_document(node)
    finally:
        loader.dispose()


def parse_yaml(text: str, file: str) -> Any:
    """YAML -> LDict/LList tree, or FormSpecError for syntax errors and duplicate keys."""
    try:
        return _load(text)
    except _DupKey as exc:
        raise FormSpecError(
            [
                Problem(
                    file,
                    exc.line,
                    f"clé « {exc.key} » en double (déjà ligne {exc.first})",
                    "supprimez ou renommez l'une des deux",
                )
            ]
        ) from None
    except _TooBig:
        raise FormSpecError(
            [
                Problem(
                    file,
                    1,
                    "définition trop grande : plus de 200\u00a0000 éléments une fois les alias "
                    "YAML (&, *) développés",
                    "recopiez les parties communes au lieu de les démultiplier par des alias",
                )
            ]
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark else 1
        what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise FormSpecError(
            [
                Problem(
                    file,
                    line,
                    f"YAML illisible : {what}",
                    "vérifiez l'indentation (espaces, pas de tabulation) et les deux-points ; "
                    "mettez entre guillemets un texte qui contient « : » ou « # »",
                )
            ]
        ) from None


# ---- the checker ---------------------------------------------------------------------------

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
}
_FORMATS = ("phone", "email", "sha256")

# which keys make sense for which types
_OPTION_TYPES = {"choice", "multi_choice", "body_markers"}
_CONSTRAINTS_BY_TYPE = {
    "text": {"min_length", "max_length", "format"},
    "long_text": {"min_length", "max_length"},
    "verbatim": {"min_length", "max_length"},
    "integer": {"min", "max"},
    "date": {"not_future", "after"},
    "time": {"after"},
    "datetime": {"not_future", "after"},
    "multi_choice": {"min_items", "max_items"},
    "repeat": {"min_items", "max_items"},
    "body_markers": {"min_items", "max_items"},
}
_STORES = ("cases", "medical")
_PERSON_ROLES = ("victime", "suspect", "client", "témoin", "autre")


def _close(word: str, choices) -> str:
    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"vouliez-vous dire « {found[0]} » ?" if found else ""


class _Checker:
    def __init__(self, file: str, legal_keys: Collection[str] | None):
        self.file = file
        self.legal_keys = legal_keys
        self.problems: list[Problem] = []
        self.medical = False
        self._after_lines: dict[int, int] = {}
        self._expr_lines: dict[int, int] = {}
        self.seen_steps: dict[str, int] = {}
        self.seen_fields: dict[str, int] = {}

    def err(self, line: int, message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.file, line, message, hint))

    # -- generic helpers

    def keys(self, m: LDict, allowed: dict, required: tuple, what: str) -> None:
        misspelled: set[str] = set()
        for key in m:
            if key not in allowed:
                close = difflib.get_close_matches(key, list(allowed), n=1, cutoff=0.6)
                misspelled.update(close)
                hint = _close(key, allowed) or "clés admises : " + ", ".join(allowed)
                self.err(m.key_line(key), f"clé inconnue « {key} » dans {what}", hint)
                continue
            types, name = allowed[key]
            value = m[key]
            ok = isinstance(value, types) and not (isinstance(value, bool) and bool not in types)
            if not ok:
                self.err(
                    m.value_line(key),
                    f"« {key} » doit être {name} (trouvé : {type(value).__name__})",
                    "mettez le texte entre guillemets" if str in types else "",
                )
        for key in required:
            if key not in m and key not in misspelled:
                self.err(m.line, f"clé obligatoire « {key} » absente dans {what}")

    def get(self, m: LDict, key: str, types: tuple, default: Any = None) -> Any:
        value = m.get(key, default)
        if value is None or not isinstance(value, types):
            return default
        if isinstance(value, bool) and bool not in types:
            return default
        return value

    def strings(self, m: LDict, key: str) -> tuple[str, ...]:
        value = m.get(key)
        if isinstance(value, str):
            return (value,)
        if isinstance(value, list):
            out = []
            for i, item in enumerate(value):
                if isinstance(item, str):
                    out.append(item)
                else:
                    self.err(value.lines[i], f"« {key} » : chaque élément doit être un texte")
            return tuple(out)
        return ()

    def legal(self, m: LDict, key: str = "legal_basis") -> tuple[str, ...]:
        refs = self.strings(m, key)
        for ref in refs:
            if not _LAW_KEY.match(ref):
                self.err(m.value_line(key), f"référence juridique « {ref} » mal formée")
            elif self.legal_keys is not None and ref not in self.legal_keys:
                hint = _close(ref, self.legal_keys) or (
                    "ajoutez l'article dans desktop/templates/law.yaml"
                )
                self.err(
                    m.value_line(key), f"référence « {ref} » absente de la table juridique", hint
                )
        return refs

    def expr(self, m: LDict, key: str) -> Expr | None:
        src = m.get(key)
        if not isinstance(src, str):
            return None
        try:
            expr = parse_expr(src)
            self._expr_lines[id(expr)] = m.value_line(key)
            return expr
        except ExprSyntaxError as exc:
            self.err(
                m.value_line(key),
                f"condition « {key} » illisible : {exc.message} (colonne {exc.column})",
                "exemple : victime_age < 15 and enregistrement == 'impossible'",
            )
            return None

    # -- form

    def form(self, data: Any) -> FormSpec | None:
        if not isinstance(data, LDict):
            self.err(
                getattr(data, "line", 1),
                "le fichier doit décrire un formulaire (id, version, title, kind, steps)",
            )
            return None
        self.keys(data, _FORM_KEYS, _FORM_REQUIRED, "le formulaire")
        form_id = self.get(data, "id", (str,), "")
        if form_id and not _FORM_ID.match(form_id):
            self.err(
                data.value_line("id"),
                f"identifiant de formulaire « {form_id} » invalide",
                "minuscules, chiffres et _ ; commence par une lettre",
            )
        version = data.get("version")
        if isinstance(version, bool) or version is None:
            version = ""
        version = str(version)
        kind = self.get(data, "kind", (str,), "")
        if kind and kind not in FORM_KINDS:
            self.err(
                data.value_line("kind"),
                f"nature de formulaire « {kind} » inconnue",
                "valeurs admises : " + ", ".join(FORM_KINDS),
            )
        store = self.get(data, "store", (str,), "cases")
        if store not in _STORES:
            self.err(
                data.value_line("store"),
                f"« store » vaut « {store} »",
                "valeurs admises : cases (base enquête) ou medical (base médicale)",
            )
        legal = self.legal(data)
        self.medical = store == "medical"

        steps_raw = self.get(data, "steps", (list,), [])
        if isinstance(data.get("steps"), list) and not steps_raw:
            self.err(data.value_line("steps"), "le formulaire n'a aucune étape")
        self.seen_steps: dict[str, int] = {}
        self.seen_fields: dict[str, int] = {}
        steps = []
        for i, raw in enumerate(steps_raw):
            step = self.step(raw, steps_raw.lines[i])
            if step:
                steps.append(step)
        phases = self.phases(data, steps)
        if self.problems:
            return None
        spec = FormSpec(
            id=form_id,
            version=version,
            title=data["title"],
            kind=kind,
            steps=tuple(steps),
            description=self.get(data, "description", (str,), ""),
            store=store,
            legal_basis=legal,
            source=self.file,
            phases=phases,
        )
        self.references(spec)
        return None if self.problems else spec

    def phases(self, data: LDict, steps: list[Step]) -> tuple[tuple[str, str], ...]:
        raw = data.get("phases")
        if not isinstance(raw, LDict):
            return ()
        out = []
        for key, label in raw.items():
            if not _ID.match(key):
                self.err(raw.key_line(key), f"identifiant de phase « {key} » invalide")
            if not isinstance(label, str):
                self.err(
                    raw.value_line(key), f"le libellé de la phase « {key} » doit être un texte"
                )
                continue
            out.append((key, label))
        known = {k for k, _ in out}
        for step in steps:
            if step.phase and step.phase not in known:
                hint = _close(step.phase, known) or "déclarez-la sous « phases: »"
                self.err(
                    step.line, f"étape « {step.id} » : phase « {step.phase} » non déclarée", hint
                )
        return tuple(out)

    def step(self, raw: Any, line: int) -> Step | None:
        if not isinstance(raw, LDict):
            self.err(line, "une étape doit être un dictionnaire (id, title, fields)")
            return None
        self.keys(raw, _STEP_KEYS, _STEP_REQUIRED, "l'étape")
        step_id = self.get(raw, "id", (str,), "")
        self.check_id(raw, step_id, self.seen_steps, "d'étape")
        fields = self.field_list(raw, self.seen_fields, top=True)
        if isinstance(raw.get("fields"), list) and not raw["fields"]:
            self.err(raw.value_line("fields"), f"l'étape « {step_id} » n'a aucun champ")
        return Step(
            id=step_id,
            title=self.get(raw, "title", (str,), ""),
            fields=fields,
            phase=self.get(raw, "phase", (str,), ""),
            help=self.get(raw, "help", (str,), ""),
            prompts=self.strings(raw, "prompts"),
            visible_if=self.expr(raw, "visible_if"),
            legal_basis=self.legal(raw),
            line=raw.line,
        )

    def check_id(self, raw: LDict, ident: str, seen: dict, what: str) -> None:
        if not ident:
            return
        line = raw.value_line("id")
        if not _ID.match(ident):
            self.err(
                line,
                f"identifiant {what} « {ident} » invalide",
                "minuscules sans accent, chiffres et _ ; commence par une lettre",
            )
        elif ident in _RESERVED:
            self.err(
                line,
                f"« {ident} » est un mot réservé du langage des conditions",
                "choisissez un autre identifiant",
            )
        if ident in seen:
            self.err(
                line,
                f"identifiant {what} « {ident} » en double (déjà ligne {seen[ident]})",
                "chaque identifiant doit être unique dans le formulaire",
            )
        else:
            seen[ident] = line

    def field_list(self, raw: LDict, seen: dict, top: bool, inherited: str | None = None):
        items = self.get(raw, "fields", (list,), [])
        out = []
        for i, item in enumerate(items):
            f = self.field(item, items.lines[i], seen, top, inherited)
            if f:
                out.append(f)
        return tuple(out)

    def field(self, raw: Any, line: int, seen: dict, top: bool, inherited: str | None):
        if not isinstance(raw, LDict):
            self.err(line, "un champ doit être un dictionnaire (id, type, label…)")
            return None
        self.keys(raw, _FIELD_KEYS, _FIELD_REQUIRED, "le champ")
        fid = self.get(raw, "id", (str,), "")
        self.check_id(raw, fid, seen, "de champ")
        if not top and fid in self.seen_fields:
            self.err(
                raw.value_line("id"),
                f"le sous-champ « {fid} » porte le nom d'un champ du formulaire",
                "renommez-le : une condition ne saurait pas lequel des deux elle lit",
            )
        ftype = self.get(raw, "type", (str,), "")
        if ftype and ftype not in FIELD_TYPES:
            hint = _close(ftype, FIELD_TYPES) or "types admis : " + ", ".join(FIELD_TYPES)
            self.err(raw.value_line("type"), f"type de champ « {ftype} » inconnu", hint)
        where = f"le champ « {fid} »"

        options = self.options(raw, ftype, where)
        if ftype in ("choice", "multi_choice") and not options and "options" not in raw:
            self.err(
                raw.line,
                f"{where} est un choix sans « options »",
                "ajoutez options: [{value: ..., label: ...}]",
            )
        sub: tuple[Field, ...] = ()
        if "fields" in raw:
            if ftype != "repeat":
                self.err(
                    raw.key_line("fields"),
                    f"{where} n'est pas un groupe répétable : « fields » interdit",
                    "utilisez type: repeat pour un groupe de sous-champs",
                )
            else:
                sub_seen: dict[str, int] = {}
                conf = self.get(raw, "confidentiality", (str,), inherited)
                sub = self.field_list(raw, sub_seen, top=False, inherited=conf)
        if ftype == "repeat" and not sub and "fields" not in raw:
            self.err(raw.line, f"{where} est un groupe répétable sans « fields »")

        compute = self.expr(raw, "compute")
        if ftype == "computed" and "compute" not in raw:
            self.err(
                raw.line,
                f"{where} est calculé mais n'a pas de « compute »",
                "exemple : compute: age_at(victime_date_naissance, faits_date_debut)",
            )
        if "compute" in raw and ftype != "computed":
            self.err(raw.key_line("compute"), "« compute » n'est permis que pour type: computed")

        required = raw.get("required", False)
        required_if = self.expr(raw, "required_if")
        if isinstance(required, str):
            # `required: <condition>` is a shorthand for required_if
            if "required_if" in raw:
                self.err(
                    raw.value_line("required"),
                    "« required » et « required_if » sont tous deux conditionnels",
                    "gardez seulement required_if",
                )
            required_if = self.expr(raw, "required")
            required = False
        if (required or required_if) and ftype in VALUELESS_TYPES:
            self.err(
                raw.key_line("required" if "required" in raw else "required_if"),
                f"{where} ne reçoit pas de réponse : il ne peut pas être obligatoire",
            )

        conf = self.get(raw, "confidentiality", (str,), None)
        if conf is not None and conf not in CONFIDENTIALITY:
            self.err(
                raw.value_line("confidentiality"),
                f"confidentialité « {conf} » inconnue",
                "shareable (va au certificat) ou confidential (dossier médical seul)",
            )
        if conf is None:
            conf = inherited
        if self.medical and top and ftype not in VALUELESS_TYPES and conf is None:
            self.err(
                raw.line,
                f"{where} d'un formulaire médical n'indique pas sa confidentialité",
                "ajoutez confidentiality: shareable ou confidentiality: confidential",
            )

        person_role = self.get(raw, "person_role", (str,), None)
        if person_role is not None and person_role not in _PERSON_ROLES:
            self.err(
                raw.value_line("person_role"),
                f"rôle « {person_role} » inconnu",
                "rôles : " + ", ".join(_PERSON_ROLES),
            )
        if "person_role" in raw and ftype != "person_ref":
            self.err(
                raw.key_line("person_role"),
                "« person_role » n'est permis que pour type: person_ref",
            )

        return Field(
            id=fid,
            type=ftype,
            label=self.get(raw, "label", (str,), ""),
            help=self.get(raw, "help", (str,), ""),
            plain=self.get(raw, "plain", (str,), ""),
            prompts=self.strings(raw, "prompts"),
            required=bool(required) if isinstance(required, bool) else False,
            required_if=required_if,
            visible_if=self.expr(raw, "visible_if"),
            constraints=self.constraints(raw, ftype, where),
            legal_basis=self.legal(raw),
            options=options,
            fields=sub,
            confidentiality=conf,
            compute=compute,
            unit=self.get(raw, "unit", (str,), ""),
            person_role=person_role,
            item_label=self.get(raw, "item_label", (str,), ""),
            placeholder=self.get(raw, "placeholder", (str,), ""),
            line=raw.line,
        )

    def options(self, raw: LDict, ftype: str, where: str) -> tuple[Option, ...]:
        if "options" not in raw:
            return ()
        if ftype not in _OPTION_TYPES:
            self.err(
                raw.key_line("options"),
                f"{where} (type {ftype}) ne prend pas d'« options »",
                "les options vont avec choice, multi_choice ou body_markers",
            )
            return ()
        items = self.get(raw, "options", (list,), [])
        out, seen = [], {}
        for i, item in enumerate(items):
            line = items.lines[i]
            if isinstance(item, str):
                item_map = LDict(value=item, label=item)
                item_map.line, item_map.lines = line, {}
                item = item_map
            if not isinstance(item, LDict):
                self.err(
                    line,
                    "une option doit être {value: ..., label: ...} ou un texte",
                    "mettez entre guillemets une valeur comme oui, non, yes, no, on, off",
                )
                continue
            self.keys(item, _OPTION_KEYS, ("value", "label"), "l'option")
            value = item.get("value")
            if not isinstance(value, str):
                continue
            if value in seen:
                self.err(line, f"option « {value} » en double (déjà ligne {seen[value]})")
            seen[value] = line
            out.append(
                Option(
                    value,
                    self.get(item, "label", (str,), value),
                    self.get(item, "help", (str,), ""),
                )
            )
        if not out and isinstance(raw.get("options"), list):
            self.err(raw.value_line("options"), f"{where} a une liste d'options vide")
        return tuple(out)

    def constraints(self, raw: LDict, ftype: str, where: str) -> Constraints:
        c = raw.get("constraints")
        if not isinstance(c, LDict):
            return Constraints()
        self.keys(c, _CONSTRAINT_KEYS, (), "les contraintes")
        allowed = _CONSTRAINTS_BY_TYPE.get(ftype, set())
        for key in c:
            if key in _CONSTRAINT_KEYS and key not in allowed:
                self.err(
                    c.key_line(key),
                    f"contrainte « {key} » sans objet pour {where} (type {ftype})",
                    ("contraintes possibles : " + ", ".join(sorted(allowed))) if allowed else "",
                )
        fmt = self.get(c, "format", (str,), None)
        if fmt is not None and fmt not in _FORMATS:
            self.err(
                c.value_line("format"),
                f"format « {fmt} » inconnu",
                "formats : " + ", ".join(_FORMATS),
            )
        mn, mx = self.get(c, "min", (int, float)), self.get(c, "max", (int, float))
        if mn is not None and mx is not None and mn > mx:
            self.err(c.line, f"contraintes de {where} : min ({mn}) dépasse max ({mx})")
        out = Constraints(
            min=mn,
            max=mx,
            min_length=self.get(c, "min_length", (int,)),
            max_length=self.get(c, "max_length", (int,)),
            min_items=self.get(c, "min_items", (int,)),
            max_items=self.get(c, "max_items", (int,)),
            not_future=bool(self.get(c, "not_future", (bool,), False)),
            after=self.get(c, "after", (str,)),
            format=fmt,
        )
        self._after_lines[id(out)] = c.value_line("after")
        return out

    # -- cross references and cycles

    def references(self, spec: FormSpec) -> None:
        """Names in conditions exist in scope; `after:` targets exist; no cycles."""
        top = {f.id: f for s in spec.steps for f in s.fields}
        deps: dict[str, set[str]] = {}
        lines: dict[str, int] = {}

        def scope_lookup(name: str, scopes: list[tuple[str, dict]]) -> str | None:
            for prefix, fields in scopes:
                if name in fields:
                    return prefix + name
            return None

        def check_expr(expr: Expr | None, key: str, owner: str, line: int, scopes) -> set[str]:
            found: set[str] = set()
            if expr is None:
                return found
            line = self._expr_lines.get(id(expr), line)
            for name in sorted(expr.refs):
                path = scope_lookup(name, scopes)
                if path is None:
                    names = [n for _, fields in scopes for n in fields]
                    hint = _close(name, names) or "une condition ne peut lire qu'un champ existant"
                    self.err(
                        line, f"{owner} : « {key} » lit « {name} », qui n'est pas un champ", hint
                    )
                else:
                    found.add(path)
            return found

        def walk(fields, prefix: str, scopes, step: Step, parent: str | None):
            for f in fields:
                path = prefix + f.id
                lines[path] = f.line
                owner = f"champ « {path} »"
                d = set()
                d |= check_expr(f.visible_if, "visible_if", owner, f.line, scopes)
                d |= check_expr(f.compute, "compute", owner, f.line, scopes)
                check_expr(f.required_if, "required_if", owner, f.line, scopes)
                d |= step_deps[step.id]
                if parent:
                    d.add(parent)
                deps[path] = d
                if f.constraints.after:
                    target = scope_lookup(f.constraints.after, scopes)
                    line = self._after_lines.get(id(f.constraints), f.line)
                    if target is None:
                        self.err(
                            line,
                            f"{owner} : « after » désigne « {f.constraints.after} », qui n'est pas un champ",
                            _close(f.constraints.after, [n for _, fs in scopes for n in fs]),
                        )
                    else:
                        tf = spec.field_at(target)
                        if tf.type != f.type:
                            self.err(
                                line,
                                f"{owner} : « after » compare un {f.type} à un {tf.type}",
                                "comparez deux champs du même type (date, time ou datetime)",
                            )
                if f.fields:
                    inner = {sf.id: sf for sf in f.fields}
                    walk(f.fields, path + ".", [(path + ".", inner), *scopes], step, path)

        step_deps: dict[str, set[str]] = {}
        for step in spec.steps:
            step_deps[step.id] = check_expr(
                step.visible_if, "visible_if", f"étape « {step.id} »", step.line, [("", top)]
            )
        for step in spec.steps:
            walk(step.fields, "", [("", top)], step, None)
        if self.problems:
            return
        self.cycles(deps, lines)

    def cycles(self, deps: dict[str, set[str]], lines: dict[str, int]) -> None:
        state: dict[str, int] = {}  # 1 = on the stack, 2 = done
        stack: list[str] = []
        reported: set[frozenset] = set()

        def visit(node: str) -> None:
            state[node] = 1
            stack.append(node)
            for nxt in sorted(deps.get(node, ())):
                if state.get(nxt) == 1:
                    cycle = stack[stack.index(nxt) :] + [nxt]
                    key = frozenset(cycle)
                    if key not in reported:
                        reported.add(key)
                        self.err(
                            lines.get(nxt, 1),
                            "conditions circulaires : " + " → ".join(cycle),
                            "un champ ne peut pas dépendre, même indirectement, de lui-même ; "
                            "une étape ne peut pas dépendre de ses propres champs",
                        )
                elif state.get(nxt) is None:
                    visit(nxt)
            stack.pop()
            state[node] = 2

        for node in sorted(deps):
            if state.get(node) is None:
                visit(node)


def load_form_text(
    text: str, file: str = "<texte>", *, legal_keys: Collection[str] | None = None
) -> FormSpec:
    """Load a definition from YAML text (see load_form)."""
    data = parse_yaml(text, file)
    checker = _Checker(file, legal_keys)
    spec = checker.form(data)
    if spec is None:
        problems = checker.problems or [Problem(file, 1, "définition refusée")]
        raise FormSpecError(sorted(problems, key=lambda p: p.line))
    object.__setattr__(spec, "sha256", hashlib.sha256(text.encode("utf-8")).hexdigest())
    return spec


_DEFAULT = object()


def load_form(path: str | Path, *, legal_keys: Any = _DEFAULT) -> FormSpec:
    """Load and check one definition. Raises FormSpecError listing every problem found.

    `legal_keys`: the keys `legal_basis` may use; by default those of the law table in
    desktop/templates/law*.yaml; None skips that check.
    """
    path = Path(path)
    if legal_keys is _DEFAULT:
        from desktop.core.law import default_law_keys

        legal_keys = default_law_keys()
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise FormSpecError(
            [Problem(str(path), 0, f"fichier illisible ({exc.strerror})")]
        ) from None
    if len(raw) > _MAX_BYTES:
        raise FormSpecError(
            [Problem(str(path), 1, "fichier trop gros pour une définition (2 Mo au plus)")]
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise FormSpecError(
            [Problem(str(path), line, "le fichier n'est pas en UTF-8", "enregistrez-le en UTF-8")]
        ) from None
    return load_form_text(text, str(path), legal_keys=legal_keys)
