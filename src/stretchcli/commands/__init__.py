"""One function per command: typed arguments and an Output in, an ExitCode out.

Grouped as the README groups the commands: browse (exercises, show, routines), plan,
session, history, and own_routines (new, edit, validate, schema, where). Shared
loading and reporting lives in `loading`. Nothing here knows typer: `cli.app`
parses the command line and calls these; tests call them directly.
"""
