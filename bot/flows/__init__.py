"""What happens when a member acts, shared by slash commands, buttons and modals.

The bot creates one of each flow with its services; components reach them through
`interaction.client`, so nothing here is a global.
"""
