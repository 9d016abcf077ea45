"""Procès-verbaux and reports as PDF/A-2b, from a neutral document model (no Qt)."""
