"""Stage: rules."""
