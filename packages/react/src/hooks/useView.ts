import { useUsageSelection } from '../context/UsageProvider.js'
import type { UsageView } from '../state/urlState.js'
import { useSupport } from './useCapabilities.js'

/**
 * The page's view as the widgets use it: the chosen one when the adapter offers its dimension, else
 * By user (a link to `view=team` opened over a table without teams still shows a page).
 */
export function useView(): UsageView {
  const { view } = useUsageSelection()
  const support = useSupport()
  return support.dimension(view) ? view : 'user'
}
