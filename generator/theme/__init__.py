"""Themes: theme files in, one resolved ``Theme`` out, plus the font services both outputs measure
and draw with.

Stage: beside the readers. ``load`` reads and cascades theme files, ``model`` holds the resolved
theme, ``fonts`` decides which font draws each character, ``measure`` turns text into points
with real metrics, ``template`` reads PowerPoint templates (slide size, layouts, placeholders).
"""

from generator.lazy_modules import defer

defer("PIL.Image")  # reportlab and python-pptx import it at their start; only images need it
