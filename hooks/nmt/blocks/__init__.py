"""Generated Markdown: what replaces a marker, notices at the top, lines under the title, links made from the registers."""
