// ESLint for the storefront's own JavaScript (`make test` runs `npm run lint`): browser ES
// modules; the vendored Vue and axios builds are not ours to lint.
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["mall/vendor/**", "node_modules/**"] },
  js.configs.recommended,
  {
    files: ["mall/**/*.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: globals.browser },
    rules: {
      "no-unused-vars": ["error", { args: "after-used", caughtErrors: "none" }],
      eqeqeq: ["error", "always"],
      "no-var": "error",
      "prefer-const": "error",
    },
  },
  {
    // Every URL of the API is written once, in the module of its domain under mall/api/: only
    // those modules use the HTTP client; pages and components call them.
    files: ["mall/**/*.js"],
    ignores: ["mall/api/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/api/client.js"],
              importNames: ["client"],
              message: "Call the API through its domain's module in mall/api/ (each URL written once there).",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["tools/**/*.mjs", "eslint.config.mjs"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: globals.node },
  },
];
