"""The search index: what a page adds to it, one index per language, the prebuilt offline index."""
