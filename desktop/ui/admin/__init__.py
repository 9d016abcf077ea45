"""Administration: accounts, and the idle-lock delay."""
