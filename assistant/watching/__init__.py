"""Questions that watch the news: saved questions re-asked as articles arrive, and their alerts."""
