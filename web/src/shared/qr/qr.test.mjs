// Unit test of the QR encoder (qr.ts): `node src/shared/qr/qr.test.mjs` from web/ (scripts/run-tests runs it).
// Checks against vectors published with the standard's worked examples (Reed–Solomon codewords of
// "HELLO WORLD" 1-M, the level-M format strings, the version strings 7–10), then encodes URLs of every
// version 1..10 and reads each symbol back with an independent reader: format bits from both copies, the
// mask undone, codewords read in the zigzag order, de-interleaved, every block's RS syndromes zero, and the
// byte-mode payload equal to the text.
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const here = path.dirname(fileURLToPath(import.meta.url));
const js = ts.transpileModule(readFileSync(path.join(here, 'qr.ts'), 'utf8'), {
  compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2020 },
}).outputText;
const file = path.join(mkdtempSync(path.join(tmpdir(), 'qr-')), 'qr.mjs');
writeFileSync(file, js);
const qr = await import(pathToFileURL(file).href);

let failures = 0;
function check(ok, what) {
  if (!ok) {
    failures++;
    console.log(`not ok - ${what}`);
  }
}
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

// Reed–Solomon: "HELLO WORLD" at 1-M (alphanumeric data codewords; the error correction does not care).
const hello = [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17];
check(same(qr.reedSolomon(hello, 10), [196, 35, 39, 119, 235, 215, 231, 226, 93, 23]), 'RS of HELLO WORLD 1-M');

// Format strings of level M, masks 0..7; version strings 7..10.
const FORMAT_M = [
  '101010000010010',
  '101000100100101',
  '101111001111100',
  '101101101001011',
  '100010111111001',
  '100000011001110',
  '100111110010111',
  '100101010100000',
];
FORMAT_M.forEach((s, mask) => check(qr.formatBits(mask) === parseInt(s, 2), `format bits M mask ${mask}`));
const VERSION = {
  7: '000111110010010100',
  8: '001000010110111100',
  9: '001001101010011001',
  10: '001010010011010011',
};
for (const [v, s] of Object.entries(VERSION)) check(qr.versionBits(Number(v)) === parseInt(s, 2), `version ${v}`);
// Data codewords at level M (ISO table 7).
check(
  same(
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((v) => qr.dataCodewords(v)),
    [16, 28, 44, 64, 86, 108, 124, 154, 182, 216],
  ),
  'data codewords 1-M … 10-M',
);

// --- an independent reader ---------------------------------------------------------------------------
const ECC = [0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26];
const BLOCKS = [0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5];
const ALIGN = [[], [], [6, 18], [6, 22], [6, 26], [6, 30], [6, 34], [6, 22, 38], [6, 24, 42], [6, 26, 46], [6, 28, 50]];
const TOTAL = [0, 26, 44, 70, 100, 134, 172, 196, 242, 292, 346]; // codewords per version (ISO table 1)

function functionArea(ver, size) {
  const f = Array.from({ length: size }, () => new Array(size).fill(false));
  const box = (x0, y0, w, h) => {
    for (let y = Math.max(0, y0); y < Math.min(size, y0 + h); y++)
      for (let x = Math.max(0, x0); x < Math.min(size, x0 + w); x++) f[y][x] = true;
  };
  box(0, 0, 9, 9); // finder, separator and format area
  box(size - 8, 0, 8, 9);
  box(0, size - 8, 9, 8);
  box(6, 0, 1, size);
  box(0, 6, size, 1);
  const a = ALIGN[ver];
  for (const x of a)
    for (const y of a) {
      if ((x === 6 && y === 6) || (x === 6 && y === a[a.length - 1]) || (x === a[a.length - 1] && y === 6)) continue;
      box(x - 2, y - 2, 5, 5);
    }
  if (ver >= 7) {
    box(size - 11, 0, 3, 6);
    box(0, size - 11, 6, 3);
  }
  return f;
}

const MASK = [
  (r, c) => (r + c) % 2 === 0,
  (r) => r % 2 === 0,
  (r, c) => c % 3 === 0,
  (r, c) => (r + c) % 3 === 0,
  (r, c) => (Math.floor(r / 2) + Math.floor(c / 3)) % 2 === 0,
  (r, c) => ((r * c) % 2) + ((r * c) % 3) === 0,
  (r, c) => (((r * c) % 2) + ((r * c) % 3)) % 2 === 0,
  (r, c) => (((r + c) % 2) + ((r * c) % 3)) % 2 === 0,
];

function gfExpTable() {
  const exp = new Array(512);
  let x = 1;
  for (let i = 0; i < 255; i++) {
    exp[i] = x;
    x <<= 1;
    if (x & 0x100) x ^= 0x11d;
  }
  for (let i = 255; i < 512; i++) exp[i] = exp[i - 255];
  const log = new Array(256);
  for (let i = 0; i < 255; i++) log[exp[i]] = i;
  return { exp, log };
}
const GF = gfExpTable();
const mul = (a, b) => (a === 0 || b === 0 ? 0 : GF.exp[GF.log[a] + GF.log[b]]);
// Syndromes of a block (data then ECC, highest power first) at α^0 … α^(n-1): all zero for a codeword.
function syndromesZero(block, n) {
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (const c of block) s = mul(s, GF.exp[i]) ^ c;
    if (s !== 0) return false;
  }
  return true;
}

