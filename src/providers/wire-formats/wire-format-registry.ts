import type { WireFormat } from '../provider-preset.js';
import type { WireFormatAdapter } from './wire-format-adapter.js';

/**
 * Every wire format, by name. Each loads only when a model of its format is used, so a mock-only run
 * loads neither SDK. Adding a format: one folder beside this file and one line here.
 */
const wireFormats: Record<WireFormat, () => Promise<WireFormatAdapter>> = {
  openai: () => import('./openai/openai-wire-format.js').then((module) => module.openAIWireFormat),
  anthropic: () => import('./anthropic/anthropic-wire-format.js').then((module) => module.anthropicWireFormat),
  mock: () => import('./mock/mock-wire-format.js').then((module) => module.mockWireFormat),
  'claude-code': () => import('./claude-code/claude-code-wire-format.js').then((module) => module.claudeCodeWireFormat),
  command: () => import('./command/command-wire-format.js').then((module) => module.commandWireFormat),
};

/** The adapter of one wire format. */
export const loadWireFormat = (format: WireFormat): Promise<WireFormatAdapter> => wireFormats[format]();
