"""Backends behind the search port. Import them only through `search.port.get_backend()`."""
