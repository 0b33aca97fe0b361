// The GPT page's buttons and keys: the step controls (one step, ten, the first and the last), the moving average, the name field and the list of names from
// the data, the positions of the name, and the page's keys (which leave fields, sliders, lists and buttons their own).
"use strict";
/* global PageKit */
/* exported GptControls */

const GptControls = Object.freeze({
  /** Listens to the page's buttons, fields and keys; adds nothing to the page. */
  attach(page) {
    const { $, on } = PageKit;
    const { pause, goTo, togglePlay } = page;

    on("reset", () => { pause(); goTo(0); });
    on("back", () => { pause(); goTo(page.position - 1); });
    on("step", () => { pause(); goTo(page.position + 1); });
    on("end", () => { pause(); goTo(page.run.steps); });
    on("play", togglePlay);
    on("smooth", () => page.toggleSmooth());
    $("speed").addEventListener("input", page.showSpeed);
    $("position").addEventListener("input", () => { pause(); goTo(Number($("position").value)); });
    $("name").addEventListener("input", () => page.setName($("name").value));
    $("name").addEventListener("keydown", (event) => {
      if (event.key !== "Enter" && event.key !== "Escape") return;
      event.preventDefault();
      event.stopPropagation();
      event.currentTarget.blur();
    });
    $("pick").addEventListener("change", () => {
      if ($("pick").value === "") return;
      $("name").value = $("pick").value;
      page.setName($("pick").value);
    });

    document.addEventListener("keydown", (event) => {
      // The focused control keeps its own keys (PageKit.isPageKey); every other key steps the page.
      if (!PageKit.isPageKey(event)) return;
      const actions = {
        ArrowRight: () => { pause(); goTo(page.position + 1); },
        ArrowLeft: () => { pause(); goTo(page.position - 1); },
        PageDown: () => { pause(); goTo(page.position + 10); },
        PageUp: () => { pause(); goTo(page.position - 10); },
        " ": togglePlay,
        Home: () => { pause(); goTo(0); },
        End: () => { pause(); goTo(page.run.steps); },
        m: () => page.toggleSmooth(),
        M: () => page.toggleSmooth(),
        n: () => $("name").focus(),
        N: () => $("name").focus(),
        "]": () => page.choose(page.chosen + 1),
        "[": () => page.choose(page.chosen - 1),
        Escape: () => { if (document.activeElement instanceof HTMLElement) document.activeElement.blur(); },
      };
      const action = actions[event.key];
      if (!action) return;
      event.preventDefault();
      action();
    });
  },
});
