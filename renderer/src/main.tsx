import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { chooseClient } from './api/choose-client';
import { setupI18n } from './i18n/setup-i18n';
import './styles/console.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// One client for the page's life: StrictMode renders twice, and each client opens a socket.
const choice = chooseClient();

void setupI18n().then(() => {
  createRoot(root).render(
    <StrictMode>
      <App choice={choice} />
    </StrictMode>,
  );
});
