"""Buttons and modals. They parse what the member did and hand it to the bot's flows."""
