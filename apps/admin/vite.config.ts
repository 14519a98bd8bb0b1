import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API (GraphQL, REST, health) runs beside the dev server; in production the core serves
// this build on the same origin, so the browser only ever talks to relative paths.
const apiPort = process.env.TANDEM_API_PORT ?? '4000';
const apiTarget = `http://127.0.0.1:${apiPort}`;
const proxied = ['/graphql', '/v1', '/healthz', '/readyz'];

export default defineConfig({
  base: '/',
  // React with fast refresh. The root pins Vite 7 too, so Vitest and the console share one Vite.
  plugins: [react()],
  server: {
    host: '127.0.0.1',
    port: Number(process.env.TANDEM_ADMIN_PORT ?? '5173'),
    proxy: Object.fromEntries(
      proxied.map((path) => [path, { target: apiTarget, changeOrigin: false, ws: path === '/graphql' }]),
    ),
  },
  preview: {
    host: '127.0.0.1',
    proxy: Object.fromEntries(proxied.map((path) => [path, { target: apiTarget, changeOrigin: false }])),
  },
  build: {
    outDir: 'dist',
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      onwarn(warning, warn) {
        // antd and react-router mark modules "use client" for React Server Components; a client
        // bundle ignores that by design, and the sourcemap note that follows it is noise too.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE' || warning.code === 'SOURCEMAP_ERROR') return;
        warn(warning);
      },
      output: {
        manualChunks(id) {
          if (id.includes('node_modules/echarts') || id.includes('node_modules/zrender')) return 'echarts';
          if (
            id.includes('node_modules/antd') ||
            id.includes('node_modules/@ant-design') ||
            id.includes('node_modules/rc-') ||
            id.includes('node_modules/@rc-component')
          )
            return 'antd';
          if (id.includes('node_modules/react') || id.includes('node_modules/scheduler')) return 'react';
          return undefined;
        },
      },
    },
  },
});
