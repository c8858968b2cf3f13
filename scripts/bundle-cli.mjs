// Bundle the `rgov` CLI into one file, dist/cli/rgov.cjs, and write the loader that runs it over
// tsc's dist/cli/main.js. Node resolves and links a few hundred ES modules at start-up otherwise
// (about 0.2 s of every run, measured with `npm run bench`); one bundled file loads in a fraction
// of that. The bundle is CommonJS so the loader (scripts/cli-loader.mjs) can compile it with a V8
// code cache. The library, the app and the rest of dist/ stay as tsc wrote them.
import { copyFileSync, chmodSync } from "node:fs";
import { build } from "esbuild";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

await build({
  absWorkingDir: root,
  entryPoints: ["src/cli/main.ts"],
  outfile: "dist/cli/rgov.cjs",
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  sourcemap: true,
  // The loader passes its own URL, so paths derived from import.meta.url (package.json, the
  // engine fingerprint, "am I the executed binary?") are the same as for an unbundled main.js.
  // __RGOV_BUNDLE_FILE__ tells the engine fingerprint that all its code is this one file.
  define: { "import.meta.url": "__rgovEntryUrl", __RGOV_BUNDLE_FILE__: JSON.stringify("rgov.cjs") },
  allowOverwrite: true,
  logLevel: "warning",
});
copyFileSync(resolve(root, "scripts/cli-loader.mjs"), resolve(root, "dist/cli/main.js"));
chmodSync(resolve(root, "dist/cli/main.js"), 0o755);
