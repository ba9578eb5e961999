import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Writes a .br and a .gz beside every text asset of the build, so the server sends them compressed without
 * compressing on each request (@fastify/static `preCompressed`).
 */
function precompress(outDir: string): Plugin {
  return {
    name: 'zhengwu-precompress',
    apply: 'build',
    closeBundle() {
      for (const e of readdirSync(outDir, { recursive: true, withFileTypes: true })) {
        if (!e.isFile() || !/\.(js|css|html|svg|json|txt)$/.test(e.name)) continue;
        const file = join(e.parentPath, e.name);
        const bytes = readFileSync(file);
        if (bytes.length < 1024) continue;
        writeFileSync(`${file}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
        writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
      }
    },
  };
}

// The web app lives in web/ and is built into dist/web, which the server serves.
export default defineConfig({
  root: 'web',
  plugins: [react(), precompress('dist/web')],
  build: { outDir: '../dist/web', emptyOutDir: true, chunkSizeWarningLimit: 3000 },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
