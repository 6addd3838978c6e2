"""`folkmoot wallet message|link|unlink` (issue 10): the wallet path scripted without Discord, on the
embedded chain: the printed message is what the wallet signs; a wrong signature is one error line."""

from __future__ import annotations

from eth_account import Account
from eth_account.messages import encode_defunct

from bot.cli import main
from tests.unit.cli.test_scripting import clear_caches

WALLET = Account.create("folkmoot cli wallet test")


def test_link_with_the_printed_message_and_unlink(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("FOLKMOOT_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setenv("FOLKMOOT_CHAIN", "embedded")
    monkeypatch.chdir(tmp_path)
    clear_caches()
    try:
        assert main(["community", "create", "42", "Riverside"]) == 0
        capsys.readouterr()
        assert main(["wallet", "message", "--community", "42", "--as", "7", "--address", WALLET.address]) == 0
        text = capsys.readouterr().out.rstrip("\n")
        assert text == f"I link wallet {WALLET.address.lower()} to my folkmoot vote as discord:7 in community 42."
        signature = Account.sign_message(encode_defunct(text=text), WALLET.key).signature.to_0x_hex()

        wrong = Account.sign_message(encode_defunct(text=text + " "), WALLET.key).signature.to_0x_hex()
        assert main(["wallet", "link", "--community", "42", "--as", "7", "--address", WALLET.address,
                     "--signature", wrong]) == 2
        err = capsys.readouterr().err
        errors = [line for line in err.splitlines() if "WARNING" not in line]  # the embedded chain's notice
        assert errors == ["error: That signature does not prove control of the wallet; sign the exact "
                          "message shown."] and "Traceback" not in err

        assert main(["wallet", "link", "--community", "42", "--as", "7", "--address", WALLET.address,
                     "--signature", signature]) == 0
        from bot.cli.app import governance

        assert governance().linked_wallet(42, "discord:7") == WALLET.address.lower()
        assert main(["wallet", "unlink", "--community", "42", "--as", "7"]) == 0
        assert governance().linked_wallet(42, "discord:7") is None
        assert main(["wallet", "message", "--community", "42", "--as", "7", "--address", "0x12"]) == 2
    finally:
        clear_caches()
