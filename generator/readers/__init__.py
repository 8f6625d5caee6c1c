"""Readers: an outline file in, one validated, immutable ``Document`` out.

Stage: the first of the pipeline. ``outline`` loads and validates a YAML outline (``blocks`` has
one parser per block type, ``markup`` the inline markup); ``schema`` describes the same format
as JSON Schema. Every problem carries its file, line and column. Readers know nothing about
renderers.
"""
