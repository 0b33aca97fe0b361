// erf, log1p and expm1 for the op twins: the same fdlibm ports as Fdlibm.cs, operation for operation, so that the page
// computes the engine's bits in any browser (a browser's Math.log1p and Math.expm1 may round differently).
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

  function erf(x) {
    const hx = highWord(x);
    const ix = hx & 0x7fffffff;
    if (ix >= 0x7ff00000) return (1 - (hx < 0 ? 2 : 0)) + 1.0 / x;
    if (ix < 0x3feb0000) {
      if (ix < 0x3e300000) {
        if (ix < 0x00800000) return (8 * x + 1.02703333676410069053e+00 * x) / 8;
        return x + 1.28379167095512586316e-01 * x;
      }
      const z = x * x;
      const r = 1.28379167095512558561e-01 + z * (-3.25042107247001499370e-01 + z * (-2.84817495755985104766e-02
        + z * (-5.77027029648944159157e-03 + z * -2.37630166566501626084e-05)));
      const s = 1 + z * (3.97917223959155352819e-01 + z * (6.50222499887672944485e-02 + z * (5.08130628187576562776e-03
        + z * (1.32494738004321644526e-04 + z * -3.96022827877536812320e-06))));
      return x + x * (r / s);
    }
    if (ix < 0x3ff40000) {
      const s = Math.abs(x) - 1;
      const p = -2.36211856075265944077e-03 + s * (4.14856118683748331666e-01 + s * (-3.72207876035701323847e-01
        + s * (3.18346619901161753674e-01 + s * (-1.10894694282396677476e-01 + s * (3.54783043256182359371e-02
        + s * -2.16637559486879084300e-03)))));
      const q = 1 + s * (1.06420880400844228286e-01 + s * (5.40397917702171048937e-01 + s * (7.18286544141962662868e-02
        + s * (1.26171219808761642112e-01 + s * (1.36370839120290507362e-02 + s * 1.19844998467991074170e-02)))));
      const erx = 8.45062911510467529297e-01;
      return hx >= 0 ? erx + p / q : -erx - p / q;
    }
    if (ix >= 0x40180000) return hx >= 0 ? 1 - tiny : tiny - 1;
    x = Math.abs(x);
    const w = 1 / (x * x);
    let rr, ss;
    if (ix < 0x4006DB6E) {
      rr = -9.86494403484714822705e-03 + w * (-6.93858572707181764372e-01 + w * (-1.05586262253232909814e+01
        + w * (-6.23753324503260060396e+01 + w * (-1.62396669462573470355e+02 + w * (-1.84605092906711035994e+02
        + w * (-8.12874355063065934246e+01 + w * -9.81432934416914548592e+00))))));
      ss = 1 + w * (1.96512716674392571292e+01 + w * (1.37657754143519042600e+02 + w * (4.34565877475229228821e+02
        + w * (6.45387271733267880336e+02 + w * (4.29008140027567833386e+02 + w * (1.08635005541779435134e+02
        + w * (6.57024977031928170135e+00 + w * -6.04244152148580987438e-02)))))));
    } else {
      rr = -9.86494292470009928597e-03 + w * (-7.99283237680523006574e-01 + w * (-1.77579549177547519889e+01
        + w * (-1.60636384855821916062e+02 + w * (-6.37566443368389627722e+02 + w * (-1.02509513161107724954e+03
        + w * -4.83519191608651397019e+02)))));
      ss = 1 + w * (3.03380607434824582924e+01 + w * (3.25792512996573918826e+02 + w * (1.53672958608443695994e+03
        + w * (3.19985821950859553908e+03 + w * (2.55305040643316442583e+03 + w * (4.74528541206955367215e+02
        + w * -2.24409524465858183362e+01))))));
    }
    const zz = withLowWordZero(x);
    const e = Math.exp(-zz * zz - 0.5625) * Math.exp((zz - x) * (zz + x) + rr / ss);
    return hx >= 0 ? 1 - e / x : e / x - 1;
  }

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

  return { erf, log1p, expm1 };
})();
/* exported erf, log1p, expm1 -- the ops' twins call them */
const { erf, log1p, expm1 } = fdlibm;
