"""The catalogue as one file, in the documented catalogue format: its columns, its JSON Schema and its export."""
