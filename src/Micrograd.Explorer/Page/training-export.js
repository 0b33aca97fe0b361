// The training page's exports: the data as `train --data` reads it (CSV) and a model as `train --init` reads it (JSON), saved
// as files by the browser; nothing is sent anywhere.
"use strict";
/* global Numbers */
/* exported TrainingExport */

const TrainingExport = Object.freeze({
  /** Adds to the page: download(name, text, type), csvText(set) and modelText(params). */
  attach(page) {
    const { full } = Numbers;
    const { run } = page;

    /** Saves text as a file, by a link the page makes and clicks (nothing is sent anywhere). */
    function download(name, text, type) {
      const url = URL.createObjectURL(new Blob([text], { type }));
      const link = document.createElement("a");
      link.download = name;
      link.href = url;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    }

    function csvText(set) {
      const lines = ["x1,x2,label"];
      for (let i = 0; i < set.count; i++) lines.push(`${full(set.features[2 * i])},${full(set.features[2 * i + 1])},${full(set.labels[i])}`);
      return lines.join("\n") + "\n";
    }

    /** A model as ModelFile writes it: inputs, and per layer the weights (a row per neuron), the biases and the activation. */
    function modelText(params) {
      const number = (x) => (Number.isFinite(x) ? full(x) : `"${full(x)}"`);
      const layers = [];
      let width = run.model.inputs;
      let offset = 0;
      for (const layer of run.model.layers) {
        const rows = [];
        const biases = [];
        for (let n = 0; n < layer.outputs; n++) {
          rows.push(`[${Array.from(params.subarray(offset, offset + width), number).join(", ")}]`);
          biases.push(number(params[offset + width]));
          offset += width + 1;
        }
        layers.push(`    {\n      "weights": [\n        ${rows.join(",\n        ")}\n      ],\n      "biases": [${biases.join(", ")}],\n      "activation": "${layer.activation}"\n    }`);
        width = layer.outputs;
      }
      return `{\n  "inputs": ${run.model.inputs},\n  "layers": [\n${layers.join(",\n")}\n  ]\n}\n`;
    }

    Object.assign(page, { download, csvText, modelText });
  },
});
