"""Administration use cases shared by the command line and the application (one use case,
two front ends): backups, the audit view, retention, certificates, export verification."""
