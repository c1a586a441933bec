import type { ProviderErrorType } from '../../errors/provider-error.js';
import type { ProviderStatus, ResolvedModel } from '../../providers/registry.js';

/** One provider to check: its status in this environment and its default model, resolved. */
export interface DoctorTarget {
  status: ProviderStatus;
  model: ResolvedModel;
}

/** Why a check failed: a provider error type, or a problem found before any call. */
export type DoctorErrorType = ProviderErrorType | 'MISSING_KEY' | 'CONFIG';
