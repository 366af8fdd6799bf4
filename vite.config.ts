import { availableParallelism } from "node:os";
import type { UserConfig } from "vite";
import { defineConfig } from "vitest/config";

// Three builds into dist/ (see package.json "build"), the default one first (it empties dist/):
// - default: the chat app and the console app as ES modules under dist/assets/, sharing chunks (preact);
// - --mode loader: dist/widget.js, the tiny classic script a customer pastes, as one IIFE so it adds no globals
//   to the host page. It lazy-loads dist/assets/chat.js with import() on first open;
// - --mode engage: dist/assets/engage.js, the proactive-messages chunk the loader imports on idle, as one ES module
//   with no imports. Built with the apps, it shared two small chunks with the chat app (behaviour limits, the page
//   matcher): three module requests and compiles on every page of a site with triggers instead of one.
export default defineConfig(({ mode }) => {
  const minify = mode !== "development";
  // The loader and engage builds add one file each beside the default build's: dist/ is kept.
  const beside = (build: UserConfig["build"]): UserConfig => ({
    publicDir: false,
    build: { outDir: "dist", emptyOutDir: false, minify, target: "es2020", ...build },
  });
  if (mode === "engage") {
    return beside({
      modulePreload: false,
      rollupOptions: {
        input: "widget/engage/index.ts",
        preserveEntrySignatures: "exports-only",
        output: { entryFileNames: "assets/engage.js" },
      },
    });
  }
  if (mode === "loader") {
    return beside({
      lib: { entry: "widget/loader/index.ts", formats: ["iife"], name: "BanterLoader", fileName: () => "widget.js" },
    });
  }
  return {
    publicDir: false,
    test: {
      // Browser and socket tests wait on real networks; the default 5 s is tight on a loaded 2-core machine.
      testTimeout: 30_000,
      hookTimeout: 30_000,
      // expect.poll's own default (1 s) is a wait for a socket, a page or a process; with three files at a time on 2
      // cores a chat can take longer than that to open (seen in CI). A poll that passes returns at once either way.
      expect: { poll: { timeout: 5000 } },
      // Vitest's default is one worker fewer than the cores: one file at a time on CI's 2 cores, while most files
      // spend their time waiting on sockets, Redis and Chromium rather than on the CPU.
      maxWorkers: Math.max(3, availableParallelism()),
      projects: [
        {
          // Pure logic: each file in a fresh module graph cost more than its tests (imports were 54 s of 190 s).
          // Shared modules are safe here: the files stub globals and timers only inside afterEach-restored hooks.
          extends: true,
          test: { name: "unit", include: ["test/unit/**/*.test.ts"], isolate: false },
        },
        {
          extends: true,
          test: {
            name: "io",
            include: ["test/**/*.test.ts"],
            exclude: ["test/unit/**"],
            globalSetup: ["test/support/global-setup.ts"],
          },
        },
      ],
    },
    build: {
      outDir: "dist",
      // Kept in watch mode (npm run dev), where emptying would delete the loader built beside the apps.
      emptyOutDir: mode !== "development",
      minify,
      target: "es2020",
      modulePreload: false,
      // dist/.vite/manifest.json lists each entry's imports: the size budget test sums what an entry loads.
      manifest: true,
      rollupOptions: {
        input: { chat: "widget/chat/index.tsx", console: "widget/console/index.tsx" },
        preserveEntrySignatures: "exports-only",
        output: {
          // Entry names are stable so the loader and the console page can name them; chunks carry a hash.
          entryFileNames: "assets/[name].js",
          chunkFileNames: "assets/shared-[hash].js",
          assetFileNames: "assets/[name]-[hash][extname]",
        },
      },
    },
  };
});
