"""Pages this package adds to the main window (see desktop.ui.pages)."""

from __future__ import annotations

from desktop.ui.pages import PageSpec

ALL_ROLES = ("administrateur", "enqueteur", "uaped", "medecin")


def pages(ctx) -> list[PageSpec]:
    return [
        PageSpec(
            "admin.accounts",
            "Comptes et réglages",
            "Administration",
            ("administrateur", "medecin"),
            _accounts,
            shortcut="Ctrl+9",
            order=90,
            tip="Comptes des utilisateurs et verrouillage automatique",
        ),
        PageSpec(
            "admin.backup",
            "Sauvegarde et restauration",
            "Administration",
            ("administrateur", "medecin"),
            _backup,
            order=91,
            tip="Sauvegarder le coffre, restaurer une sauvegarde",
        ),
        PageSpec(
            "admin.audit",
            "Journal d'audit",
            "Administration",
            ("administrateur",),
            _audit,
            order=92,
            tip="Consulter, vérifier et exporter le journal d'audit",
        ),
        PageSpec(
            "admin.retention",
            "Conservation et purge",
            "Administration",
            ("administrateur", "enqueteur"),
            _retention,
            order=93,
            tip="Dossiers transmis, délai de conservation, purge",
        ),
        PageSpec(
            "admin.certificates",
            "Certificats de sceau",
            "Administration",
            ALL_ROLES,
            _certificates,
            order=94,
            tip="Votre certificat de sceau : créer, importer, exporter, essayer",
        ),
        PageSpec(
            "admin.verify_export",
            "Vérifier un export",
            "Administration",
            ALL_ROLES,
            _verify_export,
            order=95,
            tip="Vérifier les empreintes et les sceaux d'un export vers la procédure",
        ),
    ]


def _accounts(ctx, host, **params):
    from desktop.ui.admin.accounts import AccountsPage

    return AccountsPage(ctx)


def _backup(ctx, host, **params):
    from desktop.ui.admin.backup_page import BackupPage

    return BackupPage(ctx, host)


def _audit(ctx, host, **params):
    from desktop.ui.admin.audit_page import AuditPage

    return AuditPage(ctx)


def _verify_export(ctx, host, **params):
    from desktop.ui.admin.verify_page import VerifyExportPage

    return VerifyExportPage(ctx)


def _retention(ctx, host, **params):
    from desktop.ui.admin.retention_page import RetentionPage

    return RetentionPage(ctx)


def _certificates(ctx, host, **params):
    from desktop.ui.admin.certs_page import CertificatesPage

    return CertificatesPage(ctx)
