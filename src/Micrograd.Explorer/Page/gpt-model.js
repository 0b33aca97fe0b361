// The GPT's forward pass in the page, microgpt's arithmetic in the engine's order (GptKernel: ForwardPosition, Attention,
// PositionLoss), so that every number equals the engine's bit for bit: a linear layer is a sum of products from 0, left
// to right (a multiply, then an add); softmax subtracts the largest logit, exponentiates, adds from 0 and multiplies by
// total ** -1; RMSNorm is (Σ x·x · width ** -1 + 1e-5) ** -0.5, every ** .NET's Math.Pow (Numbers.pow); a head's scores
// are scaled by (headWidth ** 0.5) ** -1; the loss is (Σ -log p) · (1 / n). The residual stream's size at each stage is its
// RMS, Math.sqrt((Σ x·x, from 0, left to right) / width).
"use strict";
/* global Numbers */

/* exported GptModel */
class GptModel {
  /** @param {object} shape  the run's model: layers, width, heads, context, vocabulary, matrices [{ name, rows, columns }]. */
  constructor(shape) {
    const { pow } = Numbers;
    this.width = shape.width;
    this.heads = shape.heads;
    this.headWidth = shape.width / shape.heads;
    this.context = shape.context;
    this.vocabulary = shape.vocabulary;
    this.layers = shape.layers;
    this.hidden = 4 * shape.width;
    this.widthInverse = pow(this.width, -1);
    this.attentionScale = pow(pow(this.headWidth, 0.5), -1);
    // Each matrix's offset in the flat weights: microgpt's state_dict order, row by row (GptLayout).
    this.offsets = new Map();
    let at = 0;
    for (const m of shape.matrices) {
      this.offsets.set(m.name, at);
      at += m.rows * m.columns;
    }
    this.size = at;
  }

  /** y[r] = 0 + w[r,0]·x[0] + w[r,1]·x[1] + … for rows r of the matrix at offset (x.length columns). */
  static linear(w, offset, rows, x) {
    const columns = x.length;
    const y = new Float64Array(rows);
    for (let r = 0; r < rows; r++) {
      let s = 0;
      const row = offset + r * columns;
      for (let i = 0; i < columns; i++) s += w[row + i] * x[i];
      y[r] = s;
    }
    return y;
  }