function read(code) {
  const m = code.modules;
  const size = m.length;
  const ver = (size - 17) / 4;
  // format bits, first copy (around the top-left finder), most significant first
  const cells1 = [];
  for (let c = 0; c <= 5; c++) cells1.push([8, c]);
  cells1.push([8, 7], [8, 8], [7, 8]);
  for (let r = 5; r >= 0; r--) cells1.push([r, 8]);
  const cells2 = [];
  for (let r = size - 1; r >= size - 7; r--) cells2.push([r, 8]);
  for (let c = size - 8; c < size; c++) cells2.push([8, c]);
  const word = (cells) => cells.reduce((a, [r, c]) => (a << 1) | (m[r][c] ? 1 : 0), 0);
  const f1 = word(cells1);
  const f2 = word(cells2);
  const mask = FORMAT_M.findIndex((s) => parseInt(s, 2) === f1);
  if (f1 !== f2 || mask < 0) return { error: `format ${f1.toString(2)} / ${f2.toString(2)}` };
  if (!m[size - 8][8]) return { error: 'dark module' };
  const fn = functionArea(ver, size);
  const bits = [];
  for (let right = size - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5;
    const upward = ((size - 1 - right) >> 1) % 2 === 0;
    for (let i = 0; i < size; i++) {
      const r = upward ? size - 1 - i : i;
      for (const c of [right, right - 1]) {
        if (fn[r][c]) continue;
        bits.push(m[r][c] !== MASK[mask](r, c) ? 1 : 0);
      }
    }
  }
  const words = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) words.push(bits.slice(i, i + 8).reduce((a, b) => (a << 1) | b, 0));
  if (words.length !== TOTAL[ver]) return { error: `${words.length} codewords, expected ${TOTAL[ver]}` };
  const nb = BLOCKS[ver];
  const ecc = ECC[ver];
  const dataTotal = TOTAL[ver] - nb * ecc;
  const shortData = Math.floor(dataTotal / nb);
  const longBlocks = dataTotal % nb;
  const dataLen = (j) => shortData + (j >= nb - longBlocks ? 1 : 0);
  const blocks = Array.from({ length: nb }, () => []);
  let k = 0;
  for (let i = 0; i < shortData + 1; i++) for (let j = 0; j < nb; j++) if (i < dataLen(j)) blocks[j].push(words[k++]);
  for (let i = 0; i < ecc; i++) for (let j = 0; j < nb; j++) blocks[j].push(words[k++]);
  for (const b of blocks) if (!syndromesZero(b, ecc)) return { error: 'RS syndromes' };
  const data = blocks.flatMap((b, j) => b.slice(0, dataLen(j)));
  const dbits = data.flatMap((w) => [7, 6, 5, 4, 3, 2, 1, 0].map((i) => (w >> i) & 1));
  let p = 0;
  const take = (n) => {
    let v = 0;
    for (let i = 0; i < n; i++) v = (v << 1) | dbits[p++];
    return v;
  };
  if (take(4) !== 4) return { error: 'mode' };
  const len = take(ver <= 9 ? 8 : 16);
  const bytes = [];
  for (let i = 0; i < len; i++) bytes.push(take(8));
  return { text: new TextDecoder().decode(Uint8Array.from(bytes)), mask, version: ver };
}

// Every version 1..10, every forced mask on one, and the chosen mask having the least penalty.
const seen = new Set();
for (let len = 1; len <= 213; len += 7) {
  const text = `https://civic.example/public/survey/Q?unit=${'HG-01.x'.repeat(40)}`.slice(0, len);
  const code = qr.encodeQr(text);
  seen.add(code.version);
  const back = read(code);
  check(back.text === text, `round trip of ${len} chars (v${code.version}): ${back.error ?? back.text}`);
  const penalties = [0, 1, 2, 3, 4, 5, 6, 7].map((k) => qr.penalty(qr.encodeQr(text, k).modules));
  check(penalties[code.mask] === Math.min(...penalties), `mask ${code.mask} has the least penalty (${penalties})`);
}
check(seen.size === 10, `versions 1..10 all used (${[...seen].sort((a, b) => a - b)})`);
for (let k = 0; k < 8; k++) {
  const code = qr.encodeQr('http://127.0.0.1:8080/public/survey/E2E-Q1?unit=HG-01', k);
  const back = read(code);
  check(back.mask === k && back.text === 'http://127.0.0.1:8080/public/survey/E2E-Q1?unit=HG-01', `forced mask ${k}`);
}
const chinese = read(qr.encodeQr('海关社区 问卷 https://civic.example/s/CW'));
check(
  chinese.text === '海关社区 问卷 https://civic.example/s/CW',
  `UTF-8 round trip: ${chinese.error ?? chinese.text}`,
);
let threw = false;
try {
  qr.encodeQr('x'.repeat(214));
} catch {
  threw = true;
}
check(threw, 'over version 10 refused');

console.log(failures ? `qr: ${failures} failed` : 'qr: all passed');
process.exit(failures ? 1 : 0);
