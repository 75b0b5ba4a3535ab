"""Reward settlement into HRMS payroll: not built yet (issue 16)."""
