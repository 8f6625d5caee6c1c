"""The deck planner: ``Document`` + ``Theme`` in, a ``DeckPlan`` and warnings out, with no I/O.

Stage: between the readers and ``render.pptx``. ``plan`` orders the slides; ``text``, ``flow``,
``blocks``, ``quote``, ``table`` and ``cover`` plan each kind of content, measured with
``theme.measure``; ``pair`` puts bullets and a visual on one slide; ``sentences`` splits long
text between sentences;
``layout`` holds the slide geometry; ``model`` the typed slide variants the renderer draws.
"""
