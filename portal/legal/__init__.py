"""The site's information pages (legal notice, terms of use, privacy notice, accessibility statement,
contact) and its icon. Plain views over templates: no models, so no app to install."""
