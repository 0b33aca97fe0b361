// log1p and expm1 for the op twins: the same fdlibm ports as Fdlibm.cs, operation for operation, so that the page computes
// the engine's bits in any browser (a browser's Math.log1p and Math.expm1 may round differently). erf is not written here:
// OpScript.Helpers generates it from the engine's one generic erf (Fdlibm.Erf<T> on ScriptNumber), which calls
// withLowWordZero, fdlibm's SET_LOW_WORD(x, 0).
// Ported from fdlibm, which carries this notice:
// ====================================================
// Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
//
// Developed at SunPro, a Sun Microsystems, Inc. business.
// Permission to use, copy, modify, and distribute this
// software is freely granted, provided that this notice
// is preserved.
// ====================================================
const fdlibm = (() => {
  const words = new DataView(new ArrayBuffer(8));
  const highWord = (x) => { words.setFloat64(0, x); return words.getInt32(0); };
  const fromHighWord = (high) => { words.setInt32(0, high); words.setInt32(4, 0); return words.getFloat64(0); };
  const withHighWord = (x, high) => { words.setFloat64(0, x); words.setInt32(0, high); return words.getFloat64(0); };
  const withLowWordZero = (x) => { words.setFloat64(0, x); words.setInt32(4, 0); return words.getFloat64(0); };
  const twoTo = (k) => fromHighWord(0x3ff00000 + (k << 20));
  const tiny = 1e-300;
  const ln2Hi = 6.93147180369123816490e-01, ln2Lo = 1.90821492927058770002e-10;

  function log1p(x) {
    const hx = highWord(x);
    const ax = hx & 0x7fffffff;
    let k = 1, f = 0, c = 0, hu = 0;
    if (hx < 0x3FDA827A) {
      if (ax >= 0x3ff00000) return x === -1.0 ? -Infinity : NaN;
      if (ax < 0x3e200000) {
        if (ax < 0x3c900000) return x;
        return x - x * x * 0.5;
      }
      if (hx > 0 || hx <= (0xbfd2bec4 | 0)) {
        k = 0;
        f = x;
        hu = 1;
      }
    }
    if (hx >= 0x7ff00000) return x + x;
    if (k !== 0) {
      let u;
      if (hx < 0x43400000) {
        u = 1.0 + x;
        hu = highWord(u);
        k = (hu >> 20) - 1023;
        c = k > 0 ? 1.0 - (u - x) : x - (u - 1.0);
        c /= u;
      } else {
        u = x;
        hu = highWord(u);
        k = (hu >> 20) - 1023;
        c = 0;
      }
      hu &= 0x000fffff;
      if (hu < 0x6a09e) {
        u = withHighWord(u, hu | 0x3ff00000);
      } else {
        k += 1;
        u = withHighWord(u, hu | 0x3fe00000);
        hu = (0x00100000 - hu) >> 2;
      }
      f = u - 1.0;
    }
    const hfsq = 0.5 * f * f;
    let r;
    if (hu === 0) {
      if (f === 0) {
        if (k === 0) return 0;
        c += k * ln2Lo;
        return k * ln2Hi + c;
      }
      r = hfsq * (1.0 - 0.6666666666666666 * f); // fdlibm writes 0.66666666666666666: the same double
      return k === 0 ? f - r : k * ln2Hi - ((r - (k * ln2Lo + c)) - f);
    }
    const s = f / (2.0 + f);
    const z = s * s;
    r = z * (6.666666666666735130e-01 + z * (3.999999999940941908e-01 + z * (2.857142874366239149e-01
      + z * (2.222219843214978396e-01 + z * (1.818357216161805012e-01 + z * (1.531383769920937332e-01
      + z * 1.479819860511658591e-01))))));
    return k === 0 ? f - (hfsq - s * (hfsq + r)) : k * ln2Hi - ((hfsq - (s * (hfsq + r) + (k * ln2Lo + c))) - f);
  }

  function expm1(x) {
    let hx = highWord(x);
    const negative = hx < 0;
    hx &= 0x7fffffff;
    if (hx >= 0x4043687A) {
      if (hx >= 0x40862E42) {
        if (hx >= 0x7ff00000) return Number.isNaN(x) ? x + x : negative ? -1.0 : x;
        if (x > 7.09782712893383973096e+02) return Infinity;
      }
      if (negative) return tiny - 1;
    }
    let hi, lo, c = 0, k;
    if (hx > 0x3fd62e42) {
      if (hx < 0x3FF0A2B2) {
        if (negative) { hi = x + ln2Hi; lo = -ln2Lo; k = -1; } else { hi = x - ln2Hi; lo = ln2Lo; k = 1; }
      } else {
        k = Math.trunc(1.44269504088896338700e+00 * x + (negative ? -0.5 : 0.5));
        const t = k;
        hi = x - t * ln2Hi;
        lo = t * ln2Lo;
      }
      x = hi - lo;
      c = (hi - x) - lo;
    } else if (hx < 0x3c900000) {
      return x;
    } else {
      k = 0;
    }
    const hfx = 0.5 * x;
    const hxs = x * hfx;
    const r1 = 1.0 + hxs * (-3.33333333333331316428e-02 + hxs * (1.58730158725481460165e-03
      + hxs * (-7.93650757867487942473e-05 + hxs * (4.00821782732936239552e-06 + hxs * -2.01099218183624371326e-07))));
    const tt = 3.0 - r1 * hfx;
    let e = hxs * ((r1 - tt) / (6.0 - x * tt));
    if (k === 0) return x - (x * e - hxs);
    e = x * (e - c) - c;
    e -= hxs;
    if (k === -1) return 0.5 * (x - e) - 0.5;
    if (k === 1) return x < -0.25 ? -2.0 * (e - (x + 0.5)) : 1.0 + 2.0 * (x - e);
    let y;
    if (k <= -2 || k > 56) {
      y = 1.0 - (e - x);
      y = k === 1024 ? y * 2.0 * 8.98846567431158e307 : y * twoTo(k);
      return y - 1.0;
    }
    if (k < 20) {
      y = fromHighWord(0x3ff00000 - (0x200000 >> k)) - (e - x);
    } else {
      y = x - (e + fromHighWord((0x3ff - k) << 20));
      y += 1.0;
    }
    return y * twoTo(k);
  }

  return { withLowWordZero, log1p, expm1 };
})();
/* exported withLowWordZero, log1p, expm1 -- the generated erf and the ops' twins call them */
const { withLowWordZero, log1p, expm1 } = fdlibm;
