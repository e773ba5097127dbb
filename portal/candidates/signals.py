"""Signals other apps listen to; this app never imports them (layers: they sit above it).

``profile_changed`` is sent, after the transaction commits, with ``profile_ids`` (a list of primary
keys) whenever profiles are created, edited, imported, get a new CV, change consent, or are deleted.
Receivers must re-read the profiles: one that is missing or no longer in ``visible_profiles()`` is to
be dropped (from the search index, from the matching arrays). Batches (imports) send one signal per
batch, not one per profile.
"""

from django.dispatch import Signal

profile_changed = Signal()

# Sent by ``services.candidate_export`` with ``profile``: each receiver returns an
# ``exports.ExportPart`` holding what its app keeps about that candidate.
export_requested = Signal()
