"""The awards app's forms, one module per area.  They validate input; services write it."""
