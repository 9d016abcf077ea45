"""Validation results that a screen can place next to the field concerned."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from desktop.core.errors import InvalidInput


@dataclass(frozen=True)
class FieldIssue:
    """One problem with one field. `field` is a stable id the UI maps to a widget."""

    field: str
    message: str


class FieldError(InvalidInput):
    """Bad input on one or more fields; `.message` joins them, `.issues` keeps them apart."""

    def __init__(self, issues: Iterable[FieldIssue]):
        self.issues = tuple(issues)
        super().__init__(" ".join(i.message for i in self.issues))

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(i.field for i in self.issues)

    def for_field(self, field: str) -> str | None:
        found = [i.message for i in self.issues if i.field == field]
        return " ".join(found) if found else None


def raise_if(issues: Iterable[FieldIssue]) -> None:
    issues = list(issues)
    if issues:
        raise FieldError(issues)
