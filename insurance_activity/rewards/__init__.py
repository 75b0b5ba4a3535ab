"""Reward settlement into HRMS payroll (issue 16): Reward Settlement, Agent Reward, the approval workflow."""
