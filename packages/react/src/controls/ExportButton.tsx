import type { Dimension, Metric } from '@usagekit/core'
import type { CsvExportProgress } from '@usagekit/core/csv'
import { clsx } from 'clsx'
import { type HTMLAttributes, forwardRef, useRef, useState } from 'react'
import { DownloadIcon } from '../components/icons.js'
import { useUsageConfig } from '../context/UsageProvider.js'
import { useCapabilities, useSupport } from '../hooks/useCapabilities.js'
import { useUsageQuery } from '../hooks/useUsageQuery.js'
import { useView } from '../hooks/useView.js'
import { useMessages } from '../i18n/useMessages.js'
import type { BreakdownExportColumn, RequestExportColumn } from './runExport.js'

export interface ExportButtonProps extends Omit<HTMLAttributes<HTMLDivElement>, 'onError'> {
  /** The request log (every page) or a breakdown (every row). Default: the request log. */
  kind?: 'requests' | 'breakdown'
  /**
   * The CSV's columns in order: for requests, core's request column ids (raw values, ISO timestamps
   * with the zone's offset); for a breakdown, `key`, `label`, `secondary`, `team`, `models` and metric
   * ids. Either may include your own `{ id, header, value(row) }`. Default: every column.
   */
  columns?: readonly (RequestExportColumn | BreakdownExportColumn)[]
  /** The search the widget shows (the request log's or the table's search box). */
  search?: string
  /** Breakdown grouping (default the page's view) and metrics (those the adapter does not offer are left out). */
  groupBy?: Dimension
  metrics?: Metric[]
  /** Called with the finished file instead of downloading it (tests, custom delivery). */
  onExport?: (file: { blob: Blob; fileName: string; rows: number }) => void
}

function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

/** CSV of what the current view and filters show, every page, with progress and Cancel. */
export const ExportButton = forwardRef<HTMLDivElement, ExportButtonProps>(function ExportButton({ kind = 'requests', columns, search, groupBy, metrics, onExport, className, ...props }, ref) {
  const { adapter, currency } = useUsageConfig()
  const t = useMessages()
  const view = useView()
  const capabilities = useCapabilities().data
  const support = useSupport()
  const { query } = useUsageQuery()
  const [progress, setProgress] = useState<CsvExportProgress | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const controller = useRef<AbortController | null>(null)
  const running = progress !== null

  const start = async () => {
    if (!query) return
    const abort = new AbortController()
    controller.current = abort
    setMessage(null)
    setProgress({ rows: 0, pages: 0 })
    try {
      const { runExport } = await import('./runExport.js')
      const file = await runExport({
        adapter,
        query,
        currency: currency ?? capabilities?.currency ?? 'USD',
        spec:
          kind === 'requests'
            ? { kind, columns: columns as readonly RequestExportColumn[] | undefined, search }
            : { kind, groupBy: groupBy ?? view, metrics: metrics ?? ['requests', 'inputTokens', 'outputTokens', 'cost'], columns: columns as readonly BreakdownExportColumn[] | undefined, search },
        support,
        signal: abort.signal,
        onProgress: setProgress,
      })
      if (onExport) onExport(file)
      else download(file.blob, file.fileName)
      setMessage(t('export.done', { count: file.rows }))
    } catch (error) {
      setMessage(abort.signal.aborted ? t('export.cancelled') : t('export.failed', { error: error instanceof Error ? error.message : String(error) }))
    } finally {
      setProgress(null)
      controller.current = null
    }
  }

  return (
    <div ref={ref} className={clsx('uk-toolbar', className)} data-state={running ? 'running' : 'idle'} {...props}>
      {running ? (
        <>
          <span role="status" className="uk-muted uk-num">
            {progress.total ? t('export.progressOfTotal', { count: progress.rows, total: progress.total }) : t('export.progress', { count: progress.rows })}
          </span>
          <button type="button" className="uk-button" onClick={() => controller.current?.abort()}>
            {t('common.cancel')}
          </button>
        </>
      ) : (
        <button type="button" className="uk-button" onClick={() => void start()} disabled={!query} title={t('export.button')}>
          <DownloadIcon />
          <span className="uk-button-label">{t('export.button')}</span>
        </button>
      )}
      {message && !running ? (
        <span role="status" className="uk-muted">
          {message}
        </span>
      ) : null}
    </div>
  )
})
ExportButton.displayName = 'ExportButton'
