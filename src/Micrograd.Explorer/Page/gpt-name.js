// The GPT page's view of one name through the model at the step shown: the loss, each position's character and the
// true next one with its probability and −log p (a button per position), the chosen position's probabilities of every
// next token as bars (the true next one marked), and each head's attention as a position × position heat map.
"use strict";
/* global Numbers, PageKit */

/* exported GptNameView */
class GptNameView {
  /**
   * @param {GptRun} run
   * @param {object} options  onChoose(position): a position's button was pressed.
   */
  constructor(run, options) {
    this.run = run;
    this.options = options;
    this.heat = PageKit.color("heat");
    this.maps = [];
  }

  /** Shows the result of GptModel.run for the tokens (BOS, the name's characters, BOS), with one position chosen. */
  show(result, tokens, chosen) {
    const { $ } = PageKit;
    const run = this.run;
    const n = result.positions.length;
    const cut = tokens.length - 1 > n ? ` (the context holds ${n} positions: the rest is not read)` : "";
    $("name-loss").textContent = `loss of this name with the weights shown: ${Numbers.full(result.loss)}, the mean of ${n} positions' −log p${cut}`;

    const buttons = $("name-positions");
    buttons.replaceChildren();
    for (let p = 0; p < n; p++) {
      const next = tokens[p + 1];
      const position = result.positions[p];
      const button = document.createElement("button");
      button.type = "button";
      button.className = "position";
      button.setAttribute("aria-pressed", String(p === chosen));
      button.dataset.position = String(p);
      const reads = document.createElement("span");
      reads.className = "reads";
      reads.textContent = `${run.tokenText(tokens[p])} → ${run.tokenText(next)}`;
      const numbers = document.createElement("span");
      numbers.className = "numbers";
      numbers.textContent = `p ${Numbers.fixed4(position.probabilities[next])} · −log p ${Numbers.full(position.loss)}`;
      button.append(reads, numbers);
      button.addEventListener("click", (event) => {
        this.options.onChoose(p);
        if (event.detail > 0) event.currentTarget.blur();
      });
      buttons.append(button);
    }
    this.showBars(result.positions[chosen], tokens, chosen);
    this.showAttention(result, tokens, chosen);
  }

  /** The chosen position's probabilities of each next token, in the vocabulary's order; the true next one marked. */
  showBars(position, tokens, p) {
    const { $ } = PageKit;
    const run = this.run;
    const next = tokens[p + 1];
    $("bars-heading").textContent = `After “${run.tokenText(tokens[p])}” at position ${p}: the next token's probabilities (the true one, ${run.tokenText(next)}, marked: −log p = ${Numbers.full(position.loss)})`;
    const list = $("bars");
    list.replaceChildren();
    const probabilities = position.probabilities;
    for (let k = 0; k < probabilities.length; k++) {
      const item = document.createElement("li");
      item.className = k === next ? "bar true" : "bar";
      const label = document.createElement("span");
      label.className = "token";
      label.textContent = run.tokenText(k);
      const track = document.createElement("span");
      track.className = "track";
      const fill = document.createElement("span");
      fill.className = "fill";
      fill.style.width = `${Math.max(0, Math.min(1, probabilities[k])) * 100}%`;
      track.append(fill);
      const value = document.createElement("span");
      value.className = "value";
      value.textContent = Numbers.fixed4(probabilities[k]);
      value.title = Numbers.full(probabilities[k]);
      item.append(label, track, value);
      if (k === next) {
        const mark = document.createElement("span");
        mark.className = "mark";
        mark.textContent = `← true next, −log p ${Numbers.short(position.loss)}`;
        item.append(mark);
      }
      list.append(item);
    }
  }

  /** Each layer's heads as heat maps: row p is position p's weights over positions 0 … p. */
  showAttention(result, tokens, chosen) {
    const { $ } = PageKit;
    const box = $("attention");
    box.replaceChildren();
    const n = result.positions.length;
    const layers = this.run.model.layers;
    const heads = this.run.model.heads;
    const labels = tokens.slice(0, n).map((t) => this.run.tokenText(t));
    const cell = Math.max(8, Math.min(20, Math.floor(200 / Math.max(1, n))));
    for (let l = 0; l < layers; l++) {
      for (let h = 0; h < heads; h++) {
        const figure = document.createElement("figure");
        figure.className = "head";
        const canvas = document.createElement("canvas");
        const side = 30 + n * cell;
        canvas.style.width = `${side}px`;
        canvas.style.height = `${side}px`;
        canvas.setAttribute("role", "img");
        const strongest = result.positions[chosen].attention[l][h].reduce((best, v, t, all) => (v > all[best] ? t : best), 0);
        canvas.setAttribute("aria-label", `Layer ${l + 1}, head ${h + 1}: position ${chosen} (${labels[chosen]}) attends most to position ${strongest} (${labels[strongest]})`);
        const caption = document.createElement("figcaption");
        caption.textContent = layers > 1 ? `layer ${l + 1} · head ${h + 1}` : `head ${h + 1}`;
        figure.append(canvas, caption);
        box.append(figure);
        this.drawMap(canvas, side, cell, labels, result.positions.map((p) => p.attention[l][h]), chosen);
      }
    }
  }

  drawMap(canvas, side, cell, labels, rows, chosen) {
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(side * ratio);
    canvas.height = Math.round(side * ratio);
    const c = canvas.getContext("2d");
    c.setTransform(ratio, 0, 0, ratio, 0, 0);
    const at = 30;
    c.font = `${Math.min(12, cell)}px ui-monospace, monospace`;
    c.textAlign = "center";
    c.textBaseline = "middle";
    c.fillStyle = PageKit.color("muted");
    for (let i = 0; i < labels.length; i++) {
      const text = labels[i] === "BOS" ? "·" : labels[i];
      c.fillText(text, at + (i + 0.5) * cell, at / 2);
      c.fillText(text, at / 2, at + (i + 0.5) * cell);
    }
    for (let p = 0; p < rows.length; p++) {
      for (let t = 0; t < rows.length; t++) {
        c.fillStyle = PageKit.color("panel");
        c.fillRect(at + t * cell, at + p * cell, cell - 1, cell - 1);
        if (t > p) continue;
        c.globalAlpha = Math.max(0, Math.min(1, rows[p][t]));
        c.fillStyle = this.heat;
        c.fillRect(at + t * cell, at + p * cell, cell - 1, cell - 1);
        c.globalAlpha = 1;
      }
    }
    c.strokeStyle = PageKit.color("accent");
    c.lineWidth = 2;
    c.strokeRect(at - 1, at + chosen * cell - 1, rows.length * cell + 1, cell + 1);
  }
}
