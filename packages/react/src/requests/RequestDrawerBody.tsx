import type { RequestDetail } from '@usagekit/core'
import { type ReactNode, useState } from 'react'
import type { UsageFormat } from '../hooks/useFormat.js'
import { ErrorState } from '../components/WidgetState.js'
import { AlertIcon, CheckIcon, CopyIcon } from '../components/icons.js'
import { useUsageConfig } from '../context/UsageProvider.js'
import { useSupport } from '../hooks/useCapabilities.js'
import { useFormat } from '../hooks/useFormat.js'
import { useRequest } from '../hooks/useRequest.js'
import { JsonTree } from './JsonTree.js'
import { DrawerSkeleton } from './DrawerSkeleton.js'
import { exactMoneyFormat } from './drawerFormat.js'
import { costLineText } from './costLineText.js'
import { useMessages } from '../i18n/useMessages.js'

/** A label and its value; `data` marks a label that is data (a metadata key), which may break inside a word. */
function Row({ label, children, data }: { label: string; children: ReactNode; data?: boolean }) {
  return (
    <>
      <dt className={data ? 'uk-break' : undefined}>{label}</dt>
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

/** Copies a value; says "Copied" for a moment after. */
function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false)
  const t = useMessages()
  return (
    <button
      type="button"
      className="uk-button uk-drawer-copy"
      data-variant="ghost"
      aria-label={copied ? t('drawer.copied', { action: label }) : label}
      title={label}
      onClick={() => {
        void navigator.clipboard?.writeText(text).then(
          () => {
            setCopied(true)
            setTimeout(() => setCopied(false), 1500)
          },
          () => setCopied(false),
        )
      }}
    >
      {copied ? <CheckIcon /> : <CopyIcon />}
    </button>
  )
}

/** The instant with seconds and the zone's name, in the provider's locale and zone: "Nov 19, 2026, 2:14:05 PM UTC". */
function instantText(instant: string, format: UsageFormat): string {
  try {
    return new Intl.DateTimeFormat(format.locale, { timeZone: format.timeZone, dateStyle: 'medium', timeStyle: 'long' }).format(new Date(instant))
  } catch {
    return format.dateTime(instant, true)
  }
}

