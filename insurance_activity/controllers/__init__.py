"""Behaviour shared by many of the app's documents, written once (as erpnext/controllers does)."""
