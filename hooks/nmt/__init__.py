"""The NMT handbook's build, by role: hooks/pipeline.py calls these steps in order (hooks/README.md)."""