  /** microgpt's rmsnorm: x · (Σ x·x · width ** -1 + 1e-5) ** -0.5. */
  rmsNorm(x) {
    let sum = 0;
    for (let i = 0; i < x.length; i++) sum += x[i] * x[i];
    const scale = Numbers.pow(sum * this.widthInverse + 1e-5, -0.5);
    const y = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) y[i] = x[i] * scale;
    return y;
  }

  /** The RMS of a residual vector: Math.sqrt((0 + x[0]·x[0] + x[1]·x[1] + …) / width). */
  static rms(x) {
    let sum = 0;
    for (let i = 0; i < x.length; i++) sum += x[i] * x[i];
    return Math.sqrt(sum / x.length);
  }

  /** microgpt's softmax of the first n entries of e, in place: exp(e − max) · (Σ exp) ** -1. */
  static softmax(e, n) {
    let max = e[0];
    for (let k = 1; k < n; k++) if (e[k] > max) max = e[k];
    let total = 0;
    for (let k = 0; k < n; k++) {
      e[k] = Math.exp(e[k] + -max);
      total += e[k];
    }
    const inverse = Numbers.pow(total, -1);
    for (let k = 0; k < n; k++) e[k] = e[k] * inverse;
    return e;
  }

  /** The keys and values that each layer's attention has seen so far: empty before position 0. */
  start() {
    const state = { keys: [], values: [] };
    for (let l = 0; l < this.layers; l++) {
      state.keys.push([]);
      state.values.push([]);
    }
    return state;
  }

  /**
   * One position p (the next after those in state) reading token with weights w: returns { logits, attention:
   * [layer][head] weights over positions 0 … p, stream: the residual's RMS after the embeddings' rmsnorm, then after each
   * layer's attention and after its MLP (1 + 2 · layers numbers) } and adds the position's keys and values to state.
   */
  position(w, state, token, p) {
    const { width, heads, headWidth, hidden, offsets } = this;
    const { keys, values } = state;
    const emb = new Float64Array(width);
    const tok = offsets.get("wte") + token * width;
    const pos = offsets.get("wpe") + p * width;
    for (let i = 0; i < width; i++) emb[i] = w[tok + i] + w[pos + i];
    let x = this.rmsNorm(emb);
    const attention = [];
    const stream = [GptModel.rms(x)];
    for (let l = 0; l < this.layers; l++) {
      const name = (matrix) => offsets.get(`layer${l}.${matrix}`);
      const xa = this.rmsNorm(x);
      const q = GptModel.linear(w, name("attn_wq"), width, xa);
      keys[l].push(GptModel.linear(w, name("attn_wk"), width, xa));
      values[l].push(GptModel.linear(w, name("attn_wv"), width, xa));
      const attended = new Float64Array(width);
      const layerWeights = [];
      for (let h = 0; h < heads; h++) {
        const hs = h * headWidth;
        const weight = new Float64Array(p + 1);
        for (let t = 0; t <= p; t++) {
          let s = 0;
          const k = keys[l][t];
          for (let j = 0; j < headWidth; j++) s += q[hs + j] * k[hs + j];
          weight[t] = s * this.attentionScale;
        }
        GptModel.softmax(weight, p + 1);
        for (let j = 0; j < headWidth; j++) {
          let s = 0;
          for (let t = 0; t <= p; t++) s += weight[t] * values[l][t][hs + j];
          attended[hs + j] = s;
        }
        layerWeights.push(weight);
      }
      attention.push(layerWeights);
      const xm = GptModel.linear(w, name("attn_wo"), width, attended);
      for (let i = 0; i < width; i++) xm[i] += x[i];
      stream.push(GptModel.rms(xm));
      const f = GptModel.linear(w, name("mlp_fc1"), hidden, this.rmsNorm(xm));
      for (let i = 0; i < hidden; i++) if (f[i] < 0) f[i] = 0; // relu (−0 and NaN stay)
      const xf = GptModel.linear(w, name("mlp_fc2"), width, f);
      for (let i = 0; i < width; i++) xf[i] += xm[i];
      stream.push(GptModel.rms(xf));
      x = xf;
    }
    return { logits: GptModel.linear(w, offsets.get("lm_head"), this.vocabulary, x), attention, stream };
  }

  /**
   * A document through the model with weights w: tokens are BOS, the characters, BOS; the first min(context, tokens − 1)
   * positions are computed. Returns { positions: [{ probabilities, attention: [layer][head] weights over positions 0 … p,
   * stream (the residual's RMS at each stage), loss }], loss }, loss being the document's, as the engine trains on it.
   */
  run(w, tokens) {
    const n = Math.min(this.context, tokens.length - 1);
    const state = this.start();
    const positions = [];
    let sum = 0;
    for (let p = 0; p < n; p++) {
      const { logits, attention, stream } = this.position(w, state, tokens[p], p);
      const probabilities = GptModel.softmax(logits, this.vocabulary);
      const loss = -Math.log(probabilities[tokens[p + 1]]);
      sum += loss;
      positions.push({ probabilities, attention, stream, loss });
    }
    return { positions, loss: sum * (1 / n) };
  }

  /**
   * One name drawn as the engine's GptSampler draws it: from BOS, at each position the next token is random.choice of
   * softmax(logits · temperature ** -1) (the largest scaled logit the first one or a larger one), until BOS comes out or
   * the context is full. Returns the drawn token ids (BOS not included); random advances by one draw per token drawn.
   */
  sample(w, random, temperature, bos) {
    const inverse = Numbers.pow(temperature, -1);
    const state = this.start();
    const drawn = [];
    const n = this.vocabulary;
    let token = bos;
    for (let p = 0; p < this.context; p++) {
      const e = this.position(w, state, token, p).logits;
      let max = -Infinity;
      for (let k = 0; k < n; k++) {
        e[k] = e[k] * inverse;
        if (k === 0 || e[k] > max) max = e[k];
      }
      let total = 0;
      for (let k = 0; k < n; k++) {
        e[k] = Math.exp(e[k] + -max);
        total += e[k];
      }
      const totalInverse = Numbers.pow(total, -1);
      for (let k = 0; k < n; k++) e[k] = e[k] * totalInverse;
      token = random.choice(e);
      if (token === bos) break;
      drawn.push(token);
    }
    return drawn;
  }
}
