// The explorer's buttons and keys: the step controls, zoom, the direction of the picture, skipping leaves, the learner's
// tools, selecting a value from the table, and the page's keys (which leave fields, sliders and buttons their own).
"use strict";
/* global PageKit */
/* exported ExplorerControls */

const ExplorerControls = Object.freeze({
  /** Listens to the page's buttons, fields and keys; adds nothing to the page. */
  attach(page) {
    const { $, on } = PageKit;
    const { engine, view } = page;
    const { pause, setStep, togglePlay } = page;

    on("reset", () => { pause(); setStep(0); });
    on("back", () => { pause(); setStep(engine.position - 1); });
    on("step", () => { pause(); setStep(engine.position + 1); });
    on("end", () => { pause(); setStep(engine.length); });
    on("mini-back", () => { pause(); setStep(engine.position - 1); });
    on("mini-step", () => { pause(); setStep(engine.position + 1); });
    on("play", togglePlay);
    on("zoom-in", () => view.zoomBy(1 / 1.25));
    on("zoom-out", () => view.zoomBy(1.25));
    on("zoom-fit", () => view.fit());
    on("nudge", page.nudge);
    on("learn-step", page.learn);
    on("restore", page.restore);
    for (const button of document.querySelectorAll("#direction button")) {
      on(button.id, () => page.setDirection(button.dataset.direction));
    }
    $("speed").addEventListener("input", page.showSpeed);
    $("position").addEventListener("input", () => { pause(); setStep(Number($("position").value)); });
    $("skip-leaves").addEventListener("change", (event) => {
      pause();
      page.lastStep = null;
      page.render(engine.setSkipLeaves(event.currentTarget.checked));
    });
    $("lr").addEventListener("keydown", (event) => {
      if (event.key !== "Enter" && event.key !== "Escape") return;
      event.preventDefault();
      event.stopPropagation();
      if (event.key === "Enter") page.learn();
      event.currentTarget.blur();
    });
    // A click on a row's name or op selects the value (the data field and the learn box keep their clicks).
    $("rows").addEventListener("click", (event) => {
      const cell = event.target instanceof Element ? event.target.closest("td.name, td.op") : null;
      if (!cell || event.target instanceof HTMLInputElement) return;
      page.select(Number(cell.parentElement.dataset.id));
    });

    document.addEventListener("keydown", (event) => {
      // The focused control keeps its own keys (PageKit.isPageKey); every other key steps the page.
      if (!PageKit.isPageKey(event)) return;
      const actions = {
        ArrowRight: () => { pause(); setStep(engine.position + 1); },
        ArrowLeft: () => { pause(); setStep(engine.position - 1); },
        " ": togglePlay,
        Home: () => { pause(); setStep(0); },
        End: () => { pause(); setStep(engine.length); },
        "+": () => view.zoomBy(1 / 1.25),
        "=": () => view.zoomBy(1 / 1.25),
        "-": () => view.zoomBy(1.25),
        "0": () => view.fit(),
        n: page.toggleNeurons,
        N: page.toggleNeurons,
        e: () => page.expand(page.selected >= 0 ? page.selected : engine.current ? engine.current.id : -1),
        E: () => page.expand(page.selected >= 0 ? page.selected : engine.current ? engine.current.id : -1),
        Escape: () => { if (document.activeElement instanceof HTMLElement) document.activeElement.blur(); page.select(-1); },
      };
      const action = actions[event.key];
      if (!action) return;
      event.preventDefault();
      action();
    });
  },
});
