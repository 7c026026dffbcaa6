# Single source of truth for the pyexpr version.
# Read by setup.py (package metadata, -DPYEXPR_VERSION for the C binary) and
# by the Makefile (sed). Keep the exact form: __version__ = "X.Y.Z"
__version__ = "0.1.0"
