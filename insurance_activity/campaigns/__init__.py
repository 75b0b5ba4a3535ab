"""Activity campaigns, the activity calendar (行事历) and points contests: not built yet (issue 15)."""
