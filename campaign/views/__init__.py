"""Campaign pages.  Each page asks :mod:`campaign.rules`; a page or row outside the
user's scope is a 404, as if it did not exist."""
