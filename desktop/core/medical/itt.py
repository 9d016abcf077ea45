"""Incapacité totale de travail (penal sense), written in words as the CMI requires."""

from __future__ import annotations

from num2words import num2words

from desktop.core.medical.validation import FieldError, FieldIssue

MAX_ITT_DAYS = 1000


def days_in_words(days: int) -> str:
    """'trois (3) jours', 'un (1) jour', 'vingt et un (21) jours'."""
    words = num2words(days, lang="fr")
    return f"{words} ({days}) jour{'s' if days > 1 else ''}"


def parse_itt(value: object, field: str = "itt") -> int | None:
    """An ITT in days from a form answer (int or digits); None when not fixed yet."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise FieldError([FieldIssue(field, "L'ITT doit être un nombre entier de jours.")])
    try:
        days = int(str(value).strip()) if not isinstance(value, int) else value
    except ValueError:
        raise FieldError(
            [FieldIssue(field, "L'ITT doit être un nombre entier de jours (par exemple 3).")]
        ) from None
    if days < 0 or days > MAX_ITT_DAYS:
        raise FieldError(
            [FieldIssue(field, f"L'ITT doit être comprise entre 0 et {MAX_ITT_DAYS} jours.")]
        )
    return days


def itt_sentence(
    days: int | None, reserved: bool = True, start: str = "de la date des faits"
) -> str:
    """The CMI's conclusion sentence (HAS 2011 model), as the certificate states it.

    reserved: « sous réserve de complications » (the CMI's default when the doctor has not
    answered); start: the ITT's starting point after « à compter », as
    desktop.core.documents.medical.cmi.itt_from words it (« de l'examen du 11 mars 2026 »)."""
    reserve = ", sous réserve de complications" if reserved else ""
    if days is None:
        return (
            "La durée d'incapacité totale de travail ne peut pas être fixée à ce jour ; "
            "un certificat complémentaire sera établi."
        )
    if days == 0:
        return (
            "Les constatations ne justifient pas d'incapacité totale de travail au sens pénal"
            f"{reserve}."
        )
    words = days_in_words(days)
    of = "d'" if words.startswith("un ") else "de "  # « d'un jour », but « de onze jours »
    return f"La durée d'incapacité totale de travail est {of}{words} à compter {start}{reserve}."
