"""The deck planner: ``Document`` + ``Theme`` in, a ``DeckPlan`` and warnings out, with no I/O.

Stage: between the readers and ``render.pptx``. ``plan`` orders the slides; ``text``, ``flow``,
``blocks``, ``table`` and ``cover`` plan each kind of content, measured with ``theme.measure``;
``layout`` holds the slide geometry; ``model`` the typed slide variants the renderer draws.
"""
