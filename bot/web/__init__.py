"""The wallet page: members link a wallet with Sign-In with Ethereum and vote by signing an EIP-712 ballot
in their own wallet; the recorder relays it gas-free. aiohttp + Jinja2, plain HTML and one small script
(static/wallet.js) on the browser wallet's `window.ethereum`; no front-end build."""
