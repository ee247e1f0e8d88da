// The console's build: React, one entry, each page its own chunk (React.lazy), and a .br/.gz
// beside every file so the server sends them precompressed.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';

export default defineConfig({
  plugins: [
    react(),
    compression({ algorithms: ['gzip', 'brotliCompress'], exclude: [/\.(png|jpg|woff2)$/] }),
  ],
  build: { outDir: 'dist', emptyOutDir: true, manifest: true, sourcemap: false, chunkSizeWarningLimit: 700, reportCompressedSize: false },
  server: {
    // `npm run dev -w web` against a running server: the API stays on its own port.
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
