"""The search index and engine: what a page adds to it, one index per language, the engine's index for both copies."""
