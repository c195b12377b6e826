"""claimcheck: load, check, export and render the ketamine claims catalog."""

__version__ = "0.1.0"
