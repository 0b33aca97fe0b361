// The recorded GPT run as the page reads it (GptRunJson): the model's shape and vocabulary, each step's loss and learning
// rate, the checkpoints' steps, the document each step trains on, and the sampled names (the weights are GptReplay's to
// read and rebuild); and the vocabulary's
// encoding of a typed name, which refuses any character the model does not know.
"use strict";

/* exported GptRun */
class GptRun {
  /** @param {object} data  the parsed run-data JSON. */
  constructor(data) {
    this.model = data.model;
    this.steps = data.steps;
    this.learningRate = data.learningRate;
    this.seed = data.seed;
    this.temperature = data.temperature;
    this.losses = GptRun.doubles(data.losses);
    this.rates = GptRun.doubles(data.rates);
    const checkpoints = data.checkpoints;
    this.interval = checkpoints.interval;
    this.checkpointSteps = checkpoints.steps;
    this.documents = data.replay.documents; // step k's document, for every step
    this.checkpointDocuments = checkpoints.documents; // the document of the step after each checkpoint (none after the last)
    this.samples = data.samples;
    this.characters = data.model.characters;
    this.bos = this.characters.length;
    this.ids = new Map(this.characters.map((c, i) => [c, i]));
  }

  /** Little-endian float64s from base64url text: every bit as the engine wrote it. */
  static doubles(text) {
    const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    const view = new DataView(bytes.buffer);
    const numbers = new Float64Array(bytes.length / 8);
    for (let i = 0; i < numbers.length; i++) numbers[i] = view.getFloat64(i * 8, true);
    return numbers;
  }

  /** How many checkpoints. */
  get count() {
    return this.checkpointSteps.length;
  }

  /**
   * A name as the model reads it, BOS first and last: { tokens } or { problem } naming the first character the vocabulary
   * lacks (as the engine's tokenizer, one Unicode code point a character).
   */
  encode(text) {
    const tokens = [this.bos];
    for (const c of Array.from(text)) {
      const id = this.ids.get(c);
      if (id === undefined) {
        const shown = /^[\p{L}\p{N}\p{P}\p{S}]$/u.test(c) ? `“${c}”` : `U+${c.codePointAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
        return { problem: `${shown} is not in the model's vocabulary; it knows only ${this.vocabularyText()}` };
      }
      tokens.push(id);
    }
    tokens.push(this.bos);
    return { tokens };
  }

  /** The vocabulary's characters, as a person reads them. */
  vocabularyText() {
    return this.characters.map((c) => (/^\s$/u.test(c) ? `U+${c.codePointAt(0).toString(16).toUpperCase().padStart(4, "0")}` : c)).join(" ");
  }

  /** A token as the page shows it: its character, or BOS. */
  tokenText(id) {
    return id === this.bos ? "BOS" : this.characters[id];
  }
}
