import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The API serves dist/ at "/": hashed assets under /assets (cached for a year), index.html never cached.
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, assetsDir: 'assets', sourcemap: false, chunkSizeWarningLimit: 1000 },
  test: { environment: 'jsdom', include: ['src/**/*.test.{ts,tsx}'] },
});
