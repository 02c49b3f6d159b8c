"""Every field of Build and LanguagePass has a real type, from the module that owns it.

core/state.py imports those types only for type checkers (TYPE_CHECKING: at
run time core/ does not load the steps). Here the file is loaded once more
with TYPE_CHECKING on, so an annotation that names a type which was renamed
or moved fails, instead of rotting silently.
"""
import dataclasses
import sys
import types
import typing
from pathlib import Path

import nmt.core.state


def checked_state(monkeypatch):
    """core/state.py as a type checker reads it: its TYPE_CHECKING imports run (and only its own)."""
    path = Path(nmt.core.state.__file__)
    source = path.read_text("utf-8").replace("from typing import TYPE_CHECKING", "TYPE_CHECKING = True")
    module = types.ModuleType("state_as_type_checkers_read_it")
    monkeypatch.setitem(sys.modules, module.__name__, module)   # dataclasses looks the module up
    exec(compile(source, str(path), "exec"), module.__dict__)
    return module


def test_every_field_names_a_type_that_exists_and_none_is_object(monkeypatch):
    state = checked_state(monkeypatch)
    assert state.TYPE_CHECKING is True
    for cls in (state.Build, state.LanguagePass):
        hints = typing.get_type_hints(cls)   # NameError when a type is gone
        assert set(hints) == {f.name for f in dataclasses.fields(cls)}
        untyped = [name for name, hint in hints.items() if hint is object]
        assert not untyped, f"{cls.__name__}: {untyped} typed object"
