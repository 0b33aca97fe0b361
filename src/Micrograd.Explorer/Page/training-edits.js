// The training page's deleting and undoing: a training point is deleted (the one selected with a click, or reached with
// ↑ ↓ on the plane, with Delete or the button), and Undo (or Ctrl+Z) takes back the last point added or deleted, which puts
// the training data back exactly as it was (the same numbers in the same order), so a train-on after it trains on the same
// data. Moving a point is not undone: the points keep where they were dragged.
"use strict";
/* global PageKit */
/* exported TrainingEdits */

const TrainingEdits = Object.freeze({
  /** Adds to the page: deletePoint(point), undo(), noteAdded(index) (a point was added there) and forgetEdits(). */
  attach(page) {
    const { $, on } = PageKit;
    const { plane } = page;
    /** The points added and deleted, last last: { kind: "add", index } or { kind: "delete", index, features, label, moved }. */
    let history = [];

    /** An array without the item at `at` (items of `width` numbers). */
    function without(array, at, width) {
      const out = new Float64Array(array.length - width);
      out.set(array.subarray(0, at * width));
      out.set(array.subarray((at + 1) * width), at * width);
      return out;
    }

    /** An array with `item` (numbers) put in at `at`. */
    function withItem(array, at, item) {
      const width = item.length;
      const out = new Float64Array(array.length + width);
      out.set(array.subarray(0, at * width));
      out.set(item, at * width);
      out.set(array.subarray(at * width), (at + 1) * width);
      return out;
    }

    /** The marks of the training points moved, renumbered past a point taken out (by −1) or put in (by +1) at `at`. */
    function renumberMoved(at, by) {
      const moved = new Set();
      for (const key of page.edits.moved) {
        const index = Number(key.slice(key.indexOf(":") + 1));
        if (!key.startsWith("train:") || index < at) moved.add(key);
        else if (by > 0) moved.add(`train:${index + 1}`);
        else if (index > at) moved.add(`train:${index - 1}`);
      }
      page.edits.moved = moved;
    }

    function takeOut(at) {
      const train = page.train;
      page.train = { ...train, count: train.count - 1, features: without(train.features, at, 2), labels: without(train.labels, at, 1) };
      renumberMoved(at, -1);
    }

    function changed() {
      plane.focused = null;
      if (page.selected && page.selected.set === "train") page.closeSample();
      $("undo").disabled = history.length === 0;
      page.showEdits();
      page.drawPlane();
    }

    /** Deletes a training point; says why not (and returns false) for none, a validation point or the last one. */
    function deletePoint(point) {
      const problem = !point ? "click a training point first, then Delete"
        : point.set !== "train" ? "only training points can be deleted"
          : page.train.count <= 1 ? "the last training point stays" : null;
      if (problem) {
        $("edits").textContent = problem;
        return false;
      }
      const train = page.train;
      const i = point.index;
      history.push({ kind: "delete", index: i, features: [train.features[2 * i], train.features[2 * i + 1]], label: train.labels[i], moved: page.edits.moved.has(`train:${i}`) });
      takeOut(i);
      page.edits.deleted++;
      changed();
      return true;
    }

    function undo() {
      const last = history.pop();
      if (!last) return;
      if (last.kind === "add") {
        takeOut(last.index);
        page.edits.added--;
      } else {
        const train = page.train;
        page.train = { ...train, count: train.count + 1, features: withItem(train.features, last.index, last.features), labels: withItem(train.labels, last.index, [last.label]) };
        renumberMoved(last.index, 1);
        if (last.moved) page.edits.moved.add(`train:${last.index}`);
        page.edits.deleted--;
      }
      changed();
    }

    function noteAdded(index) {
      history.push({ kind: "add", index });
      $("undo").disabled = false;
    }

    function forgetEdits() {
      history = [];
      $("undo").disabled = true;
    }

    on("delete-point", () => deletePoint(page.selected));
    on("undo", undo);
    // Delete deletes the point reached on the plane (or else the one selected); Ctrl+Z (⌘Z) undoes, outside text fields.
    document.addEventListener("keydown", (event) => {
      const target = event.target;
      if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement || (target instanceof HTMLInputElement && target.type === "text")) return;
      if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === "z") {
        event.preventDefault();
        undo();
      } else if (event.key === "Delete" && !event.ctrlKey && !event.metaKey && !event.altKey) {
        const reached = document.activeElement === plane.canvas && plane.focused ? plane.focused : null;
        event.preventDefault();
        deletePoint(reached || page.selected);
      }
    });

    Object.assign(page, { deletePoint, undo, noteAdded, forgetEdits });
  },
});
