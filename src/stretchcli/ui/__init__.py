"""The terminal: rich tables and screens, the session loop, keys, bell and speech, the editor."""
