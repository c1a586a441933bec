import { browser, type PageElement } from './browser-globals.js';

/** A text of the page's language, from `<body data-texts>`, its `{name}` placeholders filled. */
export function say(name: string, params: Record<string, string | number> = {}): string {
  let texts: Record<string, string> = {};
  try {
    texts = JSON.parse(browser.document.body.dataset.texts ?? '{}') as Record<string, string>;
  } catch {
    texts = {};
  }
  return (texts[name] ?? name).replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));
}

/** A POST's outcome: the reply's JSON, or the server's one-line error. */
export type PostReply<Body> = { ok: true; body: Body } | { ok: false; error: string };

/** POSTs JSON to the API with the page's cookie (same origin only). */
export async function postJson<Body>(path: string, payload: unknown): Promise<PostReply<Body>> {
  try {
    const response = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(payload),
    });
    const body = (await response.json().catch(() => ({}))) as Body & { error?: string };
    return response.ok ? { ok: true, body } : { ok: false, error: body.error ?? String(response.status) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** What a swapped section keeps: each draft strip's sideways scroll and which <details> were open. */
function rememberView(section: PageElement): () => void {
  const scrolls = [...section.querySelectorAll('.drafts')].map((strip) => strip.scrollLeft);
  const open = new Set(
    [...section.querySelectorAll('article.draft details[open]')].map(
      (details) => `${details.closest('article')?.getAttribute('data-position')}:${details.className}`,
    ),
  );
  return () => {
    const fresh = browser.document.getElementById(section.id);
    if (!fresh) return;
    fresh.querySelectorAll('.drafts').forEach((strip, index) => (strip.scrollLeft = scrolls[index] ?? 0));
    for (const details of fresh.querySelectorAll('article.draft details')) {
      if (open.has(`${details.closest('article')?.getAttribute('data-position')}:${details.className}`)) details.open = true;
    }
  };
}

let running: Promise<void> | null = null;
let again = false;

async function swapSection(id: string): Promise<void> {
  const response = await fetch(browser.location.href, { credentials: 'same-origin', headers: { accept: 'text/html' } });
  if (!response.ok) return;
  const fresh = new browser.DOMParser().parseFromString(await response.text(), 'text/html').getElementById(id);
  const current = browser.document.getElementById(id);
  if (!fresh || !current) return;
  const restore = rememberView(current);
  current.replaceWith(browser.document.importNode(fresh, true));
  restore();
}

/**
 * Fetches this page again and swaps in its section `id` (the server renders the page; the script only
 * swaps). One fetch at a time: changes arriving meanwhile cause exactly one more.
 */
export async function refreshSection(id: string, after: () => void = () => {}): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    do {
      again = false;
      await swapSection(id).catch(() => undefined);
      after();
    } while (again);
  })();
  try {
    await running;
  } finally {
    running = null;
  }
}