/** The header's facts under the title: time, cost, duration, tokens, and the request id with a copy button. */
function Summary({ detail, money, showCost }: { detail: RequestDetail; money: (amount: number) => string; showCost: boolean }) {
  const format = useFormat()
  const t = useMessages()
  return (
    <div className="uk-drawer-summary">
      <dl className="uk-drawer-facts">
        <div>
          <dt>{t('drawer.time')}</dt>
          <dd>
            <time dateTime={detail.timestamp}>{instantText(detail.timestamp, format)}</time>
          </dd>
        </div>
        {showCost ? (
          <div>
            <dt>{t('drawer.cost')}</dt>
            <dd>{money(detail.cost)}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('drawer.duration')}</dt>
          <dd>{format.metric(detail.latencyMs, 'avgLatencyMs')}</dd>
        </div>
        <div>
          <dt>{t('drawer.tokens')}</dt>
          <dd>{format.metric(detail.totalTokens, 'totalTokens')}</dd>
        </div>
      </dl>
      <dl className="uk-drawer-id">
        <dt className="uk-visually-hidden">{t('drawer.requestId')}</dt>
        <dd>
          <span className="uk-code">{detail.id}</span>
          <CopyButton text={detail.id} label={t('drawer.copyId', { id: detail.id })} />
        </dd>
      </dl>
    </div>
  )
}

function json(value: unknown): string {
  return JSON.stringify(value, null, 2) ?? 'null'
}

/** Request & Response, Pretty (turns as text) or JSON (the raw payloads). Never rendered as HTML. */
function Exchange({ detail, contentAllowed }: { detail: RequestDetail; contentAllowed: boolean }) {
  const [mode, setMode] = useState<'pretty' | 'json'>('pretty')
  const t = useMessages()
  if (!contentAllowed || (detail.messages.length === 0 && detail.request == null && detail.response == null)) {
    return <p className="uk-muted">{t('drawer.contentUnavailable')}</p>
  }
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
      <div className="uk-segmented" role="group" aria-label={t('drawer.exchangeAs')}>
        {(['pretty', 'json'] as const).map((key) => (
          <button key={key} type="button" aria-pressed={mode === key} data-state={mode === key ? 'on' : 'off'} onClick={() => setMode(key)}>
            {key === 'pretty' ? t('drawer.pretty') : t('drawer.json')}
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
          <div className="uk-message-role">{t('drawer.request')}</div>
          <pre className="uk-json uk-code">{json(detail.request)}</pre>
          <div className="uk-message-role">{t('drawer.response')}</div>
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

/** A failed request's error, first thing in the body: an icon, a title, the message and the retries. */
function ErrorCallout({ detail }: { detail: RequestDetail }) {
  const retries = detail.retries
  const t = useMessages()
  return (
    <div className="uk-drawer-callout" data-tone="bad">
      <AlertIcon className="uk-icon uk-drawer-callout-icon" />
      <div className="uk-drawer-callout-text">
        <p className="uk-drawer-callout-title">{t('drawer.failed')}</p>
        <p className="uk-drawer-callout-message" dir="auto">{detail.errorMessage || t('drawer.noErrorMessage')}</p>
        {retries !== undefined && retries > 0 ? (
          <p className="uk-drawer-callout-meta">
            {t('drawer.retriedTimes', { count: retries })}
          </p>
        ) : null}
      </div>
    </div>
  )
}

/**
 * The cost lines and their total in one precision, exact (the contract keeps money to 1e-9), so the
 * lines visibly add up. A line that says how it came about (the contract's optional quantity, unit and
 * rate) shows it muted under its label, as an invoice's line items do: "12,400 tokens × $3.00 / 1M".
 * The amount is the one recorded, never recomputed from the rate.
 */
function CostTable({ detail, locale, currency }: { detail: RequestDetail; locale: string | undefined; currency: string }) {
  const t = useMessages()
  const money = exactMoneyFormat([detail.cost, ...detail.costBreakdown.map((line) => line.amount)], locale, currency)
  const costSum = detail.costBreakdown.reduce((sum, line) => sum + line.amount, 0)
  return (
    <table className="uk-drawer-cost">
      <thead className="uk-visually-hidden">
        <tr>
          <th scope="col">{t('drawer.costComponent')}</th>
          <th scope="col">{t('drawer.costAmount', { currency })}</th>
        </tr>
      </thead>
      <tbody>
        {detail.costBreakdown.map((line, i) => {
          const how = costLineText(line, { locale, currency, t })
          return (
            <tr key={`${line.label}-${i}`}>
              <th scope="row">
                {line.label}
                {how ? <span className="uk-cost-how">{how}</span> : null}
              </th>
              <td className="uk-num">{money(line.amount)}</td>
            </tr>
          )
        })}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t('common.total')}</th>
          <td className="uk-num" data-sum={costSum}>
            {money(detail.cost)}
          </td>
        </tr>
      </tfoot>
    </table>
  )
}

/**
 * The drawer's content, loaded on first use: an error callout for a failed request, details, metrics,
 * cost breakdown, exchange, metadata (the header above it carries status, model, time, cost and id).
 * It shows what the backend provided and nothing else: optional fields only when present, cached
 * tokens only when the adapter offers them, the cost breakdown only when the backend itemises it.
 */
// The body scrolls on its own (the header stays): it takes focus so that a keyboard can scroll it
// even when it holds nothing focusable (content hidden, no metadata).
export default function RequestDrawerBody({ id }: { id: string }): ReactNode {
  const query = useRequest(id)
  const format = useFormat()
  const { permissions } = useUsageConfig()
  const support = useSupport()
  const t = useMessages()
  if (query.isError) {
    return (
      <div className="uk-drawer-body" tabIndex={0}>
        <ErrorState error={query.error} onRetry={() => void query.refetch()} title={t('drawer.loadFailed')} />
      </div>
    )
  }
  if (query.isPending) return <DrawerSkeleton />
  const d = query.data
  const money = exactMoneyFormat([d.cost, ...d.costBreakdown.map((line) => line.amount)], format.locale, format.currency)
  // Cached prompt tokens are a number in every request; over a backend that does not record them it is not a real 0.
  const cached = support.metric('cachedInputTokens')
  // Gateway metadata nests (headers, retries, …): values are typed `unknown` here and drawn as a tree.
  const metadata: [string, unknown][] = Object.entries(d.metadata as Record<string, unknown>)
  return (
    <>
      <Summary detail={d} money={money} showCost={permissions.cost} />
      <div className="uk-drawer-body" tabIndex={0}>
        {d.status === 'error' ? <ErrorCallout detail={d} /> : null}
        <section aria-label={t('drawer.details')} className="uk-drawer-section">
          <h3 className="uk-drawer-section-title">{t('drawer.details')}</h3>
          <dl className="uk-dl">
            <Row label={t('drawer.model')}>{d.model}</Row>
            <Row label={t('drawer.provider')}>{d.provider}</Row>
            <Field label={t('drawer.callType')} value={d.callType} />
            <Field label={t('drawer.modelId')} value={d.modelId}>{(id) => <span className="uk-code uk-break">{id}</span>}</Field>
            <Field label={t('drawer.apiBase')} value={d.apiBase}>{(base) => <span className="uk-code uk-break">{base}</span>}</Field>
            <Field label={t('drawer.ip')} value={d.ip}>{(ip) => <span className="uk-code">{ip}</span>}</Field>
            {permissions.otherUsers ? <Row label={t('drawer.user')}>{d.userId ? userText(d) : <span className="uk-none">{t('common.none')}</span>}</Row> : null}
            <Field label={t('drawer.customer')} value={d.customer} />
            <Field label={t('drawer.apiKey')} value={d.apiKey}>{(key) => <span className="uk-code">{key}</span>}</Field>
            {d.tags.length ? (
              <Row label={t('drawer.tags')}>
                <span className="uk-drawer-badges">
                  {d.tags.map((tag) => (
                    <span key={tag} className="uk-badge">
                      {tag}
                    </span>
                  ))}
                </span>
              </Row>
            ) : null}
          </dl>
        </section>
        <section aria-label={t('drawer.metrics')} className="uk-drawer-section">
          <h3 className="uk-drawer-section-title">{t('drawer.metrics')}</h3>
          <dl className="uk-dl">
            <Row label={t('drawer.tokens')}>
              {cached
                ? t('drawer.tokenLineCached', { input: format.metric(d.inputTokens, 'inputTokens'), cached: format.metric(d.cachedInputTokens, 'cachedInputTokens'), output: format.metric(d.outputTokens, 'outputTokens'), total: format.metric(d.totalTokens, 'totalTokens') })
                : t('drawer.tokenLine', { input: format.metric(d.inputTokens, 'inputTokens'), output: format.metric(d.outputTokens, 'outputTokens'), total: format.metric(d.totalTokens, 'totalTokens') })}
            </Row>
            {permissions.cost ? <Row label={t('drawer.cost')}>{money(d.cost)}</Row> : null}
            <Row label={t('drawer.duration')}>{format.metric(d.latencyMs, 'avgLatencyMs')}</Row>
            <Field label={t('drawer.ttft')} value={d.ttftMs}>{(ms) => format.metric(ms, 'avgLatencyMs')}</Field>
            <Field label={t('drawer.cacheHit')} value={d.cacheHit}>{(hit) => (hit ? t('common.yes') : t('common.no'))}</Field>
            <Field label={t('drawer.overhead')} value={d.overheadMs}>{(ms) => format.metric(ms, 'avgLatencyMs')}</Field>
            <Field label={t('drawer.retries')} value={d.retries}>{(retries) => retries.toLocaleString(format.locale)}</Field>
            <Row label={t('drawer.start')}>{format.dateTime(d.startTime, true)}</Row>
            <Row label={t('drawer.end')}>{format.dateTime(d.endTime, true)}</Row>
          </dl>
        </section>
        {/* Only a backend that itemises the cost gets this section; the cost itself is in Metrics. */}
        {permissions.cost && d.costBreakdown.length > 0 ? (
          <section aria-label={t('drawer.costBreakdown')} className="uk-drawer-section">
            <h3 className="uk-drawer-section-title">{t('drawer.costBreakdown')}</h3>
            <CostTable detail={d} locale={format.locale} currency={format.currency} />
          </section>
        ) : null}
        <section aria-label={t('drawer.exchangeRegion')} className="uk-drawer-section">
          <h3 className="uk-drawer-section-title">{t('drawer.exchange')}</h3>
          <Exchange detail={d} contentAllowed={permissions.requestContent} />
        </section>
        <section aria-label={t('drawer.metadata')} className="uk-drawer-section">
          <h3 className="uk-drawer-section-title">{t('drawer.metadata')}</h3>
          {metadata.length ? (
            <dl className="uk-dl">
              {metadata.map(([key, value]) => (
                <Row key={key} label={key} data>
                  <JsonTree value={value} label={key} />
                </Row>
              ))}
            </dl>
          ) : (
            <p className="uk-muted">{t('drawer.noMetadata')}</p>
          )}
        </section>
      </div>
    </>
  )
}
