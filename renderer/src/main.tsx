import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import './app/app.css';
import { connectToHost } from './host/connect-to-host';
import { HostContext } from './host/host-context';

const host = connectToHost();
createRoot(document.getElementById('root')!).render(
  <HostContext.Provider value={host}>
    <App />
  </HostContext.Provider>,
);
