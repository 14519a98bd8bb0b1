import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { setupI18n } from './i18n';
import { buildResources } from './i18n/resources';
import { SessionManager } from './session/session-manager';
import './styles.css';

setupI18n(buildResources());
const manager = new SessionManager();
const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
createRoot(container).render(
  <StrictMode>
    <App manager={manager} />
  </StrictMode>,
);
