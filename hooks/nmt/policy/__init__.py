"""What may be published: the HTML allow-list and CSP, the rules for outside links."""
