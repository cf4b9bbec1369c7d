"""A real OpenID provider for the OpenID Connect tests: django-oidc-provider in a tiny Django project of its own,
started by `fixture.start_provider` in a second process on localhost, with its own SQLite database in a temporary
folder. Nothing of yukemuri is imported here: it is another site, as LINE or a municipality's provider would be."""
