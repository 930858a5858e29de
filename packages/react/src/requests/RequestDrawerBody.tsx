import { NONE_LABEL, type RequestDetail } from '@usagekit/core'
import { type ReactNode, useState } from 'react'
import { ErrorState, Skeleton } from '../components/WidgetState.js'
import { CheckIcon, CopyIcon } from '../components/icons.js'
import { useUsageConfig } from '../context/UsageProvider.js'
import { useSupport } from '../hooks/useCapabilities.js'
import { useFormat } from '../hooks/useFormat.js'
import { useRequest } from '../hooks/useRequest.js'
import { JsonTree } from './JsonTree.js'

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children ?? '—'}</dd>
    </>
  )
}

/**
 * A row only for what the backend provided: a field the request does not carry (no call type, no
 * retry count, no cache flag in this log) has no row at all, rather than a made-up value or a "—".
 */
function Field<T>({ label, value, children }: { label: string; value: T | null | undefined; children?: (value: T) => ReactNode }) {
  if (value === undefined || value === null || value === '') return null
  return <Row label={label}>{children ? children(value) : String(value)}</Row>
}

function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false)
  return (
    <button
      type="button"
      className="uk-button"
      data-variant="ghost"
      aria-label={label}
      onClick={() => {
        void navigator.clipboard?.writeText(text).then(
          () => setCopied(true),
          () => setCopied(false),
        )
      }}
    >
      {copied ? <CheckIcon /> : <CopyIcon />}
      {copied ? 'Copied' : 'Copy ID'}
    </button>
  )
}

function json(value: unknown): string {
  return JSON.stringify(value, null, 2) ?? 'null'
}

/** Request & Response, Pretty (turns as text) or JSON (the raw payloads). Never rendered as HTML. */
function Exchange({ detail, contentAllowed }: { detail: RequestDetail; contentAllowed: boolean }) {
  const [mode, setMode] = useState<'pretty' | 'json'>('pretty')
  if (!contentAllowed || (detail.messages.length === 0 && detail.request == null && detail.response == null)) {
    return <p className="uk-muted">Request content is not available to you for this request.</p>
  }
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
      <div className="uk-segmented" role="group" aria-label="Show request and response as">
        {(['pretty', 'json'] as const).map((key) => (
          <button key={key} type="button" aria-pressed={mode === key} data-state={mode === key ? 'on' : 'off'} onClick={() => setMode(key)}>
            {key === 'pretty' ? 'Pretty' : 'JSON'}
          </button>
        ))}
      </div>
      {mode === 'pretty' ? (
        detail.messages.map((message, i) => (
          <div key={i} className="uk-message" data-role={message.role}>
            <div className="uk-message-role">{message.role}</div>
            <p className="uk-message-content">{message.content}</p>
          </div>
        ))
      ) : (
        <>
          <div className="uk-message-role">Request</div>
          <pre className="uk-json uk-code">{json(detail.request)}</pre>
          <div className="uk-message-role">Response</div>
          <pre className="uk-json uk-code">{json(detail.response)}</pre>
        </>
      )}
    </div>
  )
}

function userText(d: RequestDetail): string {
  const name = d.userName || d.userId || ''
  return d.userEmail ? `${name} (${d.userEmail})` : name
}

/**
 * The drawer's content, loaded on first use: details, metrics, cost breakdown, exchange, metadata.
 * It shows what the backend provided and nothing else: optional fields only when present, cached
 * tokens only when the adapter offers them, the cost breakdown only when the backend itemises it.
 */
