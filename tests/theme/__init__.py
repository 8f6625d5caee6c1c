"""Tests of ``generator.theme``."""
