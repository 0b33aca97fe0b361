// ESLint for the pages' scripts: `npm ci && npm run lint` at the repository root (.ci/run runs it; any finding fails).
//
// The scripts are classic scripts, not modules: the .NET side concatenates them, in a fixed order, into one inline <script>
// of a page that may load nothing (its content security policy forbids it), so a file's top-level names are seen by every
// file after it. Each file says what it takes from the files before it with a `/* global … */` comment and what it gives
// them with `/* exported … */`; no-undef and no-unused-vars then check the seams between files, and no rule is turned off
// anywhere.
"use strict";

const js = require("@eslint/js");
const globals = require("globals");

const rules = {
  ...js.configs.recommended.rules,
  eqeqeq: "error",
  "no-var": "error",
  "prefer-const": "error",
};

module.exports = [
  { ignores: ["**/bin/**", "**/obj/**", "artifacts/**", "node_modules/**"] },
  {
    linterOptions: { reportUnusedDisableDirectives: "error", reportUnusedInlineConfigs: "error" },
  },
  {
    // The pages' scripts (Page/, shared/ included), embedded in Micrograd.Explorer and stitched into one script per page.
    files: ["src/Micrograd.Explorer/Page/**/*.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "script", globals: { ...globals.browser } },
    rules: {
      ...rules,
      // The page's script starts with "use strict", and so does every file, which makes the whole script strict whichever
      // file comes first.
      strict: ["error", "global"],
      // All files share one scope: a top-level name that a file does not export could clash with another file's, which
      // would stop the whole page's script. So a file's top-level names are exactly its `/* exported */` ones.
      "no-implicit-globals": ["error", { lexicalBindings: true }],
    },
  },
  {
    // The fdlibm twins, which the generated microgradOps(fma, pow) function declares inside its own (strict) body.
    files: ["src/Micrograd.Explorer/Twins/*.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "script", globals: { ...globals.browser } },
    rules,
  },
  {
    files: ["eslint.config.js"],
    languageOptions: { sourceType: "commonjs", globals: { ...globals.node } },
    rules: js.configs.recommended.rules,
  },
];
