"""The PDF brief: ``Document`` + ``Theme`` in, PDF bytes out (reportlab).

Stage: a renderer. ``brief`` wires the pieces: ``cover`` and ``blocks`` turn the model into
flowables (``charts`` and ``chart_kit`` draw charts),
``text``/``para``/``style``/``hyphen``/``bidi`` set the type, ``flow`` and ``page`` lay out
columns and page furniture.
"""
