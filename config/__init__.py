"""What the service is told: settings, the campaign and units file format, shipped catalogs.

This package imports nothing else of thidua's; every other room may import it.
"""
