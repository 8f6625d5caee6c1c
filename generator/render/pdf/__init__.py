"""The PDF brief: ``Document`` + ``Theme`` in, PDF bytes out (reportlab).

Stage: a renderer. ``brief`` wires the pieces: ``cover`` and ``blocks`` turn the model into
flowables (``charts`` and ``chart_kit`` draw charts),
``text``/``para``/``style``/``hyphen``/``bidi`` set the type, ``flow`` and ``page`` lay out
columns and page furniture. Before any of them imports reportlab's platypus, ``patterns``
imports it with two costly, seldom used regular expressions deferred (some 50 ms of CPU a build).
"""

from generator.render.pdf.patterns import import_platypus

import_platypus()
