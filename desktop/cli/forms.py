"""`trame forms check PATH…` and `trame forms show ID`."""

from __future__ import annotations

import sys
from pathlib import Path

from desktop.core.errors import TrameError
from desktop.core.formspec import FIELD_TYPES, FormSpecError, load_form
from desktop.core.formspec.model import Field
from desktop.core.formspec.registry import FORMS_DIR, FormRegistry
from desktop.core.law import default_law_keys


def register(sub) -> None:
    p = sub.add_parser("forms", help="vérifier et afficher les définitions de formulaires")
    forms = p.add_subparsers(dest="forms_command", metavar="ACTION", required=True)

    c = forms.add_parser("check", help="vérifier des fichiers de définition (YAML)")
    c.add_argument("paths", nargs="+", type=Path, metavar="FICHIER")
    c.set_defaults(func=cmd_check)

    s = forms.add_parser("show", help="afficher la structure d'un formulaire")
    s.add_argument("form_id", metavar="ID", help="identifiant (ex. audition_mineur) ou fichier")
    s.add_argument("--dir", type=Path, default=FORMS_DIR, help="dossier des définitions")
    s.set_defaults(func=cmd_show)

    ls = forms.add_parser("list", help="lister les formulaires disponibles")
    ls.add_argument("--dir", type=Path, default=FORMS_DIR, help="dossier des définitions")
    ls.set_defaults(func=cmd_list)


def cmd_check(args) -> int:
    failed = 0
    for path in args.paths:
        try:
            spec = load_form(path, legal_keys=default_law_keys())
        except FormSpecError as exc:
            failed += 1
            for problem in exc.problems:
                print(str(problem), file=sys.stderr)
            continue
        except TrameError as exc:  # e.g. the law table itself is invalid
            failed += 1
            print(f"{path}: {exc.message}", file=sys.stderr)
            continue
        n_fields = sum(1 for _ in spec.iter_fields())
        print(
            f"{path}: ok — {spec.id} v{spec.version}, {len(spec.steps)} étapes, {n_fields} champs"
        )
    if failed:
        print(f"{failed} fichier(s) refusé(s) sur {len(args.paths)}.", file=sys.stderr)
        return 1
    return 0


def _field_lines(f: Field, indent: str) -> list[str]:
    flags = []
    if f.required:
        flags.append("obligatoire")
    if f.required_if is not None:
        flags.append(f"obligatoire si {f.required_if.source}")
    if f.visible_if is not None:
        flags.append(f"visible si {f.visible_if.source}")
    if f.compute is not None:
        flags.append(f"= {f.compute.source}")
    if f.confidentiality:
        flags.append("partageable" if f.confidentiality == "shareable" else "confidentiel")
    if f.legal_basis:
        flags.append("base : " + ", ".join(f.legal_basis))
    extra = f" [{'; '.join(flags)}]" if flags else ""
    lines = [f"{indent}{f.id} ({f.type}) « {f.label} »{extra}"]
    if f.options and f.type != "body_markers":
        lines.append(f"{indent}    choix : " + ", ".join(o.value for o in f.options))
    for sub in f.fields:
        lines.extend(_field_lines(sub, indent + "    "))
    return lines


def cmd_show(args) -> int:
    target = Path(args.form_id)
    if target.suffix in (".yaml", ".yml") and target.exists():
        spec = load_form(target, legal_keys=default_law_keys())
    else:
        registry = FormRegistry(args.dir, legal_keys=default_law_keys())
        forms = registry.reload()
        for path, exc in registry.problems.items():
            print(f"attention : {path.name} refusé ({exc.problems[0]})", file=sys.stderr)
        if args.form_id not in forms:
            known = ", ".join(sorted(forms)) or "aucun"
            raise TrameError(f"formulaire « {args.form_id} » inconnu (disponibles : {known}).")
        spec = forms[args.form_id]
    print(f"{spec.id} v{spec.version} — {spec.title}")
    print(f"nature : {spec.kind} ; base : {spec.store} ; fichier : {spec.source}")
    if spec.legal_basis:
        print("références : " + ", ".join(spec.legal_basis))
    for i, step in enumerate(spec.steps, 1):
        cond = f" [visible si {step.visible_if.source}]" if step.visible_if else ""
        phase = f" ({spec.phase_label(step.phase)})" if step.phase else ""
        print(f"\n{i}. {step.id}{phase} — {step.title}{cond}")
        for f in step.fields:
            for line in _field_lines(f, "    "):
                print(line)
    used = sorted({f.type for _, f in spec.iter_fields()})
    print("\ntypes utilisés : " + ", ".join(f"{t} ({FIELD_TYPES[t]})" for t in used))
    return 0


def cmd_list(args) -> int:
    registry = FormRegistry(args.dir, legal_keys=default_law_keys())
    forms = registry.reload()
    for form_id, spec in sorted(forms.items()):
        print(f"{form_id}\tv{spec.version}\t{spec.kind}\t{spec.title}")
    for path, exc in registry.problems.items():
        print(f"refusé : {path.name} — {exc.problems[0]}", file=sys.stderr)
    return 1 if registry.problems else 0
