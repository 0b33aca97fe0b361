// CPython's random module as `micrograd gpt sample` uses it (PythonRandom: random.seed(int), random(), choices with
// weights), bit for bit: the Mersenne Twister MT19937 of _randommodule.c in exact 32-bit integer arithmetic (Math.imul
// and >>> 0), random() as (a·2**26 + b)·2**-53 from a = word >>> 5, b = word >>> 6, and choices as random.py's
// bisect_right(cum_weights, random() · total, 0, n − 1).
"use strict";

/* exported GptRandom */
class GptRandom {
  /** Seeded as random.seed(seed) for a Python int: seed a non-negative safe integer (its 32-bit words, low first). */
  constructor(seed) {
    if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`The seed must be an integer from 0 to ${Number.MAX_SAFE_INTEGER}.`);
    const key = [seed % 4294967296 >>> 0];
    const high = Math.floor(seed / 4294967296);
    if (high > 0) key.push(high >>> 0);
    this.mt = new Uint32Array(624);
    this.index = 624;
    this.initByArray(key);
  }

  /** _randommodule.c, init_genrand. */
  initGenRand(s) {
    const mt = this.mt;
    mt[0] = s >>> 0;
    for (let i = 1; i < 624; i++) {
      const prev = mt[i - 1];
      mt[i] = (Math.imul(1812433253, (prev ^ (prev >>> 30)) >>> 0) + i) >>> 0;
    }
    this.index = 624;
  }

  /** _randommodule.c, init_by_array. */
  initByArray(key) {
    const mt = this.mt;
    this.initGenRand(19650218);
    let i = 1;
    let j = 0;
    for (let k = Math.max(624, key.length); k > 0; k--) {
      const prev = mt[i - 1];
      mt[i] = (((mt[i] ^ Math.imul((prev ^ (prev >>> 30)) >>> 0, 1664525)) >>> 0) + key[j] + j) >>> 0;
      i++;
      j++;
      if (i >= 624) { mt[0] = mt[623]; i = 1; }
      if (j >= key.length) j = 0;
    }
    for (let k = 623; k > 0; k--) {
      const prev = mt[i - 1];
      mt[i] = (((mt[i] ^ Math.imul((prev ^ (prev >>> 30)) >>> 0, 1566083941)) >>> 0) - i) >>> 0;
      i++;
      if (i >= 624) { mt[0] = mt[623]; i = 1; }
    }
    mt[0] = 0x80000000;
  }

  /** _randommodule.c, genrand_uint32: the next 32-bit word. */
  nextWord() {
    const mt = this.mt;
    const mag = (y) => ((y & 1) === 0 ? 0 : 0x9908b0df);
    let y;
    if (this.index >= 624) {
      let kk = 0;
      for (; kk < 624 - 397; kk++) {
        y = ((mt[kk] & 0x80000000) | (mt[kk + 1] & 0x7fffffff)) >>> 0;
        mt[kk] = (mt[kk + 397] ^ (y >>> 1) ^ mag(y)) >>> 0;
      }
      for (; kk < 623; kk++) {
        y = ((mt[kk] & 0x80000000) | (mt[kk + 1] & 0x7fffffff)) >>> 0;
        mt[kk] = (mt[kk + (397 - 624)] ^ (y >>> 1) ^ mag(y)) >>> 0;
      }
      y = ((mt[623] & 0x80000000) | (mt[0] & 0x7fffffff)) >>> 0;
      mt[623] = (mt[396] ^ (y >>> 1) ^ mag(y)) >>> 0;
      this.index = 0;
    }
    y = mt[this.index++];
    y = (y ^ (y >>> 11)) >>> 0;
    y = (y ^ ((y << 7) & 0x9d2c5680)) >>> 0;
    y = (y ^ ((y << 15) & 0xefc60000)) >>> 0;
    y = (y ^ (y >>> 18)) >>> 0;
    return y;
  }

  /** random(): a double in [0, 1) of 53 random bits, a drawn first, then b. */
  random() {
    const a = this.nextWord() >>> 5;
    const b = this.nextWord() >>> 6;
    return (a * 67108864 + b) * (1 / 9007199254740992);
  }

  /**
   * random.choices(range(n), weights)[0]: the weights summed left to right, then bisect_right(cum, random() · total, 0,
   * n − 1). Throws (drawing nothing) when the total is not a finite number above 0, as Python and the engine do.
   */
  choice(weights) {
    const n = weights.length;
    if (n === 0) throw new RangeError("There are no weights to choose from.");
    const cum = new Float64Array(n);
    cum[0] = weights[0];
    for (let i = 1; i < n; i++) cum[i] = cum[i - 1] + weights[i];
    const total = cum[n - 1] + 0;
    if (total <= 0) throw new RangeError("Total of weights must be greater than zero.");
    if (!Number.isFinite(total)) throw new RangeError("Total of weights must be finite.");
    const x = this.random() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (x < cum[mid]) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
