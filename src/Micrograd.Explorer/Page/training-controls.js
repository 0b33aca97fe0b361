// The training page's buttons and keys: the step controls, what-if and export, the sample's steps and zoom, the network's
// weights or gradients, the fields (Enter trains on), and the page's keys (which leave fields, sliders, lists and buttons
// their own).
"use strict";
/* global PageKit */
/* exported TrainingControls */

const TrainingControls = Object.freeze({
  /** Listens to the page's buttons, fields and keys; adds nothing to the page. */
  attach(page) {
    const { $, on } = PageKit;
    const { network } = page;
    const { pause, goTo, togglePlay, moveSampleStep, download, csvText, modelText } = page;

    on("reset", () => { pause(); goTo(1); });
    on("back", () => { pause(); goTo(page.position - 1); });
    on("step", () => { pause(); goTo(page.position + 1); });
    on("end", () => { pause(); goTo(page.length()); });
    on("play", togglePlay);
    on("train-on", page.trainOn);
    on("to-run", () => page.backToRun());
    on("export-data", () => download("whatif-data.csv", csvText(page.train), "text/csv"));
    on("export-model", () => download(page.view.end ? "model-after-last-step.json" : `model-step-${page.position}.json`, modelText(page.view.params), "application/json"));
    on("export-start", () => { if (page.branch) download("whatif-start.json", modelText(page.branch.start), "application/json"); });
    on("sample-back", () => moveSampleStep(-1));
    on("sample-step", () => moveSampleStep(1));
    on("zoom-in", () => page.sampleView && page.sampleView.zoomBy(1 / 1.25));
    on("zoom-out", () => page.sampleView && page.sampleView.zoomBy(1.25));
    on("zoom-fit", () => page.sampleView && page.sampleView.fit());
    on("sample-neurons", () => page.toggleNeurons());
    for (const [id, mode] of [["show-weights", "weights"], ["show-gradients", "gradients"]]) {
      on(id, () => {
        network.mode = mode;
        $("show-weights").setAttribute("aria-pressed", String(mode === "weights"));
        $("show-gradients").setAttribute("aria-pressed", String(mode === "gradients"));
        network.show(page.view.params, page.view.grads);
      });
    }
    $("speed").addEventListener("input", page.showSpeed);
    $("position").addEventListener("input", () => { pause(); goTo(Number($("position").value)); });
    // A learning rate the learner typed stays; until then the fields follow the step shown.
    for (const id of ["train-lr", "train-lr-end"]) $(id).addEventListener("input", () => { page.lrTouched = true; });
    for (const id of ["train-steps", "train-lr", "train-lr-end", "train-seed"]) {
      $(id).addEventListener("keydown", (event) => {
        if (event.key !== "Enter" && event.key !== "Escape") return;
        event.preventDefault();
        event.stopPropagation();
        if (event.key === "Enter") page.trainOn();
        event.currentTarget.blur();
      });
    }

    // The sample's zoom keys work only while a sample is shown.
    const zoomSample = (zoom) => () => page.sampleView && page.selected && zoom(page.sampleView);
    document.addEventListener("keydown", (event) => {
      // The focused control keeps its own keys (PageKit.isPageKey); every other key steps the page.
      if (!PageKit.isPageKey(event)) return;
      const actions = {
        ArrowRight: () => { pause(); goTo(page.position + 1); },
        ArrowLeft: () => { pause(); goTo(page.position - 1); },
        PageDown: () => { pause(); goTo(page.position + 10); },
        PageUp: () => { pause(); goTo(page.position - 10); },
        " ": togglePlay,
        Home: () => { pause(); goTo(1); },
        End: () => { pause(); goTo(page.length()); },
        "]": () => moveSampleStep(1),
        "[": () => moveSampleStep(-1),
        "+": zoomSample((view) => view.zoomBy(1 / 1.25)),
        "=": zoomSample((view) => view.zoomBy(1 / 1.25)),
        "-": zoomSample((view) => view.zoomBy(1.25)),
        "0": zoomSample((view) => view.fit()),
        n: () => page.toggleNeurons(),
        N: () => page.toggleNeurons(),
        Escape: () => { if (document.activeElement instanceof HTMLElement || document.activeElement instanceof SVGElement) document.activeElement.blur(); page.closeSample(); },
      };
      const action = actions[event.key];
      if (!action) return;
      event.preventDefault();
      action();
    });
  },
});
