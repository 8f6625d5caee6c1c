"""Tests of ``generator.readers``."""
