// The wallet page's only script (served from this site; the page allows no other). It talks to the
// browser wallet through EIP-1193 `window.ethereum`: eth_requestAccounts, eth_chainId, personal_sign for
// Sign-In with Ethereum, eth_signTypedData_v4 for the ballot. It never asks for a transaction.
"use strict";
(function () {
  const page = document.getElementById("page");
  const csrfMeta = document.querySelector('meta[name="csrf"]');
  const csrf = csrfMeta ? csrfMeta.content : "";
  const status = document.getElementById("status");
  const expectedChain = Number(page.dataset.chainId || 0);

  function show(state, text) {
    status.dataset.state = state;
    status.textContent = text;
  }

  async function post(path, body) {
    const response = await fetch(path, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify(body),
    });
    const data = await response.json().catch(() => ({ error: "The server did not answer; try again." }));
    if (!response.ok) {
      const error = new Error(data.error || "Refused.");
      error.state = data.state || "refused";
      throw error;
    }
    return data;
  }

  function utf8Hex(text) {
    return "0x" + Array.from(new TextEncoder().encode(text), (b) => b.toString(16).padStart(2, "0")).join("");
  }

  async function connect() {
    if (!window.ethereum) {
      show("no-wallet", "No wallet found in this browser. Install a wallet extension (or open this link in your wallet's browser) and reload.");
      return null;
    }
    const accounts = await window.ethereum.request({ method: "eth_requestAccounts" });
    let chainId = parseInt(await window.ethereum.request({ method: "eth_chainId" }), 16);
    if (chainId !== expectedChain) {
      try {  // ask the wallet to switch (a network change, not a transaction); it may not know the chain
        await window.ethereum.request({ method: "wallet_switchEthereumChain", params: [{ chainId: "0x" + expectedChain.toString(16) }] });
        chainId = parseInt(await window.ethereum.request({ method: "eth_chainId" }), 16);
      } catch (error) {
        // the member declined, or the wallet does not know this chain: say what to do below
      }
    }
    if (chainId !== expectedChain) {
      show("wrong-network", `Your wallet is on chain ${chainId}; this community votes on chain ${expectedChain}. Switch your wallet's network and try again.`);
      return null;
    }
    return { address: accounts[0], chainId };
  }

  async function signIn(wallet) {
    show("signing-in", "Sign the sign-in message in your wallet (no transaction, no gas)…");
    const { message } = await post("/api/sign-in/message", { address: wallet.address, chainId: wallet.chainId });
    const signature = await window.ethereum.request({ method: "personal_sign", params: [utf8Hex(message), wallet.address] });
    return post("/api/sign-in", { message, signature });
  }

  function failed(error) {
    if (error && error.code === 4001) {
      show("rejected", "You rejected the signature in your wallet; nothing was sent. Press the button again to retry.");
    } else {
      show(error.state || "error", error.message || String(error));
    }
  }

  async function linkWallet() {
    try {
      const wallet = await connect();
      if (!wallet) return;
      const { wallet: linked } = await signIn(wallet);
      show("linked", `Wallet ${linked} is linked to your vote (written on-chain with the next batch). You can close this page; vote from the Vote with wallet button.`);
    } catch (error) {
      failed(error);
    }
  }

  async function vote() {
    try {
      const wallet = await connect();
      if (!wallet) return;
      const { linked } = await post("/api/wallet", { address: wallet.address });
      if (!linked) await signIn(wallet);
      const support = Number(document.querySelector('input[name="support"]:checked').value);
      const proposalId = Number(page.dataset.proposal);
      const { typedData } = await post("/api/ballot/typed-data", { proposalId, wallet: wallet.address, support });
      show("signing", "Sign your ballot in your wallet (no transaction, no gas)…");
      const signature = await window.ethereum.request({
        method: "eth_signTypedData_v4", params: [wallet.address, JSON.stringify(typedData)],
      });
      const m = typedData.message;
      const queued = await post("/api/ballot", {
        proposalId, wallet: m.voter, support: m.support, nonce: m.nonce, deadline: m.deadline,
        signature, chainId: wallet.chainId, reason: document.getElementById("reason").value,
      });
      window.location.assign(queued.receiptUrl);
    } catch (error) {
      failed(error);
    }
  }

  async function governorVote() {  // the Governor's own ballot; uint256 values stay decimal strings
    try {
      const wallet = await connect();
      if (!wallet) return;
      const number = Number(page.dataset.number);
      const support = Number(document.querySelector('input[name="support"]:checked').value);
      const reason = document.getElementById("reason").value;
      const { typedData } = await post("/api/governor/ballot/typed-data", { number, support, reason });
      show("signing", "Sign your ballot in your wallet (no transaction, no gas)…");
      const signature = await window.ethereum.request({
        method: "eth_signTypedData_v4", params: [wallet.address, JSON.stringify(typedData)],
      });
      show("relaying", "Relaying your ballot to the Governor…");
      const r = await post("/api/governor/ballot", { number, support, reason, signature });
      show("on-chain", `Counted by the Governor: weight ${r.weight}, in transaction ${r.txHash} (block ${r.block}).`);
      document.getElementById("governor-vote").disabled = true;
    } catch (error) {
      failed(error);
    }
  }

  async function delegateToSelf() {  // the token's Delegation to the wallet itself, relayed gas-free
    try {
      const wallet = await connect();
      if (!wallet) return;
      const { typedData } = await post("/api/governor/delegation/typed-data", {});
      show("signing", "Sign the delegation in your wallet (no transaction, no gas)…");
      const signature = await window.ethereum.request({
        method: "eth_signTypedData_v4", params: [wallet.address, JSON.stringify(typedData)],
      });
      const m = typedData.message;
      const r = await post("/api/governor/delegation", {
        nonce: m.nonce, expiry: m.expiry, signature, chainId: typedData.domain.chainId,
        token: typedData.domain.verifyingContract,
      });
      show("delegated", `Delegated to yourself in transaction ${r.txHash} (block ${r.block}): it counts from the next proposal's snapshot.`);
      document.getElementById("delegate").disabled = true;
    } catch (error) {
      failed(error);
    }
  }

  async function follow() {
    try {
      const response = await fetch(`/api/receipt/${encodeURIComponent(page.dataset.key)}`, { credentials: "same-origin" });
      const r = await response.json();
      if (!response.ok) return show(r.state || "error", r.error);
      if (r.status === "on-chain") return show("on-chain", `On-chain in transaction ${r.txHash}.`);
      if (r.status === "refused") return show("refused", `The ledger refused it: ${r.error}`);
    } catch (error) {
      // the page may be offline for a moment; try again
    }
    setTimeout(follow, 2000);
  }

  const signInButton = document.getElementById("sign-in");
  if (signInButton) signInButton.addEventListener("click", linkWallet);
  const voteButton = document.getElementById("vote");
  if (voteButton) voteButton.addEventListener("click", vote);
  const governorButton = document.getElementById("governor-vote");
  if (governorButton) governorButton.addEventListener("click", governorVote);
  const delegateButton = document.getElementById("delegate");
  if (delegateButton) delegateButton.addEventListener("click", delegateToSelf);
  if (page.dataset.page === "receipt" && status.dataset.state === "queued") follow();
})();
