import { browser, type PageElement } from './browser-globals.js';
import { postJson, say } from './client-support.js';

interface VoteReceipt {
  a: { model: string };
  b: { model: string };
}

/** Posts the vote of a duel's button, then reveals the two models and offers the next duel (or the end). */
export async function answerDuel(button: PageElement): Promise<void> {
  const duel = button.closest('section.duel');
  if (!duel) return;
  const buttons = [...duel.querySelectorAll('button[data-vote]')];
  const status = duel.querySelector('.action-status');
  buttons.forEach((each) => (each.disabled = true));
  if (status) status.textContent = say('saving');
  const promptId = duel.dataset.promptId;
  const reply = await postJson<VoteReceipt>('/api/votes', {
    runId: Number(duel.dataset.runId),
    ...(promptId ? { promptId } : {}),
    a: Number(duel.dataset.a),
    b: Number(duel.dataset.b),
    winner: button.dataset.vote,
  });
  if (!reply.ok) {
    buttons.forEach((each) => (each.disabled = false));
    if (status) status.textContent = say('failed', { error: reply.error });
    return;
  }
  if (status) status.textContent = '';
  button.classList.add('chosen');
  const reveal = duel.querySelector('.reveal');
  if (reveal) {
    reveal.textContent = say('reveal', { a: reply.body.a.model, b: reply.body.b.model });
    reveal.hidden = false;
  }
  for (const side of ['a', 'b'] as const) {
    const name = duel.querySelector(`article[data-side="${side}"] .revealed-model`);
    if (name) {
      name.textContent = reply.body[side].model;
      name.hidden = false;
    }
    const pick = duel.querySelector(`article[data-side="${side}"] button[data-pick]`);
    if (pick) {
      pick.dataset.model = reply.body[side].model;
      pick.hidden = false;
    }
  }
  const next = duel.nextElementSibling;
  if (next?.matches('section.duel')) {
    const nextButton = duel.querySelector('button[data-action="next-duel"]');
    if (nextButton) nextButton.hidden = false;
  } else {
    const done = browser.document.querySelector('section.duels-done');
    if (done) done.hidden = false;
  }
}

/** Hides the answered duel and shows the next one. */
export function nextDuel(button: PageElement): void {
  const duel = button.closest('section.duel');
  const next = duel?.nextElementSibling as PageElement | null | undefined;
  if (!duel || !next?.matches('section.duel')) return;
  duel.hidden = true;
  next.hidden = false;
  next.scrollIntoView({ block: 'start' });
}
