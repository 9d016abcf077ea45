"""Export to the procedure file: sealed pieces, manifest.json with one SHA-256 per piece,
a sealed bordereau de transmission, bundle verification, the pseudonymised copy, retention.

    from desktop.core.export.bundle import export_case            # the bundle (atomic)
    from desktop.core.export.verify import verify_bundle          # trame verify-bundle
    from desktop.core.export.retention import purge_case          # after transmission
"""
