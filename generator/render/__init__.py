"""Renderers that only draw: ``pdf`` draws the ``Document``, ``pptx`` draws the ``DeckPlan``.
Neither knows about the other.
"""
