// The one browser script of `wechat-writer view` (bundled to /assets/view.js): the raw Markdown
// toggle, the batch prompt selector, pick and blind-duel votes (POST, JSON), and live updates from
// the server's event stream. The pages read fine without it; only these actions need it.
import { browser, type PageElement } from './browser-globals.js';
import { answerDuel, nextDuel } from './client-duels.js';
import { startLive } from './client-live.js';
import { postJson, refreshSection, say } from './client-support.js';

const { document } = browser;

function toggleRaw(): void {
  const raw = document.body.classList.toggle('show-raw');
  for (const button of document.querySelectorAll('button[data-action="toggle-raw"]')) {
    button.textContent = say(raw ? 'showRendered' : 'showRaw');
    button.setAttribute('aria-pressed', String(raw));
  }
}

/** Records the draft of the button as picked; on a run page the drafts are then refreshed (they show who picked). */
async function pick(button: PageElement): Promise<void> {
  const article = button.closest('article');
  const position = article?.dataset.position;
  const statusOf = () =>
    position === undefined
      ? (article?.querySelector('.action-status') ?? null)
      : document.querySelector(`article.draft[data-position="${position}"] .action-status`);
  const promptId = button.dataset.promptId;
  button.disabled = true;
  const saving = statusOf();
  if (saving) saving.textContent = say('saving');
  const reply = await postJson<{ messages?: string[] }>('/api/picks', {
    runId: Number(button.dataset.runId),
    model: button.dataset.model,
    ...(promptId ? { promptId } : {}),
  });
  button.disabled = false;
  if (reply.ok && document.getElementById('run-live')) await refreshSection('run-live');
  const status = statusOf();
  if (status) status.textContent = reply.ok ? (reply.body.messages ?? []).join(' ') : say('failed', { error: reply.error });
}

/** Shows the chosen prompt's drafts; when the page does not hold them (a large batch), loads that prompt's page. */
function choosePrompt(select: PageElement): void {
  const url = new URL(browser.location.href);
  url.searchParams.set('prompt', select.value);
  const groups = [...document.querySelectorAll('section.prompt-group')];
  if (!groups.some((group) => group.dataset.promptId === select.value)) {
    browser.location.href = url.toString();
    return;
  }
  for (const group of groups) group.hidden = group.dataset.promptId !== select.value;
  browser.history.replaceState(null, '', url);
  const position = document.querySelector('.prompt-selector .position');
  if (position) position.textContent = `${select.selectedIndex + 1}/${select.options.length}`;
}

document.documentElement.classList.add('has-script');

document.addEventListener('click', (event) => {
  const button = (event.target as PageElement | null)?.closest?.('button') ?? null;
  if (!button) return;
  if (button.dataset.action === 'toggle-raw') toggleRaw();
  else if (button.dataset.action === 'next-duel') nextDuel(button);
  else if (button.dataset.vote) void answerDuel(button);
  else if (button.dataset.pick !== undefined) void pick(button);
});

document.addEventListener('change', (event) => {
  const select = event.target as PageElement | null;
  if (select?.matches?.('.prompt-selector select')) choosePrompt(select);
});

startLive();
