import type { RequestDetail } from '@usagekit/core'
import { type ReactNode, useState } from 'react'
import { ErrorState, Skeleton } from '../components/WidgetState.js'
import { CheckIcon, CopyIcon } from '../components/icons.js'
import { useUsageConfig } from '../context/UsageProvider.js'
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

/** The drawer's content, loaded on first use: details, metrics, cost breakdown, exchange, metadata. */
export default function RequestDrawerBody({ id }: { id: string }): ReactNode {
  const query = useRequest(id)
  const format = useFormat()
  const { permissions } = useUsageConfig()
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
          <Row label="Call type">{d.callType}</Row>
          <Row label="Model ID">
            <span className="uk-code">{d.modelId}</span>
          </Row>
          <Row label="API base">{d.apiBase ? <span className="uk-code">{d.apiBase}</span> : null}</Row>
          <Row label="IP address">{d.ip}</Row>
          {permissions.otherUsers ? <Row label="User">{d.userEmail ? `${d.userName} (${d.userEmail})` : d.userName}</Row> : null}
          <Row label="API key">{d.apiKey}</Row>
          <Row label="Tags">{d.tags.length ? d.tags.map((tag) => <span key={tag} className="uk-badge" style={{ marginRight: 4 }}>{tag}</span>) : null}</Row>
        </dl>
      </section>
      <section aria-label="Metrics">
        <h3 className="uk-card-title">Metrics</h3>
        <dl className="uk-dl">
          <Row label="Tokens">
            {format.metric(d.inputTokens, 'inputTokens')} input ({format.metric(d.cachedInputTokens, 'cachedInputTokens')} cached) · {format.metric(d.outputTokens, 'outputTokens')} output ·{' '}
            {format.metric(d.totalTokens, 'totalTokens')} total
          </Row>
          {permissions.cost ? <Row label="Cost">{format.money(d.cost)}</Row> : null}
          <Row label="Duration">{format.metric(d.latencyMs, 'avgLatencyMs')}</Row>
          <Row label="Time to first token">{d.ttftMs == null ? null : format.metric(d.ttftMs, 'avgLatencyMs')}</Row>
          <Row label="Cache hit">{d.cacheHit ? 'Yes' : 'No'}</Row>
          <Row label="Gateway overhead">{d.overheadMs == null ? null : format.metric(d.overheadMs, 'avgLatencyMs')}</Row>
          <Row label="Retries">{d.retries}</Row>
          <Row label="Start">{format.dateTime(d.startTime, true)}</Row>
          <Row label="End">{format.dateTime(d.endTime, true)}</Row>
        </dl>
      </section>
      {permissions.cost ? (
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
