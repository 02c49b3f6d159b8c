"""What the build writes besides the pages (feed, print document, redirect pages, 404 pages, review.json), and the last check of every finished page (the guard)."""
