"""Lesions placed on the body diagram: model, validation, and their CMI description.

A lesion is stored as a plain dict in the record's answers (see `Lesion.to_dict`). Its
position is normalized (0..1) inside one view, so geometry can change without moving it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from desktop.core.medical.bodymap import BodyMap, clock_hour, clock_words, load_bodymap
from desktop.core.medical.validation import FieldIssue, raise_if

NBSP = "\u00a0"
MAX_SIZE_MM = 1000


@dataclass(frozen=True)
class Position:
    view: str  # face | dos | genital | anal
    x: float
    y: float
    clock: int | None = None  # clock-face hour on detail views (1..12), None at the centre

    @classmethod
    def at(cls, view: str, x: float, y: float, bodymap: BodyMap | None = None) -> Position:
        """A position from a click; on a clock view the hour follows from the angle."""
        bm = bodymap or load_bodymap()
        clock = clock_hour(x, y) if bm.view(view).is_clock else None
        return cls(view, round(x, 4), round(y, 4), clock)


@dataclass(frozen=True)
class Lesion:
    number: int | None
    type: str
    position: Position | None
    length_mm: float | None = None
    width_mm: float | None = None
    colour: str = ""
    description: str = ""

    def to_dict(self) -> dict:
        """The body_markers answer format of desktop.core.formspec (n, view, x, y, clock,
        type, size_mm, description), plus width_mm and colour when they are set."""
        pos = self.position
        data: dict = {"n": self.number, "type": self.type}
        if pos is not None:
            data.update(view=pos.view, x=pos.x, y=pos.y)
            if pos.clock is not None:
                data["clock"] = pos.clock
        if self.length_mm is not None:
            data["size_mm"] = self.length_mm
        if self.width_mm is not None:
            data["width_mm"] = self.width_mm
        if self.colour:
            data["colour"] = self.colour
        data["description"] = self.description
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Lesion:
        view = data.get("view")
        position = None
        if view and data.get("x") is not None and data.get("y") is not None:
            position = Position(view, float(data["x"]), float(data["y"]), data.get("clock"))
        return cls(
            number=data.get("n"),
            type=str(data.get("type") or ""),
            position=position,
            length_mm=_num(data.get("size_mm")),
            width_mm=_num(data.get("width_mm")),
            colour=str(data.get("colour") or ""),
            description=str(data.get("description") or ""),
        )


def _num(value) -> float | None:
    if value in (None, ""):
        return None
    return float(value)


def check_lesion(
    lesion: Lesion, others: Sequence[Lesion] = (), bodymap: BodyMap | None = None
) -> list[FieldIssue]:
    """Problems with one lesion, each tied to its field; `others` are the lesions kept."""
    bm = bodymap or load_bodymap()
    issues: list[FieldIssue] = []
    if not lesion.type.strip():
        issues.append(FieldIssue("type", "Indiquez le type de lésion (ecchymose, plaie…)."))
    pos = lesion.position
    if pos is None:
        issues.append(
            FieldIssue(
                "position",
                "Placez la lésion sur le schéma (cliquez à l'endroit de la lésion) : "
                "une lésion sans position n'est pas enregistrée.",
            )
        )
    else:
        try:
            view = bm.view(pos.view)
        except KeyError:
            view = None
            issues.append(FieldIssue("position", f"Vue du schéma inconnue : « {pos.view} »."))
        if view is not None and not bm.on_body(pos.view, pos.x, pos.y):
            issues.append(
                FieldIssue(
                    "position",
                    "La position choisie est en dehors du schéma : cliquez sur la silhouette.",
                )
            )
        if (
            view is not None
            and view.is_clock
            and pos.clock is not None
            and not (1 <= pos.clock <= 12)
        ):
            issues.append(
                FieldIssue("heure", "L'heure du cadran doit être comprise entre 1 et 12.")
            )
    for name, value in (("longueur", lesion.length_mm), ("largeur", lesion.width_mm)):
        if value is not None and not 0 < value <= MAX_SIZE_MM:
            issues.append(
                FieldIssue("taille", f"La {name} doit être comprise entre 0 et {MAX_SIZE_MM} mm.")
            )
    if lesion.number is not None:
        if lesion.number < 1:
            issues.append(FieldIssue("numero", "Le numéro de lésion doit être positif."))
        elif any(o.number == lesion.number for o in others):
            issues.append(
                FieldIssue(
                    "numero", f"Le numéro {lesion.number} est déjà attribué à une autre lésion."
                )
            )
    return issues


def next_number(lesions: Iterable[Lesion]) -> int:
    return max((lesion.number or 0 for lesion in lesions), default=0) + 1


def add_lesion(lesions: Sequence[Lesion], draft: Lesion, bodymap: BodyMap | None = None) -> list:
    """The list with `draft` added (numbered next if it has no number), or FieldError."""
    lesion = draft if draft.number is not None else replace(draft, number=next_number(lesions))
    raise_if(check_lesion(lesion, lesions, bodymap))
    return [*lesions, lesion]


def replace_lesion(
    lesions: Sequence[Lesion], number: int, edited: Lesion, bodymap: BodyMap | None = None
) -> list:
    """The list with lesion `number` replaced by `edited` (keeping its number)."""
    edited = replace(edited, number=number)
    others = [x for x in lesions if x.number != number]
    raise_if(check_lesion(edited, others, bodymap))
    return [edited if x.number == number else x for x in lesions]


def remove_lesion(lesions: Sequence[Lesion], number: int) -> list:
    """Numbers of the others are kept: they may already appear on photographs."""
    return [x for x in lesions if x.number != number]


def format_size(length_mm: float | None, width_mm: float | None) -> str:
    """'30 × 20 mm' or '3,5 × 2 cm' (cm once a side reaches 10 mm)."""
    values = [v for v in (length_mm, width_mm) if v is not None]
    if not values:
        return ""
    in_cm = max(values) >= 10
    unit = "cm" if in_cm else "mm"

    def fmt(v: float) -> str:
        v = v / 10 if in_cm else v
        return f"{v:.1f}".rstrip("0").rstrip(".").replace(".", ",")

    return f"{NBSP}×{NBSP}".join(fmt(v) for v in values) + f"{NBSP}{unit}"


def describe_position(position: Position, bodymap: BodyMap | None = None) -> str:
    bm = bodymap or load_bodymap()
    view = bm.view(position.view)
    where = view.label[0].lower() + view.label[1:]
    if view.is_clock:
        return f"{where}, {clock_words(position.clock)}"
    return f"{where}, {bm.region(position.view, position.x, position.y)}"


def type_label(value: str, type_labels: dict[str, str] | None = None) -> str:
    """The type as written in a sentence: the form's option label, lower-cased."""
    label = (type_labels or {}).get(value, value).strip()
    return label[:1].lower() + label[1:] if label else ""


