/**
 * What usage can be grouped and filtered by.
 * `consumer` is the agent when a call came from an agent, else the user (seed 002's "top consumers").
 * `customer` is the host's own end customer a call was made for (LiteLLM's `end_user`), not a user of the console.
 */
export type Dimension =
  | 'user'
  | 'team'
  | 'model'
  | 'provider'
  | 'apiKey'
  | 'tag'
  | 'application'
  | 'agent'
  | 'consumer'
  | 'status'
  | 'customer'

export const DIMENSIONS: readonly Dimension[] = [
  'user',
  'team',
  'model',
  'provider',
  'apiKey',
  'tag',
  'application',
  'agent',
  'consumer',
  'status',
  'customer',
]

export const DIMENSION_LABELS: Readonly<Record<Dimension, string>> = {
  user: 'User',
  team: 'Team',
  model: 'Model',
  provider: 'Provider',
  apiKey: 'API key',
  tag: 'Tag',
  application: 'Application',
  agent: 'Agent',
  consumer: 'Consumer',
  status: 'Status',
  customer: 'Customer',
}

/** Reserved group key for everything outside the top N. */
export const OTHER_KEY = '__other__'
export const OTHER_LABEL = 'Other'
/** Reserved group key for records without a value for the dimension. */
export const NONE_KEY = '__none__'
export const NONE_LABEL = '(none)'

export function isDimension(value: unknown): value is Dimension {
  return typeof value === 'string' && (DIMENSIONS as readonly string[]).includes(value)
}
