"""Stage: reading."""