def describe_lesion(
    lesion: Lesion, bodymap: BodyMap | None = None, type_labels: dict[str, str] | None = None
) -> str:
    """« Lésion n° 1 : ecchymose de teinte violacée, 3 × 2 cm, face antérieure, thorax, … »"""
    parts = [type_label(lesion.type, type_labels) or "lésion"]
    if lesion.colour.strip():
        parts[0] += f" de teinte {lesion.colour.strip()}"
    size = format_size(lesion.length_mm, lesion.width_mm)
    if size:
        parts.append(size)
    if lesion.position:
        parts.append(describe_position(lesion.position, bodymap))
    text = f"Lésion n°{NBSP}{lesion.number} : " + ", ".join(parts)
    if lesion.description.strip():
        desc = lesion.description.strip().rstrip(".")
        text += f". {desc[0].upper()}{desc[1:]}"
    return text + "."


def markers(lesions: Iterable[Lesion]) -> list[tuple[int, str, float, float]]:
    """(number, view, x, y) for the drawing."""
    return [
        (x.number, x.position.view, x.position.x, x.position.y)
        for x in lesions
        if x.position is not None and x.number is not None
    ]


def lesions_from_answer(value) -> list[Lesion]:
    return [Lesion.from_dict(d) for d in (value or []) if isinstance(d, dict)]


def lesions_to_answer(lesions: Iterable[Lesion]) -> list[dict]:
    return [x.to_dict() for x in lesions]
