"""Every face of folkmoot, each a thin entry point over the application object
(governance.application): `discord/` the Discord bot, `cli/` the `folkmoot` command line and the
demo. The wallet web page will be a package beside them."""
