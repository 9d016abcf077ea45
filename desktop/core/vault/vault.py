"""The vault: a folder with two SQLCipher databases and the key-slot file.

    vault = Vault(home)
    Vault.create(home, "admin", password)            -> InitResult (recovery codes shown once)
    session = vault.unlock("admin", password)        -> Session (keys in memory)
    session.cases.create("2026/001234")
    session.medical_db                                -> PermissionDenied for police roles

A Session's databases belong to the thread that unlocked it (one worker thread in the UI).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from desktop.core.errors import (
    InvalidInput,
    NotAVault,
    PermissionDenied,
    TrameError,
    UserDisabled,
    VaultCorrupt,
    VaultExists,
    VaultNotFound,
    WrongPassword,
)
from desktop.core.logging import log_event
from desktop.core.vault import anchors, crypto, enrolment, migrations, rotation, sealing
from desktop.core.vault.audit import AuditLog, audit_key, stored_audit_key
from desktop.core.vault.db import Database, DatabaseError, check_sqlcipher, translate
from desktop.core.vault.fsutil import ensure_writable_dir
from desktop.core.vault.keyslots import (
    CASE_KEY,
    KIND_MEDICAL_RECOVERY,
    KIND_PASSWORD,
    KIND_RECOVERY,
    MEDICAL_KEY,
    MEDICAL_RECOVERY_LOGIN,
    RECOVERY_LOGIN,
    ROLE_KEYS,
    ROLE_LABELS,
    ROLES,
    KeySlotFile,
    Slot,
    Throttle,
    check_slots_mac,
    upgrade_legacy_slot,
)
from desktop.core.vault.policy import (  # noqa: F401 - re-exported
    MIN_PASSWORD,
    PASSWORD_RULE,
    check_login,
    check_password_policy,
)
from desktop.core.vault.repos import (
    CaseRepo,
    DocumentRepo,
    PersonRepo,
    RecordRepo,
    SettingsRepo,
    Store,
    TranscriptRepo,
    User,
    UserRepo,
)
from desktop.core.vault.upgrade import backup_before_migration
from desktop.core.vault.walcheck import wal_damage

KEYSLOTS_FILE = "keyslots.json"
THROTTLE_FILE = "throttle.json"
CASES_DB = "cases.db"
MEDICAL_DB = "medical.db"
SYSTEM_USER = "system"

# Run right after a medical account opened the medical database: fn(session, medical_db).
# Registered by upper layers (desktop.core.export.retention.install: the medical purges
# queued by a police account) — the vault never imports them (layers contract).
MEDICAL_OPEN_HOOKS: list = []


@dataclass(frozen=True)
class InitResult:
    admin_login: str
    recovery_code: str
    medical_recovery_code: str  # "" since issue 15: given to the first médecin at enrolment
    kdf: crypto.KdfParams


class Vault:
    def __init__(self, home: Path, kdf: crypto.KdfParams | None = None, clock=time.time):
        self.home = Path(home)
        self._kdf = kdf
        self.clock = clock
        # False for a backup being checked in a staging folder: its head is not this
        # computer's last seen head (desktop.core.vault.anchors).
        self.anchored = True

    # -- layout ---------------------------------------------------------------------------
    @property
    def keyslots_path(self) -> Path:
        return self.home / KEYSLOTS_FILE

    @property
    def cases_path(self) -> Path:
        return self.home / CASES_DB

    @property
    def medical_path(self) -> Path:
        return self.home / MEDICAL_DB

    def exists(self) -> bool:
        return self.keyslots_path.exists() or self.cases_path.exists()

    def kdf_params(self) -> crypto.KdfParams:
        if self._kdf is None:
            self._kdf = crypto.tune()
        return self._kdf

    # -- creation -------------------------------------------------------------------------
    @classmethod
    def create(
        cls, home: Path, admin_login: str, password: str, kdf: crypto.KdfParams | None = None
    ) -> InitResult:
        vault = cls(home, kdf)
        return vault.initialize(admin_login, password)

    def initialize(self, admin_login: str, password: str) -> InitResult:
        check_sqlcipher()
        admin_login = check_login(admin_login)
        check_password_policy(password, (admin_login,))
        ensure_writable_dir(self.home)
        if self.exists():
            raise VaultExists(
                f"Un coffre existe déjà dans « {self.home} ». Il n'a pas été modifié."
            )
        params = self.kdf_params()
        keys = {CASE_KEY: crypto.new_key()}
        slots = KeySlotFile.new(self.keyslots_path)
        admin_privates: dict[str, bytes] = {}
        admin = slots.make_slot(
            admin_login,
            password,
            "administrateur",
            KIND_PASSWORD,
            {CASE_KEY: keys[CASE_KEY]},
            params,
            privates=admin_privates,
        )
        recovery_code = crypto.new_recovery_code()
        recovery = slots.make_slot(
            RECOVERY_LOGIN,
            recovery_code,
            "administrateur",
            KIND_RECOVERY,
            {CASE_KEY: keys[CASE_KEY]},
            params,
        )
        # No medical key here: the medical side is created by the first médecin's enrolment
        # (desktop.core.vault.enrolment), so whoever runs init never sees it.
        slots.slots = [admin, recovery]
        slots.default_login_hash = slots.login_hash(admin_login)

        try:
            try:
                self._create_databases(keys, slots, admin, admin_login, admin_privates)
            except DatabaseError as exc:
                raise translate(exc, "le coffre", self.home) from exc
        except BaseException:
            # A failed creation (full disk…) leaves nothing behind, so `trame init` can be
            # run again: these files hold no data yet.
            for path in (self.cases_path, self.medical_path, self.keyslots_path):
                for suffix in ("", "-wal", "-shm"):
                    path.with_name(path.name + suffix).unlink(missing_ok=True)
            raise
        log_event("vault.init")
        return InitResult(admin_login, recovery_code, "", params)

    def _create_databases(
        self, keys, slots: KeySlotFile, admin: Slot, admin_login: str, privates: dict
    ) -> None:
        cases = Database(self.cases_path, keys[CASE_KEY], "la base des dossiers")
        try:
            migrations.migrate(cases.conn, migrations.CASES)
            audit = AuditLog(cases, audit_key(keys[CASE_KEY]), signer=privates[sealing.SIGN])
            audit.ensure_signing(admin)
            for slot in slots.slots:  # the recovery keys may later reset any account
                if slot is not admin:
                    audit.register_key(admin.user_id, slot.user_id, slot.sign_pub, root=True)
            store = Store(cases, audit, admin.user_id)
            UserRepo(store).add(admin.user_id, admin_login, "administrateur")
            audit.append(admin.user_id, "vault.init", slots.vault_id)
        finally:
            cases.close()
        slots.save(keys[CASE_KEY])  # last: a vault without its slot file is not a vault yet

    # -- opening --------------------------------------------------------------------------
    def load_slots(self) -> KeySlotFile:
        if not self.home.exists() or not (self.keyslots_path.exists() or self.cases_path.exists()):
            raise VaultNotFound(
                f"Aucun coffre dans « {self.home} ». Créez-le avec « trame init » "
                "(ou choisissez le dossier avec TRAME_HOME)."
            )
        return KeySlotFile.load(self.keyslots_path)

    def default_login_hash(self) -> str:
        return self.load_slots().default_login_hash

    def unlock(self, login: str | None, password: str) -> Session:
        """Open the vault as `login` (None: the administrator created by init).

        Wrong passwords are delayed, never locked out.

        :raises VaultNotFound, NotAVault: no vault (or not a Trame one) in the folder.
        :raises Throttled: too soon after failed attempts (the wait in seconds).
        :raises WrongPassword: unknown login or wrong password (the same message for both).
        :raises UserDisabled: the account was disabled.
        :raises KeySlotsDamaged: the key file was changed outside Trame.
        """
        slots = self.load_slots()
        throttle = Throttle(self.home / THROTTLE_FILE, self.clock, slots.vault_id)
        key = slots.login_hash(login) if login else slots.default_login_hash
        throttle.begin(key)  # counted before the check: parallel attempts all count
        slot = next((s for s in slots.slots if s.login_hash == key), None)
        if slot is None or slot.kind != KIND_PASSWORD:
            # Spend the same time as a real attempt so logins cannot be probed.
            crypto.derive(password or "", self.kdf_params() if self._kdf else slots.slots[0].kdf)
            raise WrongPassword("Identifiant ou mot de passe incorrect.")
        if rotation.finish_pending(self, key, password or ""):
            return self.unlock(login, password)  # the finished rotation's slot file
        if slot.disabled or not slot.holds():
            raise UserDisabled("Ce compte est désactivé. Adressez-vous à l'administrateur.")
        keys = slots.open_slot(slot, password or "")
        if keys is None:
            log_event("vault.unlock.failed")
            raise WrongPassword("Identifiant ou mot de passe incorrect.")
        throttle.succeeded(key)
        check_slots_mac(slots, keys)
        upgrade_legacy_slot(slots, slot, password or "", keys)
        return Session(self, slots, slot, keys)

    def unlock_recovery(self, code: str, medical: bool = False) -> Session:
        """Open the vault with a recovery key (the administration's, or the medical one).

        :raises Throttled: too soon after failed attempts.
        :raises WrongPassword: the key is malformed or wrong.
        :raises KeySlotsDamaged: the key file was changed outside Trame.
        """
        slots = self.load_slots()
        normalized = crypto.normalize_recovery_code(code or "")
        kind = KIND_MEDICAL_RECOVERY if medical else KIND_RECOVERY
        login = MEDICAL_RECOVERY_LOGIN if medical else RECOVERY_LOGIN
        throttle = Throttle(self.home / THROTTLE_FILE, self.clock, slots.vault_id)
        key = slots.login_hash(login)
        throttle.begin(key)
        slot = next((s for s in slots.slots if s.kind == kind), None)
        if normalized is None or slot is None:
            raise WrongPassword("Clé de secours incorrecte (32 caractères en 8 groupes).")
        if rotation.finish_pending(self, key, normalized, kind=kind):
            return self.unlock_recovery(code, medical)
        keys = slots.open_slot(slot, normalized)
        if keys is None:
            raise WrongPassword("Clé de secours incorrecte.")
        throttle.succeeded(key)
        check_slots_mac(slots, keys)
        upgrade_legacy_slot(slots, slot, normalized, keys)
        return Session(self, slots, slot, keys)


class Session:
    """An unlocked vault for one user: keys in memory, databases opened on demand."""

    def __init__(self, vault: Vault, slots: KeySlotFile, slot: Slot, keys: dict[str, bytes]):
        self.vault = vault
        self.slots = slots
        self.slot = slot
        self._keys = {name: bytearray(k) for name, k in keys.items()}
        self._cases_db: Database | None = None
        self._medical_db: Database | None = None
        self._remembered: tuple[int, str] | None = None  # the head last kept outside
        db = self.cases_db  # opens, checks integrity, migrates
        signer = bytes(self._keys[sealing.SIGN]) if sealing.SIGN in self._keys else None
        self.audit = AuditLog(db, stored_audit_key(db, self._key(CASE_KEY)), signer=signer)
        self.store = Store(db, self.audit, self.user_id)
        if slot.kind == KIND_PASSWORD:
            user = UserRepo(self.store).get(slot.user_id)
            if user is not None and user.disabled:
                self.close()
                raise UserDisabled("Ce compte est désactivé. Adressez-vous à l'administrateur.")
        self.audit.ensure_signing(slot, slots.slots)
        # French warnings: an older vault's medical recovery key; the vault went backwards.
        self.warnings: list[str] = enrolment.unlock_warnings(self)
        warning = anchors.rollback_warning(slots.vault_id, self.audit) if vault.anchored else None
        if warning:
            self.warnings.append(warning)
            seq, _ = anchors.remembered_head(slots.vault_id)
            self.audit.append(self.user_id, "vault.rollback.seen", seq)
        self.audit.append(self.user_id, "vault.unlock", slot.kind)
        self._remember_head()
        # From now on every commit keeps the copy up to date: a crash (battery, SIGKILL) after
        # a PV was sealed must not leave it at the unlock's head, where an image of the disk
        # taken during the session, copied back, would open without a warning.
        db.after_commit = self._remember_head
        log_event("vault.unlock", role=self.role)
        from desktop.core.servicetime import apply_setting

        apply_setting(self)  # every printed time in the service's zone (default Paris)

    # -- identity -------------------------------------------------------------------------
    @property
    def user_id(self) -> str:
        return self.slot.user_id

    @property
    def role(self) -> str:
        return self.slot.role

    @property
    def role_label(self) -> str:
        return ROLE_LABELS[self.role]

    def has_medical_access(self) -> bool:
        return MEDICAL_KEY in self._keys

    def _key(self, name: str) -> bytes:
        if name not in self._keys:
            raise PermissionDenied(
                f"Votre compte ({ROLE_LABELS[self.role]}) n'a pas accès aux données médicales : "
                "elles sont couvertes par le secret médical (art. L.1110-4 CSP)."
            )
        return bytes(self._keys[name])

    # -- databases ------------------------------------------------------------------------
    def _open(self, path: Path, key_name: str, label: str, steps) -> Database:
        if not path.exists():
            raise VaultCorrupt(f"{label} est introuvable dans « {path.parent} ».")
        # No whole-file scan here: unlock must not grow with the vault (issue 20). SQLCipher
        # checks each page's HMAC when it is read, so a damaged page read by Trame fails
        # loudly; the full check of every page is `check_integrity()`, run right after unlock
        # in the background by the application, and before every backup.
        damage = wal_damage(path.with_name(path.name + "-wal"))  # before SQLite replays it
        if damage:
            raise VaultCorrupt(
                f"{label} : {damage}. Rien n'a été modifié ; restaurez une sauvegarde "
                "(trame restore) et prévenez l'administrateur."
            )
        db = Database(path, self._key(key_name), label)
        try:
            backup_before_migration(self, db, steps)
            migrations.migrate(db.conn, steps)
        except DatabaseError as exc:
            db.close()
            raise translate(exc, label, path.parent) from exc
        except BaseException:
            db.close()
            raise
        return db

    @property
    def cases_db(self) -> Database:
        if self._cases_db is None:
            self._cases_db = self._open(
                self.vault.cases_path, CASE_KEY, "La base des dossiers", migrations.CASES
            )
        return self._cases_db

    @property
    def medical_db(self) -> Database:
        if self._medical_db is None:
            self._key(MEDICAL_KEY)  # PermissionDenied first, before touching the file
            self._medical_db = self._open(
                self.vault.medical_path, MEDICAL_KEY, "La base médicale", migrations.MEDICAL
            )
            self.audit.append(self.user_id, "medical.open")
            for hook in tuple(MEDICAL_OPEN_HOOKS):
                hook(self, self._medical_db)
        return self._medical_db

    # -- integrity ------------------------------------------------------------------------
    def integrity_problems(self, medical: bool = True) -> list[str]:
        """Every page of each database this account can open, checked (HMAC then SQLite's
        quick_check): French lines naming the base and the first problem, [] when healthy.

        Reads the whole files: O(size), ~0.1 s per 10 MB here. Run it off the UI thread.
        Raises VaultCorrupt only when a base cannot even be opened.
        """
        bases = [self.cases_db]
        checking = None  # the medical base, opened for the check only: not a consultation
        if medical and self.has_medical_access():
            if self._medical_db is None:
                checking = self._open(
                    self.vault.medical_path, MEDICAL_KEY, "La base médicale", migrations.MEDICAL
                )
            bases.append(self._medical_db or checking)
        try:
            found = self._problems(bases)
        finally:
            if checking is not None:
                checking.close()
        return found

    @staticmethod
    def _problems(bases) -> list[str]:
        found = []
        for db in bases:
            problems = db.integrity_errors()
            if problems:
                found.append(f"{db.label} est endommagée (contrôle d'intégrité : {problems[0]}).")
        return found

    def check_integrity(self, medical: bool = True) -> None:
        """Raise VaultCorrupt (French, with what to do) when `integrity_problems()` finds any;
        `medical=False` leaves the medical base out (a backup made without it)."""
        found = self.integrity_problems(medical)
        if found:
            raise VaultCorrupt(
                f"{found[0]} Rien n'a été modifié ; restaurez une sauvegarde (trame restore)."
            )

    # -- repositories ---------------------------------------------------------------------
    @cached_property
    def users(self) -> UserRepo:
        return UserRepo(self.store)

    @cached_property
    def cases(self) -> CaseRepo:
        return CaseRepo(self.store)

    @cached_property
    def persons(self) -> PersonRepo:
        return PersonRepo(self.store)

    @cached_property
    def records(self) -> RecordRepo:
        return RecordRepo(self.store, "case")

    @cached_property
    def transcript(self) -> TranscriptRepo:
        return TranscriptRepo(self.store)

    @cached_property
    def documents(self) -> DocumentRepo:
        return DocumentRepo(self.store)

    @cached_property
    def settings(self) -> SettingsRepo:
        return SettingsRepo(self.store)

    @cached_property
    def medical_records(self) -> RecordRepo:
        return RecordRepo(Store(self.medical_db, self.audit, self.user_id), "medical")

    @property
    def medical_documents(self) -> DocumentRepo:
        """Sealed documents under medical secrecy (CMI handed to the minor, signalement)."""
        return DocumentRepo(Store(self.medical_db, self.audit, self.user_id))

    # -- user administration --------------------------------------------------------------
    def current_user(self) -> User | None:
        return self.users.get(self.user_id)

    def add_user(self, login: str, password: str, role: str) -> User:
        login = check_login(login)
        if role not in ROLES:
            raise InvalidInput(f"Rôle inconnu « {role} ». Rôles : {', '.join(ROLES)}.")
        needed = ROLE_KEYS[role]
        if role == "medecin":
            if self.role != "medecin":
                raise PermissionDenied(
                    "Seul un médecin (ou la clé de secours médicale) peut créer un compte médical."
                )
        elif self.role != "administrateur" or self.slot.kind == KIND_MEDICAL_RECOVERY:
            raise PermissionDenied("Seul l'administrateur peut créer ce compte.")
        check_password_policy(password, (login,))
        if self.users.by_login(login) is not None or self.slots.find(login) is not None:
            raise InvalidInput(f"L'identifiant « {login} » existe déjà.")
        keys = {name: self._key(name) for name in needed}
        params = self.vault.kdf_params() if self.vault._kdf else self.slot.kdf
        slot = self.slots.make_slot(login, password, role, KIND_PASSWORD, keys, params)
        with self.cases_db.transaction():  # the user row commits only if the slot is saved
            user = self.users.add(slot.user_id, login, role)
            self.audit.register_key(
                self.user_id, slot.user_id, slot.sign_pub, root=role == "administrateur"
            )
            self._save_slots(lambda: self.slots.slots.append(slot))
        return user

    def _save_slots(self, change) -> None:
        """Apply `change` to the slot file; on failure reload it so memory matches the disk."""
        try:
            change()
            self.slots.save(self._key(CASE_KEY))
        except BaseException:
            self.slots = KeySlotFile.load(self.vault.keyslots_path)
            raise

    def change_password(self, login: str, new_password: str) -> None:
        """Re-wrap one slot; nothing is re-encrypted. Admins may reset police accounts."""
        check_password_policy(new_password, (login,))
        user = self.users.by_login(login)
        slot = self.slots.find_user(user.id) if user else None
        if user is None or slot is None:
            raise InvalidInput(f"Compte « {login} » introuvable.")
        own = user.id == self.user_id
        if not own:
            allowed = (self.role == "administrateur" and user.role != "medecin") or (
                self.role == "medecin" and user.role == "medecin"
            )
            if not allowed:
                raise PermissionDenied("Vous ne pouvez pas changer le mot de passe de ce compte.")
        keys = {name: self._key(name) for name in ROLE_KEYS[user.role]}
        with self.cases_db.transaction():
            self._save_slots(lambda: self.slots.rewrap(slot, new_password, keys))
            self.audit.register_key(
                self.user_id, user.id, slot.sign_pub, root=user.role == "administrateur"
            )
            self.audit.append(self.user_id, "user.passwd", user.id)

    def disable_user(self, login: str) -> None:
        if self.role != "administrateur" and not (self.role == "medecin"):
            raise PermissionDenied("Seul l'administrateur peut désactiver un compte.")
        user = self.users.by_login(login)
        if user is None:
            raise InvalidInput(f"Compte « {login} » introuvable.")
        if user.role == "medecin" and self.role != "medecin":
            raise PermissionDenied("Un compte médical se désactive depuis un compte médical.")
        if user.role != "medecin" and self.role != "administrateur":
            raise PermissionDenied("Seul l'administrateur peut désactiver ce compte.")
        if user.id == self.user_id:
            raise InvalidInput("Vous ne pouvez pas désactiver votre propre compte.")
        slot = self.slots.find_user(user.id)

        def destroy():
            if slot is not None:
                slot.disabled = True
                slot.keys = {}  # the wrapped keys are destroyed: the password opens nothing

        held = slot.holds() if slot is not None else set()
        with self.cases_db.transaction():
            self.users.disable(user.id)
            self._save_slots(destroy)
        # The keys it could open change: its old slot (in a backup, a copy) opens nothing live.
        self.rotate_keys(held & set(self._keys), reason="user.disable")

    def rotate_keys(self, names=None, reason: str = "manual") -> rotation.RotationResult:
        """Re-key the databases of the data keys `names` (default: every key this session
        holds) and seal the new keys to every remaining slot. See desktop.core.vault.rotation.

        Only an administrator or a médecin (medical key) may rotate. Raises PermissionDenied.
        """
        if self.role not in ("administrateur", "medecin"):
            raise PermissionDenied(
                "Seul l'administrateur (ou un médecin pour la clé médicale) change les clés."
            )
        if names is None:
            names = {n for n in (CASE_KEY, MEDICAL_KEY) if n in self._keys}
        return rotation.rotate(self, set(names), reason)

    # -- end ------------------------------------------------------------------------------
    def lock(self) -> None:
        self.close()

    def _remember_head(self) -> None:
        if not self.vault.anchored or self._cases_db is None:
            return
        try:
            head = self.audit.head()
            if head != self._remembered:
                anchors.remember_head(self.slots.vault_id, *head)
                self._remembered = head
        except TrameError:
            pass

    def close(self) -> None:
        if self._cases_db is not None and self._keys:
            self._remember_head()
        for db in (self._medical_db, self._cases_db):
            if db is not None:
                db.close()
        self._medical_db = self._cases_db = None
        for key in self._keys.values():
            for i in range(len(key)):
                key[i] = 0
        self._keys.clear()

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def open_raw(path: Path, key: bytes, label: str = "la base") -> Database:
    """Open a database file with a raw key (backup checks, tests)."""
    try:
        return Database(path, key, label)
    except VaultCorrupt:
        raise NotAVault(f"« {path} » n'est pas une base Trame lisible avec cette clé.") from None
