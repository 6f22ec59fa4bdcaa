// A small QR Code encoder (ISO/IEC 18004) for the questionnaires' public links: byte mode (UTF-8), error
// correction level M, versions 1–10 (up to 213 bytes), the mask chosen by the standard's penalty rules.
// `encodeQr(text)` answers the module matrix (true = dark), without the quiet zone; `qrSvgPath` and
// `drawQr` render it. The construction follows the standard step by step (and Nayuki's reference layout):
// data bits → codewords with padding → Reed–Solomon blocks, interleaved → function patterns, zigzag
// placement → the mask of least penalty and its format bits. Tested by src/shared/qr/qr.test.mjs.

export interface QrCode {
  version: number;
  size: number; // modules per side (17 + 4 × version)
  mask: number;
  modules: boolean[][]; // [row][column]
}

// Level M, versions 1..10: error correction codewords per block and number of blocks (ISO table 9).
const ECC_PER_BLOCK = [0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26];
const BLOCKS = [0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5];
const MAX_VERSION = 10;
const ECC_FORMAT_M = 0; // level M's two format bits

// Modules left for data and error correction once the function patterns are drawn.
function rawDataModules(ver: number): number {
  let n = (16 * ver + 128) * ver + 64;
  if (ver >= 2) {
    const align = Math.floor(ver / 7) + 2;
    n -= (25 * align - 10) * align - 55;
    if (ver >= 7) n -= 36;
  }
  return n;
}

export function dataCodewords(ver: number): number {
  return Math.floor(rawDataModules(ver) / 8) - ECC_PER_BLOCK[ver] * BLOCKS[ver];
}

// GF(256) with the polynomial x^8 + x^4 + x^3 + x^2 + 1.
function gfMul(x: number, y: number): number {
  let z = 0;
  for (let i = 7; i >= 0; i--) {
    z = (z << 1) ^ ((z >>> 7) * 0x11d);
    z ^= ((y >>> i) & 1) * x;
  }
  return z & 0xff;
}

// The generator polynomial of `degree` (coefficients highest first, the leading 1 left out).
function rsDivisor(degree: number): number[] {
  const out = new Array<number>(degree).fill(0);
  out[degree - 1] = 1;
  let root = 1;
  for (let i = 0; i < degree; i++) {
    for (let j = 0; j < out.length; j++) {
      out[j] = gfMul(out[j], root);
      if (j + 1 < out.length) out[j] ^= out[j + 1];
    }
    root = gfMul(root, 0x02);
  }
  return out;
}

// The error correction codewords of `data` (the remainder of data · x^degree divided by the generator).
export function reedSolomon(data: number[], degree: number): number[] {
  const divisor = rsDivisor(degree);
  const out = new Array<number>(degree).fill(0);
  for (const b of data) {
    const factor = b ^ (out.shift() as number);
    out.push(0);
    divisor.forEach((coef, i) => (out[i] ^= gfMul(coef, factor)));
  }
  return out;
}

// The 15 format bits (level and mask, BCH-protected, XOR 101010000010010).
export function formatBits(mask: number): number {
  const data = (ECC_FORMAT_M << 3) | mask;
  let rem = data;
  for (let i = 0; i < 10; i++) rem = (rem << 1) ^ ((rem >>> 9) * 0x537);
  return ((data << 10) | (rem & 0x3ff)) ^ 0x5412;
}

// The 18 version bits (versions ≥ 7).
export function versionBits(ver: number): number {
  let rem = ver;
  for (let i = 0; i < 12; i++) rem = (rem << 1) ^ ((rem >>> 11) * 0x1f25);
  return (ver << 12) | (rem & 0xfff);
}

const bit = (x: number, i: number) => ((x >>> i) & 1) !== 0;

function utf8(text: string): number[] {
  return Array.from(new TextEncoder().encode(text));
}

// The data codewords of `bytes` in byte mode for version `ver`: mode, count, bytes, terminator, padding.
export function dataCodewordsOf(bytes: number[], ver: number): number[] {
  const bits: number[] = [];
  const put = (value: number, n: number) => {
    for (let i = n - 1; i >= 0; i--) bits.push((value >>> i) & 1);
  };
  put(0b0100, 4);
  put(bytes.length, ver <= 9 ? 8 : 16);
  for (const b of bytes) put(b, 8);
  const capacity = dataCodewords(ver) * 8;
  put(0, Math.min(4, capacity - bits.length));
  put(0, (8 - (bits.length % 8)) % 8);
  const out: number[] = [];
  for (let i = 0; i < bits.length; i += 8) out.push(bits.slice(i, i + 8).reduce((a, b) => (a << 1) | b, 0));
  for (let pad = 0xec; out.length < dataCodewords(ver); pad ^= 0xec ^ 0x11) out.push(pad);
  return out;
}

