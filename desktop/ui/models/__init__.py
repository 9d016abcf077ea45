"""Qt item models: adapters from core values (plain dataclasses) to views."""
