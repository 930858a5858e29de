import type { AdapterMethod } from '../types'

/**
 * The wire: one POST route per contract method (GET for capabilities), JSON in and out, under the
 * handler's base path. Shared by the server handler and the HTTP client adapter.
 */
export const HTTP_ROUTES: Readonly<Record<AdapterMethod, { method: 'GET' | 'POST'; path: string }>> = {
  getCapabilities: { method: 'GET', path: '/capabilities' },
  getSummary: { method: 'POST', path: '/summary' },
  getTimeSeries: { method: 'POST', path: '/time-series' },
  getBreakdown: { method: 'POST', path: '/breakdown' },
  listRequests: { method: 'POST', path: '/requests' },
  getRequest: { method: 'POST', path: '/request' },
  getDimensionValues: { method: 'POST', path: '/dimension-values' },
}

/** The JSON body of every error answer. */
export interface HttpErrorBody {
  error: {
    /** `INVALID_QUERY`, `NOT_FOUND`, `PAYLOAD_TOO_LARGE`, `BAD_REQUEST`, `FORBIDDEN`, `INTERNAL`, … */
    code: string
    message: string
    /** The params field at fault, for `INVALID_QUERY`. */
    field?: string
    /** The unknown request id, for `NOT_FOUND`. */
    id?: string
    /** Correlates a 500 with the server's log. */
    errorId?: string
  }
}
