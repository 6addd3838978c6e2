"""The Discord bot: a thin adapter over the application object (governance.application).

One package per feature, each with its cog (slash commands), and where it has them its views
(buttons and modals, registered by the cog), flow (what a command and a button share) and embeds:
  proposals/     /proposal show, /proposal list, /summarize   drafting/  /propose → draft → publish
  voting/        /vote, /tally, the vote buttons, receipts    verification/  /verify
  wallet/        /wallet                                      digests/   /digest now
  reminders/     /reminders                                   settings/  /config
Shared here: client.py (the bot), runner.py (`folkmoot run`), tree.py (every command's check and
error handler), errors.py, replies.py, members.py (who acts), communities.py (a server becomes
a community), params.py (proposal parameters), limits.py (Discord's sizes), format.py (embed
pieces), custom_ids.py (the button id scheme) and publisher.py (where scheduled posts go).
"""
