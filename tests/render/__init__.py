"""Tests of ``generator.render``."""
