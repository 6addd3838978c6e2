#!/usr/bin/env node
// Compiles contracts/src with the pinned solc-js and writes contracts/artifacts/<Name>.json
// (abi, bytecode, deployedBytecode) for every deployable contract, and contracts/abi/<Name>.json (the bare
// ABI, readable by any Ethereum client) for the product's contracts (not src/bench or src/test).
//   node contracts/build.mjs           write the artifacts and ABIs
//   node contracts/build.mjs --check   compile to memory; exit 1 if any file differs, is missing or is stale
// The metadata hash is left out of the bytecode (bytecodeHash "none", no CBOR), so a rebuild from the same
// sources is byte-for-byte identical and the committed artifacts can be checked exactly.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import solc from "solc";

const ROOT = path.dirname(fileURLToPath(import.meta.url));
const SOURCES = path.join(ROOT, "src");
const OUTPUTS = ["artifacts", "abi"]; // the directories under contracts/ this script owns
const NOT_PRODUCT = ["src/bench/", "src/test/"]; // compiled for benchmarks and tests; no ABI published
const LIBRARIES = { "@openzeppelin/": path.join(ROOT, "node_modules", "@openzeppelin") };

const SETTINGS = {
  evmVersion: "prague",
  viaIR: true, // the IR optimizer makes a batched vote ~10% cheaper, for a few more seconds of compiling
  optimizer: { enabled: true, runs: 10_000 },
  metadata: { bytecodeHash: "none", appendCBOR: false },
  outputSelection: { "*": { "*": ["abi", "evm.bytecode.object", "evm.deployedBytecode.object"] } },
};
// The test Governors (OpenZeppelin 5 and 4.9 DAO stacks) are built the way DAOs usually deploy them:
// the legacy pipeline at 200 runs. That is also four times faster to compile than via-IR.
const PROFILES = [
  { prefix: "src/test/governor/", settings: { ...SETTINGS, viaIR: false, optimizer: { enabled: true, runs: 200 } } },
  { prefix: "src/", settings: SETTINGS },
];

function profileOf(unit) {
  return PROFILES.find((p) => unit.startsWith(p.prefix));
}

/** Every .sol file under src/, keyed by its source unit name ("src/..."), in a stable order. */
function collectSources(dir = SOURCES) {
  const sources = {};
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) Object.assign(sources, collectSources(full));
    else if (entry.name.endsWith(".sol")) {
      const unit = path.relative(ROOT, full).split(path.sep).join("/");
      sources[unit] = { content: fs.readFileSync(full, "utf8") };
    }
  }
  return sources;
}

/** solc import callback: only library imports reach it; they resolve inside node_modules. */
function findImports(unit) {
  for (const [prefix, dir] of Object.entries(LIBRARIES)) {
    if (!unit.startsWith(prefix)) continue;
    const file = path.join(dir, unit.slice(prefix.length));
    if (fs.existsSync(file)) return { contents: fs.readFileSync(file, "utf8") };
    return { error: `${unit} not found: run "npm ci --prefix contracts"` };
  }
  return { error: `${unit} is outside src/ and the known libraries` };
}

/** One solc run per settings profile; the outputs are merged (source unit names never overlap). */
function compile() {
  const all = collectSources();
  const merged = { contracts: {}, settingsOf: {} };
  for (const profile of PROFILES) {
    const sources = Object.fromEntries(Object.entries(all).filter(([unit]) => profileOf(unit) === profile));
    if (!Object.keys(sources).length) continue;
    const output = compileWith(sources, profile.settings);
    for (const [unit, contracts] of Object.entries(output.contracts ?? {})) {
      if (profileOf(unit) !== profile) continue; // a library compiled again for this profile
      merged.contracts[unit] = contracts;
      merged.settingsOf[unit] = profile.settings;
    }
  }
  return merged;
}

function compileWith(sources, settings) {
  const input = { language: "Solidity", sources, settings };
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));
  // Our own warnings fail the build too: they are cheap to fix now and noise forever otherwise.
  // The libraries' warnings are theirs to fix, so they are only counted.
  const diagnostics = output.errors ?? [];
  const problems = diagnostics.filter((e) => e.severity === "error" || e.sourceLocation?.file?.startsWith("src/"));
  for (const e of problems) console.error(e.formattedMessage ?? e.message);
  const libraryWarnings = diagnostics.length - problems.length;
  if (libraryWarnings) console.error(`(${libraryWarnings} warning(s) in library sources not shown)`);
  if (problems.length) throw new Error(`solc reported ${problems.length} error(s) or warning(s) in src/`);
  return output;
}

/** "artifacts/<Name>.json" and "abi/<Name>.json" -> file text, for every contract of ours that has bytecode. */
function renderArtifacts(output) {
  const files = new Map();
  for (const [sourceName, contracts] of Object.entries(output.contracts)) {
    if (!sourceName.startsWith("src/")) continue;
    for (const [contractName, { abi, evm }] of Object.entries(contracts)) {
      if (!evm.bytecode.object || abi.length === 0) continue; // interfaces, abstract contracts, internal libraries
      const file = `artifacts/${contractName}.json`;
      if (files.has(file)) throw new Error(`two contracts are named ${contractName}`);
      const artifact = {
        contractName,
        sourceName,
        compiler: { version: solc.version(), settings: { ...output.settingsOf[sourceName], outputSelection: undefined } },
        abi,
        bytecode: `0x${evm.bytecode.object}`,
        deployedBytecode: `0x${evm.deployedBytecode.object}`,
      };
      files.set(file, `${JSON.stringify(artifact, null, 2)}\n`);
      if (!NOT_PRODUCT.some((prefix) => sourceName.startsWith(prefix))) {
        files.set(`abi/${contractName}.json`, `${JSON.stringify(abi, null, 2)}\n`);
      }
    }
  }
  return files;
}

/** The .json files now in the output directories, as "artifacts/<Name>.json" and "abi/<Name>.json". */
function existingOutputs() {
  return OUTPUTS.flatMap((dir) => {
    const full = path.join(ROOT, dir);
    if (!fs.existsSync(full)) return [];
    return fs.readdirSync(full).filter((f) => f.endsWith(".json")).map((f) => `${dir}/${f}`);
  });
}

function check(files) {
  const stale = existingOutputs().filter((f) => !files.has(f));
  const differing = [...files].filter(([f, text]) => {
    const target = path.join(ROOT, f);
    return !fs.existsSync(target) || fs.readFileSync(target, "utf8") !== text;
  });
  for (const f of stale) console.error(`stale file (no such contract): ${f}`);
  for (const [f] of differing) console.error(`differs from the sources: ${f}`);
  if (stale.length || differing.length) {
    console.error('run "node contracts/build.mjs" and commit contracts/artifacts and contracts/abi');
    return 1;
  }
  console.log(`${files.size} artifacts and ABIs match the sources (solc ${solc.version()})`);
  return 0;
}

function write(files) {
  for (const dir of OUTPUTS) fs.mkdirSync(path.join(ROOT, dir), { recursive: true });
  for (const f of existingOutputs()) if (!files.has(f)) fs.rmSync(path.join(ROOT, f));
  for (const [f, text] of files) fs.writeFileSync(path.join(ROOT, f), text);
  console.log(`wrote ${files.size} artifacts and ABIs under ${path.relative(process.cwd(), ROOT) || "."}`);
  return 0;
}

try {
  const files = renderArtifacts(compile());
  process.exitCode = process.argv.includes("--check") ? check(files) : write(files);
} catch (error) {
  console.error(error.message);
  process.exitCode = 1;
}
