"""Stage: recomputing."""