// Data split into blocks, each with its error correction, interleaved (ISO 7.6).
function withErrorCorrection(data: number[], ver: number): number[] {
  const numBlocks = BLOCKS[ver];
  const eccLen = ECC_PER_BLOCK[ver];
  const raw = Math.floor(rawDataModules(ver) / 8);
  const numShort = numBlocks - (raw % numBlocks);
  const shortLen = Math.floor(raw / numBlocks);
  const blocks: number[][] = [];
  for (let i = 0, k = 0; i < numBlocks; i++) {
    const dat = data.slice(k, k + shortLen - eccLen + (i < numShort ? 0 : 1));
    k += dat.length;
    const ecc = reedSolomon(dat, eccLen);
    if (i < numShort) dat.push(0);
    blocks.push(dat.concat(ecc));
  }
  const out: number[] = [];
  for (let i = 0; i < blocks[0].length; i++) {
    blocks.forEach((b, j) => {
      if (i !== shortLen - eccLen || j >= numShort) out.push(b[i]);
    });
  }
  return out;
}

function alignmentPositions(ver: number, size: number): number[] {
  if (ver === 1) return [];
  const n = Math.floor(ver / 7) + 2;
  const step = Math.ceil((ver * 4 + 4) / (n * 2 - 2)) * 2;
  const out = [6];
  for (let pos = size - 7; out.length < n; pos -= step) out.splice(1, 0, pos);
  return out;
}

class Matrix {
  readonly modules: boolean[][];
  readonly fixed: boolean[][];
  constructor(readonly size: number) {
    this.modules = Array.from({ length: size }, () => new Array<boolean>(size).fill(false));
    this.fixed = Array.from({ length: size }, () => new Array<boolean>(size).fill(false));
  }
  set(x: number, y: number, dark: boolean): void {
    this.modules[y][x] = dark;
    this.fixed[y][x] = true;
  }
}

function drawFormat(m: Matrix, mask: number): void {
  const bits = formatBits(mask);
  const s = m.size;
  for (let i = 0; i <= 5; i++) m.set(8, i, bit(bits, i));
  m.set(8, 7, bit(bits, 6));
  m.set(8, 8, bit(bits, 7));
  m.set(7, 8, bit(bits, 8));
  for (let i = 9; i < 15; i++) m.set(14 - i, 8, bit(bits, i));
  for (let i = 0; i < 8; i++) m.set(s - 1 - i, 8, bit(bits, i));
  for (let i = 8; i < 15; i++) m.set(8, s - 15 + i, bit(bits, i));
  m.set(8, s - 8, true); // the dark module
}

function drawFunctionPatterns(m: Matrix, ver: number): void {
  const s = m.size;
  for (let i = 0; i < s; i++) {
    m.set(6, i, i % 2 === 0);
    m.set(i, 6, i % 2 === 0);
  }
  for (const [cx, cy] of [
    [3, 3],
    [s - 4, 3],
    [3, s - 4],
  ]) {
    for (let dy = -4; dy <= 4; dy++) {
      for (let dx = -4; dx <= 4; dx++) {
        const d = Math.max(Math.abs(dx), Math.abs(dy));
        const x = cx + dx;
        const y = cy + dy;
        if (x >= 0 && x < s && y >= 0 && y < s) m.set(x, y, d !== 2 && d !== 4);
      }
    }
  }
  const pos = alignmentPositions(ver, s);
  const last = pos.length - 1;
  pos.forEach((ax, i) =>
    pos.forEach((ay, j) => {
      if ((i === 0 && j === 0) || (i === 0 && j === last) || (i === last && j === 0)) return;
      for (let dy = -2; dy <= 2; dy++)
        for (let dx = -2; dx <= 2; dx++) m.set(ax + dx, ay + dy, Math.max(Math.abs(dx), Math.abs(dy)) !== 1);
    }),
  );
  drawFormat(m, 0); // reserves the format areas; the chosen mask's bits are drawn at the end
  if (ver >= 7) {
    const bits = versionBits(ver);
    for (let i = 0; i < 18; i++) {
      const a = s - 11 + (i % 3);
      const b = Math.floor(i / 3);
      m.set(a, b, bit(bits, i));
      m.set(b, a, bit(bits, i));
    }
  }
}

function drawCodewords(m: Matrix, codewords: number[]): void {
  const s = m.size;
  let i = 0;
  for (let right = s - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5; // the vertical timing pattern
    for (let vert = 0; vert < s; vert++) {
      for (let j = 0; j < 2; j++) {
        const x = right - j;
        const upward = ((right + 1) & 2) === 0;
        const y = upward ? s - 1 - vert : vert;
        if (!m.fixed[y][x] && i < codewords.length * 8) {
          m.modules[y][x] = bit(codewords[i >>> 3], 7 - (i & 7));
          i++;
        }
      }
    }
  }
}

