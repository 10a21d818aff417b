"""`make bench`: the service under gunicorn on PostgreSQL and SQLite, filled with generated cases, driven by wrk.

Not part of the service and not run by `make test`: see bench/README.md.
"""
