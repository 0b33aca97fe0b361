// The training page's sample: one data point's backpropagation at the step shown, in the explorer's view: its graph (the
// engine's trace of one sample's term of the loss) with the model's parameters and the point's features put in, the
// backward pass node by node with the explorer's explanation, and the point's share of each parameter's gradient.
"use strict";
/* global Numbers, PageKit, GraphPasses, GraphView, Explanation, ChainPicture, TrainingEngine */
/* exported TrainingSample */

const TrainingSample = Object.freeze({
  /**
   * Adds to the page: selectSample(point), closeSample(), renderSample(refit), moveSampleStep(by), showParameter(j) (goes to
   * the backward step that passes a parameter its gradient), linkedParameters (those the step shown passes to), selected (the point shown,
   * { set, index }, or null) and sampleView (its GraphView, made when a point is first shown; null before).
   */
  attach(page) {
    const { full, short, fixed4, isBad } = Numbers;
    const { $ } = PageKit;
    const { run, OPS, TWINS, recorded, names, plane } = page;

    const sampleGraph = GraphPasses.readModel(run.sample.graph);
    const sampleNodes = sampleGraph.nodes;
    const roles = run.sample.roles;
    const indices = run.sample.indices;
    const ROLE = TrainingEngine.ROLE;
    const sampleEngine = new GraphPasses.StepEngine(sampleGraph);
    sampleEngine.setSkipLeaves(true);
    const explanation = Explanation.create(sampleGraph, OPS);
    const chain = ChainPicture.names(sampleGraph);
    let sampleRun = null;
    let edgeLabels = null;

    function ensureSampleView() {
      if (page.sampleView) return;
      const sampleView = new GraphView($("graph"), {
        nodes: sampleNodes,
        names: sampleNodes.map((node) => chain.full(node.id)),
        tags: sampleNodes.filter((node) => node.label === "" && !node.constant && node.op !== "").map((node) => node.id),
        aliasOf: (id) => chain.aliasOf(id),
        describe: (direction) => `The graph of one sample's term of the loss: ${sampleNodes.length} values, ` +
          (direction === "N" ? `each of its ${sampleGraph.groups.length} neurons drawn as one box` : "laid out top to bottom"),
        groups: sampleGraph.groups,
        onSelect: (id) => {
          // A leaf has no step of its own (leaves are skipped): its step is the one that passes it its gradient.
          const s = roles[id] === ROLE.parameter ? stepGiving(id) : sampleEngine.stepOf.backward[id];
          if (s > 0) {
            sampleEngine.goTo(s);
            renderSampleStep();
          }
        },
      });
      page.sampleView = sampleView;
      edgeLabels = new ChainPicture.EdgeLabels(sampleView);
      sampleView.setDirection(sampleView.directions[0]);
      $("sample-neurons").hidden = !sampleView.layouts.N;
      $("graph").addEventListener("dblclick", (event) => {
        const box = event.target instanceof Element ? event.target.closest("g.node.neuron[data-id]") : null;
        if (box) toggleNeurons(Number(box.dataset.id));
      });
      // Said once: how many values the picture leaves out (the chain rule and the shares still cover every one).
      const drawn = sampleNodes.filter((node) => sampleView.drawn(node.id)).length;
      const total = sampleNodes.length;
      $("sample-cut").hidden = drawn === total;
      $("sample-cut").textContent = drawn === total ? "" : `${(total - drawn).toLocaleString("en-US")} of ${total.toLocaleString("en-US")} values are not drawn: ` +
        `the picture shows the ${drawn.toLocaleString("en-US")} nearest the loss; the steps and the shares cover every value.`;
      if (run.rebuilt) {
        // Laid out in the page (training-rebuild.js): no picture of its neurons as boxes.
        $("sample-cut").hidden = false;
        $("sample-cut").textContent = `${$("sample-cut").textContent} This network's picture is laid out in the page, which draws no neuron view of it (only the recorded network's has one).`.trim();
      }
    }

    // A parameter's leaf and the backward step that passes it its gradient: that of its user (in an MLP, its only one: the
    // product w·x of a weight, the sum of a bias; with more, the first to pass back, the user of the largest id).
    const leafOf = new Map();
    const userOf = new Map();
    for (const node of sampleNodes) {
      if (roles[node.id] === ROLE.parameter) leafOf.set(indices[node.id], node.id);
      for (const k of node.operands) if (roles[k] === ROLE.parameter) userOf.set(k, Math.max(userOf.get(k) ?? -1, node.id));
    }
    const stepGiving = (leaf) => (userOf.has(leaf) ? sampleEngine.stepOf.backward[userOf.get(leaf)] : -1);

    /** Goes to the backward step that passes parameter j its gradient, and shows its leaf. False when no sample is open. */
    function showParameter(j) {
      if (!page.selected || !leafOf.has(j)) return false;
      const leaf = leafOf.get(j);
      const s = stepGiving(leaf);
      if (s <= 0) return false;
      sampleEngine.goTo(s);
      renderSampleStep();
      if (page.sampleView.drawn(leaf)) page.sampleView.reveal(leaf);
      return true;
    }

    function selectSample(point) {
      page.selected = point;
      plane.select(point);
      plane.draw();
      $("sample-hint").hidden = true;
      $("sample-body").hidden = false;
      ensureSampleView();
      renderSample(true);
      page.saveHashSoon();
      // On a narrow screen the panel is far below the plane: bring its heading into view (a tap must show what it opened).
      const heading = $("sample-heading").getBoundingClientRect();
      if (heading.top < 0 || heading.bottom > window.innerHeight) $("sample-heading").scrollIntoView({ block: "start" });
    }

    function closeSample() {
      page.selected = null;
      page.saveHashSoon();
      plane.select(null);
      plane.draw();
      $("sample-hint").hidden = false;
      $("sample-body").hidden = true;
      linkNetwork([]);
    }

    /** Lights the parameters the sample's step passes its gradient to in the network view, and says which. */
    function linkNetwork(parameters) {
      page.linkedParameters = parameters;
      page.network.link(parameters);
      $("network").classList.toggle("pickable", page.selected !== null);
      const said = $("network-linked");
      said.hidden = page.selected === null;
      said.textContent = page.selected === null ? ""
        : parameters.length > 0
          ? `Lit: ${parameters.map((j) => names[j]).join(", ")}, which the sample's backward step passes its gradient to. Click a weight or a neuron (or press Enter on one) to go to its node in the sample's graph.`
          : "Click a weight or a neuron (or press Enter on one) to go to its node in the sample's graph; a step that reaches a weight lights it here.";
    }

    /** The batch of the step shown, as positions in the training data, and its size (the mean's B). */
    function batchShown() {
      const view = page.view;
      if (page.inBranch(page.position)) {
        if (view.end) return { indices: null, size: page.train.count };
        return { indices: view.batch, size: view.batch.length };
      }
      if (view.end) return { indices: null, size: recorded.data.count };
      return { indices: recorded.batch(page.position), size: recorded.batchSize };
    }

    function renderSample(refit) {
      const selected = page.selected;
      if (!selected) return;
      const view = page.view;
      const sampleView = page.sampleView;
      const set = selected.set === "train" ? page.train : page.validation;
      if (!set || selected.index >= set.count) {
        closeSample();
        return;
      }
      const i = selected.index;
      const features = [set.features[2 * i], set.features[2 * i + 1]];
      const target = set.labels[i];
      const batch = batchShown();
      const leafValue = sampleNodes.map((node) => {
        switch (roles[node.id]) {
          case ROLE.parameter: return view.params[indices[node.id]];
          case ROLE.input: return features[indices[node.id]];
          case ROLE.scale: return 1 / batch.size;
          case ROLE.number: return 0;
          default: return node.data;
        }
      });
      // The loss's numbers may read the outputs (softmax's max): the outputs first, then the numbers, then both passes.
      const first = GraphPasses.forward(sampleGraph, OPS, leafValue);
      const modelOutputs = Float64Array.from(run.sample.outputs, (id) => first[id]);
      const numbers = new Float64Array(run.sample.numbers);
      TWINS.numbers(modelOutputs, target, numbers);
      for (const node of sampleNodes) if (roles[node.id] === ROLE.number) leafValue[node.id] = numbers[indices[node.id]];
      sampleRun = GraphPasses.compute(sampleGraph, OPS, leafValue);
      sampleEngine.setRun(sampleRun);
      if (refit) sampleEngine.goTo(sampleEngine.forwardCount + 1); // a new sample starts at the first backward step

      const inBatch = selected.set === "train" && (batch.indices === null || Array.prototype.includes.call(batch.indices, i));
      const kind = selected.set === "train" ? `training sample ${i + 1}` : `validation sample ${i + 1}`;
      const where = selected.set === "validation"
        ? "A validation sample is never trained on: its graph is shown as if it were in a batch."
        : inBatch ? `In this step's batch of ${batch.size}: its term of the mean loss is loss × 1/${batch.size}.`
          : `Not in this step's batch of ${batch.size}: it adds nothing to this step's gradients (shown as if it were in it).`;
      const scores = run.sample.outputs.map((id) => full(sampleRun.data[id]));
      $("sample-heading").textContent = `${kind[0].toUpperCase()}${kind.slice(1)} ${view.end ? "after the last step" : `at step ${page.position}`}`;
      const about = $("sample-about");
      const loss = sampleRun.data[run.sample.loss];
      // For people (0.676, not 0.6759999999999999); every digit on hover.
      about.textContent = `x1 = ${short(features[0])}, x2 = ${short(features[1])}, label ${short(target)}; ` +
        `${scores.length === 1 ? "score" : "scores"} ${run.sample.outputs.map((id) => short(sampleRun.data[id])).join(", ")}; loss ${short(loss)}. ${where}`;
      about.title = `x1 = ${full(features[0])}, x2 = ${full(features[1])}, label ${full(target)}; ` +
        `${scores.length === 1 ? "score" : "scores"} ${scores.join(", ")}; loss ${full(loss)}`;
      about.dataset.scores = scores.join(",");
      // A sample with no loss passes back nothing: every gradient of its graph is 0, which would look like a broken page.
      const quiet = loss === 0 && sampleNodes.every((node) => roles[node.id] !== ROLE.parameter || sampleRun.grad[node.id] === 0);
      $("sample-quiet").hidden = !quiet;
      $("sample-quiet").textContent = quiet
        ? "This sample's loss is 0: the model already gets it right with room to spare, so no gradient reaches the " +
          "weights: every parameter's share below is 0. Pick a misclassified point (⊗) or one near the boundary to see the chain rule at work."
        : "";
      for (const node of sampleNodes) {
        sampleView.setText(node.id, "data", `data ${fixed4(sampleRun.data[node.id])}`, { bad: isBad(sampleRun.data[node.id]) });
        sampleView.setText(node.id, "grad", `grad ${fixed4(sampleRun.grad[node.id])}`, { bad: isBad(sampleRun.grad[node.id]) });
      }
      if (refit) sampleView.readableAround(run.sample.loss, 13);
      renderSampleStep();
      renderShares(inBatch);
    }

    /**
     * Switches the sample's picture between the full graph and the neuron-level one (each neuron one box, Σ w·x + b →
     * activation), when it has one; from a box (`expand`, its output's id), the full picture opens around that neuron.
     */
    function toggleNeurons(expand) {
      const view = page.sampleView;
      if (!view || !view.layouts.N || !page.selected) return;
      const next = view.direction === "N" ? view.directions.find((d) => d !== "N") : "N";
      view.setDirection(next);
      $("sample-neurons").setAttribute("aria-pressed", String(next === "N"));
      const group = next === "N" ? null : sampleGraph.groups.find((g) => g.output === expand);
      view.readableAround(run.sample.loss, 13);
      renderSample(false);
      if (group) {
        view.readableAround(group.output, 13);
        view.frame(group.output, group.members);
      }
    }

    function renderSampleStep() {
      const sampleView = page.sampleView;
      const step = sampleEngine.current;
      const current = step ? step.id : -1;
      const operands = step ? sampleNodes[step.id].operands : [];
      sampleView.highlight(current, operands, Boolean(step && step.phase === "backward"));
      if (current >= 0) sampleView.frame(current, operands);
      const backwardCount = sampleEngine.length - sampleEngine.forwardCount;
      const index = sampleEngine.position - sampleEngine.forwardCount;
      $("sample-progress").textContent = `backward ${Math.max(0, index)} of ${backwardCount}`;
      $("sample-back").disabled = index <= 1;
      $("sample-step").disabled = index >= backwardCount;
      const { heading, lines } = explanation.at(sampleEngine, sampleRun, (id) => sampleView.drawn(id));
      $("phase").textContent = heading;
      $("lines").replaceChildren(...lines.map(Explanation.item));
      // The chain rule on the picture: the edges labelled, and the step in one sentence under it.
      const backward = Boolean(step && step.phase === "backward");
      edgeLabels.show(backward ? step.id : -1, backward ? sampleEngine.changesOf(step).filter((e) => !e.hook) : null);
      const said = ChainPicture.sentence(sampleGraph, sampleRun, sampleEngine, chain);
      $("sentence").textContent = said.text;
      $("sentence").title = said.aliases.join("\n");
      linkNetwork(backward ? operands.filter((k) => roles[k] === ROLE.parameter).map((k) => indices[k]) : []);
    }

    function moveSampleStep(by) {
      if (!page.selected) return;
      const s = sampleEngine.position + by;
      if (s <= sampleEngine.forwardCount || s > sampleEngine.length) return;
      sampleEngine.goTo(s);
      renderSampleStep();
    }

    /** Each parameter's share from this sample: its gradient in the sample's graph (which is seeded as the step seeds it). */
    function renderShares(inBatch) {
      const rows = [];
      for (const node of sampleNodes) {
        if (roles[node.id] !== ROLE.parameter) continue;
        const j = indices[node.id];
        rows.push({ j, share: sampleRun.grad[node.id] });
      }
      rows.sort((a, b) => Math.abs(b.share) - Math.abs(a.share) || a.j - b.j);
      $("share-rows").replaceChildren(...rows.map(({ j, share }) => {
        const tr = document.createElement("tr");
        tr.dataset.parameter = String(j);
        for (const text of [names[j], inBatch ? full(share) : `(${full(share)})`, full(page.view.grads[j])]) {
          const td = document.createElement("td");
          td.textContent = text;
          tr.appendChild(td);
        }
        return tr;
      }));
    }

    Object.assign(page, { selectSample, closeSample, renderSample, moveSampleStep, showParameter, toggleNeurons, linkedParameters: [], selected: null, sampleView: null });
  },
});
