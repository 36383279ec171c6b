import { useEffect, useState } from 'react';

/** The current hash route ('/series/12' for '#/series/12'); reloads and the back button keep the place. */
export function useHashRoute(): [string, (route: string) => void] {
  const read = () => location.hash.replace(/^#/, '') || '/';
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const onChange = () => setRoute(read());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return [route, (r: string) => (location.hash = r)];
}
