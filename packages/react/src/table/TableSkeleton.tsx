import type { ReactNode } from 'react'

export type SkeletonColumn = 'name' | 'text' | 'number' | 'trend'

/**
 * A table-shaped placeholder: a header bar and row ghosts with one ghost per cell (names two lines,
 * numbers short and right-aligned), at the final row height, so the page does not jump when data lands.
 */
export function TableSkeleton({ columns, rows, rowHeight = 48 }: { columns: readonly SkeletonColumn[]; rows: number; rowHeight?: number }): ReactNode {
  return (
    <div className="uk-table-skeleton" aria-hidden="true">
      <div className="uk-table-skeleton-row" data-head="true">
        {columns.map((column, i) => (
          <span key={i} className="uk-table-skeleton-cell" data-kind={column}>
            <span className="uk-skeleton" style={{ width: column === 'number' ? 48 : 64, height: 8 }} />
          </span>
        ))}
      </div>
      {Array.from({ length: rows }, (_, row) => (
        <div key={row} className="uk-table-skeleton-row" style={{ height: rowHeight }}>
          {columns.map((column, i) => (
            <span key={i} className="uk-table-skeleton-cell" data-kind={column}>
              {column === 'name' ? (
                <>
                  <span className="uk-skeleton" style={{ width: `${60 + ((row * 37) % 30)}%`, height: 10 }} />
                  <span className="uk-skeleton" style={{ width: `${40 + ((row * 23) % 25)}%`, height: 8 }} />
                </>
              ) : (
                <span className="uk-skeleton" style={{ width: column === 'trend' ? 88 : column === 'number' ? `${36 + ((row * 11 + i * 7) % 28)}%` : '70%', height: column === 'trend' ? 16 : 10 }} />
              )}
            </span>
          ))}
        </div>
      ))}
    </div>
  )
}
