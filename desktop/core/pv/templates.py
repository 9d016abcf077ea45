"""Document texts as data: desktop/templates/pv_*.yaml, loaded strictly into frozen objects.

    t = load_template("pv_audition_mineur")
    t.text("end", time_words="seize heures", time_short="16 h 00", duration="…")

A missing key, an unknown top-level key or a placeholder the renderer does not supply is an
error naming the file and the key, so a service that edits the wording sees its typo at once.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from desktop.core.errors import TrameError
from desktop.core.paths import package_root

TOP_KEYS = {"id", "version", "kind", "title", "doc_label", "pdf_subject", "texts"}
REQUIRED = {"id", "version", "kind", "title", "texts"}


class TemplateError(TrameError):
    pass


def templates_dir() -> Path:
    return package_root() / "templates"


@dataclass(frozen=True)
class Template:
    id: str
    version: str
    kind: str
    title: str
    doc_label: str
    pdf_subject: str
    texts: dict[str, Any]
    path: str

    def raw(self, key: str) -> Any:
        try:
            return self.texts[key]
        except KeyError:
            raise TemplateError(
                f"Le modèle « {self.path} » n'a pas de texte « {key} » : ajoutez-le sous « texts »."
            ) from None

    def text(self, key: str, **values: Any) -> str:
        pattern = self.raw(key)
        if not isinstance(pattern, str):
            raise TemplateError(
                f"Le texte « {key} » du modèle « {self.path} » doit être une chaîne."
            )
        try:
            return pattern.format_map(values)
        except KeyError as exc:
            raise TemplateError(
                f"Le texte « {key} » du modèle « {self.path} » utilise {{{exc.args[0]}}}, "
                f"qui n'existe pas ici (disponibles : {', '.join(sorted(values)) or 'aucun'})."
            ) from None
        except (ValueError, IndexError) as exc:
            raise TemplateError(
                f"Le texte « {key} » du modèle « {self.path} » est mal formé ({exc})."
            ) from None

    def placeholders(self, key: str) -> set[str]:
        return {f for _, f, _, _ in string.Formatter().parse(self.raw(key)) if f}


def parse_template(text: str, path: str) -> Template:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise TemplateError(f"Modèle « {path} » illisible : {exc}") from None
    if not isinstance(data, dict):
        raise TemplateError(f"Modèle « {path} » : un dictionnaire YAML est attendu.")
    unknown = set(data) - TOP_KEYS
    if unknown:
        raise TemplateError(
            f"Modèle « {path} » : clé(s) inconnue(s) {', '.join(sorted(unknown))} "
            f"(clés permises : {', '.join(sorted(TOP_KEYS))})."
        )
    missing = REQUIRED - set(data)
    if missing:
        raise TemplateError(
            f"Modèle « {path} » : clé(s) manquante(s) {', '.join(sorted(missing))}."
        )
    if not isinstance(data["texts"], dict):
        raise TemplateError(f"Modèle « {path} » : « texts » doit être un dictionnaire.")
    return Template(
        id=str(data["id"]),
        version=str(data["version"]),
        kind=str(data["kind"]),
        title=str(data["title"]),
        doc_label=str(data.get("doc_label", data["title"])),
        pdf_subject=str(data.get("pdf_subject", data["title"])),
        texts=dict(data["texts"]),
        path=path,
    )


@cache
def load_template(template_id: str) -> Template:
    path = templates_dir() / f"{template_id}.yaml"
    try:
        text = path.read_text("utf-8")
    except OSError:
        raise TemplateError(f"Modèle de document introuvable : « {path} ».") from None
    t = parse_template(text, str(path))
    if t.id != template_id:
        raise TemplateError(
            f"Le modèle « {path} » déclare l'id « {t.id} » au lieu de « {template_id} »."
        )
    return t
