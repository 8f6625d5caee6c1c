"""The PowerPoint deck: ``DeckPlan`` + ``Theme`` in, .pptx bytes out (python-pptx).

Stage: a renderer that only draws the plan. ``deck`` has one builder per slide variant; ``draw``
and ``chart`` draw text frames, shapes, tables and native charts; ``slides``, ``speed``,
``template`` and ``repro`` handle skeleton slides, templates and byte-identical output. Before any
of them imports python-pptx, ``lazy_modules`` makes the URL opener it never uses load on first use.
"""

from generator.lazy_modules import defer

defer("urllib.request")  # xml.sax.saxutils imports it at its top; python-pptx never opens a URL
