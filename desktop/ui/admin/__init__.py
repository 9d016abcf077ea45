"""Administration: accounts and idle-lock delay, backups, audit log, retention, seal
certificates, export verification (each screen its own module, over desktop.core.admin)."""
