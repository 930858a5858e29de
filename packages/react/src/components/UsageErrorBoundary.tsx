import { clsx } from 'clsx'
import { Component, type CSSProperties, type ContextType, type ErrorInfo, type ReactNode } from 'react'
import { enBasicMessages } from '../i18n/enBasicMessages.js'
import { formatMessage } from '../i18n/formatMessage.js'
import { MessagesContext } from '../i18n/messagesContext.js'
import { ErrorState } from './WidgetState.js'

export interface UsageErrorBoundaryProps {
  children?: ReactNode
  /** The error state's heading (default "This part of the page could not be shown"). */
  title?: string
  /** Replaces the built-in error state; `reset` renders the children again. */
  fallback?: (props: { error: unknown; reset: () => void }) => ReactNode
  /** Called once per caught error (report it to your error tracker). */
  onError?: (error: unknown, info: ErrorInfo) => void
  /** When any of these changes (by Object.is) after a failure, the children render again. */
  resetKeys?: readonly unknown[]
  /** Called before the children render again (Retry or a reset key), e.g. to drop cached data that broke them. */
  onReset?: () => void
  className?: string
  style?: CSSProperties
}

interface State {
  failed: boolean
  error: unknown
}

function keysChanged(a: readonly unknown[] = [], b: readonly unknown[] = []): boolean {
  return a.length !== b.length || a.some((value, i) => !Object.is(value, b[i]))
}

/**
 * Keeps a render error inside its part of the page: instead of unmounting the host's page, React
 * shows this boundary's error state (the widgets' style) with a Retry that renders the children
 * again. `UsagePage` puts one around the page, each section and each widget.
 */
export class UsageErrorBoundary extends Component<UsageErrorBoundaryProps, State> {
  static displayName = 'UsageErrorBoundary'
  // The default title in the page's language (a class reads context this way).
  static override contextType = MessagesContext
  declare context: ContextType<typeof MessagesContext>

  override state: State = { failed: false, error: undefined }

  static getDerivedStateFromError(error: unknown): State {
    return { failed: true, error }
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    this.props.onError?.(error, info)
  }

  override componentDidUpdate(previous: UsageErrorBoundaryProps): void {
    if (this.state.failed && keysChanged(previous.resetKeys, this.props.resetKeys)) this.reset()
  }

  reset = (): void => {
    try {
      this.props.onReset?.()
    } finally {
      this.setState({ failed: false, error: undefined })
    }
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children
    const { fallback, title = formatMessage((this.context?.messages ?? enBasicMessages)['boundary.default'], undefined, this.context?.locale), className, style } = this.props
    if (fallback) return fallback({ error: this.state.error, reset: this.reset })
    return (
      <div className={clsx('uk-card', 'uk-error-boundary', className)} data-state="error" style={style}>
        <ErrorState error={this.state.error} title={title} onRetry={this.reset} />
      </div>
    )
  }
}
