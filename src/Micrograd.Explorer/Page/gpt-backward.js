// One training step's loss and gradients in the page: GptKernel's arithmetic (GptKernel.cs, GptKernel.Backward.cs) in its
// order, every gradient the engine's bit for bit. Forward keeps what backward reads in typed arrays made once (a step
// allocates nothing); backward gives each value the sum, from −0, of its uses' contributions in the engine's order (see
// GptKernel.Backward.cs); a parameter the document does not reach keeps +0. Every ** is Numbers.pow (.NET's Math.Pow).
"use strict";
/* global Numbers */

/* exported GptKernel */
class GptKernel {
  /** @param {object} shape  the run's model: layers, width, heads, context, vocabulary, matrices [{ name, rows, columns }]. */
  constructor(shape) {
    const { pow } = Numbers;
    const W = (this.width = shape.width);
    this.heads = shape.heads;
    this.headWidth = W / shape.heads;
    const P = (this.context = shape.context);
    const V = (this.vocabulary = shape.vocabulary);
    this.layers = shape.layers;
    const H = (this.hidden = 4 * W);
    this.widthInverse = pow(W, -1);
    this.attentionScale = pow(pow(this.headWidth, 0.5), -1);
    const offsets = new Map();
    let at = 0;
    for (const m of shape.matrices) {
      offsets.set(m.name, at);
      at += m.rows * m.columns;
    }
    this.size = at;
    this.wte = offsets.get("wte");
    this.wpe = offsets.get("wpe");
    this.lmHead = offsets.get("lm_head");
    this.blocks = []; // each layer's matrices' offsets
    for (let l = 0; l < this.layers; l++) {
      const o = (name) => offsets.get(`layer${l}.${name}`);
      this.blocks.push({ wq: o("attn_wq"), wk: o("attn_wk"), wv: o("attn_wv"), wo: o("attn_wo"), fc1: o("mlp_fc1"), fc2: o("mlp_fc2") });
    }
    const f = (n) => new Float64Array(n);
    const rows = this.layers * P;
    Object.assign(this, {
      emb: f(P * W), embA: f(P), embScale: f(P), x0: f(P * W),
      xa: f(rows * W), q: f(rows * W), k: f(rows * W), v: f(rows * W), attended: f(rows * W), xm: f(rows * W), xb: f(rows * W), xf: f(rows * W),
      aA: f(rows), scaleA: f(rows), aB: f(rows), scaleB: f(rows), f: f(rows * H), r: f(rows * H),
      exp: f(rows * this.heads * P), weight: f(rows * this.heads * P), total: f(rows * this.heads), inverse: f(rows * this.heads),
      logitExp: f(P * V), logitTotal: f(P), logitInverse: f(P), probability: f(P), tokens: new Int32Array(P + 1), seen: new Uint8Array(V),
      gradKeys: f(rows * W), gradValues: f(rows * W), gX: f(W), gXm: f(W), gXb: f(W), gXa: f(W), gAttended: f(W), gQ: f(W), gEmb: f(W),
      gR: f(H), gF: f(H), gLogits: f(V), gWeight: f(P), gExp: f(P), gScore: f(P),
    });
  }

  /** y[yo + r] = 0 + w[wo + r·columns]·x[xo] + …: microgpt's linear, each row's sum from 0, left to right. */
  static matVec(w, wo, rows, columns, x, xo, y, yo) {
    for (let r = 0; r < rows; r++) {
      let s = 0;
      const row = wo + r * columns;
      for (let i = 0; i < columns; i++) s += w[row + i] * x[xo + i];
      y[yo + r] = s;
    }
  }

  /** One row's backward with gradient g: gw[wo + i] += g·x[xo + i], gx[gxo + i] += g·w[wo + i] (gw in w's layout). */
  static rowBackward(g, w, wo, x, xo, gw, gx, gxo, n) {
    for (let i = 0; i < n; i++) {
      gw[wo + i] += g * x[xo + i];
      gx[gxo + i] += g * w[wo + i];
    }
  }

  /** A whole linear layer's backward from gy[0 … rows), rows from the last to the first. */
  static linearBackward(gy, rows, w, wo, x, xo, columns, gw, gx) {
    for (let r = rows - 1; r >= 0; r--) GptKernel.rowBackward(gy[r], w, wo + r * columns, x, xo, gw, gx, 0, columns);
  }

