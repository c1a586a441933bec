import { createHash } from 'node:crypto';
import type { ResolvedModel } from '../providers/registry.js';

/** Who a health entry is about: a provider with one set of keys, never the key itself. */
export interface HealthIdentity {
  provider: string;
  /** sha256 of the model's keys (16 hex digits): a changed key is another entry. */
  keyHash: string;
  /** sha256 of what decides whether a key works (endpoint or CLI command, format, headers, keys): a change clears a mark. */
  fingerprint: string;
  /** The entry's name in the state file: `provider#keyHash`. */
  key: string;
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

/** Identities already worked out, by model object: a batch asks for one before and after every call. */
const known = new WeakMap<ResolvedModel, HealthIdentity>();

/** The identity of the provider and key a model is called with. */
export function healthIdentity(model: ResolvedModel): HealthIdentity {
  const found = known.get(model);
  if (found) return found;
  const identity = computeIdentity(model);
  known.set(model, identity);
  return identity;
}

function computeIdentity(model: ResolvedModel): HealthIdentity {
  const keys = model.apiKeys.length > 0 ? model.apiKeys : [model.apiKey ?? ''];
  const keyHash = sha(keys.join('\n'));
  const sorted = (record: Record<string, string>) => Object.entries(record).sort(([a], [b]) => a.localeCompare(b));
  const fingerprint = sha(
    JSON.stringify([
      model.wireFormat,
      model.baseURL,
      keyHash,
      sorted(model.headers),
      sorted(model.query),
      model.secrets ?? [],
      // a local CLI's template (command, args, output) stands where a URL would: a change clears a mark
      ...(model.command ? [model.command] : []),
    ]),
  );
  return { provider: model.provider.id, keyHash, fingerprint, key: `${model.provider.id}#${keyHash}` };
}
