"""One module per data file in docs/ (statutes, glossary, redirects, steps): load it and validate it into typed data."""
