"""The command line: typer signatures, shared options, completion, and `main`, the one boundary."""
