"""Use cases: each takes a unit of work and commits all of its changes or none."""
