"""Stand-ins for modules a library imports at its start but a build seldom or never uses.

Stage: a service of the base layer, run before the library is imported; module names in, the
same modules out, loaded later or not at all. Two imports cost every build time for nothing:
reportlab and python-pptx import PIL's ``Image`` at their start (some 15 ms, before the fork)
and use it only for images; python-pptx imports ``xml.sax.saxutils`` for ``escape``, which
imports ``urllib.request`` for opening URLs (http.client, email, ssl, socket: some 30 ms of the
deck's process). A stand-in is a module object that loads the real module the first time
anything asks it for a name or sets one, and from then on holds the real one's names. (The
standard library's ``LazyLoader`` cannot do this: the import statement itself reads a module's
``__spec__``, which makes it load at once.)
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types


class StandIn(types.ModuleType):
    """A module until a name is looked up or set in it; then a module holding the real one's names."""

    def _real(self) -> types.ModuleType:
        name = self.__name__
        if sys.modules.get(name) is self:
            del sys.modules[name]
        real = importlib.import_module(name)  # also binds it in its package, as any import does
        vars(self).update(vars(real))  # whoever holds the stand-in now reads the real names directly
        return real

    def __getattr__(self, name: str) -> object:  # only for names not in the stand-in's own namespace
        return getattr(self._real(), name)

    def __setattr__(self, name: str, value: object) -> None:  # a setting (``MAX_IMAGE_PIXELS``) must reach the real one
        setattr(self._real(), name, value)
        vars(self)[name] = value


def defer(name: str) -> None:
    """Stand in for the submodule ``name`` (e.g. "urllib.request") until its first use, unless it is imported."""
    if name in sys.modules:
        return
    package, _, last = name.rpartition(".")
    parent = importlib.import_module(package)
    spec = importlib.util.find_spec(name)
    if spec is None:
        return
    stand_in = StandIn(name)
    vars(stand_in)["__spec__"] = spec  # what the import statement checks; the module's code is not run
    sys.modules[name] = stand_in
    vars(parent)[last] = stand_in
