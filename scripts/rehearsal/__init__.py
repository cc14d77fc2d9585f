"""The production rehearsal: scripts/rehearse_production.sh (`make test` runs it)."""
