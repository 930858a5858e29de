import type { ReactNode } from 'react'
import { Skeleton } from '../components/WidgetState.js'

/** While the body's code loads: the header's facts and the body as placeholders of their size. */
export function DrawerSkeleton(): ReactNode {
  return (
    <>
      <div className="uk-drawer-summary" aria-hidden="true">
        <Skeleton height={34} width="80%" />
        <Skeleton height={18} width="50%" />
      </div>
      <div className="uk-drawer-body" aria-busy="true">
        <Skeleton height={120} />
        <Skeleton height={160} />
        <Skeleton height={200} />
      </div>
    </>
  )
}
