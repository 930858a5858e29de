import * as Dialog from '@radix-ui/react-dialog'
import { type ReactNode, Suspense, lazy } from 'react'
import { Skeleton } from '../components/WidgetState.js'
import { ChevronLeftIcon, ChevronRightIcon, CloseIcon } from '../components/icons.js'
import { UsageRoot } from '../components/UsageRoot.js'

const RequestDrawerBody = lazy(() => import('./RequestDrawerBody.js'))

export interface RequestDrawerProps {
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

/**
 * One request's details in a side drawer (full-screen below 640 px): Esc closes and focus returns
 * to the row that opened it; J and K step to the older and newer request.
 */
export function RequestDrawer({ requestId, onClose, onPrevious, onNext, returnFocus }: RequestDrawerProps): ReactNode {
  return (
    <Dialog.Root open={requestId !== null} onOpenChange={(open) => (open ? undefined : onClose())}>
      <Dialog.Portal>
        <UsageRoot>
          <Dialog.Overlay className="uk-drawer-overlay" />
          <Dialog.Content
            className="uk-drawer"
            aria-describedby={undefined}
            onCloseAutoFocus={(event) => {
              const target = returnFocus?.()
              if (target) {
                event.preventDefault()
                target.focus()
              }
            }}
            onKeyDown={(event) => {
              if (event.metaKey || event.ctrlKey || event.altKey || isTyping(event.target)) return
              if (event.key === 'j' && onNext) {
                event.preventDefault()
                onNext()
              } else if (event.key === 'k' && onPrevious) {
                event.preventDefault()
                onPrevious()
              }
            }}
          >
            <div className="uk-drawer-header">
              <Dialog.Title className="uk-card-title">Request</Dialog.Title>
              <div className="uk-toolbar">
                <button type="button" className="uk-button" data-variant="ghost" onClick={onPrevious} disabled={!onPrevious} aria-label="Newer request (K)" title="Newer request (K)">
                  <ChevronLeftIcon />
                </button>
                <button type="button" className="uk-button" data-variant="ghost" onClick={onNext} disabled={!onNext} aria-label="Older request (J)" title="Older request (J)">
                  <ChevronRightIcon />
                </button>
                <Dialog.Close className="uk-button" data-variant="ghost" aria-label="Close">
                  <CloseIcon />
                </Dialog.Close>
              </div>
            </div>
            <div className="uk-drawer-body">
              {requestId !== null ? (
                <Suspense fallback={<Skeleton height={320} />}>
                  <RequestDrawerBody id={requestId} />
                </Suspense>
              ) : null}
            </div>
          </Dialog.Content>
        </UsageRoot>
      </Dialog.Portal>
    </Dialog.Root>
  )
}