const MASKS: ((x: number, y: number) => boolean)[] = [
  (x, y) => (x + y) % 2 === 0,
  (_x, y) => y % 2 === 0,
  (x) => x % 3 === 0,
  (x, y) => (x + y) % 3 === 0,
  (x, y) => (Math.floor(x / 3) + Math.floor(y / 2)) % 2 === 0,
  (x, y) => ((x * y) % 2) + ((x * y) % 3) === 0,
  (x, y) => (((x * y) % 2) + ((x * y) % 3)) % 2 === 0,
  (x, y) => (((x + y) % 2) + ((x * y) % 3)) % 2 === 0,
];

function applyMask(m: Matrix, mask: number): void {
  for (let y = 0; y < m.size; y++)
    for (let x = 0; x < m.size; x++) if (!m.fixed[y][x] && MASKS[mask](x, y)) m.modules[y][x] = !m.modules[y][x];
}

// The penalty of a finished symbol (ISO 7.8.3): runs of ≥ 5, 2×2 blocks, finder-like 1:1:3:1:1 patterns
// with 4 light modules on a side (the quiet zone counts as light), and the dark/light balance.
export function penalty(modules: boolean[][]): number {
  const s = modules.length;
  let score = 0;
  const addHistory = (run: number, history: number[]) => {
    if (history[0] === 0) run += s; // the light border before the first run
    history.pop();
    history.unshift(run);
  };
  const patterns = (h: number[]) => {
    const n = h[1];
    const core = n > 0 && h[2] === n && h[3] === n * 3 && h[4] === n && h[5] === n;
    return (core && h[0] >= n * 4 && h[6] >= n ? 1 : 0) + (core && h[6] >= n * 4 && h[0] >= n ? 1 : 0);
  };
  const line = (at: (i: number) => boolean) => {
    let color = false;
    let run = 0;
    const history = [0, 0, 0, 0, 0, 0, 0];
    for (let i = 0; i < s; i++) {
      if (at(i) === color) {
        run++;
        if (run === 5) score += 3;
        else if (run > 5) score++;
      } else {
        addHistory(run, history);
        if (!color) score += patterns(history) * 40;
        color = at(i);
        run = 1;
      }
    }
    if (color) {
      addHistory(run, history);
      run = 0;
    }
    addHistory(run + s, history); // the light border after the last run
    score += patterns(history) * 40;
  };
  for (let y = 0; y < s; y++) line((x) => modules[y][x]);
  for (let x = 0; x < s; x++) line((y) => modules[y][x]);
  let dark = 0;
  for (let y = 0; y < s; y++) {
    for (let x = 0; x < s; x++) {
      if (modules[y][x]) dark++;
      if (x + 1 < s && y + 1 < s) {
        const c = modules[y][x];
        if (c === modules[y][x + 1] && c === modules[y + 1][x] && c === modules[y + 1][x + 1]) score += 3;
      }
    }
  }
  const total = s * s;
  score += (Math.ceil(Math.abs(dark * 20 - total * 10) / total) - 1) * 10;
  return score;
}

// The QR code of `text` (UTF-8, byte mode, level M) in the smallest version 1..10 that holds it; `mask`
// forces a mask (tests), else the one of least penalty. Throws when the text is longer than version 10 holds.
export function encodeQr(text: string, mask?: number): QrCode {
  const bytes = utf8(text);
  let ver = 1;
  while (ver <= MAX_VERSION && 4 + (ver <= 9 ? 8 : 16) + bytes.length * 8 > dataCodewords(ver) * 8) ver++;
  if (ver > MAX_VERSION) throw new Error(`QR: ${bytes.length} bytes do not fit version ${MAX_VERSION}`);
  const m = new Matrix(17 + 4 * ver);
  drawFunctionPatterns(m, ver);
  drawCodewords(m, withErrorCorrection(dataCodewordsOf(bytes, ver), ver));
  let chosen = mask ?? -1;
  if (chosen < 0) {
    let best = Infinity;
    for (let k = 0; k < 8; k++) {
      applyMask(m, k);
      drawFormat(m, k);
      const p = penalty(m.modules);
      if (p < best) {
        best = p;
        chosen = k;
      }
      applyMask(m, k); // undo (XOR)
    }
  }
  applyMask(m, chosen);
  drawFormat(m, chosen);
  return { version: ver, size: m.size, mask: chosen, modules: m.modules };
}

// An SVG path of the dark modules (one unit per module, offset by the quiet zone `margin`).
export function qrSvgPath(qr: QrCode, margin = 4): string {
  const parts: string[] = [];
  qr.modules.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) parts.push(`M${x + margin},${y + margin}h1v1h-1z`);
    }),
  );
  return parts.join('');
}

// Draws the code on `canvas`, `scale` pixels per module, with a quiet zone of `margin` modules.
export function drawQr(canvas: HTMLCanvasElement, qr: QrCode, scale = 6, margin = 4): void {
  const side = (qr.size + margin * 2) * scale;
  canvas.width = side;
  canvas.height = side;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, side, side);
  ctx.fillStyle = '#000';
  qr.modules.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) ctx.fillRect((x + margin) * scale, (y + margin) * scale, scale, scale);
    }),
  );
}
