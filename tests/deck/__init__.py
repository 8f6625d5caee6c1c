"""Tests of ``generator.deck``."""
