"""The dashboard's DuckDB database: every table in one module (schema.py, with its named migrations) and opening
the file safely when other processes use it too (connection.py). Imports only config: every other layer builds on
it."""
