import { CSRF, PASSWORD } from './testSupport.js';

/**
 * A browser of one for tests over a real socket: keeps its cookies by name (dropping those set
 * with Max-Age=0), follows no redirect, and sends forms or JSON with the CSRF token.
 */
export function socketBrowser(base: string) {
  const jar = new Map<string, string>([
    ['riktning_csrf', CSRF],
    ['__Host-riktning_csrf', CSRF],
  ]);
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  async function send(
    method: string,
    path: string,
    body?: { form: Record<string, string> } | { json: Record<string, unknown> },
  ) {
    const headers: Record<string, string> = { cookie: cookie() };
    let payload: string | undefined;
    if (body && 'form' in body) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      payload = new URLSearchParams({ _csrf: CSRF, ...body.form }).toString();
    } else if (body) {
      headers['content-type'] = 'application/json';
      headers.accept = 'application/json';
      payload = JSON.stringify({ _csrf: CSRF, ...body.json });
    }
    const res = await fetch(base + path, { method, redirect: 'manual', headers, body: payload });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      const [name, value] = [pair!.slice(0, i), pair!.slice(i + 1)];
      if (/Max-Age=0/.test(c) || value === '') jar.delete(name);
      else jar.set(name, value);
    }
    return { status: res.status, location: res.headers.get('location'), text: await res.text() };
  }
  return {
    jar,
    get: (path: string) => send('GET', path),
    post: (path: string, form: Record<string, string>) => send('POST', path, { form }),
    postJson: async (path: string, json: Record<string, unknown>) => {
      const res = await send('POST', path, { json });
      return { ...res, json: JSON.parse(res.text) as Record<string, unknown> };
    },
    signIn: (email: string, password = PASSWORD) =>
      send('POST', '/logga-in', { form: { email, password, tillbaka: '/admin/insatser' } }),
    signOut: () => send('POST', '/logga-ut', { form: {} }),
  };
}
