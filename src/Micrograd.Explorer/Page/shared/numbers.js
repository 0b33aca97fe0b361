// Numbers as the engine computes and writes them, shared by micrograd's pages: .NET's fused multiply-add and Math.Pow
// (which the ops' JavaScript twins call), the pages' number formats, and how a number typed by a person is read.
"use strict";

/* exported Numbers */
const Numbers = (() => {
  // ---------------------------------------------------------------------------------------------------------------
  // Exact arithmetic: .NET's Math.FusedMultiplyAdd and Math.Pow.

  const bits = new DataView(new ArrayBuffer(8));

  /** A finite, non-zero double as [m, e] with x = m · 2^e exactly (m a signed BigInt). */
  function decompose(x) {
    bits.setFloat64(0, x);
    const hi = bits.getUint32(0);
    const lo = bits.getUint32(4);
    const biased = (hi >>> 20) & 0x7ff;
    let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
    let e = -1074;
    if (biased !== 0) {
      m |= 1n << 52n;
      e = biased - 1075;
    }
    return [hi >>> 31 ? -m : m, e];
  }

  /** 2^n for -1022 <= n <= 1023, built from its bits (exact). */
  function pow2(n) {
    bits.setUint32(0, (n + 1023) << 20);
    bits.setUint32(4, 0);
    return bits.getFloat64(0);
  }

  /** m · 2^e for 0 <= m <= 2^53 and e >= -1074, where the result is representable or overflows: exact. */
  function scale(m, e) {
    if (m === 0) return 0;
    if (e > 1023) return m * pow2(1023) * pow2(Math.min(e - 1023, 1023));
    if (e >= -1022) return m * pow2(e);
    return m * pow2(e + 64) * pow2(-64); // the first product is normal and exact; the second lands exactly on the result
  }

  /** The exact value n · 2^e (n a non-zero BigInt) rounded once to the nearest double, ties to even. */
  function round(n, e) {
    const negative = n < 0n;
    let m = negative ? -n : n;
    const shift = Math.max(m.toString(2).length - 53, -1074 - e);
    if (shift > 0) {
      const s = BigInt(shift);
      let q = m >> s;
      const rest = m - (q << s);
      const half = 1n << (s - 1n);
      if (rest > half || (rest === half && (q & 1n) === 1n)) q += 1n;
      m = q;
      e += shift;
    }
    const value = scale(Number(m), e);
    return negative ? -value : value;
  }

  /** a · b + c rounded once, as .NET's Math.FusedMultiplyAdd (and IEEE 754 fusedMultiplyAdd) computes it. */
  function fma(a, b, c) {
    if (!Number.isFinite(a) || !Number.isFinite(b)) return a * b + c; // an infinite or NaN product: no rounding involved
    if (!Number.isFinite(c)) return c; // the exact product is finite (even where a * b would overflow)
    if (a === 0 || b === 0) return a * b + c; // the product is an exact (signed) zero
    if (c === 0) return a * b; // one rounding of the exact product; its sign survives even if it underflows to zero
    const [ma, ea] = decompose(a);
    const [mb, eb] = decompose(b);
    const [mc, ec] = decompose(c);
    const ep = ea + eb;
    const e = Math.min(ep, ec);
    const n = ((ma * mb) << BigInt(ep - e)) + (mc << BigInt(ec - e));
    return n === 0n ? 0 : round(n, e);
  }

  /** x ** y as .NET's Math.Pow (IEEE 754 pow): like Math.pow except pow(1, y) = 1 for every y and pow(-1, ±∞) = 1. */
  function pow(x, y) {
    if (x === 1 || (x === -1 && (y === Infinity || y === -Infinity))) return 1;
    return Math.pow(x, y);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // How numbers are shown. Tables and tooltips show every digit (the shortest text that reads back as the same double, as
  // .NET's "R"); pictures show 4 decimals as the seed does (scientific below 1e-4 and from 1e9); formulas and sentences show
  // numbers for people (short).

  /** Every digit: the shortest round-trip text; "-0" for negative zero; NaN, Infinity, -Infinity. */
  function full(x) {
    return Object.is(x, -0) ? "-0" : String(x);
  }

  const SUPERSCRIPTS = { "-": "⁻", "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹" };

  /**
   * x rounded to 4 significant digits, an exact tie to even as .NET rounds it (toPrecision rounds it away from zero). 99
   * decimals of the exponential form are x's exact digits wherever a tie is possible: a tie has 5 significant digits.
   */
  function fourDigits(x) {
    const [mantissa, exponent] = x.toExponential(99).split("e");
    const digits = mantissa.replace("-", "").replace(".", "");
    const tie = digits[4] === "5" && /^0*$/.test(digits.slice(5));
    if (tie && Number(digits[3]) % 2 === 0) return Number(`${mantissa.slice(0, mantissa.indexOf(".") + 4)}e${exponent}`);
    return Number(x.toPrecision(4));
  }

  /**
   * A number for people: 4 significant digits without trailing zeros or float noise (0.676, not 0.6759999999999999); zero
   * of either sign as 0 (never "-0"); below 1e-6 and from 1e21 a power of ten written out (1.388×10⁻¹⁷, never a bare
   * e-17). NaN, Infinity and -Infinity as they are. Every digit stays in the tables and on hover (full).
   */
  function short(x) {
    if (!Number.isFinite(x)) return full(x);
    if (x === 0) return "0";
    const text = String(fourDigits(x));
    const e = text.indexOf("e");
    if (e < 0) return text;
    const exponent = text.slice(e + 1).replace("+", "");
    return `${text.slice(0, e)}×10${[...exponent].map((c) => SUPERSCRIPTS[c]).join("")}`;
  }

  /** The picture's format: 4 decimals, or 4 decimals of scientific notation for magnitudes below 1e-4 or from 1e9. */
  function fixed4(x) {
    if (Number.isNaN(x)) return "NaN";
    if (x === Infinity) return "Infinity";
    if (x === -Infinity) return "-Infinity";
    if (Object.is(x, -0)) return "-0.0000";
    const a = Math.abs(x);
    if (!(a === 0 || (a >= 1e-4 && a < 1e9))) return x.toExponential(4);
    // toFixed rounds an exact tie away from zero, .NET's F4 (DotText.Number) to even. A double is a tie at the 4th decimal
    // exactly when it is an odd multiple of 1/32 (x·32 is exact here); then the digits up to the 5th are exact, and the
    // nearer-to-zero candidate is those digits without their final 5.
    const fixed = x.toFixed(4);
    const t = x * 32;
    if (Number.isInteger(t) && Math.abs(t) % 2 === 1 && Number(fixed[fixed.length - 1]) % 2 === 1) return x.toFixed(5).slice(0, -1);
    return fixed;
  }

  /** A number inside a formula: short, in parentheses when negative so that "(-3) ** 2" reads right. */
  function operandNumber(x) {
    const text = short(x);
    return text.startsWith("-") ? `(${text})` : text;
  }

  /** A number in a sentence: short, with ∞ and − for infinities. */
  function spoken(x) {
    if (x === Infinity) return "∞";
    if (x === -Infinity) return "−∞";
    return short(x);
  }

  /**
   * Reads a number as the command line does: 1.5, -3, 2e-4, NaN, Infinity, -Infinity, inf, -inf. A number beyond a
   * double's range (1e999) is refused, not read as an infinity. Returns { value } or { problem } saying why not.
   */
  function parse(text) {
    const t = text.trim().toLowerCase();
    if (t === "nan") return { value: NaN };
    if (["inf", "+inf", "infinity", "+infinity"].includes(t)) return { value: Infinity };
    if (t === "-inf" || t === "-infinity") return { value: -Infinity };
    if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(t)) return { problem: "is not a number" };
    const value = Number(t);
    if (!Number.isFinite(value)) return { problem: "is too large for a double (at most about 1.8e308; write Infinity for an infinity)" };
    return { value };
  }

  /** Whether a number is NaN or infinite: the page shows those in red. */
  const isBad = (x) => !Number.isFinite(x);

  return Object.freeze({ fma, pow, full, short, fixed4, operandNumber, spoken, parse, isBad });
})();