export default function RequestDrawerBody({ id }: { id: string }): ReactNode {
  const query = useRequest(id)
  const format = useFormat()
  const { permissions } = useUsageConfig()
  const support = useSupport()
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} title="This request could not load" />
  if (query.isPending) {
    return (
      <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }} aria-busy="true">
        <Skeleton height={120} />
        <Skeleton height={160} />
        <Skeleton height={200} />
      </div>
    )
  }
  const d = query.data
  const costSum = d.costBreakdown.reduce((sum, line) => sum + line.amount, 0)
  // Cached prompt tokens are a number in every request; over a backend that does not record them it is not a real 0.
  const cached = support.metric('cachedInputTokens')
  // Gateway metadata nests (headers, retries, …): values are typed `unknown` here and drawn as a tree.
  const metadata: [string, unknown][] = Object.entries(d.metadata as Record<string, unknown>)
  return (
    <>
      <section aria-label="Request details">
        <div className="uk-card-header">
          <h3 className="uk-card-title">Request details</h3>
          <CopyButton text={d.id} label={`Copy request ID ${d.id}`} />
        </div>
        <dl className="uk-dl">
          <Row label="Request ID">
            <span className="uk-code">{d.id}</span>
          </Row>
          <Row label="Status">
            <span className="uk-status" data-status={d.status}>
              {d.status === 'success' ? 'Success' : 'Error'}
            </span>
            {d.errorMessage ? <div className="uk-muted">{d.errorMessage}</div> : null}
          </Row>
          <Row label="Model">{d.model}</Row>
          <Row label="Provider">{d.provider}</Row>
          <Field label="Call type" value={d.callType} />
          <Field label="Model ID" value={d.modelId}>{(id) => <span className="uk-code">{id}</span>}</Field>
          <Field label="API base" value={d.apiBase}>{(base) => <span className="uk-code">{base}</span>}</Field>
          <Field label="IP address" value={d.ip} />
          {permissions.otherUsers ? <Row label="User">{d.userId ? userText(d) : <span className="uk-none">{NONE_LABEL}</span>}</Row> : null}
          <Field label="Customer" value={d.customer} />
          <Field label="API key" value={d.apiKey} />
          {d.tags.length ? (
            <Row label="Tags">
              {d.tags.map((tag) => (
                <span key={tag} className="uk-badge" style={{ marginRight: 4 }}>
                  {tag}
                </span>
              ))}
            </Row>
          ) : null}
        </dl>
      </section>
      <section aria-label="Metrics">
        <h3 className="uk-card-title">Metrics</h3>
        <dl className="uk-dl">
          <Row label="Tokens">
            {format.metric(d.inputTokens, 'inputTokens')} input{cached ? ` (${format.metric(d.cachedInputTokens, 'cachedInputTokens')} cached)` : ''} · {format.metric(d.outputTokens, 'outputTokens')} output ·{' '}
            {format.metric(d.totalTokens, 'totalTokens')} total
          </Row>
          {permissions.cost ? <Row label="Cost">{format.money(d.cost)}</Row> : null}
          <Row label="Duration">{format.metric(d.latencyMs, 'avgLatencyMs')}</Row>
          <Field label="Time to first token" value={d.ttftMs}>{(ms) => format.metric(ms, 'avgLatencyMs')}</Field>
          <Field label="Cache hit" value={d.cacheHit}>{(hit) => (hit ? 'Yes' : 'No')}</Field>
          <Field label="Gateway overhead" value={d.overheadMs}>{(ms) => format.metric(ms, 'avgLatencyMs')}</Field>
          <Field label="Retries" value={d.retries}>{(retries) => retries.toLocaleString(format.locale)}</Field>
          <Row label="Start">{format.dateTime(d.startTime, true)}</Row>
          <Row label="End">{format.dateTime(d.endTime, true)}</Row>
        </dl>
      </section>
      {/* Only a backend that itemises the cost gets this section; the cost itself is in Metrics. */}
      {permissions.cost && d.costBreakdown.length > 0 ? (
        <section aria-label="Cost breakdown">
          <h3 className="uk-card-title">Cost breakdown</h3>
          <table className="uk-data-table" style={{ width: '100%' }}>
            <tbody>
              {d.costBreakdown.map((line, i) => (
                <tr key={`${line.label}-${i}`}>
                  <th scope="row" style={{ textAlign: 'left', fontWeight: 400 }}>
                    {line.label}
                  </th>
                  <td className="uk-num" style={{ textAlign: 'right' }}>
                    {format.money(line.amount)}
                  </td>
                </tr>
              ))}
              <tr>
                <th scope="row" style={{ textAlign: 'left' }}>
                  Total
                </th>
                <td className="uk-num" style={{ textAlign: 'right', fontWeight: 600 }} data-sum={costSum}>
                  {format.money(d.cost)}
                </td>
              </tr>
            </tbody>
          </table>
        </section>
      ) : null}
      <section aria-label="Request and response">
        <h3 className="uk-card-title">Request &amp; Response</h3>
        <Exchange detail={d} contentAllowed={permissions.requestContent} />
      </section>
      <section aria-label="Metadata">
        <h3 className="uk-card-title">Metadata</h3>
        {metadata.length ? (
          <dl className="uk-dl">
            {metadata.map(([key, value]) => (
              <Row key={key} label={key}>
                <JsonTree value={value} label={key} />
              </Row>
            ))}
          </dl>
        ) : (
          <p className="uk-muted">No metadata.</p>
        )}
      </section>
    </>
  )
}
