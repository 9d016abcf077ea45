"""Integrity seals (PAdES B-B with pyHanko), officer certificates and the strict verifier."""
