"""A vault whose chain predates signatures (created by a release before issue 15): nothing
in the chain says which key belongs to an older account, so an older account registers its
own first key (`account.legacy`), unchecked. An enquêteur holding the case key can take that
place first. Both tests are expected failures (strict): the design has no authority that
can vouch for an older account's first key, see README « Limites connues »."""

from __future__ import annotations

import pytest

from desktop.core.vault import sealing
from desktop.core.vault.audit import KEY_REGISTER, SIGNING_START, key_object
from desktop.core.vault.keyslots import KIND_RECOVERY, KeySlotFile
from tests.adversary.test_adv_audit_enrolment_key import append_signed
from tests.adversary.test_audit_forged_account import strip_signatures
from tests.conftest import ADMIN_PASSWORD, OFFICER_PASSWORD


@pytest.mark.xfail(
    strict=True,
    reason="an older account declared by account.legacy registers its own first key with no "
    "proof it is that account: an enquêteur claims the recovery key's account (role "
    "administrateur, rarely used) before it is next used, becomes a root and then registers "
    "a key for the administrator and writes in his name; verify calls it intact",
)
def test_an_enqueteur_cannot_claim_the_recovery_keys_legacy_account(vault):
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        strip_signatures(s)
    with vault.unlock("admin", ADMIN_PASSWORD) as s:  # starts signatures, declares the others
        admin = s.user_id
    recovery = next(
        x.user_id for x in KeySlotFile.load(vault.keyslots_path).slots if x.kind == KIND_RECOVERY
    )
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        claim_priv, claim_pub = sealing.new_signer()
        append_signed(s, recovery, KEY_REGISTER, key_object(recovery, claim_pub), claim_priv)
        fake_priv, fake_pub = sealing.new_signer()
        append_signed(s, recovery, KEY_REGISTER, key_object(admin, fake_pub), claim_priv)
        append_signed(s, admin, "case.purge", "1", fake_priv)
        report = s.audit.verify()
    assert not report.ok


@pytest.mark.xfail(
    strict=True,
    reason="in a vault whose chain predates signatures, whoever writes the first audit.signing "
    "entry becomes the chain's root: the verifier cannot tell an administrator's key from an "
    "enquêteur's, so an enquêteur who writes it before any administrator opens the vault "
    "owns the chain (the administrator then only self-registers as an older account)",
)
def test_an_enqueteur_cannot_start_the_signed_chain_himself(vault):
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        strip_signatures(s)
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        me = s.user_id
        priv, pub = sealing.new_signer()
        append_signed(s, me, SIGNING_START, key_object(me, pub), priv)
        admin = s.users.by_login("admin").id
        append_signed(s, me, "account.legacy", f"{admin}:enqueteur", priv)
    with vault.unlock("admin", ADMIN_PASSWORD) as s:  # registers its own key, as "older"
        report = s.audit.verify()
    assert not report.ok
