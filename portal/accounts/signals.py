from django.dispatch import Signal

# Sent with ``user`` once a user proves they own their address; higher apps react in receivers they own.
email_confirmed = Signal()
