"""Stage: assembling."""
