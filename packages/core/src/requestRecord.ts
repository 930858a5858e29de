import { fromNanos, toNanos } from './money'
import { redactApiKey, redactIp } from './redact'
import type { ChatMessage, CostComponent, RequestDetail, RequestSummary, UsageRecord } from './types'

/**
 * A stored record as the request log shows it: redacted key, totals, ISO timestamp. Every
 * adapter that keeps `UsageRecord`s (the memory and SQL adapters) answers through this, so
 * they agree field by field.
 */
export function toRequestSummary(record: UsageRecord): RequestSummary {
  const summary: RequestSummary = {
    id: record.id,
    timestamp: new Date(Date.parse(record.timestamp)).toISOString(),
    status: record.status,
    provider: record.provider,
    model: record.model,
    inputTokens: record.inputTokens,
    cachedInputTokens: record.cachedInputTokens,
    outputTokens: record.outputTokens,
    totalTokens: record.inputTokens + record.outputTokens,
    cost: record.cost,
    latencyMs: record.latencyMs,
    ttftMs: record.ttftMs,
    // An empty tag is no tag (empty means none).
    tags: record.tags.filter((tag) => tag !== ''),
  }
  // Empty means none: a request made without a user has no user fields at all.
  if (record.userId) {
    summary.userId = record.userId
    summary.userName = record.userName || record.userId
    if (record.userEmail) summary.userEmail = record.userEmail
  }
  if (record.team) summary.team = record.team
  if (record.apiKey) summary.apiKey = record.apiKeyName || redactApiKey(record.apiKey)
  if (record.application) summary.application = record.application
  if (record.agent) summary.agent = record.agent
  if (record.customer) summary.customer = record.customer
  if (record.errorMessage) summary.errorMessage = record.errorMessage
  return summary
}

/** The record's own cost lines (none when it itemises nothing), plus "Other" for what they leave out, so they add up to the cost. */
function costBreakdown(record: UsageRecord): CostComponent[] {
  const components = record.costBreakdown?.map((component) => ({ ...component })) ?? []
  if (components.length === 0) return components
  const listed = components.reduce((sum, component) => sum + toNanos(component.amount), 0)
  const missing = toNanos(record.cost) - listed
  if (missing !== 0) components.push({ label: 'Other', amount: fromNanos(missing) })
  return components
}

export interface RequestDetailOptions {
  /** Whether prompts and responses may be shown; without it they are `null` / empty. */
  requestContent: boolean
}

/**
 * A stored record as the request drawer shows it: cost lines that add up to the cost, chat turns
 * from the prompts, an OpenAI-style request and response when the record keeps none, a redacted IP.
 */
export function toRequestDetail(record: UsageRecord, options: RequestDetailOptions): RequestDetail {
  const content = options.requestContent
  const messages: ChatMessage[] = []
  if (content) {
    if (record.systemPrompt) messages.push({ role: 'system', content: record.systemPrompt })
    if (record.prompt) messages.push({ role: 'user', content: record.prompt })
    if (record.completion) messages.push({ role: 'assistant', content: record.completion })
  }
  const start = Date.parse(record.timestamp)
  const requestMessages = messages.filter((message) => message.role !== 'assistant')
  const detail: RequestDetail = {
    ...toRequestSummary(record),
    apiBase: record.apiBase ?? null,
    ip: record.ip ? redactIp(record.ip) : null,
    overheadMs: record.overheadMs ?? null,
    startTime: new Date(start).toISOString(),
    endTime: new Date(start + record.latencyMs).toISOString(),
    costBreakdown: costBreakdown(record),
    request: !content
      ? null
      : (record.request ?? (requestMessages.length ? { model: record.model, messages: requestMessages } : null)),
    response: !content
      ? null
      : (record.response ??
        (record.completion
          ? {
              id: record.id,
              model: record.model,
              choices: [{ index: 0, message: { role: 'assistant', content: record.completion }, finish_reason: 'stop' }],
              usage: {
                prompt_tokens: record.inputTokens,
                completion_tokens: record.outputTokens,
                total_tokens: record.inputTokens + record.outputTokens,
                prompt_tokens_details: { cached_tokens: record.cachedInputTokens },
              },
            }
          : null)),
    messages,
    metadata: { ...(record.metadata ?? {}) },
  }
  // Only what the backend recorded: no default call type, no retries or cache flag it never logged.
  if (record.callType) detail.callType = record.callType
  if (record.modelId) detail.modelId = record.modelId
  if (record.retries !== undefined && record.retries !== null) detail.retries = record.retries
  if (record.cacheHit !== undefined && record.cacheHit !== null) detail.cacheHit = record.cacheHit
  return detail
}
