import { resolve } from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The SPA lives in web/ and builds into dist/web, which wrangler serves as static assets
// (SPA fallback; /api/* runs the Worker first). In dev, Vite proxies /api to `wrangler dev`.
export default defineConfig({
  root: "web",
  publicDir: "public",
  plugins: [react()],
  build: {
    outDir: "../dist/web",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    // antd's chunk is large by nature; it loads only behind sign-in, so do not warn about it.
    chunkSizeWarningLimit: 1500,
    // Two pages: the SPA, and the questionnaire a unit's survey link opens (its own small entry, no antd).
    rolldownOptions: {
      input: {
        index: resolve(import.meta.dirname, "web/index.html"),
        survey: resolve(import.meta.dirname, "web/survey.html"),
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      "/api": {
        // `wrangler dev` on its default port; WENMING_API_ORIGIN points elsewhere (e.g. a second checkout).
        target: process.env.WENMING_API_ORIGIN ?? "http://127.0.0.1:8787",
        // The Worker refuses writes whose Origin is not its own; behind this dev proxy the browser's
        // origin (Vite's port) differs from the Worker's, so drop the header here, in dev only.
        configure: (proxy) => {
          proxy.on("proxyReq", (request) => request.removeHeader("origin"));
        },
      },
    },
  },
});
