"""Glue to Material: its page settings, the language switcher, escaping front matter for templates, compiled templates."""
