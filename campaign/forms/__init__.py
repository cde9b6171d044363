"""Forms of the campaign app, one module per area: they validate, the services write."""
