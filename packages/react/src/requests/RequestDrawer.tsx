import * as Dialog from '@radix-ui/react-dialog'
import type { RequestDetail } from '@usagekit/core'
import { clsx } from 'clsx'
import { type ComponentPropsWithoutRef, type ReactNode, Suspense, forwardRef, lazy, useMemo, useRef } from 'react'
import { composeEventHandlers } from '../components/composeEventHandlers.js'
import { mergeRefs } from '../components/mergeRefs.js'
import { ChevronLeftIcon, ChevronRightIcon, CloseIcon } from '../components/icons.js'
import { PortalRoot } from '../components/PortalRoot.js'
import { DrawerSkeleton } from './DrawerSkeleton.js'
import { useRequest } from '../hooks/useRequest.js'
import { useMessages } from '../i18n/useMessages.js'

const RequestDrawerBody = lazy(() => import('./RequestDrawerBody.js'))

/** The drawer panel's own props (Radix's `Dialog.Content`: a `div` and its focus and dismiss events). */
type DrawerPanelProps = Omit<ComponentPropsWithoutRef<typeof Dialog.Content>, 'asChild' | 'forceMount'>

export interface RequestDrawerProps extends DrawerPanelProps {
  /** The request shown; `null` closes the drawer. Details load only while it is open. */
  requestId: string | null
  onClose: () => void
  /** Newer / older request in the list (K / J). */
  onPrevious?: () => void
  onNext?: () => void
  /** Where focus goes when the drawer closes (default: where it was when it opened). */
  returnFocus?: () => HTMLElement | null | undefined
}

function isTyping(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null
  return !!element && (element.tagName === 'INPUT' || element.tagName === 'TEXTAREA' || element.isContentEditable)
}

const iconProps = { viewBox: '0 0 16 16', fill: 'none', stroke: 'currentColor', strokeWidth: 1.5, strokeLinecap: 'round', strokeLinejoin: 'round', 'aria-hidden': true, focusable: false, className: 'uk-icon' } as const

/** Success or error as an icon and a word (never colour alone). */
export function StatusBadge({ status }: { status: RequestDetail['status'] }): ReactNode {
  const ok = status === 'success'
  const t = useMessages()
  return (
    <span className="uk-drawer-status" data-status={status}>
      <svg {...iconProps}>{ok ? <><circle cx="8" cy="8" r="6" /><path d="m5.5 8.2 1.8 1.8 3.3-3.7" /></> : <><circle cx="8" cy="8" r="6" /><path d="M8 4.8v3.6M8 11v.01" /></>}</svg>
      {ok ? t('drawer.status.success') : t('drawer.status.error')}
    </span>
  )
}

/**
 * The title row: what the request is (the dialog's name: "Request" and the model), its status and
 * provider, and the controls. The facts under it (time, cost, duration, tokens, id) come with the
 * body's code, which loads on first use.
 */
function Header({ requestId, onPrevious, onNext }: Pick<RequestDrawerProps, 'requestId' | 'onPrevious' | 'onNext'>): ReactNode {
  const query = useRequest(requestId)
  const detail = query.data?.id === requestId ? query.data : undefined
  const t = useMessages()
  return (
    <div className="uk-drawer-header">
      <div className="uk-drawer-heading">
        <Dialog.Title className="uk-drawer-title">
          <span className="uk-drawer-eyebrow">{t('drawer.eyebrow')}</span>
          {/* The space keeps the dialog's name "Request gpt-4o" (the spans are stacked by CSS). */}
          {detail ? <>{' '}<span className="uk-drawer-model">{detail.model}</span></> : null}
        </Dialog.Title>
        {detail ? (
          <div className="uk-drawer-tags">
            <StatusBadge status={detail.status} />
            {detail.provider ? <span className="uk-badge">{detail.provider}</span> : null}
          </div>
        ) : null}
      </div>
      <div className="uk-toolbar uk-drawer-controls">
        <button type="button" className="uk-button" data-variant="ghost" onClick={onPrevious} disabled={!onPrevious} aria-label={t('drawer.newer')} title={t('drawer.newer')}>
          <ChevronLeftIcon />
        </button>
        <button type="button" className="uk-button" data-variant="ghost" onClick={onNext} disabled={!onNext} aria-label={t('drawer.older')} title={t('drawer.older')}>
          <ChevronRightIcon />
        </button>
        <Dialog.Close className="uk-button" data-variant="ghost" aria-label={t('common.close')}>
          <CloseIcon />
        </Dialog.Close>
      </div>
    </div>
  )
}

/**
 * One request's details in a side drawer (full-screen below 640 px; the header stays in view and
 * the body scrolls under it):
 * Esc closes and focus returns to the row that opened it; J and K step to the older and newer request.
 */
export const RequestDrawer = forwardRef<HTMLDivElement, RequestDrawerProps>(function RequestDrawer(
  { requestId, onClose, onPrevious, onNext, returnFocus, className, children, onOpenAutoFocus, onCloseAutoFocus, onKeyDown, ...props },
  ref,
) {
  const content = useRef<HTMLDivElement>(null)
  const panelRef = useMemo(() => mergeRefs(ref, content), [ref])
  return (
    <Dialog.Root open={requestId !== null} onOpenChange={(open) => (open ? undefined : onClose())}>
      <Dialog.Portal>
        <PortalRoot>
          <Dialog.Overlay className="uk-drawer-overlay" />
          <Dialog.Content
            aria-describedby={undefined}
            {...props}
            ref={panelRef}
            className={clsx('uk-drawer', className)}
            onOpenAutoFocus={composeEventHandlers(onOpenAutoFocus, (event) => {
              // The drawer itself takes focus (it is long, and J / K / Esc work from there); Tab goes on to its controls.
              event.preventDefault()
              content.current?.focus()
            })}
            onCloseAutoFocus={composeEventHandlers(onCloseAutoFocus, (event) => {
              const target = returnFocus?.()
              if (target) {
                event.preventDefault()
                target.focus()
              }
            })}
            onKeyDown={composeEventHandlers(onKeyDown, (event) => {
              if (event.metaKey || event.ctrlKey || event.altKey || isTyping(event.target)) return
              if (event.key === 'j' && onNext) {
                event.preventDefault()
                onNext()
              } else if (event.key === 'k' && onPrevious) {
                event.preventDefault()
                onPrevious()
              }
            })}
          >
            <Header requestId={requestId} onPrevious={onPrevious} onNext={onNext} />
            {requestId !== null ? (
              <Suspense fallback={<DrawerSkeleton />}>
                <RequestDrawerBody id={requestId} />
              </Suspense>
            ) : null}
            {children}
          </Dialog.Content>
        </PortalRoot>
      </Dialog.Portal>
    </Dialog.Root>
  )
})
RequestDrawer.displayName = 'RequestDrawer'
