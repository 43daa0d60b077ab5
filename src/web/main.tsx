import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './app/i18n.js';
import { Shell } from './app/shell.js';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
createRoot(root).render(
  <StrictMode>
    <Shell />
  </StrictMode>,
);

// The console loaded: a later stale-chunk error may reload the page once more (see app/error-boundary.tsx).
setTimeout(() => sessionStorage.removeItem('aftercare.chunkReload'), 10_000);
