// The GPT page's table of the residual stream's size for the name shown: for each position (a row), the RMS of the residual
// vector x, √(Σ x² / width), after the embeddings' rmsnorm (what the first layer reads) and after each layer's attention
// and MLP blocks (each adds its output to x). The numbers come from GptModel.position, each with a bar scaled to the
// table's largest; the full digits are on hover.
"use strict";
/* global Numbers, PageKit */

/* exported GptStreamView */
class GptStreamView {
  /** @param {GptRun} run */
  constructor(run) {
    this.run = run;
    this.stages = ["embedding + rmsnorm"];
    const layers = run.model.layers;
    for (let l = 0; l < layers; l++) {
      const layer = layers > 1 ? `layer ${l + 1}: ` : "";
      this.stages.push(`${layer}after attention`, `${layer}after MLP`);
    }
  }

  /** Shows the stream of GptModel.run's result for the tokens, the chosen position's row marked. */
  show(result, tokens, chosen) {
    const { $ } = PageKit;
    const run = this.run;
    $("stream-about").textContent = `RMS = √(Σ x² / ${run.model.width}) of the residual vector x at each position, before the first block and after each block adds its output; a bar's length is the value over the table's largest.`;
    const head = document.createElement("tr");
    const corner = document.createElement("th");
    corner.scope = "col";
    corner.textContent = "position";
    head.append(corner);
    for (const stage of this.stages) {
      const th = document.createElement("th");
      th.scope = "col";
      th.textContent = stage;
      head.append(th);
    }
    $("stream-head").replaceChildren(head);

    let largest = 0;
    for (const position of result.positions) for (const v of position.stream) if (v > largest) largest = v;
    const body = $("stream-rows");
    body.replaceChildren();
    result.positions.forEach((position, p) => {
      const row = document.createElement("tr");
      if (p === chosen) {
        row.className = "current";
        row.setAttribute("aria-current", "true");
      }
      const th = document.createElement("th");
      th.scope = "row";
      th.textContent = `${p} ${run.tokenText(tokens[p])}`;
      row.append(th);
      for (const v of position.stream) {
        const td = document.createElement("td");
        td.title = Numbers.full(v);
        const bar = document.createElement("span");
        bar.className = "stream-bar";
        bar.style.width = `${largest > 0 && Number.isFinite(v) ? Math.max(0, Math.min(1, v / largest)) * 100 : 0}%`;
        const text = document.createElement("span");
        text.textContent = Numbers.fixed4(v);
        td.append(text, bar);
        row.append(td);
      }
      body.append(row);
    });
  }
}
