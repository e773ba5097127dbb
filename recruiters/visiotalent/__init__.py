"""Visiotalent: deferred video interviews (campaigns, invitations, recorded answers)."""