  /**
   * The loss of a document (BOS, the characters, BOS) at weights w, and every parameter's gradient into g (replacing what
   * was there): GptKernel.LossAndGradients.
   */
  lossAndGradients(w, g, tokens) {
    this.w = w;
    this.g = g;
    const n = Math.min(this.context, tokens.length - 1);
    for (let i = 0; i <= n; i++) this.tokens[i] = tokens[i];
    let sum = 0;
    for (let p = 0; p < n; p++) {
      this.forwardPosition(p, this.tokens[p]);
      sum += this.positionLoss(p, this.tokens[p + 1]);
    }
    const scale = 1 / n;
    this.backward(n, scale); // 1 · (1 / n)
    return sum * scale;
  }

  /** rmsnorm of x[xo …] into y[yo …]; keeps ms + ε and the scale at aOut[at], sOut[at]. */
  rmsNorm(x, xo, y, yo, aOut, sOut, at) {
    const W = this.width;
    let sum = 0;
    for (let i = 0; i < W; i++) sum += x[xo + i] * x[xo + i];
    const a = sum * this.widthInverse + 1e-5;
    const scale = Numbers.pow(a, -0.5);
    for (let i = 0; i < W; i++) y[yo + i] = x[xo + i] * scale;
    aOut[at] = a, sOut[at] = scale;
  }

  forwardPosition(p, token) {
    const { w, width: W, hidden: H, context: P } = this;
    const e = p * W;
    const tok = this.wte + token * W;
    const pos = this.wpe + p * W;
    for (let i = 0; i < W; i++) this.emb[e + i] = w[tok + i] + w[pos + i];
    this.rmsNorm(this.emb, e, this.x0, e, this.embA, this.embScale, p);
    let x = this.x0;
    let xo = e;
    for (let l = 0; l < this.layers; l++) {
      const o = this.blocks[l];
      const row = l * P + p;
      const at = row * W;
      const hr = row * H;
      const { xa, xm, xb, xf, r } = this;
      this.rmsNorm(x, xo, xa, at, this.aA, this.scaleA, row);
      GptKernel.matVec(w, o.wq, W, W, xa, at, this.q, at);
      GptKernel.matVec(w, o.wk, W, W, xa, at, this.k, at);
      GptKernel.matVec(w, o.wv, W, W, xa, at, this.v, at);
      this.attention(l, p);
      GptKernel.matVec(w, o.wo, W, W, this.attended, at, xm, at);
      for (let i = 0; i < W; i++) xm[at + i] += x[xo + i];
      this.rmsNorm(xm, at, xb, at, this.aB, this.scaleB, row);
      GptKernel.matVec(w, o.fc1, H, W, xb, at, this.f, hr);
      for (let i = 0; i < H; i++) r[hr + i] = this.f[hr + i] < 0 ? 0 : this.f[hr + i]; // relu (−0 and NaN stay)
      GptKernel.matVec(w, o.fc2, W, H, r, hr, xf, at);
      for (let i = 0; i < W; i++) xf[at + i] += xm[at + i];
      x = xf;
      xo = at;
    }
  }

  attention(l, p) {
    const { width: W, headWidth: hw, context: P, q, k, v, exp, weight } = this;
    const row = l * P + p;
    const qo = row * W;
    const first = l * P * W;
    for (let h = 0; h < this.heads; h++) {
      const hs = h * hw;
      const head = row * this.heads + h;
      const eo = head * P;
      for (let t = 0; t <= p; t++) {
        let s = 0;
        for (let j = 0; j < hw; j++) s += q[qo + hs + j] * k[first + t * W + hs + j];
        exp[eo + t] = s * this.attentionScale;
      }
      let max = exp[eo];
      for (let t = 1; t <= p; t++) if (exp[eo + t] > max) max = exp[eo + t];
      let total = 0;
      for (let t = 0; t <= p; t++) {
        exp[eo + t] = Math.exp(exp[eo + t] + -max);
        total += exp[eo + t];
      }
      const inverse = Numbers.pow(total, -1);
      this.total[head] = total;
      this.inverse[head] = inverse;
      for (let t = 0; t <= p; t++) weight[eo + t] = exp[eo + t] * inverse;
      for (let j = 0; j < hw; j++) {
        let s = 0;
        for (let t = 0; t <= p; t++) s += weight[eo + t] * v[first + t * W + hs + j];
        this.attended[qo + hs + j] = s;
      }
    }
  }

