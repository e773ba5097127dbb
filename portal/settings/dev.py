from .base import *  # noqa: F403
from .base import ENV

DEBUG = ENV.debug or True
SECURE_SSL_REDIRECT = False
