import { clsx } from 'clsx'
import { type HTMLAttributes, type ReactNode, forwardRef, useId } from 'react'

export interface CardProps extends Omit<HTMLAttributes<HTMLElement>, 'title'> {
  title?: ReactNode
  subtitle?: ReactNode
  /** Controls at the right of the header (a switch, an export button). */
  actions?: ReactNode
  /** Widget state, for styling: `loading`, `error`, `empty`, `ready`. */
  state?: 'loading' | 'error' | 'empty' | 'ready'
}

/** The frame every widget sits in: 8 px radius, 1 px border, a faint shadow, a titled header. */
export const Card = forwardRef<HTMLElement, CardProps>(function Card({ title, subtitle, actions, state, className, children, ...props }, ref) {
  const titleId = useId()
  return (
    <section ref={ref} aria-labelledby={title ? titleId : undefined} data-state={state} className={clsx('uk-card', className)} {...props}>
      {title || actions ? (
        <header className="uk-card-header">
          <div>
            {title ? (
              <h3 id={titleId} className="uk-card-title">
                {title}
              </h3>
            ) : null}
            {subtitle ? <p className="uk-card-subtitle">{subtitle}</p> : null}
          </div>
          {actions ? <div className="uk-toolbar">{actions}</div> : null}
        </header>
      ) : null}
      {children}
    </section>
  )
})
Card.displayName = 'Card'
