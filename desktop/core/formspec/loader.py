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
from pathlib import Path
from typing import Any

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
from desktop.core.formspec.references import References
from desktop.core.formspec.schema import (
    _CONSTRAINT_KEYS,
    _CONSTRAINTS_BY_TYPE,
    _FIELD_KEYS,
    _FIELD_REQUIRED,
    _FORM_KEYS,
    _FORM_REQUIRED,
    _FORMATS,
    _OPTION_KEYS,
    _OPTION_TYPES,
    _PERSON_ROLES,
    _STEP_KEYS,
    _STEP_REQUIRED,
    _STORES,
)
from desktop.core.specfile import LDict, LList, Problem, SpecError, read_spec_text
from desktop.core.specfile import close_match as _close
from desktop.core.specfile import parse_yaml as _parse_yaml

__all__ = [
    "FormSpecError",
    "LDict",
    "LList",
    "Problem",
    "load_form",
    "load_form_text",
    "parse_yaml",
]

_ID = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
_FORM_ID = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
_LAW_KEY = re.compile(r"^[a-z0-9][a-z0-9._\-]{0,80}$")
_RESERVED = {"and", "or", "not", "in", "true", "false", "null"} | set(FUNCTIONS)


class FormSpecError(SpecError):
    """A form definition was refused. `.problems` lists every problem (file, line, fix)."""


def parse_yaml(text: str, file: str) -> Any:
    """YAML -> LDict/LList tree with line numbers; FormSpecError when unreadable."""
    return _parse_yaml(text, file, FormSpecError)


class _Checker(References):
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
            approximate=bool(self.get(c, "approximate", (bool,), False)),
        )
        self._after_lines[id(out)] = c.value_line("after")
        return out


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


def load_form(path: str | Path, *, legal_keys: Collection[str] | None = None) -> FormSpec:
    """Load and check one definition. Raises FormSpecError listing every problem found.

    `legal_keys`: the keys `legal_basis` may use (the law table's, given by the caller:
    desktop.core.law.form_registry, `trame forms`); None skips that check.
    """
    text = read_spec_text(path, FormSpecError)
    return load_form_text(text, str(path), legal_keys=legal_keys)
