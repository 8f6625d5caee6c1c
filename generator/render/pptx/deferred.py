"""Import python-pptx without loading urllib.request, which it never uses, on every build.

Stage: a service run once, at the deck renderer's package start, before python-pptx is imported;
the standard library's modules in, the same modules out. python-pptx imports ``xml.sax.saxutils``
for its ``escape``; that module imports ``urllib.request`` at its top, for opening URLs, which
brings http.client, email, ssl and socket: some 30 ms of the deck's process, on the critical path
of every build. Here ``urllib.request`` is first a stand-in module that loads the real one the
first time anything asks it for a name, and from then on holds the real one's names. (The
standard library's ``LazyLoader`` cannot do this: the import statement itself reads the module's
``__spec__``, which makes it load at once.)
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types
import urllib  # the package (nearly empty); its ``request`` submodule is the one deferred

DEFERRED_MODULE = "urllib.request"


class _LoadedOnFirstUse(types.ModuleType):
    """``urllib.request`` until a name is looked up in it; then a module holding the real one's names."""

    def __getattr__(self, name: str) -> object:  # only for names not in the stand-in's own namespace
        if sys.modules.get(DEFERRED_MODULE) is self:
            del sys.modules[DEFERRED_MODULE]
        real = importlib.import_module(DEFERRED_MODULE)
        urllib.request = real  # type: ignore[attr-defined]
        self.__dict__.update(vars(real))  # a copy made earlier (``import ... as``) answers directly now
        return getattr(real, name)


def defer_url_opener() -> None:
    """Put the stand-in in place of ``urllib.request``, unless the real one is already imported."""
    if DEFERRED_MODULE in sys.modules:
        return
    spec = importlib.util.find_spec(DEFERRED_MODULE)
    if spec is None:
        return
    stand_in = _LoadedOnFirstUse(DEFERRED_MODULE)
    stand_in.__spec__ = spec  # what the import statement checks; the module's code is not run
    sys.modules[DEFERRED_MODULE] = stand_in
    urllib.request = stand_in  # type: ignore[attr-defined]