  positionLoss(p, target) {
    const { width: W, vocabulary: V, logitExp: e } = this;
    const eo = p * V;
    GptKernel.matVec(this.w, this.lmHead, V, W, this.xf, ((this.layers - 1) * this.context + p) * W, e, eo);
    let max = e[eo];
    for (let k = 1; k < V; k++) if (e[eo + k] > max) max = e[eo + k];
    let total = 0;
    for (let k = 0; k < V; k++) {
      e[eo + k] = Math.exp(e[eo + k] + -max);
      total += e[eo + k];
    }
    const inverse = Numbers.pow(total, -1);
    this.logitTotal[p] = total;
    this.logitInverse[p] = inverse;
    const probability = e[eo + target] * inverse;
    this.probability[p] = probability;
    return -Math.log(probability);
  }

  backward(n, gLoss) {
    const { g, width: W, context: P } = this;
    g.fill(-0);
    this.gradKeys.fill(-0);
    this.gradValues.fill(-0);
    for (let p = n - 1; p >= 0; p--) {
      this.logitsBackward(p, this.tokens[p + 1], gLoss, ((this.layers - 1) * P + p) * W);
      for (let l = this.layers - 1; l >= 0; l--) this.blockBackward(l, p);
      this.embeddingBackward(p);
    }
    // a parameter the document does not reach is not in the graph: its gradient stays +0
    this.seen.fill(0);
    for (let p = 0; p < n; p++) this.seen[this.tokens[p]] = 1;
    for (let token = 0; token < this.vocabulary; token++) if (!this.seen[token]) g.fill(0, this.wte + token * W, this.wte + (token + 1) * W);
    g.fill(0, this.wpe + n * W, this.wpe + P * W);
  }

  logitsBackward(p, target, gPositionLoss, xo) {
    const { w, g, width: W, vocabulary: V, logitExp: e, gLogits, gX } = this;
    const eo = p * V;
    const gLog = -gPositionLoss;
    const gProbability = gLog * (1 / this.probability[p]);
    const gInverse = gProbability * e[eo + target];
    const gTargetExp = gProbability * this.logitInverse[p];
    const gTotal = gInverse * (-1 * Numbers.pow(this.logitTotal[p], -2));
    for (let k = 0; k < V; k++) gLogits[k] = (k === target ? gTargetExp + gTotal : gTotal) * e[eo + k];
    gX.fill(-0);
    for (let k = V - 1; k >= 0; k--) if (k !== target) GptKernel.rowBackward(gLogits[k], w, this.lmHead + k * W, this.xf, xo, g, gX, 0, W);
    GptKernel.rowBackward(gLogits[target], w, this.lmHead + target * W, this.xf, xo, g, gX, 0, W);
  }

  blockBackward(l, p) {
    const { w, g, width: W, hidden: H, context: P, gX, gXm, gR, gF, gXb, gAttended } = this;
    const o = this.blocks[l];
    const row = l * P + p;
    const at = row * W;
    const hr = row * H;
    const x = l === 0 ? this.x0 : this.xf;
    const xo = l === 0 ? p * W : ((l - 1) * P + p) * W;
    gXm.set(gX); // the residual add's use of xm comes first
    gR.fill(-0);
    GptKernel.linearBackward(gX, W, w, o.fc2, this.r, hr, H, g, gR);
    for (let i = 0; i < H; i++) gF[i] = this.r[hr + i] <= 0 ? 0 : gR[i]; // relu: threshold_backward
    gXb.fill(-0);
    GptKernel.linearBackward(gF, H, w, o.fc1, this.xb, at, W, g, gXb);
    this.rmsNormBackward(this.xm, at, gXb, this.aB[row], this.scaleB[row], gXm);
    gX.set(gXm); // the residual add's use of x comes first
    gAttended.fill(-0);
    GptKernel.linearBackward(gXm, W, w, o.wo, this.attended, at, W, g, gAttended);
    this.attentionBackward(l, p);
    this.projectionsBackward(l, p);
    this.rmsNormBackward(x, xo, this.gXa, this.aA[row], this.scaleA[row], gX);
  }

