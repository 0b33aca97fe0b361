// The training page's network: neurons as circles (filled by the sign and size of their bias), edges coloured by the sign
// of their weight (or gradient) and thickened by its size. Pointing at one (or reaching it with ↑ ↓) says its weight, its
// gradient at the step and the optimizer's state. The elements are made once; a step only changes their colours and widths.
"use strict";
/* global PageKit */

/* exported NetworkView */
class NetworkView {
  /**
   * @param {SVGSVGElement} svg
   * @param {object} options
   *   inputs: how many inputs; layers: [{ outputs, activation }]; names: each parameter's name;
   *   onPoint(parameter or -1, what): called when the pointer is on a weight or a bias (what: "weight" or "bias");
   *   onPick(parameter): called when one is clicked (or Enter is pressed on the one reached with ↑ ↓).
   */
  constructor(svg, options) {
    this.svg = svg;
    this.options = options;
    this.mode = "weights";
    this.colors = { positive: PageKit.color("positive"), negative: PageKit.color("negative"), zero: PageKit.color("zero"), bad: PageKit.color("bad") };
    this.widths = [options.inputs, ...options.layers.map((l) => l.outputs)];
    this.edges = [];   // { line, parameter, from: [l, i], to: [l + 1, n] }
    this.neurons = []; // per column: { circle, parameter (the bias, or -1 for an input) }
    this.hot = null;
    this.linked = [];
    this.build();
    new ResizeObserver(() => this.layout()).observe(svg);
  }

