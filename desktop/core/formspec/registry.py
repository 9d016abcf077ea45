"""All the definitions of a folder, keeping the last valid version of each.

A service edits desktop/forms/*.yaml; an edit with a typo must not take the form away from
the officers. `FormRegistry.reload()` re-reads every file: a valid file replaces its form,
an invalid one is reported in `.problems` while the previous valid FormSpec stays in use.
"""

from __future__ import annotations

from pathlib import Path

from desktop.core.formspec.loader import FormSpecError, Problem, load_form
from desktop.core.formspec.model import FormSpec

__all__ = ["FORMS_DIR", "FormRegistry", "load_all"]

FORMS_DIR = Path(__file__).resolve().parents[2] / "forms"


class FormRegistry:
    def __init__(self, folder: str | Path = FORMS_DIR):
        self.folder = Path(folder)
        self._forms: dict[str, FormSpec] = {}
        self._by_file: dict[Path, str] = {}
        self._stamps: dict[Path, tuple[int, int]] = {}
        self.problems: dict[Path, FormSpecError] = {}

    def reload(self) -> dict[str, FormSpec]:
        """Re-read changed files; returns {form_id: FormSpec}. Never raises for a bad file."""
        files = sorted(self.folder.glob("*.yaml")) if self.folder.is_dir() else []
        seen_ids: dict[str, Path] = {}
        for path in files:
            try:
                st = path.stat()
            except OSError:
                continue
            stamp = (st.st_mtime_ns, st.st_size)
            if self._stamps.get(path) == stamp:
                fid = self._by_file.get(path)
                if fid:
                    seen_ids[fid] = path
                continue
            try:
                spec = load_form(path)
            except FormSpecError as exc:
                self.problems[path] = exc
                self._stamps[path] = stamp
                fid = self._by_file.get(path)
                if fid:
                    seen_ids[fid] = path  # keep the last valid version in use
                continue
            if spec.id in seen_ids and seen_ids[spec.id] != path:
                self.problems[path] = FormSpecError(
                    [
                        Problem(
                            str(path),
                            1,
                            f"le formulaire « {spec.id} » est déjà défini dans "
                            f"{seen_ids[spec.id].name}",
                            "donnez-lui un autre id",
                        )
                    ]
                )
                continue
            self.problems.pop(path, None)
            self._stamps[path] = stamp
            self._by_file[path] = spec.id
            self._forms[spec.id] = spec
            seen_ids[spec.id] = path
        # forget forms whose file disappeared
        for path in list(self._by_file):
            if path not in files:
                fid = self._by_file.pop(path)
                self._stamps.pop(path, None)
                self.problems.pop(path, None)
                if fid not in seen_ids:
                    self._forms.pop(fid, None)
        return dict(self._forms)

    @property
    def forms(self) -> dict[str, FormSpec]:
        return dict(self._forms)

    def get(self, form_id: str) -> FormSpec:
        if not self._forms:
            self.reload()
        return self._forms[form_id]

    def __contains__(self, form_id: str) -> bool:
        return form_id in self._forms


def load_all(folder: str | Path = FORMS_DIR) -> dict[str, FormSpec]:
    """Every valid definition of `folder` ({form_id: FormSpec}); invalid files are skipped."""
    return FormRegistry(folder).reload()
