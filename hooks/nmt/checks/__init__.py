"""Editor input → findings (file, line, what to do). Checks never change the text."""
