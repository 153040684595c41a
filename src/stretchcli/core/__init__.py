"""The pure core: the routine format, the library, timelines, the session engine, statistics.

Nothing here prints, reads the clock, touches the terminal or opens a file of its own:
time and bytes come in as parameters, results go out as values. `core/ruff.toml`
enforces it.
"""