  attentionBackward(l, p) {
    const { width: W, headWidth: hw, context: P, q, k, v, exp, weight, gradKeys, gradValues, gAttended, gWeight, gExp, gScore, gQ } = this;
    const row = l * P + p;
    const qo = row * W;
    const first = l * P * W;
    for (let h = 0; h < this.heads; h++) {
      const hs = h * hw;
      const head = row * this.heads + h;
      const eo = head * P;
      for (let t = 0; t <= p; t++) {
        let gw = -0;
        for (let j = hw - 1; j >= 0; j--) gw += gAttended[hs + j] * v[first + t * W + hs + j];
        gWeight[t] = gw;
        for (let j = 0; j < hw; j++) gradValues[first + t * W + hs + j] += gAttended[hs + j] * weight[eo + t];
      }
      const inverse = this.inverse[head];
      const dInverse = -1 * Numbers.pow(this.total[head], -2);
      let gTotal = -0;
      for (let t = p; t >= 0; t--) gTotal += gWeight[t] * exp[eo + t] * dInverse;
      for (let t = 0; t <= p; t++) {
        gExp[t] = gWeight[t] * inverse + gTotal;
        gScore[t] = gExp[t] * exp[eo + t] * this.attentionScale;
      }
      for (let j = 0; j < hw; j++) {
        let gq = -0;
        for (let t = p; t >= 0; t--) gq += gScore[t] * k[first + t * W + hs + j];
        gQ[hs + j] = gq;
        for (let t = 0; t <= p; t++) gradKeys[first + t * W + hs + j] += gScore[t] * q[qo + hs + j];
      }
    }
  }

  projectionsBackward(l, p) {
    const { width: W, headWidth: hw, gradKeys: gK, gradValues: gV, gQ } = this;
    const o = this.blocks[l];
    const at = (l * this.context + p) * W;
    const { w, g, xa, gXa } = this;
    const row = GptKernel.rowBackward;
    gXa.fill(-0);
    for (let h = this.heads - 1; h >= 0; h--) {
      const hs = h * hw;
      for (let j = hw - 1; j >= 0; j--) row(gV[at + hs + j], w, o.wv + (hs + j) * W, xa, at, g, gXa, 0, W);
      if (p === 0) {
        for (let j = hw - 1; j >= 0; j--) {
          row(gK[at + hs + j], w, o.wk + (hs + j) * W, xa, at, g, gXa, 0, W);
          row(gQ[hs + j], w, o.wq + (hs + j) * W, xa, at, g, gXa, 0, W);
        }
      } else {
        for (let j = hw - 1; j >= 0; j--) row(gK[at + hs + j], w, o.wk + (hs + j) * W, xa, at, g, gXa, 0, W);
        for (let j = hw - 1; j >= 0; j--) row(gQ[hs + j], w, o.wq + (hs + j) * W, xa, at, g, gXa, 0, W);
      }
    }
  }

  /** rmsnorm's backward: adds into gx (holding the input's earlier uses) the uses through y = x·scale, then the squares. */
  rmsNormBackward(x, xo, gy, a, scale, gx) {
    const W = this.width;
    let gScale = -0;
    for (let i = W - 1; i >= 0; i--) gScale += gy[i] * x[xo + i];
    const gA = gScale * (-0.5 * Numbers.pow(a, -1.5));
    const gSquare = gA * this.widthInverse;
    for (let i = 0; i < W; i++) {
      gx[i] += gy[i] * scale;
      gx[i] += gSquare * x[xo + i];
      gx[i] += gSquare * x[xo + i];
    }
  }

  embeddingBackward(p) {
    const { g, width: W, gEmb } = this;
    gEmb.fill(-0);
    this.rmsNormBackward(this.emb, p * W, this.gX, this.embA[p], this.embScale[p], gEmb);
    const tok = this.wte + this.tokens[p] * W;
    const pos = this.wpe + p * W;
    for (let i = 0; i < W; i++) {
      g[tok + i] += gEmb[i];
      g[pos + i] += gEmb[i];
    }
  }
}
