"""Stage 3: normalising Turkish numbers, units and labels."""
