"""All the definitions of a folder, keeping the last valid version of each.

A service edits desktop/forms/*.yaml; an edit with a typo must not take the form away from
the officers. `FormRegistry.reload()` re-reads every changed file: a valid file replaces
its form, an invalid one is reported in `.problems` while the previous valid FormSpec stays
in use.

Every valid definition seen is also kept by (id, version), so a record made with version 1
can still be shown and re-rendered after the service moves to version 2:
`registry.get("audition_mineur", version="1")`. With a `store` (any object with
`get(key, default)` and `set(key, value)`, e.g. a vault session's `settings`), the texts are
kept there too, so the last valid version and the old versions survive a restart even if
the file on disk is now broken.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection
from pathlib import Path
from typing import Any, Protocol

from desktop.core.formspec.loader import FormSpecError, Problem, load_form, load_form_text
from desktop.core.formspec.model import FormSpec

__all__ = ["FORMS_DIR", "FormRegistry", "KeyValueStore", "load_all"]

FORMS_DIR = Path(__file__).resolve().parents[2] / "forms"


class KeyValueStore(Protocol):
    def get(self, key: str, default: Any = None) -> Any: ...

    def set(self, key: str, value: Any) -> None: ...


def _key(*parts: str) -> str:
    """A store key made of safe characters, at most 64 long (vault settings are audited by
    key, and audit object ids are short and plain)."""
    key = ".".join(re.sub(r"[^A-Za-z0-9_\-]", "_", p) for p in ("formspec", *parts))
    if len(key) > 64:
        key = "formspec." + hashlib.sha256(key.encode()).hexdigest()[:40]
    return key


class FormRegistry:
    def __init__(
        self,
        folder: str | Path = FORMS_DIR,
        *,
        store: KeyValueStore | None = None,
        legal_keys: Collection[str] | None = None,
    ):
        """`legal_keys`: the law table's keys that `legal_basis` may cite (None: unchecked;
        desktop.core.law.form_registry passes them)."""
        self.folder = Path(folder)
        self.store = store
        self.legal_keys = legal_keys
        self._forms: dict[str, FormSpec] = {}
        self._versions: dict[tuple[str, str], FormSpec] = {}
        self._by_file: dict[Path, str] = {}
        self._stamps: dict[Path, tuple[int, int]] = {}
        self.problems: dict[Path, FormSpecError] = {}
        self.warnings: dict[Path, str] = {}

    # ---- persistence (optional)

    def _remember(self, path: Path, spec: FormSpec, text: str) -> None:
        key = (spec.id, spec.version)
        known = self._versions.get(key)
        if known is not None and known.sha256 != spec.sha256:
            self.warnings[path] = (
                f"le contenu de « {spec.id} » version {spec.version} a changé sans changement "
                "de version : augmentez « version » pour que les enregistrements restent "
                "rattachés au texte qu'ils ont utilisé"
            )
        else:
            self.warnings.pop(path, None)
        self._versions[key] = spec
        if self.store is None:
            return
        base = _key(spec.id, f"v{spec.version}")
        if self.store.get(base) != spec.sha256:
            self.store.set(_key(spec.id, f"v{spec.version}", spec.sha256[:16]), text)
            self.store.set(base, spec.sha256)
        file_key = _key("file", path.name)
        if self.store.get(file_key) != [spec.id, spec.version]:
            self.store.set(file_key, [spec.id, spec.version])

    def _from_store(self, form_id: str, version: str, origin: str) -> FormSpec | None:
        if self.store is None:
            return None
        sha = self.store.get(_key(form_id, f"v{version}"))
        if not isinstance(sha, str):
            return None
        text = self.store.get(_key(form_id, f"v{version}", sha[:16]))
        if not isinstance(text, str) or hashlib.sha256(text.encode()).hexdigest() != sha:
            return None
        try:
            spec = load_form_text(text, origin, legal_keys=self.legal_keys)
        except FormSpecError:
            return None
        self._versions[(spec.id, spec.version)] = spec
        return spec

    # ---- loading

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
            self._stamps[path] = stamp
            try:
                spec = load_form(path, legal_keys=self.legal_keys)
            except FormSpecError as exc:
                self.problems[path] = exc
                fid = self._by_file.get(path) or self._restore(path)
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
            self._by_file[path] = spec.id
            self._forms[spec.id] = spec
            seen_ids[spec.id] = path
            try:
                self._remember(path, spec, path.read_text(encoding="utf-8"))
            except OSError:
                pass
        # forget forms whose file disappeared
        for path in list(self._by_file):
            if path not in files:
                fid = self._by_file.pop(path)
                self._stamps.pop(path, None)
                self.problems.pop(path, None)
                if fid not in seen_ids:
                    self._forms.pop(fid, None)
        return dict(self._forms)

    def _restore(self, path: Path) -> str | None:
        """After a restart, a broken file falls back on the last valid text in the store."""
        if self.store is None:
            return None
        ref = self.store.get(_key("file", path.name))
        if not (isinstance(ref, list) and len(ref) == 2):
            return None
        spec = self._from_store(str(ref[0]), str(ref[1]), f"{path} (dernière version valide)")
        if spec is None:
            return None
        self._by_file[path] = spec.id
        self._forms[spec.id] = spec
        return spec.id

    # ---- access

    @property
    def forms(self) -> dict[str, FormSpec]:
        return dict(self._forms)

    def get(self, form_id: str, version: str | int | None = None) -> FormSpec:
        """The current definition, or a given version of it (KeyError if unknown)."""
        if not self._forms:
            self.reload()
        if version is None:
            return self._forms[form_id]
        version = str(version)
        current = self._forms.get(form_id)
        if current is not None and current.version == version:
            return current
        spec = self._versions.get((form_id, version)) or self._from_store(
            form_id, version, f"{form_id} v{version} (coffre)"
        )
        if spec is None:
            raise KeyError(f"{form_id} v{version}")
        return spec

    def for_record(self, form_id: str, version: str | int | None) -> FormSpec:
        """The definition a record was made with (`records.form_version`), or the current one
        when that version was never seen by this registry nor kept in its store.

        :raises KeyError: unknown form id."""
        try:
            return self.get(form_id, version)
        except KeyError:
            return self.get(form_id)

    def versions(self, form_id: str) -> list[str]:
        """Versions of `form_id` seen by this registry (not those only in the store)."""
        return sorted(v for fid, v in self._versions if fid == form_id)

    def __contains__(self, form_id: str) -> bool:
        return form_id in self._forms


def load_all(folder: str | Path = FORMS_DIR) -> dict[str, FormSpec]:
    """Every valid definition of `folder` ({form_id: FormSpec}); invalid files are skipped."""
    return FormRegistry(folder).reload()
