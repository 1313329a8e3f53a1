// The npm word-list filter @2toad/profanity, timed as screen_cpu_bench
// times screen(): exists() over every comment's text, in this process's CPU
// time, one warm-up pass (the JIT) and then ROUNDS passes. The package is
// not ours and is never installed in the repository: PEER_DIR is a
// directory whose node_modules holds it (npm install @2toad/profanity).
//
//   node benchmarks/peer_toad.js PEER_DIR ROUNDS DATA.jsonl...
//
// Prints one line per pass: "seconds N held H comments C bytes B".
'use strict';
const fs = require('fs');
const path = require('path');

const [peerDir, roundsArg, ...files] = process.argv.slice(2);
if (!peerDir || !roundsArg || files.length === 0) {
  console.error('usage: node peer_toad.js PEER_DIR ROUNDS DATA.jsonl...');
  process.exit(2);
}
let Profanity;
try {
  ({ Profanity } = require(require.resolve('@2toad/profanity', { paths: [peerDir] })));
} catch (e) {
  console.error(`@2toad/profanity is not installed under ${path.resolve(peerDir)}: ` +
                `run 'npm install @2toad/profanity' there (${e.code || e.message})`);
  process.exit(3);
}
const texts = [];
let bytes = 0;
for (const file of files) {
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const row = JSON.parse(line);
    if (typeof row.text !== 'string') continue;
    texts.push(row.text);
    bytes += Buffer.byteLength(row.text);
  }
}
const filter = new Profanity({ languages: ['en'] });
const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const pass = () => {
  let held = 0;
  const start = cpuSeconds();
  for (const t of texts) if (filter.exists(t)) ++held;
  return { seconds: cpuSeconds() - start, held };
};
pass();
for (let r = 0; r < Number(roundsArg); ++r) {
  const { seconds, held } = pass();
  console.log(`seconds ${seconds} held ${held} comments ${texts.length} bytes ${bytes}`);
}
