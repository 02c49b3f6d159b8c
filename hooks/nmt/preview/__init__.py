"""`make serve` only: the findings panel and the reuse of unchanged pages."""
