import { TimeoutError, withTimeout } from '@usagekit/core'

/**
 * An adapter call that did not answer in time: the widget shows it with a Retry. Core's
 * `TimeoutError`, under the name this package has always exported.
 */
export const AdapterTimeoutError = TimeoutError
export type AdapterTimeoutError = TimeoutError

export { withTimeout }
