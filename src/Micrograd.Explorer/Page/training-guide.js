// The training page's guides to the informative samples: "worst sample first" opens the training sample of the largest loss
// at the step shown (the losses the plane's rings are drawn by, the engine's Loss.SampleLoss, bit for bit), and again the
// next largest, and so on; and clicking a weight in the network (while a sample is open) goes to its node in the sample's graph.
"use strict";
/* global Numbers, PageKit */
/* exported TrainingGuide */

const TrainingGuide = Object.freeze({
  /** Adds to the page: openWorst() and worstOrder() (the training samples, largest loss first). */
  attach(page) {
    const { short, full } = Numbers;
    const { $, on } = PageKit;

    /** The training samples at the step shown, by loss, largest first (equal losses in the data's order). */
    function worstOrder() {
      const losses = page.pointLosses.train;
      const order = Array.from({ length: losses.length }, (_, i) => i);
      const key = (i) => (Number.isNaN(losses[i]) ? Infinity : losses[i]); // a loss gone bad is the worst
      order.sort((a, b) => key(b) - key(a) || a - b);
      return order;
    }

    /** Opens the worst training sample; when the open one is the k-th worst, the (k + 1)-th (after the last, the worst again). */
    function openWorst() {
      const order = worstOrder();
      if (order.length === 0) return;
      const selected = page.selected;
      const at = selected && selected.set === "train" ? order.indexOf(selected.index) : -1;
      const rank = at < 0 || at + 1 >= order.length ? 0 : at + 1;
      const i = order[rank];
      const loss = page.pointLosses.train[i];
      page.selectSample({ set: "train", index: i });
      const said = $("worst-said");
      const when = page.view.end ? "after the last step" : `at step ${page.position}`;
      said.textContent = `${when}, training sample ${i + 1}: ${rank === 0 ? "the largest loss" : `loss number ${rank + 1} of ${order.length}`}, ${short(loss)}` +
        (loss === 0 ? " (every sample from here on has a loss of 0)" : "");
      said.title = `loss ${full(loss)}`;
      said.dataset.rank = String(rank);
    }

    on("worst", openWorst);
    // W from anywhere the page's keys reach (not in a text field).
    document.addEventListener("keydown", (event) => {
      const target = event.target;
      if (event.key !== "w" && event.key !== "W") return;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return;
      if (target instanceof HTMLInputElement && target.type !== "range" && target.type !== "checkbox") return;
      event.preventDefault();
      openWorst();
    });

    Object.assign(page, { openWorst, worstOrder });
  },
});
