import { call } from '../cases/casesApi.js';
import type { MetricsReport } from './distributionModel.js';

/** The metrics report (docs/API.md, "Metrics"): operators see all organizations, per sector and per subscriber. */
export const distributionApi = {
  metrics: (signal?: AbortSignal) => call<MetricsReport>('GET', '/metrics', { signal }),
};
