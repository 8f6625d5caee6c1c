"""Tests of ``generator.pipeline``."""
