"""Reading the files a user gives, safely: YAML with the position of every value, problems
collected with those positions, and image files checked before anything draws them.

Stage: the bottom of the input side. File bytes in; plain values that remember their line and
column, ``Problem`` lists and ``ImageInfo`` out. Used by ``readers`` (outlines) and ``theme``
(theme files); imports only ``errors``.
"""
