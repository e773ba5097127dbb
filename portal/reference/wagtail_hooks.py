from wagtail import hooks

# Help menu items that lead to Wagtail's English site (its editor's guide and release notes).
ENGLISH_HELP_ITEMS = ("editor-guide", "whats-new-in-wagtail-")


@hooks.register("construct_help_menu")
def hide_english_help(request, menu_items):
    menu_items[:] = [item for item in menu_items if not item.name.startswith(ENGLISH_HELP_ITEMS)]
