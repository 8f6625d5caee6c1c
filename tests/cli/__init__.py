"""Tests of ``generator.cli``."""
