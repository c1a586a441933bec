import { usageFrom, type Usage } from '../../language-model.js';
import type { WireFormatAdapter } from '../wire-format-adapter.js';
import { createMockModel } from './mock-model.js';

/** The deterministic offline models: no key, no network; its model list is its own. */
export const mockWireFormat: WireFormatAdapter = {
  createModel: (config) => createMockModel(config.modelId, config.env ?? {}, config.now),
  listModels: async (config) => [...(config.knownModels ?? [])].sort(),
  probeKey: async (_config, _options, progress) => {
    progress.answered = true;
  },
  normalizeUsage: (raw): Usage => usageFrom((raw ?? {}) as Usage),
};
