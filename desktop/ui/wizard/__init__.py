"""The guided hearing drawn from the form definitions (desktop/forms/*.yaml)."""
