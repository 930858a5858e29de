import type { ReactNode } from 'react'

export type SkeletonColumn = 'name' | 'text' | 'number' | 'trend'

/**
 * A table-shaped placeholder: a header bar and row ghosts with one ghost per cell (names two lines,
 * numbers short and right-aligned; widths from styles.css), at the final row height, so the page
 * does not jump when data lands.
 */
export function TableSkeleton({ columns, rows, rowHeight = 48 }: { columns: readonly SkeletonColumn[]; rows: number; rowHeight?: number }): ReactNode {
  const row = (head: boolean, key: number) => (
    <div key={key} className="uk-table-skeleton-row" data-head={head || undefined} style={head ? undefined : { height: rowHeight }}>
      {columns.map((kind, i) => (
        <span key={i} className="uk-table-skeleton-cell" data-kind={kind}>
          <span className="uk-skeleton" />
          {kind === 'name' && !head ? <span className="uk-skeleton" /> : null}
        </span>
      ))}
    </div>
  )
  return (
    <div className="uk-table-skeleton" aria-hidden="true">
      {row(true, -1)}
      {Array.from({ length: rows }, (_, i) => row(false, i))}
    </div>
  )
}