  build() {
    const ns = "http://www.w3.org/2000/svg";
    const edges = document.createElementNS(ns, "g");
    const circles = document.createElementNS(ns, "g");
    let parameter = 0;
    this.neurons = this.widths.map((width, l) => Array.from({ length: width }, (_, n) => ({ circle: null, parameter: -1, l, n })));
    for (let l = 1; l < this.widths.length; l++) {
      for (let n = 0; n < this.widths[l]; n++) {
        for (let i = 0; i < this.widths[l - 1]; i++) {
          const line = document.createElementNS(ns, "line");
          line.id = `p${parameter}`;
          line.dataset.parameter = String(parameter);
          edges.appendChild(line);
          this.edges.push({ line, parameter, from: [l - 1, i], to: [l, n] });
          parameter++;
        }
        this.neurons[l][n].parameter = parameter++;
      }
    }
    for (const column of this.neurons) {
      for (const neuron of column) {
        const circle = document.createElementNS(ns, "circle");
        circle.setAttribute("class", neuron.l === 0 ? "neuron input" : "neuron");
        if (neuron.parameter >= 0) {
          circle.id = `p${neuron.parameter}`;
          circle.dataset.parameter = String(neuron.parameter);
        }
        neuron.circle = circle;
        circles.appendChild(circle);
      }
    }
    this.labels = Array.from({ length: this.widths[0] }, (_, i) => {
      const text = document.createElementNS(ns, "text");
      text.textContent = `x${i + 1}`;
      circles.appendChild(text);
      return text;
    });
    this.svg.replaceChildren(edges, circles);
    const point = (event) => {
      const target = event.target instanceof Element ? event.target.closest("[data-parameter]") : null;
      this.setHot(target);
      this.options.onPoint(target ? Number(target.dataset.parameter) : -1, target && target.tagName === "circle" ? "bias" : "weight");
    };
    this.svg.addEventListener("pointerover", point);
    const clear = () => {
      this.setHot(null);
      this.options.onPoint(-1, "");
    };
    this.svg.addEventListener("pointerleave", clear);
    this.svg.addEventListener("click", (event) => {
      const target = event.target instanceof Element ? event.target.closest("[data-parameter]") : null;
      if (target) this.options.onPick(Number(target.dataset.parameter));
    });

    // With the keyboard focus on the network: ↑ ↓ move through the weights and biases in parameter order (each neuron's
    // weights, then its bias), as pointing at them does. Other keys go to the page.
    const parameters = [...this.svg.querySelectorAll("[data-parameter]")].sort((a, b) => a.dataset.parameter - b.dataset.parameter);
    this.svg.addEventListener("keydown", (event) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === "Enter" && this.hot) {
        this.options.onPick(Number(this.hot.dataset.parameter));
        event.preventDefault();
        event.stopPropagation();
        return;
      }
      if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
      const by = event.key === "ArrowDown" ? 1 : -1;
      const at = this.hot ? Number(this.hot.dataset.parameter) : -1;
      const element = parameters[at < 0 ? (by > 0 ? 0 : parameters.length - 1) : (at + by + parameters.length) % parameters.length];
      this.setHot(element);
      this.options.onPoint(Number(element.dataset.parameter), element.tagName === "circle" ? "bias" : "weight");
      event.preventDefault();
      event.stopPropagation();
    });
    this.svg.addEventListener("blur", clear);
  }

  setHot(element) {
    if (this.hot === element) return;
    if (this.hot) this.hot.classList.remove("hot");
    this.hot = element;
    if (element) element.classList.add("hot");
  }

  /** Lights the given parameters (weights and biases, by index), and no other: the ones the sample's step reaches. */
  link(parameters) {
    if (parameters.length === this.linked.length && parameters.every((j, k) => this.linked[k] === j)) return;
    for (const j of this.linked) this.svg.querySelector(`#p${j}`)?.classList.remove("linked");
    this.linked = parameters.slice();
    for (const j of this.linked) this.svg.querySelector(`#p${j}`)?.classList.add("linked");
  }

  /** Places the neurons in columns, one per layer, from the size the picture has now. */
  layout() {
    const w = this.svg.clientWidth;
    const h = this.svg.clientHeight;
    if (w === 0 || h === 0) return;
    this.svg.setAttribute("viewBox", `0 0 ${w} ${h}`);
    const columns = this.widths.length;
    const most = Math.max(...this.widths);
    const radius = Math.max(2.5, Math.min(11, (h - 16) / (most * 2.6)));
    const x = (l) => 26 + (l * (w - 52)) / Math.max(1, columns - 1);
    const y = (l, n) => {
      const count = this.widths[l];
      const room = Math.min(h - 2 * radius - 8, count * radius * 3.2);
      return h / 2 + (count === 1 ? 0 : (n / (count - 1) - 0.5) * room);
    };
    for (const column of this.neurons) {
      for (const neuron of column) {
        neuron.circle.setAttribute("cx", String(x(neuron.l)));
        neuron.circle.setAttribute("cy", String(y(neuron.l, neuron.n)));
        neuron.circle.setAttribute("r", String(radius));
      }
    }
    this.labels.forEach((text, i) => {
      text.setAttribute("x", String(x(0) - radius - 2));
      text.setAttribute("y", String(y(0, i) + 3));
      text.setAttribute("text-anchor", "end");
    });
    for (const edge of this.edges) {
      edge.line.setAttribute("x1", String(x(edge.from[0])));
      edge.line.setAttribute("y1", String(y(edge.from[0], edge.from[1])));
      edge.line.setAttribute("x2", String(x(edge.to[0])));
      edge.line.setAttribute("y2", String(y(edge.to[0], edge.to[1])));
    }
  }

  /** Colours every edge and neuron by the weights (or the gradients, in gradient mode) of a step. */
  show(params, grads) {
    const values = this.mode === "gradients" ? grads : params;
    let most = 0;
    for (const edge of this.edges) most = Math.max(most, Math.abs(values[edge.parameter]) || 0);
    let mostBias = 0;
    for (const column of this.neurons) for (const neuron of column) if (neuron.parameter >= 0) mostBias = Math.max(mostBias, Math.abs(values[neuron.parameter]) || 0);
    const colors = this.colors;
    const color = (v) => (v > 0 ? colors.positive : v < 0 ? colors.negative : colors.zero);
    for (const edge of this.edges) {
      const v = values[edge.parameter];
      const size = most > 0 && Number.isFinite(v) ? Math.abs(v) / most : 0;
      edge.line.setAttribute("stroke", Number.isFinite(v) ? color(v) : colors.bad);
      edge.line.setAttribute("stroke-width", (0.3 + 4.2 * size).toFixed(2));
      edge.line.setAttribute("stroke-opacity", (0.25 + 0.75 * size).toFixed(2));
    }
    for (const column of this.neurons) {
      for (const neuron of column) {
        if (neuron.parameter < 0) continue;
        const v = values[neuron.parameter];
        const size = mostBias > 0 && Number.isFinite(v) ? Math.abs(v) / mostBias : 0;
        neuron.circle.setAttribute("fill", Number.isFinite(v) ? color(v) : colors.bad);
        neuron.circle.setAttribute("fill-opacity", (0.12 + 0.88 * size).toFixed(2));
      }
    }
  }
}
