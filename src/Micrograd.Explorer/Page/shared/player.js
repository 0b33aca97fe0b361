// Play and pause, shared by micrograd's pages: steps on at a chosen speed, keeping to the clock (when drawing falls behind,
// the next draw catches up by several steps), from the start again when played at the end.
"use strict";

/* exported Player */
class Player {
  /**
   * @param {object} page
   *   position(): where the page is; atEnd(): whether it is at its last position; speed(): steps a second;
   *   goTo(p): moves the page to position p and draws it; begin(): goes back to the start (called by play at the end), and
   *   returns what draw needs to show the move; draw(what): draws the page's controls (and what begin returned, if anything).
   */
  constructor(page) {
    this.page = page;
    this.playing = false;
    this.timer = null;
    this.clock = null;
  }

  play() {
    if (this.playing) return;
    const moved = this.page.atEnd() ? this.page.begin() : undefined;
    this.playing = true;
    this.restartClock();
    this.page.draw(moved);
    this.schedule();
  }

  pause() {
    this.playing = false;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  toggle() {
    if (this.playing) {
      this.pause();
      this.page.draw(undefined);
    } else {
      this.play();
    }
  }

  /** Counts from here and now (when playing starts, or the speed changes). */
  restartClock() {
    if (this.playing || this.clock === null) this.clock = { t0: performance.now(), p0: this.page.position() };
  }

  schedule() {
    const next = this.clock.t0 + ((this.page.position() - this.clock.p0 + 1) * 1000) / this.page.speed();
    this.timer = setTimeout(() => this.tick(), Math.max(0, next - performance.now()));
  }

  tick() {
    this.timer = null;
    if (!this.playing) return;
    const due = this.clock.p0 + Math.floor(((performance.now() - this.clock.t0) * this.page.speed()) / 1000);
    this.page.goTo(Math.max(due, this.page.position() + 1));
    if (this.playing) this.schedule();
  }
}
