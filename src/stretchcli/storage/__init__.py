"""Files and SQLite, never the terminal: where things live, reading the library, the cache,
the history database, and writes that never leave half a file.
"""
